"""The E組 KPI report parser (003) against the real document.

Expected values come from DATA-GUIDE.md (003 section) or from reading the file by eye; the line
numbers cited are 1-based lines of corpus/003_70cb70f59abb1393.txt.
"""

import dataclasses
from collections import Counter

import pytest

from assistant.corpus.lexicon import AgencyLexicon
from assistant.corpus.manifest import Corpus, Document
from assistant.errors import ParseError
from assistant.parsing import kpi_report
from assistant.parsing.models import KpiResult
from assistant.parsing.result import ParseResult

FILE = "003_70cb70f59abb1393.txt"

# The 19 KPI codes of the 109 KPI tables, read off L128–L523.
CODES_109 = [
    "EC1.1", "EC1.2", "EC1.3", "EC1.4", "EC2.1", "EC3.1", "EC3.2",
    "EP1.1", "EP1.2", "EP2.1", "EP2.2", "EP3.1", "EP3.2", "EP4.1", "EP4.2", "EP5.1", "EP5.2",
    "EL1.1", "EF1.1",
]  # fmt: skip

# 110 targets as the 110 goal slides state them (code: (target, line)), read by eye from L701–L865.
# The other 8 of the 17 KPIs have no stated 110 target: EC1.1, EP1.2, EP4.1 (only counts of
# vehicles, L831/L837), EP4.2 (only 660,000趟次, L847), EP5.2, EP5.3, EL1.1, EF1.1.
TARGETS_110 = {
    "EC1.2": (25.2, 716),
    "EC1.3": (26.0, 725),
    "EC2.1": (95.9, 737),
    "EC3.1": (80.0, 769),
    "EC3.2": (90.0, 770),
    "EP1.1": (76.0, 786),
    "EP2.1": (5.0, 805),
    "EP3.1": (418.0, 820),
    "EP5.1": (85.0, 862),
}


@pytest.fixture(scope="module")
def doc(corpus: Corpus) -> Document:
    return corpus.get(FILE)


@pytest.fixture(scope="module")
def result(doc: Document, lexicon: AgencyLexicon) -> ParseResult:
    return kpi_report.parse(doc, lexicon)


def year(result: ParseResult, year_roc: int) -> dict[str, KpiResult]:
    records = [r for r in result.records if isinstance(r, KpiResult) and r.year_roc == year_roc]
    by_code = {r.kpi_code: r for r in records}
    assert len(by_code) == len(records), "a KPI code appears twice in one year"
    return by_code


def test_real_file_parses_without_warnings(result: ParseResult) -> None:
    assert result.warnings == []
    assert {r.group for r in result.records} == {"E"}
    assert {r.year_roc for r in result.records} == {109, 110}


def test_109_has_the_19_kpis_of_the_statistics_table(result: ParseResult) -> None:
    assert list(year(result, 109)) == CODES_109


def test_109_perspective_counts_match_the_statistics_table(result: ParseResult) -> None:
    # L85–L88: 顧客 7, 內部流程 10, 學習成長 1, 財務 1.
    counts = Counter(r.perspective for r in year(result, 109).values())
    assert counts == {"顧客": 7, "內部流程": 10, "學習成長": 1, "財務": 1}


def test_rating_distribution_matches_the_statistics_table(result: ParseResult) -> None:
    # L89: ★2, ●14, ▲1, ×1, ?1.
    counts = Counter(r.rating for r in year(result, 109).values())
    assert counts == {"優": 2, "良": 14, "可": 1, "差": 1, "不明": 1}


def test_ratings_keep_their_raw_form(result: ParseResult) -> None:
    kpis = year(result, 109)
    assert (kpis["EC3.1"].rating, kpis["EC3.1"].rating_raw) == ("優", "★(優)")
    assert (kpis["EC1.1"].rating, kpis["EC1.1"].rating_raw) == ("良", "●(良)")
    assert (kpis["EF1.1"].rating, kpis["EF1.1"].rating_raw) == ("可", "▲(可)")
    assert (kpis["EP2.2"].rating, kpis["EP2.2"].rating_raw) == ("差", "×差")


