"""The group slide-deck parser (002) against the real document.

Expected values come from DATA-GUIDE.md (002 section) or from reading the file by eye; line numbers
are the file's 1-based lines.
"""

import dataclasses

import pytest

from assistant.corpus.lexicon import AgencyLexicon
from assistant.corpus.manifest import Corpus, Document
from assistant.errors import ParseError
from assistant.parsing import kpi_slides
from assistant.parsing.models import KpiResult
from assistant.parsing.result import ParseResult

FILE = "002_78da4e83f284eb3d.txt"
# The 108 summary, L325–349, read by eye.
SUMMARY_108 = [
    "DC1.1", "DC1.2", "DC2.1", "DC3.1", "DC3.2",
    "DP1.1", "DP1.2", "DP2.1", "DP2.2", "DP3.1", "DP3.2", "DP3.3", "DP3.4",
    "DP4.1", "DP4.2", "DP4.3", "DP5.1", "DP5.2",
]
# The 109–111 target lines, L3532–4053: the 20 KPIs of 109 less DL1.1 and DF1.1, which have none.
TARGET_CODES = [
    "DC1.1", "DC1.2", "DC2.1", "DC3.1", "DC3.2",
    "DP1.1", "DP1.2", "DP2.1", "DP2.2", "DP3.1", "DP3.2", "DP3.3", "DP3.4",
    "DP4.1", "DP4.2", "DP4.3", "DP5.1", "DP5.2",
]


@pytest.fixture(scope="module")
def doc(corpus: Corpus) -> Document:
    return corpus.get(FILE)


@pytest.fixture(scope="module")
def result(doc: Document, lexicon: AgencyLexicon) -> ParseResult:
    return kpi_slides.parse(doc, lexicon)


@pytest.fixture(scope="module")
def records(result: ParseResult) -> dict[tuple[int, str], KpiResult]:
    return {(r.year_roc, r.kpi_code): r for r in result.records if isinstance(r, KpiResult)}


def test_one_record_per_year_and_kpi(result: ParseResult, records: dict) -> None:
    assert len(records) == len(result.records)
    # 109 also lists DL1.1 and DF1.1 in its goal table (L3305, L3315) with no target line: 20 KPIs in all,
    # as the revision table says (合計 21 → 20 on L3363).
    for year, codes in ((108, SUMMARY_108), (109, TARGET_CODES + ["DL1.1", "DF1.1"]),
                        (110, TARGET_CODES), (111, TARGET_CODES)):
        assert [code for (y, code) in records if y == year] == codes
    assert all(r.group == "D" and r.file == FILE for r in result.records)


def test_109_kpis_without_a_target_line_are_kept_without_a_target(records: dict) -> None:
    for code, line, name in (("DL1.1", 3305, "專業職能訓練完成率"), ("DF1.1", 3315, "預算執行差異率")):
        record = records[(109, code)]
        assert (record.line, record.kpi_name, record.target, record.target_raw) == (line, name, None, None)


def test_108_names_come_from_the_summary(records: dict) -> None:
    assert records[(108, "DC2.1")].kpi_name == "協助本市企業創新家數"
    assert records[(108, "DP4.2")].kpi_name == "事業單位設置哺(集)乳室、托兒設施及措施比率"
    # The (達標) flag and the wrapped note (L339–341) are not part of the name.
    assert records[(108, "DP3.3")].kpi_name == "生技企業營收成長率（兩年一次）"
    assert records[(108, "DP4.1")].kpi_name == "申請育嬰留職停薪津貼初次核付男性佔比"


def test_dc21_card(doc: Document, records: dict) -> None:
    """The guide's example card, L495–508."""
    dc21 = records[(108, "DC2.1")]
    assert (dc21.target, dc21.actual, dc21.achievement, dc21.rating, dc21.score) == (540, 547, 101.3, "優", 93.9)
    assert (dc21.target_raw, dc21.actual_raw, dc21.achievement_raw, dc21.rating_raw) == ("540", "547", "101.3%", "優")
    assert dc21.value_line == 505
    assert doc.line(dc21.value_line).startswith("547 ")
    assert (dc21.line, dc21.end_line) == (495, 508)
    assert (dc21.goal_code, dc21.goal_name, dc21.perspective) == ("DC2", "穩健產業發展", "顧客")
    assert dc21.agency == "產業發展局"


# (code, target, actual, achievement, rating, score, value_line), read off the cards by eye.
CARDS = [
    ("DC3.1", 96.2, 96.8, 100.6, "良", 90.3, 562),  # rating: the loose 良好 on L584
    ("DC3.2", 95, 95, 100, "優", 92.85, 580),
    ("DP1.2", 4700, 5741, 122.1, "優", 92.75, 753),  # ratings float on L758/760
    ("DP2.2", 16500, 16512, 100.07, "良", 90, 1016),
    ("DP3.2", 21.4, 25.5, 119.1, "良", 88.88, 1793),
    ("DP3.4", 10, 10, 100, "優", 92.5, 1822),
    ("DP4.2", 70, 72.9, 104.1, "良", 87.5, 2591),  # the card's 104.1%, not the 100 of the L2705 table
    ("DP5.1", 6.0, 7.05, 85.1, "良", 91, 2761),  # scores printed above 目標值 (L2755)
    ("DP5.2", 3.0, 1.66, 180.7, "優", 95, 2776),
]


