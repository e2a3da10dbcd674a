from assistant.answering.gather.stated import asked_column, stated_totals, table_totals
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


# --- totals in a table's total row ---------------------------------------------------------------------

GROUPED = ["前文一段", "", "\t目標\t\t方案\t", "\t修訂前\t修訂後\t修訂前\t修訂後", "甲面\t3\t2(-1)\t4\t4",
           "合計\t5\t4\t9\t8"]


def test_a_grouped_header_splits_the_total_row_evenly_under_its_cells():
    [total] = table_totals(GROUPED, "方案", reach=10)
    assert (total.header_line, total.line, total.label) == (3, 6, "方案")
    assert list(zip(total.columns, total.values)) == [("修訂前", "9"), ("修訂後", "8")]


def test_a_space_separated_table_with_a_single_header_row():
    lines = ["項目 場次 人次", "上半年 2 30", "", "總計 5 70"]
    [total] = table_totals(lines, "人次", reach=10)
    assert (total.header_line, total.columns, total.values) == (1, ("人次",), ("70",))


def test_no_total_when_no_header_cell_is_the_noun_or_the_row_is_not_all_figures():
    assert table_totals(GROUPED, "指標", reach=10) == []
    assert table_totals(["目標 方案", "合計 共五項 9"], "方案", reach=10) == []


def test_the_header_must_lie_within_reach():
    assert table_totals(GROUPED, "方案", reach=2) == []


def test_the_asked_column_is_the_one_sharing_most_characters_with_the_question():
    assert asked_column(("修訂前", "修訂後"), "修正以後剩幾項") == 1
    assert asked_column(("修訂前", "修訂後"), "一共幾項") is None


def test_a_number_with_da_counts_as_a_classifier():
    found = stated_totals([passage("本府選定甲、乙等 8 大策略主題，共發表 139 項策略目標。")], ["策略主題"])
    assert [t.number for t in found] == [8]
