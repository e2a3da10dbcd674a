"""The 004 parser against the real file; expected values are from DATA-GUIDE.md and reading the file."""

from dataclasses import replace

import pytest

from assistant.corpus.lexicon import load_lexicon
from assistant.corpus.manifest import Corpus, Document
from assistant.errors import ParseError
from assistant.parsing.models import BudgetFigure, PerformanceGoal
from assistant.parsing.performance_report import parse

FILE = "004_d9643f6566d7e10e.txt"
YEARS = (109, 110, 111, 112)


@pytest.fixture(scope="module")
def doc(corpus: Corpus) -> Document:
    return corpus.get(FILE)


@pytest.fixture(scope="module")
def result(doc):
    return parse(doc, load_lexicon())


def figures(result, table: str) -> dict[tuple[str, int], BudgetFigure]:
    return {(r.item, r.year_roc): r for r in result.records if isinstance(r, BudgetFigure) and r.table == table}


def goals(result) -> list[PerformanceGoal]:
    return [r for r in result.records if isinstance(r, PerformanceGoal)]


def goal_at(result, line: int) -> PerformanceGoal:
    return next(g for g in goals(result) if g.line == line)


def test_clean_parse_has_no_warnings(result):
    assert result.warnings == []


def test_budget_table_has_the_guides_figures(result):
    budget = figures(result, "預算")
    expected = {
        "預算": (267, 275, 268, 311),
        "決算": (244, 254, 258, 303),
        "執行率": (91.3, 92.3, 96.2, 97.5),
    }
    assert len(budget) == 12
    assert {key: f.value for key, f in budget.items()} == {
        (item, year): value for item, values in expected.items() for year, value in zip(YEARS, values)
    }
    assert budget[("執行率", 112)].value == 97.5 and budget[("預算", 112)].value == 311


def test_budget_units_come_from_caption_and_row_label(result):
    budget = figures(result, "預算")
    assert {f.unit for (item, _), f in budget.items() if item in ("預算", "決算")} == {"百萬元"}
    assert {f.unit for (item, _), f in budget.items() if item == "執行率"} == {"%"}
    assert {f.line for f in budget.values()} == {15, 16, 17}


def test_staffing_table_values(result):
    staff = figures(result, "人力")
    expected = {
        "人事費占決算比例": (83.6, 84.9, 85.5, 76.3),
        "人事費": (203697, 215345, 220663, 231204),
        "合計": (189, 177, 173, 195),
        "職員": (134, 125, 128, 137),
        "約聘僱人員": (29, 27, 23, 37),
        "警員": (0, 0, 0, 0),
        "技工工友": (26, 25, 22, 21),
    }
    assert {key: f.value for key, f in staff.items()} == {
        (item, year): value for item, values in expected.items() for year, value in zip(YEARS, values)
    }
    assert staff[("人事費", 112)].value_raw == "231,204"
    assert staff[("合計", 112)].line == 24


def test_staffing_units_percent_thousands_and_none_for_headcounts(result):
    staff = figures(result, "人力")
    assert {f.unit for (item, _), f in staff.items() if item == "人事費占決算比例"} == {"%"}
    assert {f.unit for (item, _), f in staff.items() if item == "人事費"} == {"千元"}
    headcounts = ("合計", "職員", "約聘僱人員", "警員", "技工工友")
    assert {f.unit for (item, _), f in staff.items() if item in headcounts} == {None}


def test_header_rows_are_not_records(result):
    assert not {"預決算", "年度"} & {r.item for r in result.records if isinstance(r, BudgetFigure)}
    for goal in goals(result):
        assert "推動策略" not in goal.goal + goal.strategy
        assert "目標" not in goal.goal
    assert not {36, 39, 42, 45, 48, 51, 55} & {g.line for g in goals(result)}


def test_goal_rows_forward_fill_four_goals(result):
    rows = goals(result)
    assert [(g.line, g.end_line, g.goal) for g in rows] == [
        (37, 37, "拓展城市交流"),
        (40, 40, "拓展城市交流"),
        (43, 46, "提高行政效能"),
        (49, 49, "速處輿情反映"),
        (52, 52, "速處輿情反映"),
        (53, 56, "優化辦公環境"),
    ]
    assert len({g.goal for g in rows}) == 4


