from assistant.answering.evidence import MIN_DENSE_WITHOUT_TERMS, assess
from assistant.answering.terms import Term
from assistant.index.indexed_passage import IndexedPassage
from assistant.index.retriever import SearchHit


def hit(text: str, dense: float = 0.9, context: str = "") -> SearchHit:
    passage = IndexedPassage(id=text[:8], file="t.txt", line=1, end_line=1, text=text, context=context,
                             doc_kind="text", title="t", years=(112,), agencies=())
    return SearchHit(passage, 0.1, {"dense": 1}, 1.0, dense)


def key(text: str, weight: float = 1.0) -> Term:
    return Term(text, weight, True, True)


def test_evidence_is_strong_when_one_passage_holds_the_key_terms():
    evidence = assess([hit("社宅分級租金補助作業")], [key("社宅"), key("租金")])
    assert not evidence.weak and evidence.coverage == 1.0 and evidence.missing == ()


def test_key_terms_split_across_passages_do_not_add_up():
    evidence = assess([hit("新北市捷運局"), hit("社會住宅興辦")], [key("新北", 3.0), key("社會住宅", 3.0)])
    assert evidence.weak and evidence.coverage == 0.5


def test_a_missing_rare_key_term_makes_evidence_weak():
    evidence = assess([hit("蔣市長主持會議")], [key("市長", 1.0), key("生日", 6.0)])
    assert evidence.weak and evidence.missing == ("生日",)


def test_the_heading_counts_as_part_of_the_passage():
    assert not assess([hit("112年度發布新聞稿計558則", context="速處輿情反映")], [key("輿情")]).weak


def test_without_key_terms_only_a_close_dense_match_counts():
    non_key = Term("generative", 7.0, False, False)
    assert assess([hit("任何", dense=MIN_DENSE_WITHOUT_TERMS - 0.01)], [non_key]).weak
    assert not assess([hit("任何", dense=MIN_DENSE_WITHOUT_TERMS + 0.01)], [non_key]).weak