@pytest.mark.parametrize(("code", "target", "actual", "achievement", "rating", "score", "value_line"), CARDS)
def test_108_cards(doc: Document, records: dict, code: str, target: float, actual: float, achievement: float,
                   rating: str, score: float, value_line: int) -> None:
    record = records[(108, code)]
    assert (record.target, record.actual, record.achievement) == pytest.approx((target, actual, achievement))
    assert (record.rating, record.score, record.value_line) == (rating, score, value_line)
    assert record.actual_raw in doc.line(value_line)
    assert record.line <= record.value_line <= record.end_line


def test_rating_words_are_normalised_and_raw_kept(records: dict) -> None:
    dp22 = records[(108, "DP2.2")]
    assert (dp22.rating, dp22.rating_raw) == ("良", "良好")


def test_percent_and_comma_values_keep_their_raw_text(records: dict) -> None:
    dp32 = records[(108, "DP3.2")]
    assert (dp32.target_raw, dp32.actual_raw, dp32.achievement_raw) == ("21.4%", "25.5%", "119.1%")
    dp21 = records[(108, "DP2.1")]
    assert (dp21.target, dp21.target_raw, dp21.actual) == (2675, "2,675", 2964)


def test_interleaved_dc1_scores_are_never_assigned(result: ParseResult, records: dict) -> None:
    """L417 `84 84 85 88.2` and L419 `89 89 89 87.8` could belong to either DC1 card."""
    for code in ("DC1.1", "DC1.2"):
        assert records[(108, code)].score is None
    assert not any(r.score in (88.2, 87.8) for r in result.records)
    assert not any(r.value_line in (417, 419) for r in result.records)
    assert any("L417" in w and "L419" in w for w in result.warnings)


def test_interleaved_dc1_blocks_follow_card_order(records: dict) -> None:
    """L400–427: 目標值 3.8% / 達成值 3.6% then 7.6% / 6.3%, 達成度 105.6% then 120.6%; both lights 良好."""
    dc11, dc12 = records[(108, "DC1.1")], records[(108, "DC1.2")]
    assert (dc11.target, dc11.actual, dc11.achievement, dc11.value_line) == (3.8, 3.6, 105.6, 405)
    assert (dc12.target, dc12.actual, dc12.achievement, dc12.value_line) == (7.6, 6.3, 120.6, 415)
    assert dc11.rating == dc12.rating == "良"


def test_interleaved_blocks_that_do_not_check_out_are_left_empty(doc: Document, lexicon: AgencyLexicon) -> None:
    """Swap the two 達成度 values of the DC1 slide (L423, L427): no block checks out, nothing is placed."""
    lines = list(doc.lines)
    lines[422], lines[426] = lines[426], lines[422]
    swapped = kpi_slides.parse(dataclasses.replace(doc, lines=tuple(lines)), lexicon)
    by_code = {r.kpi_code: r for r in swapped.records if r.year_roc == 108}
    for code in ("DC1.1", "DC1.2"):
        assert (by_code[code].target, by_code[code].actual, by_code[code].achievement) == (None, None, None)
    assert any("DC1.1/DC1.2" in w and "cannot be told apart" in w for w in swapped.warnings)
    assert by_code["DC2.1"].actual == 547


def test_kpis_without_108_data(result: ParseResult, records: dict) -> None:
    """DP3.3 (biennial survey) and DP4.1 (勞保局 data due in March) print scores but no 達成值."""
    dp33, dp41 = records[(108, "DP3.3")], records[(108, "DP4.1")]
    assert (dp33.target, dp33.actual, dp33.score, dp33.value_line) == (7, None, None, None)
    assert (dp41.target, dp41.actual, dp41.score, dp41.value_line) == (8.2, None, None, None)
    assert any("DP3.3" in w and "108年無相關數據" in w for w in result.warnings)
    assert any("DP4.1" in w and "暫無數據" in w for w in result.warnings)


def test_dp51_met_flag_contradiction_is_reported(result: ParseResult, records: dict) -> None:
    """L348 says (達標), L386 and the card (7.05 > 6.00, negative indicator) say it was missed."""
    assert records[(108, "DP5.1")].achievement == 85.1
    assert any("DP5.1" in w and "達標" in w and "85.1%" in w for w in result.warnings)


def test_the_unmet_kpi_slide_is_not_a_second_card(records: dict) -> None:
    """L2847 repeats DP5.1 with 目標值/實際值; the card is the one at L2751."""
    assert records[(108, "DP5.1")].line == 2751