def test_met_target_counts_match_the_statistics_table(result: ParseResult) -> None:
    # "Met" is 目標達成度 ≥ 100; the document marks nothing else. L89: 16 met, 3 not,
    # by perspective (L85–L88): 顧客 7/0, 內部流程 8/2, 學習成長 1/0, 財務 0/1.
    kpis = year(result, 109).values()
    assert all(r.achievement is not None for r in kpis)
    missed = {r.kpi_code for r in kpis if r.achievement < 100}
    assert missed == {"EP2.2", "EP3.1", "EF1.1"}
    met = Counter(r.perspective for r in kpis if r.achievement >= 100)
    assert met == {"顧客": 7, "內部流程": 8, "學習成長": 1}


def test_exploded_ec21_table(result: ParseResult) -> None:
    ec21 = year(result, 109)["EC2.1"]
    assert ec21.kpi_name == "福利服務使用者滿意度"
    assert (ec21.target, ec21.actual, ec21.achievement, ec21.score) == (94.6, 94.79, 100.2, 88.9)
    assert ec21.rating == "良"
    assert (ec21.line, ec21.end_line, ec21.value_line) == (290, 307, 294)


def test_ef11_actual_and_qualitative_target(result: ParseResult) -> None:
    ef11 = year(result, 109)["EF1.1"]
    assert (ef11.actual, ef11.value_line) == (52.85, 523)
    assert ef11.target is None
    assert ef11.target_raw == "公務 81%以上 公彩 81%以上 社發 81%以上"
    assert (ef11.achievement, ef11.score) == (65.25, 79.7)


def test_negative_indicator_ep51(result: ParseResult) -> None:
    ep51 = year(result, 109)["EP5.1"]
    assert ep51.kpi_name == "家庭暴力高危機案件解列後再列管率"
    assert (ep51.target, ep51.actual, ep51.achievement) == (3.57, 2.88, 124.0)


def test_heterogeneous_values(result: ParseResult) -> None:
    kpis = year(result, 109)
    assert (kpis["EP4.1"].target_raw, kpis["EP4.1"].target, kpis["EP4.1"].actual) == ("100%", 100.0, 101.18)
    assert (kpis["EP2.2"].actual_raw, kpis["EP2.2"].actual, kpis["EP2.2"].achievement) == ("-1", -1.0, -29.4)
    ep32 = kpis["EP3.2"]
    assert (ep32.target_raw, ep32.target) == ("4,143 (身障3,107+ 老人1,036)", None)
    assert (ep32.actual_raw, ep32.actual) == ("5,920 (身障4,631+ 老人1,289)", None)
    ep12 = kpis["EP1.2"]
    assert (ep12.target_raw, ep12.actual_raw) == ("高於6都平均值", "高於6都平均值")
    assert (ep12.target, ep12.actual) == (None, None)


def test_exempt_row_has_no_scores_and_rating_unknown(result: ParseResult) -> None:
    ep12 = year(result, 109)["EP1.2"]
    assert ep12.achievement == 100.0
    assert ep12.score is None
    assert ep12.rating == "不明"
    assert ep12.rating_raw == "本項KPI屬資料統計，免予評核。"


def test_value_lines_hold_the_actual_values(doc: Document, result: ParseResult) -> None:
    for record in year(result, 109).values():
        assert record.line <= record.value_line <= record.end_line
        assert record.actual_raw in doc.line(record.value_line), record.kpi_code


def test_109_goals_come_from_the_slides(result: ParseResult) -> None:
    goals = {r.goal_code: r.goal_name for r in year(result, 109).values()}
    assert goals == {
        "EC1": "強化弱勢關懷",
        "EC2": "提升福利服務滿意度",
        "EC3": "強化新移民社會支持",
        "EP1": "打造友善生養城市",
        "EP2": "推動長青樂齡環境",
        "EP3": "深化社福力",
        "EP4": "完善無障礙交通環境",
        "EP5": "建構社會安全網絡",
        "EL1": "培育優秀人力",
        "EF1": "提高預算執行效能",
    }


