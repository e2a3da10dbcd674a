import pytest

from assistant.answering.contract import Item
from assistant.evaluation.scoring import RetrievalScore, item_spans, score_answer, score_error
from tests.evaluation.builders import PROGRESS, SECRETARIAT, answer, cite, listed, question

SOCIAL_LEAD = [41, 42, 43, 63, 64, 80, 95, 96]


def list_question(lines=SOCIAL_LEAD, **extra):
    refs = [{"file": PROGRESS, "line": n} for n in lines]
    return question(type="list", expected_items=refs, expected_count=len(lines), evidence=refs, **extra)


class TestList:
    def test_the_exact_set_with_valid_citations_passes(self, corpus_lines):
        items, citations = listed(corpus_lines, PROGRESS, SOCIAL_LEAD)
        result = score_answer(list_question(), answer("八項", items=items, citations=citations), corpus_lines)
        assert result.ok and result.failures == []
        assert (result.items_precision, result.items_recall, result.items_f1) == (1.0, 1.0, 1.0)
        assert result.citation_recall == 1.0 and result.citations_valid == result.citations == 8

    def test_missing_and_extra_rows_lower_the_scores_and_are_named(self, corpus_lines):
        items, citations = listed(corpus_lines, PROGRESS, [41, 42, 43, 63, 64, 80, 6])
        result = score_answer(list_question(), answer(items=items, citations=citations), corpus_lines)
        assert not result.ok
        assert result.items_precision == pytest.approx(6 / 7)
        assert result.items_recall == pytest.approx(6 / 8)
        assert any("2 of 8 expected missing" in f and "L95" in f for f in result.failures)
        assert any("1 listed item(s) not expected" in f for f in result.failures)
        assert any("evidence not cited" in w for w in result.warnings)

    def test_an_item_is_located_by_its_record_fields_without_citations(self, corpus_lines):
        items = [Item(label="#31", fields={"file": PROGRESS, "line": 41, "end_line": 41}, citations=[])]
        result = score_answer(list_question([41]), answer(items=items), corpus_lines)
        assert result.items_f1 == 1.0
        assert item_spans(answer(items=items))[0][0].line == 41

    def test_a_refused_list_scores_zero_and_says_why(self, corpus_lines):
        result = score_answer(list_question(), answer("查無資料", kind="refusal", refused=True), corpus_lines)
        assert not result.ok and not result.refusal_correct
        assert result.items_f1 == 0.0 and result.citation_recall == 0.0
        assert result.failures == ["refused an answerable question"]

    def test_must_contain_counts_for_lists_too(self, corpus_lines):
        items, citations = listed(corpus_lines, PROGRESS, [41])
        q = list_question([41], must_contain=["孕婦愛心專車"])
        assert not score_answer(q, answer("一項", items=items, citations=citations), corpus_lines).ok
        assert score_answer(q, answer("提升孕婦愛心專車服務", items=items, citations=citations), corpus_lines).ok


class TestCitations:
    def test_a_quote_not_at_its_lines_fails_the_answer(self, corpus_lines):
        citations = [cite(corpus_lines, 1, SECRETARIAT, 17, quote="97.5"),
                     cite(corpus_lines, 2, SECRETARIAT, 16, quote="97.5")]
        q = question(type="lookup", expected_values=["97.5"], evidence=[{"file": SECRETARIAT, "line": 17}])
        result = score_answer(q, answer("97.5%", kind="lookup", citations=citations), corpus_lines)
        assert not result.ok
        assert (result.citations, result.citations_valid) == (2, 1)
        assert any("citation [2]" in f for f in result.failures)
        assert result.citation_recall == 1.0

    def test_no_citations_is_not_invalid_but_recalls_nothing(self, corpus_lines):
        q = question(type="lookup", expected_values=["97.5"], evidence=[{"file": SECRETARIAT, "line": 17}])
        result = score_answer(q, answer("97.5%", kind="lookup"), corpus_lines)
        assert result.ok and result.must_contain_ok
        assert result.citations == 0 and result.citation_recall == 0.0


class TestLookupAndFree:
    def test_expected_values_must_all_appear(self, corpus_lines):
        q = question(type="lookup", expected_values=["267", "244"], evidence=[{"file": SECRETARIAT, "line": 15}])
        assert score_answer(q, answer("預算 267 百萬元、決算 244", kind="lookup"), corpus_lines).ok
        result = score_answer(q, answer("預算 267 百萬元", kind="lookup"), corpus_lines)
        assert not result.ok and result.failures == ["must contain: missing ['244']"]

    def test_full_width_values_match_after_nfkc(self, corpus_lines):
        q = question(type="lookup", expected_values=["３"], evidence=[{"file": SECRETARIAT, "line": 15}])
        assert score_answer(q, answer("111年目標值為 3", kind="lookup"), corpus_lines).must_contain_ok


class TestCount:
    def test_stated_count(self, corpus_lines):
        q = question(type="count", expected_count=334, must_contain=["334"],
                     evidence=[{"file": "001_f78f01ac8dc70682.txt", "line": 9}])
        assert score_answer(q, answer("共 334 項 [1]", kind="count"), corpus_lines).count_correct
        result = score_answer(q, answer("共 306 項", kind="count"), corpus_lines)
        assert result.count_correct is False
        assert any("expected 334" in f and "306" in f for f in result.failures)

    def test_a_count_without_items_is_not_failed_for_its_items(self, corpus_lines):
        rows = [{"file": PROGRESS, "line": 41}, {"file": PROGRESS, "line": 42}]
        q = question(type="count", expected_count=2, expected_items=rows, evidence=rows)
        result = score_answer(q, answer("共 2 項", kind="count"), corpus_lines)
        assert result.ok and result.items_recall == 0.0
        assert any("items:" in w for w in result.warnings)


class TestRefusal:
    def test_refusing_an_unanswerable_question_passes(self, corpus_lines):
        q = question(id="unans-001", type="unanswerable", expect_refusal=True)
        result = score_answer(q, answer("資料未涵蓋113年", kind="refusal", refused=True), corpus_lines)
        assert result.ok and result.refusal_correct
        assert result.citation_recall is None and result.must_contain_ok is None

    def test_answering_an_unanswerable_question_fails(self, corpus_lines):
        q = question(id="unans-001", type="unanswerable", expect_refusal=True)
        result = score_answer(q, answer("113年已完成 5 項", kind="free"), corpus_lines)
        assert not result.ok and not result.refusal_correct


def test_retrieval_shortfall_is_a_warning_not_a_failure(corpus_lines):
    q = question(type="lookup", expected_values=["97.5"], evidence=[{"file": SECRETARIAT, "line": 17}])
    retrieval = RetrievalScore(recall_at_k=0.0, reciprocal_rank=0.0, top=[])
    result = score_answer(q, answer("97.5", kind="lookup"), corpus_lines, retrieval=retrieval)
    assert result.ok and any("retrieval" in w for w in result.warnings)


def test_an_error_scores_every_applicable_metric_as_failed():
    result = score_error(list_question(must_contain=["親子館"]), "RuntimeError: boom", latency_ms=3.0)
    assert not result.ok and result.error == "RuntimeError: boom"
    assert (result.items_f1, result.must_contain_ok, result.citation_recall) == (0.0, False, 0.0)
    assert result.refused is None and not result.refusal_correct
