"""The 107年 strategy map parser (001) against the real document.

Expected values come from DATA-GUIDE.md (001 section) or from reading the file by eye;
the per-theme counts are also checked against the document's own intro sentences.
"""

import dataclasses
import re
from collections import Counter

import pytest

from assistant.corpus.lexicon import AgencyLexicon
from assistant.corpus.manifest import Corpus, Document
from assistant.errors import ParseError
from assistant.parsing import strategy_map
from assistant.parsing.models import StrategyKpi
from assistant.parsing.result import ParseResult

FILE = "001_f78f01ac8dc70682.txt"
THEMES = "ABCDEFGH"
GUIDE_KPIS = {"A": 33, "B": 46, "C": 51, "D": 25, "E": 35, "F": 35, "G": 41, "H": 40, "T": 28}
GUIDE_GOALS = {"A": 15, "B": 18, "C": 19, "D": 16, "E": 16, "F": 18, "G": 17, "H": 20, "T": 14}
CJK_GAP = re.compile(r"[\u4e00-\u9fff]\s+[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def doc(corpus: Corpus) -> Document:
    return corpus.get(FILE)


@pytest.fixture(scope="module")
def result(doc: Document, lexicon: AgencyLexicon) -> ParseResult:
    return strategy_map.parse(doc, lexicon)


@pytest.fixture(scope="module")
def kpis(result: ParseResult) -> list[StrategyKpi]:
    return [r for r in result.records if isinstance(r, StrategyKpi)]


def at(kpis: list[StrategyKpi], line: int) -> StrategyKpi:
    """The KPI whose row starts on `line` (codes are not unique in this file)."""
    [kpi] = [k for k in kpis if k.line == line]
    return kpi


def stated_counts(doc: Document) -> dict[str, tuple[int, int]]:
    """(goals, KPIs) per theme as the intro sentences state them, read independently of the parser."""
    counts: dict[str, tuple[int, int]] = {}
    theme = None
    for line in doc.lines:
        if heading := re.search(r"、.+\(([A-H])\)\s*$", line):
            theme = heading[1]
        elif stated := re.search(r"共 (\d+) 項策略目標、(\d+) 項關鍵績效指標", line):
            counts[theme] = (int(stated[1]), int(stated[2]))
    return counts


def test_every_kpi_is_parsed_without_warnings(result: ParseResult, kpis: list[StrategyKpi]) -> None:
    assert len(result.records) == len(kpis) == 334
    assert result.warnings == []


def test_kpis_per_theme_match_guide_and_intro_sentences(doc: Document, kpis: list[StrategyKpi]) -> None:
    parsed = Counter(k.theme_code for k in kpis)
    assert parsed == GUIDE_KPIS
    stated = stated_counts(doc)
    assert sorted(stated) == list(THEMES)
    assert {t: parsed[t] for t in THEMES} == {t: stated[t][1] for t in THEMES}


def test_goals_per_theme_match_guide_and_intro_sentences(doc: Document, kpis: list[StrategyKpi]) -> None:
    goals = Counter(theme for theme, _ in {(k.theme_code, k.goal_code) for k in kpis})
    assert goals == GUIDE_GOALS
    stated = stated_counts(doc)
    assert {t: goals[t] for t in THEMES} == {t: stated[t][0] for t in THEMES}


def test_records_point_at_their_source_rows(doc: Document, kpis: list[StrategyKpi]) -> None:
    assert len({k.line for k in kpis}) == len(kpis)
    for kpi in kpis:
        assert kpi.file == FILE and kpi.year_roc == 107
        assert kpi.line <= kpi.end_line
        assert kpi.kpi_code in doc.line(kpi.line)


def test_theme_names(kpis: list[StrategyKpi]) -> None:
    names = {k.theme_code: k.theme_name for k in kpis}
    assert names["A"] == "營造永續環境"
    assert names["C"] == "發展多元文化"
    assert names["D"] == "優化產業勞動"
    assert names["H"] == "精實良善治理"
    assert names["T"] == "共通性參考指標"


def test_goals_are_forward_filled_with_or_without_space(kpis: list[StrategyKpi]) -> None:
    assert (at(kpis, 36).goal_code, at(kpis, 36).goal_name) == ("AC1", "提升市民對環境滿意度")
    ac2_3 = at(kpis, 39)
    assert (ac2_3.kpi_code, ac2_3.goal_code, ac2_3.goal_name) == ("AC2.3", "AC2", "提升環境品質")
    assert at(kpis, 137).goal_code == "BP6"
    assert at(kpis, 139).goal_code == "BP6"  # after a blank line inside the table


def test_goal_name_split_over_three_lines(kpis: list[StrategyKpi]) -> None:
    af1_1 = at(kpis, 69)
    assert af1_1.kpi_code == "AF1.1"
    assert af1_1.goal_name == "覈實編列年度預算"
    assert af1_1.end_line == 71


def test_perspectives_from_bold_and_plain_dividers(kpis: list[StrategyKpi]) -> None:
    expected = {
        36: "顧客",  # AC1.1 under <b>顧客構面</b>
        49: "內部流程",  # AP1.1
        66: "學習成長",  # AL1.1
        69: "財務",  # AF1.1
        409: "內部流程",  # FP8.2, just above the plain divider
        412: "學習成長",  # FL1.1 under plain 學習成長 (L411)
        418: "財務",  # FF1.1 under plain 財務構面 (L417)
        558: "學習成長",  # HL1.1 under <b>學習成長(new)</b>
        566: "學習成長",  # HL4.1
        568: "財務",  # HF1.1 under plain 財務構面 (L567)
        628: "財務",  # TF6.1, last row of the file
    }
    assert {line: at(kpis, line).perspective for line in expected} == expected


def test_kpi_name_continuation(kpis: list[StrategyKpi]) -> None:
    cp5_4 = at(kpis, 218)
    assert cp5_4.kpi_code == "CP5.4"
    assert cp5_4.kpi_name == "台北市參與國際城市展演活動場次"
    assert cp5_4.end_line == 220


def test_column_shift_on_ep5_3(kpis: list[StrategyKpi]) -> None:
    ep5_3 = at(kpis, 353)
    assert ep5_3.kpi_code == "EP5.3"
    assert ep5_3.kpi_name == "無障礙交通設施與人本通行環境之推動"
    assert ep5_3.goal_code == "EP5"
    assert ep5_3.agencies == ["交通局"]
    assert ep5_3.end_line == 355
    assert at(kpis, 356).kpi_code == "EP6.1"


def test_soft_wrap_spaces_and_inline_tags(kpis: list[StrategyKpi]) -> None:
    for kpi in kpis:
        assert "<" not in kpi.kpi_name and "<" not in kpi.goal_name, kpi.label()
        assert not CJK_GAP.search(kpi.kpi_name), kpi.label()
    assert at(kpis, 227).kpi_name == "本市參加全國運動會金牌數佔總金牌數百分比"
    assert at(kpis, 232).kpi_name == "專業職能訓練完成率(多元文化敏感度研習課程)"
    assert at(kpis, 251).kpi_name == "本市 3 大生態博物園區相關預算執行率"
    assert at(kpis, 143).kpi_name == "SOP 定期檢視完成度 (健全都市類)"
    assert at(kpis, 549).kpi_name == "i-Voting 民眾提案完成附議件數"
    assert at(kpis, 37).kpi_name == "細懸浮微粒(PM2.5)年平均濃度"
    assert at(kpis, 38).kpi_name == "臭氧(O3年平均濃度)"


def test_agency_continuation_rows(kpis: list[StrategyKpi], lexicon: AgencyLexicon) -> None:
    cc1_1 = at(kpis, 190)
    assert cc1_1.kpi_code == "CC1.1"
    assert (cc1_1.line, cc1_1.end_line) == (190, 194)
    spellings = ["民政局", "文化局", "客委會", "原民會", "捷運公司"]
    assert cc1_1.agencies == [lexicon.canonical(s) for s in spellings]
    assert cc1_1.agencies[2:4] == ["客家事務委員會", "原住民族事務委員會"]
    assert cc1_1.agencies_raw == " ".join(spellings)
    ranges = {k.kpi_code: (k.line, k.end_line) for k in kpis if k.line in (107, 109, 221, 407, 350)}
    assert ranges == {
        "BC4.1": (107, 108),
        "BC4.2": (109, 110),
        "CP6.1": (221, 223),
        "FP8.1": (407, 408),
        "EP5.1": (350, 351),
    }
    assert lexicon.canonical("捷運公司") in at(kpis, 109).agencies
    assert at(kpis, 350).agencies == ["交通局", "社會局"]


def test_wccd_flags(kpis: list[StrategyKpi]) -> None:
    flagged = [k for k in kpis if k.wccd]
    assert len(flagged) == 15
    ac4_1 = at(kpis, 44)
    assert ac4_1.wccd and ac4_1.agencies == ["臺北自來水事業處"] and ac4_1.agencies_raw == "北水處(WCCD)"
    assert {k.kpi_code for k in flagged} >= {"AP2.2", "BP6.3", "GC2.3", "HP7.1"}
    assert all("WCCD" not in name for k in kpis for name in k.agencies)


def test_agency_decorations_and_placeholders(kpis: list[StrategyKpi]) -> None:
    assert at(kpis, 481).agencies == ["衛生局", "社會局"]
    assert at(kpis, 339).agencies == ["民政局", "社會局"]
    assert at(kpis, 57).agencies == ["翡翠水庫管理局"]  # spelled 翡翠局
    placeholders = {141: "本組成員機關", 301: "本組各機關", 412: "本組各機關", 575: "分組各機關"}
    for line, placeholder in placeholders.items():
        assert at(kpis, line).agencies == []
        assert at(kpis, line).agencies_raw == placeholder


def test_code_anomalies_kept_as_printed(kpis: list[StrategyKpi]) -> None:
    tl2_1 = at(kpis, 143)
    assert (tl2_1.theme_code, tl2_1.goal_code, tl2_1.kpi_code) == ("B", "BL3", "TL2.1")
    fl3_1 = [(k.line, k.goal_code) for k in kpis if k.kpi_code == "FL3.1"]
    assert fl3_1 == [(414, "FL1"), (416, "FL3")]
    assert [(k.goal_code, k.kpi_code) for k in kpis if k.line >= 626] == [
        ("TF4", "TF5.1"),
        ("TF4", "TF5.2"),
        ("TF5", "TF6.1"),
    ]


def test_count_mismatch_is_warned(doc: Document, lexicon: AgencyLexicon) -> None:
    lines = [line.replace("33 項關鍵績效指標", "34 項關鍵績效指標") for line in doc.lines]
    assert lines != list(doc.lines)
    result = strategy_map.parse(dataclasses.replace(doc, lines=tuple(lines)), lexicon)
    assert len(result.records) == 334
    assert [w for w in result.warnings if "theme A" in w and "34" in w]


def test_unplaceable_rows_become_warnings(doc: Document, lexicon: AgencyLexicon) -> None:
    header = next(i for i, line in enumerate(doc.lines) if line.startswith("策略目標\tKPI"))
    stray = ("\t\t孤兒局", "\tZZ1.1 沒有構面的指標\t環保局")
    lines = doc.lines[: header + 1] + stray + doc.lines[header + 1 :]
    result = strategy_map.parse(dataclasses.replace(doc, lines=lines), lexicon)
    assert len(result.records) == 334
    assert any("孤兒局" in w for w in result.warnings)
    assert any("ZZ1.1" in w for w in result.warnings)


def test_unknown_agency_is_warned(doc: Document, lexicon: AgencyLexicon) -> None:
    row = "AC1.1 環境滿意度\t環保局"
    lines = tuple(line.replace(row, row + " 火星局") for line in doc.lines)
    assert lines != doc.lines
    result = strategy_map.parse(dataclasses.replace(doc, lines=lines), lexicon)
    assert any("火星局" in w for w in result.warnings)
    assert at(result.records, 36).agencies == ["環境保護局"]


def test_document_without_tables_is_a_parse_error(doc: Document, lexicon: AgencyLexicon) -> None:
    with pytest.raises(ParseError):
        strategy_map.parse(dataclasses.replace(doc, lines=("# 前言", "沒有表格的文件")), lexicon)