def test_108_agencies_come_from_the_goal_slides(records: dict) -> None:
    labour = {"DC1.1", "DC1.2", "DP4.1", "DP4.2", "DP4.3", "DP5.1", "DP5.2"}
    for code in SUMMARY_108:
        assert records[(108, code)].agency == ("勞動局" if code in labour else "產業發展局")


def test_dc11_109_target(doc: Document, records: dict) -> None:
    dc11 = records[(109, "DC1.1")]
    assert (dc11.target, dc11.target_raw, dc11.agency) == (3.8, "3.8", "勞動局")
    assert dc11.value_line == dc11.line == dc11.end_line == 3532
    assert doc.line(3532).startswith("DC1.1失業率")
    assert (dc11.actual, dc11.achievement, dc11.rating) == (None, None, None)


def test_each_target_year_is_its_own_record(records: dict) -> None:
    """L3712 `DP1.2經貿拓銷金額 5,000 5,200 5,400 產業局`."""
    values = [(records[(y, "DP1.2")].target, records[(y, "DP1.2")].target_raw) for y in (109, 110, 111)]
    assert values == [(5000, "5,000"), (5200, "5,200"), (5400, "5,400")]
    assert {records[(y, "DP1.2")].value_line for y in (109, 110, 111)} == {3712}


def test_code_reuse_across_years(records: dict) -> None:
    """In 108 DP3.3 is 生技 and DP3.4 is MICE; in 109 DP3.3 is MICE and DP3.4 is the new ICT KPI."""
    assert "MICE" in records[(108, "DP3.4")].kpi_name
    assert records[(108, "DP3.4")].agency == "產業發展局"
    assert "生技" in records[(108, "DP3.3")].kpi_name
    assert "MICE" in records[(109, "DP3.3")].kpi_name
    for year in (109, 110, 111):
        ict = records[(year, "DP3.4")]
        assert (ict.kpi_name, ict.agency, ict.target) == ("協助ICT產業創新應用落地/推廣案件數", "資訊局", 5)
        assert ict.value_line == 3960


def test_dp21_renamed_in_109(records: dict) -> None:
    assert (records[(108, "DP2.1")].kpi_name, records[(108, "DP2.1")].target) == ("協助新創企業國際鏈結家數", 2675)
    assert (records[(109, "DP2.1")].kpi_name, records[(109, "DP2.1")].target) == ("協助新創企業國際鏈結件數", 15)


def test_full_width_target_is_normalised(records: dict) -> None:
    """L3830: the 111 target of DP3.1 is printed `３`."""
    dp31 = records[(111, "DP3.1")]
    assert (dp31.target, dp31.target_raw, dp31.value_line) == (3.0, "３", 3830)
    assert (records[(109, "DP3.1")].target, records[(110, "DP3.1")].target) == (3.1, 3.2)


def test_target_table_wins_over_contradicting_text(records: dict) -> None:
    """DP4.1: 8.30 on L3987 vs 達8.4% on L3995; DC3.2: 94 on L3651 vs 95% on L3658."""
    assert (records[(109, "DP4.1")].target, records[(109, "DP4.1")].target_raw) == (8.3, "8.30")
    assert (records[(109, "DC3.2")].target, records[(109, "DC3.2")].value_line) == (94, 3651)


def test_goal_names_and_perspectives(records: dict) -> None:
    for year in (108, 109):
        assert records[(year, "DC3.1")].goal_name == "完善創業服務及投資環境"
        assert records[(year, "DP5.2")].goal_name == "建構職場安全體系"
        assert records[(year, "DP4.3")].goal_name == "友善勞動環境"
        assert records[(year, "DP1.1")].perspective == "內部流程"


def test_citations_point_inside_the_record(doc: Document, result: ParseResult) -> None:
    for record in result.records:
        assert 1 <= record.line <= record.end_line <= len(doc.lines)
        if record.value_line is not None:
            assert record.line <= record.value_line <= record.end_line
            assert (record.actual_raw or record.target_raw) in doc.line(record.value_line)


def test_another_documents_shape_is_a_parse_error(corpus: Corpus, lexicon: AgencyLexicon) -> None:
    with pytest.raises(ParseError):
        kpi_slides.parse(corpus.get("001_f78f01ac8dc70682.txt"), lexicon)


@pytest.mark.parametrize(
    ("raw", "value"),
    [("1萬9,754", 19754), ("3億6,108萬", 361_080_000), ("16,512", 16512), ("101.3%", 101.3), ("３", 3), ("８.30", 8.3)],
)
def test_number(raw: str, value: float) -> None:
    assert kpi_slides._number(raw) == pytest.approx(value)


@pytest.mark.parametrize("raw", ["-", "", "良好", "3.8.1"])
def test_not_a_number(raw: str) -> None:
    assert kpi_slides._number(raw) is None