def test_page_break_split_l43_l46_is_joined_column_wise(result):
    row = goal_at(result, 43)
    assert "降低錯誤樣態發生。" in row.strategy
    assert "強化庶務系統輔導教育訓練" in row.strategy  # the rest of L46's strategy cell
    assert "均能理解正確觀念。" in row.results
    assert "雙軌併行，除保留實體課程" in row.future


def test_page_break_split_l53_l56_is_joined_column_wise(result):
    row = goal_at(result, 53)
    assert "透過線上報修系統發現問題" in row.strategy
    assert "(二) 建構節能智慧辦公場域" in row.strategy
    assert "淨空走道、設施正常、環境整潔" in row.results
    assert "另辦理機電設備汰換等" in row.future


def test_sub_strategy_rows_stay_separate(result):
    assert goal_at(result, 40).strategy.startswith("(二)接待國際訪賓出席本市舉辦之國際性會議或活動")
    assert goal_at(result, 52).strategy.startswith("(三)迅速處理臨櫃陳情案")
    assert "(二)接待國際訪賓" not in goal_at(result, 37).strategy
    assert "(三)迅速處理臨櫃陳情案" not in goal_at(result, 49).strategy


def test_cell_text_is_paragraphs_without_tags_with_bullets(result):
    for goal in goals(result):
        for text in (goal.goal, goal.strategy, goal.results, goal.future):
            assert "<p>" not in text and "</p>" not in text
    first = goal_at(result, 37)
    assert first.strategy.split("\n")[0] == "(一)訪問國際城市及參與國際組織活動"
    assert first.future.startswith("◆ 廣續規劃市長等府級主管出訪")
    assert goal_at(result, 40).results.startswith("➤ 112年度共接待拜會市長")


def test_goal_names_and_wrap_spaces_are_cleaned(result):
    assert goal_at(result, 43).goal == "提高行政效能"  # printed as <p>提高行政效能</p>
    assert goal_at(result, 49).goal == "速處輿情反映"  # printed as 速處 輿情 反映
    assert "減少人力虛耗等待" in goal_at(result, 43).strategy  # printed 等 待 across a wrap
    assert "G-NETS 首長高峰會" in goal_at(result, 37).results  # a real space next to Latin stays


def test_records_belong_to_the_secretariat_in_112(result):
    assert {r.agency for r in result.records} == {"秘書處"}
    assert {g.year_roc for g in goals(result)} == {112}


def test_document_without_tables_raises_parse_error(doc):
    prose_only = replace(doc, lines=doc.lines[:9])
    with pytest.raises(ParseError):
        parse(prose_only, load_lexicon())


def test_goal_row_with_missing_cell_becomes_a_warning(doc):
    lines = list(doc.lines)
    lines[48] = "\t".join(lines[48].split("\t")[:3])  # L49 loses its last cell
    result = parse(replace(doc, lines=tuple(lines)), load_lexicon())
    assert len(result.warnings) == 1 and result.warnings[0].startswith("L49:")
    assert [g.line for g in goals(result)] == [37, 40, 43, 52, 53]
    assert goal_at(result, 52).goal == "速處輿情反映"  # the skipped row's goal still fills down


def test_row_after_a_skipped_row_is_not_glued_onto_an_earlier_row(doc):
    lines = list(doc.lines)
    lines[52] = "\t".join(lines[52].split("\t")[:3])  # L53 (優化辦公環境) loses a cell; L56 continued it
    result = parse(replace(doc, lines=tuple(lines)), load_lexicon())
    assert goal_at(result, 52).end_line == 52
    assert goal_at(result, 56).goal == "優化辦公環境"


def test_first_goal_row_without_goal_becomes_a_warning(doc):
    lines = list(doc.lines)
    lines[36] = "\t" + lines[36].split("\t", 1)[1]  # L37 loses its 年度目標
    result = parse(replace(doc, lines=tuple(lines)), load_lexicon())
    assert [w[:4] for w in result.warnings] == ["L37:", "L40:"]  # L40 would have inherited L37's goal
    assert goals(result)[0].line == 43


def test_non_numeric_figure_keeps_raw_and_warns(doc):
    lines = list(doc.lines)
    lines[14] = lines[14].replace("311", "-")
    result = parse(replace(doc, lines=tuple(lines)), load_lexicon())
    figure = figures(result, "預算")[("預算", 112)]
    assert figure.value is None and figure.value_raw == "-"
    assert result.warnings and result.warnings[0].startswith("L15:")