def test_110_lists_the_17_revised_kpis(result: ParseResult) -> None:
    kpis = year(result, 110)
    assert len(kpis) == 17
    # L689–L692: 顧客 6, 內部流程 9, 學習成長 1, 財務 1 after revision.
    assert Counter(r.perspective for r in kpis.values()) == {"顧客": 6, "內部流程": 9, "學習成長": 1, "財務": 1}
    assert all(r.actual is None and r.rating is None for r in kpis.values())


def test_110_codes_carry_that_years_names(result: ParseResult) -> None:
    kpis_109, kpis_110 = year(result, 109), year(result, 110)
    assert kpis_109["EC1.1"].kpi_name == "弱勢家庭關懷訪視服務涵蓋率"
    assert kpis_110["EP5.1"].kpi_name == "弱勢家庭關懷訪視服務涵蓋率"
    assert kpis_110["EC1.1"].kpi_name == "特定對象就業媒合率"
    assert kpis_110["EP2.1"].kpi_name == "敬老卡擴大使用成長率"
    assert "EP3.2" not in kpis_110 and "EP5.3" in kpis_110
    assert kpis_110["EP1.1"].goal_name == "打造友善生養環境"
    assert kpis_110["EC1.1"].goal_name == "提升弱勢經濟能力"


def test_110_ep51_target(result: ParseResult) -> None:
    ep51 = year(result, 110)["EP5.1"]
    assert (ep51.target, ep51.target_raw, ep51.value_line) == (85.0, "85%", 862)


def test_110_targets_where_stated(doc: Document, result: ParseResult) -> None:
    kpis = year(result, 110)
    found = {code: (r.target, r.value_line) for code, r in kpis.items() if r.target is not None}
    assert found == TARGETS_110
    for code, (_, line) in TARGETS_110.items():
        assert kpis[code].target_raw in doc.line(line)
    assert all(r.target_raw is None for r in kpis.values() if r.target is None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4,143", 4143.0),
        ("100%", 100.0),
        ("-1", -1.0),
        ("**25.6%**", 25.6),
        ("<p>52.85</p>", 52.85),
        ("１００％", 100.0),
        ("高於6都平均值", None),
        ("4,143 (身障3,107+ 老人1,036)", None),
        ("公務 81%以上", None),
        ("", None),
    ],
)
def test_parse_number(text: str, expected: float | None) -> None:
    assert kpi_report.parse_number(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("●(良)", "良"), ("★(優)", "優"), ("▲(可)", "可"), ("×差", "差"), ("?", "不明"), ("？ 績效不明", "不明"), ("", None)],
)
def test_parse_rating(text: str, expected: str | None) -> None:
    assert kpi_report.parse_rating(text) == expected


def test_row_without_code_becomes_a_warning(doc: Document, lexicon: AgencyLexicon) -> None:
    lines = list(doc.lines)
    assert lines[127].startswith("EC1.1")
    lines[127] = lines[127].removeprefix("EC1.1")
    result = kpi_report.parse(dataclasses.replace(doc, lines=tuple(lines)), lexicon)
    assert "EC1.1" not in year(result, 109)
    assert len(year(result, 109)) == 18
    assert any(w.startswith("L128:") for w in result.warnings)
    assert any("EC1.1" in w and "KSF" in w for w in result.warnings)


def test_exploded_row_cut_short_becomes_a_warning(doc: Document, lexicon: AgencyLexicon) -> None:
    lines = list(doc.lines)
    assert lines[306] == "●(良)"
    lines[306] = ""
    result = kpi_report.parse(dataclasses.replace(doc, lines=tuple(lines)), lexicon)
    assert "EC2.1" not in year(result, 109)
    assert any(w.startswith("L290:") and "cut short" in w for w in result.warnings)


def test_document_of_another_shape_is_a_parse_error(doc: Document, lexicon: AgencyLexicon) -> None:
    with pytest.raises(ParseError):
        kpi_report.parse(dataclasses.replace(doc, lines=("本報告無表格",)), lexicon)
