from assistant.answering.gather.stated import stated_totals
from assistant.index.indexed_passage import IndexedPassage


def passage(text: str) -> IndexedPassage:
    return IndexedPassage(id="t:1-1", file="t", line=1, end_line=1 + text.count("\n"), text=text, doc_kind="text",
                          title="t", years=(), agencies=())


def test_a_total_is_a_number_classifier_and_noun_in_a_sentence_that_says_total():
    found = stated_totals([passage("本主題共 18 項策略目標、35 項關鍵績效指標以及 14 項施政重點。")], ["施政重點"])
    assert [(t.number, t.quote) for t in found] == [(14, "本主題共 18 項策略目標、35 項關鍵績效指標以及 14 項施政重點")]


def test_a_passing_mention_is_no_total():
    assert stated_totals([passage("另有 3 項施政重點待討論。")], ["施政重點"]) == []


def test_the_line_of_a_total_in_a_longer_passage():
    found = stated_totals([passage("前言\n本年度計簽署 8 項合作備忘錄。")], ["合作備忘錄"])
    assert found[0].line == 2


def test_a_total_inside_markup_is_quoted_without_the_tags_and_bullet():
    found = stated_totals([passage("</p>\t<p>▶ 服務中心計有甲局、乙局等2個機關進駐，方便民眾。</p>")], ["機關"])
    assert [(t.number, t.quote) for t in found] == [(2, "服務中心計有甲局、乙局等2個機關進駐，方便民眾")]
