"""The 000 progress-table parser, checked against the real file, the DATA-GUIDE and a hand transcription."""

from collections import Counter
from dataclasses import replace

import pytest

from assistant.corpus.lexicon import load_lexicon
from assistant.corpus.manifest import Corpus, Document
from assistant.errors import ParseError
from assistant.parsing import progress_table
from assistant.parsing.models import ProgressItem
from assistant.parsing.result import ParseResult

FILE = "000_a326a7c91818490c.txt"
HEADER_LINES = {5, 17, 25, 36, 50, 61, 73, 82, 89, 99, 113, 122, 131, 136, 142}

捷運局 = "捷運工程局"
捷運公司 = "臺北大眾捷運股份有限公司"

# Read by eye from the file: (line, item_no, lead agency (canonical), status code).
TRANSCRIBED = [
    (10, 6, "都市發展局", "A"),
    (13, 9, "消防局", "B"),
    (18, 12, "消防局", "B"),
    (19, 13, "消防局", "A"),
    (26, 18, "都市發展局", "B"),
    (27, 19, "都市發展局", "B"),
    (28, 20, "都市發展局", "A"),
    (29, 21, "地政局", "B"),
    (31, 23, 捷運局, "B"),
    (33, 25, "交通局", "B"),
    (40, 30, "民政局", "A"),
    (42, 32, "社會局", "A"),
    (43, 33, "社會局", "B"),
    (46, 36, "教育局", "B"),
    (58, 46, "衛生局", "A"),
    (59, 47, "衛生局", "B"),
    (65, 51, "產業發展局", "B"),
    (68, 54, 捷運公司, "A"),
    (111, None, None, "B"),
    (116, 92, "文化局", "B"),
    (117, None, "觀光傳播局", "A"),
    (118, None, "資訊局", "B"),
    (119, 95, "產業發展局", "B"),
    (124, 98, "體育局", "B"),
    (129, 103, "勞動局", "A"),
    (139, 109, "勞動局", "A"),
    (140, 110, "人事處", "B"),
    (143, 111, "環境保護局", "A"),
    (144, 112, "研究發展考核委員會", "B"),
]

# DATA-GUIDE 000 "Counts", with the lexicon's canonical names for 原民會, 捷運局 ….
LEAD_COUNTS = {
    "產業發展局": 19, "都市發展局": 13, "教育局": 13, "勞動局": 9, "消防局": 8, "社會局": 8, "交通局": 7,
    "文化局": 7, "原住民族事務委員會": 6, "體育局": 5, "衛生局": 3, "民政局": 2, "人事處": 2, "地政局": 1,
    捷運局: 1, 捷運公司: 1, "工務局": 1, "客家事務委員會": 1, "觀光傳播局": 1, "資訊局": 1,
    "環境保護局": 1, "研究發展考核委員會": 1, None: 1,
}


@pytest.fixture(scope="module")
def doc(corpus: Corpus) -> Document:
    return corpus.get(FILE)


@pytest.fixture(scope="module")
def result(doc: Document) -> ParseResult:
    return progress_table.parse(doc, load_lexicon())


@pytest.fixture(scope="module")
def by_line(result: ParseResult) -> dict[int, ProgressItem]:
    return {record.line: record for record in result.records}


def test_one_record_per_data_row(result: ParseResult):
    assert len(result.records) == 112
    assert all(isinstance(record, ProgressItem) for record in result.records)
    assert len({record.line for record in result.records}) == 112


def test_item_numbers_are_1_to_113_without_5_plus_three_unnamed(result: ParseResult):
    numbers = [record.item_no for record in result.records]
    assert numbers.count(None) == 3
    assert sorted(n for n in numbers if n is not None) == sorted(set(range(1, 114)) - {5, 89, 93, 94})


def test_status_counts(result: ParseResult):
    codes = Counter(record.status_code for record in result.records)
    assert codes == {"A": 34, "B": 78}
    named = Counter(record.status_code for record in result.records if record.item_no is not None)
    assert named == {"A": 33, "B": 76}
    labels = {(record.status_code, record.status_label) for record in result.records}
    assert labels == {("A", "已完成或例行性業務"), ("B", "執行中")}


def test_lead_agency_row_counts_match_the_guide(result: ParseResult):
    assert Counter(record.lead_agency for record in result.records) == LEAD_COUNTS


def test_53_rows_have_no_co_agency(result: ParseResult, by_line: dict[int, ProgressItem]):
    # L111 lost its agency cells entirely; every other empty list comes from a `-` cell.
    with_lead = [record for record in result.records if record.lead_agency is not None]
    assert sum(1 for record in with_lead if record.co_agencies == []) == 53
    assert by_line[111].co_agencies == []


def test_concatenated_co_agencies_are_split(by_line: dict[int, ProgressItem]):
    assert by_line[114].co_agencies == ["觀光傳播局", "產業發展局"]  # printed 觀光傳播局產業局
    assert by_line[115].co_agencies == ["觀光傳播局", "教育局", "衛生局"]
    assert by_line[116].co_agencies == ["產業發展局", "資訊局"]
    assert by_line[13].co_agencies == ["人事處", "兵役局"]
    assert by_line[26].co_agencies == ["教育局", 捷運局, "民政局", "財政局"]


def test_shehuiju_is_never_cut(result: ParseResult, by_line: dict[int, ProgressItem]):
    lexicon = load_lexicon()
    agencies = [a for r in result.records for a in [r.lead_agency, *r.co_agencies] if a is not None]
    assert "社會" not in agencies
    assert all(lexicon.canonical(name) == name for name in agencies)
    assert by_line[27].co_agencies == ["社會局", "財政局"]
    assert by_line[79].co_agencies == ["社會局", "人事處"]
    assert not any("fragments" in warning for warning in result.warnings)


def test_mrt_department_and_company_stay_distinct(result: ParseResult):
    by_no = {record.item_no: record for record in result.records if record.item_no}
    assert by_no[23].lead_agency == 捷運局
    assert by_no[54].lead_agency == 捷運公司
    assert by_no[25].co_agencies == [捷運公司]
    assert by_no[26].co_agencies == ["工務局", 捷運公司, "警察局"]


def test_line_19_missing_results_cell(by_line: dict[int, ProgressItem], result: ParseResult):
    row = by_line[19]
    assert row.item_no == 13
    assert row.status_code == "A"
    assert not row.results.startswith("A")
    assert row.work_items.startswith("1. 112年5月31日前將智慧水情整合系統")
    assert row.co_agencies == ["教育局", "工務局"]
    assert any(w.startswith("line 19:") and "辦理情形" in w for w in result.warnings)


def test_shifted_rows(by_line: dict[int, ProgressItem]):
    plus_one = by_line[28]
    assert (plus_one.item_no, plus_one.item_name) == (20, "推動青銀換居，達成居住世代共好")
    assert (plus_one.lead_agency, plus_one.co_agencies, plus_one.status_code) == ("都市發展局", ["社會局"], "A")
    assert plus_one.category == "十八、推動青銀換居"
    assert plus_one.target == "評估新增基地與房型並公告受理申請"

    minus_one = by_line[46]
    assert (minus_one.item_no, minus_one.lead_agency, minus_one.status_code) == (36, "教育局", "B")
    assert minus_one.item_name == "成立「新科技發展辦公室」"
    assert minus_one.category == "三十二、推動科技教育"
    assert minus_one.domain is None

    minus_two = by_line[129]
    assert (minus_two.item_no, minus_two.lead_agency, minus_two.status_code) == (103, "勞動局", "A")
    assert minus_two.co_agencies == []
    assert minus_two.category == "九十、增加就業機會"
    assert minus_two.target.startswith("112年底前辦理12場中大型徵才活動")
    assert minus_two.results.startswith("一、112年底前辦理12場中大型就業博覽會")


def test_plus_one_rows_keep_the_outline(by_line: dict[int, ProgressItem]):
    assert by_line[31].outline == "務實交通"
    assert by_line[31].domain is None
    assert by_line[31].category == "二十一、推動捷運新線"


def test_duplicated_item_cells_on_40_to_44(by_line: dict[int, ProgressItem]):
    assert by_line[40].item_name == "提升生育獎勵金補助"
    assert by_line[40].category == "二十八、催生"
    assert by_line[40].domain == "幸福育兒"
    assert by_line[40].outline is None
    assert by_line[41].category == "二十八、催生"  # forward-filled
    assert by_line[42].category == "二十九、助養"
    assert by_line[44].category == "三十、好住"
    assert by_line[44].lead_agency == "都市發展局"


def test_unnamed_rows(by_line: dict[int, ProgressItem]):
    l111, l117, l118 = by_line[111], by_line[117], by_line[118]
    assert [r.item_no for r in (l111, l117, l118)] == [None, None, None]
    assert [r.item_name for r in (l111, l117, l118)] == [None, None, None]
    assert [r.item_no_inferred for r in (l111, l117, l118)] == [89, 93, 94]
    assert l111.lead_agency is None
    assert l111.target == ""
    assert "臺北文學館籌設可行性評估" in l111.work_items
    assert l111.category == "七十七、 文化場域、多元解放"  # by position, under 類別 七十七
    assert (l117.lead_agency, l117.co_agencies, l117.status_code) == ("觀光傳播局", ["產業發展局"], "A")
    assert l117.target == "吸引超過3萬名外籍人士來本市參與會展"
    assert (l118.lead_agency, l118.co_agencies, l118.status_code) == ("資訊局", ["產業發展局"], "B")
    assert l118.target == "提供實證場域，落實公私協力"
    # Their 類別 八十 and 八十一 are missing: not forward-filled from 七十九.
    assert l117.category is None and l118.category is None
    assert by_line[119].category == "八十二、活絡商圈永續發展"


def test_named_rows_have_no_inferred_number(result: ParseResult):
    assert all(r.item_no_inferred is None for r in result.records if r.item_no is not None)


def test_warnings_name_the_unnamed_rows(result: ParseResult):
    def warned(line: int, *words: str) -> bool:
        return any(w.startswith(f"line {line}:") and all(word in w for word in words) for w in result.warnings)

    assert warned(111, "#89")
    assert warned(117, "#93", "觀光傳播局")
    assert warned(118, "#94", "資訊局")
    assert warned(10, "#5")
    # #89, #93 and #94 are accounted for by the unnamed rows, so no jump is reported for them.
    assert not warned(114, "jump")
    assert not warned(119, "jump")


def test_header_and_blank_lines_are_not_records(doc: Document, result: ParseResult):
    lines = {record.line for record in result.records}
    assert not lines & HEADER_LINES
    assert all(doc.line(n).strip() for n in lines)
    assert all(record.item_name != "政策項目" and record.lead_agency != "主辦" for record in result.records)
    assert min(lines) == 6 and max(lines) == 145


def test_domain_and_outline_as_printed(by_line: dict[int, ProgressItem]):
    assert by_line[62].domain == "長照關懷"
    assert by_line[58].domain is None and by_line[59].domain is None
    assert by_line[87].domain == "原民保障"
    assert by_line[18].domain == "耐災城市" and by_line[18].outline is None
    assert by_line[65].outline == "五十、提升動保福利工作"
    assert by_line[65].category == "四十六、建立友善寵物醫療"
    assert [by_line[n].outline for n in range(93, 98)] == ["性別友善"] * 5
    assert by_line[137].domain == "勞動權益" and by_line[137].outline == "保障職業安全"
    assert by_line[62].category == "四十三、提升長期照護量能"  # forward-filled from L59


def test_transcribed_rows(by_line: dict[int, ProgressItem]):
    for line, item_no, lead, status in TRANSCRIBED:
        row = by_line[line]
        assert (row.item_no, row.lead_agency, row.status_code) == (item_no, lead, status), line


def test_provenance_points_at_the_row(doc: Document, result: ParseResult):
    for record in result.records:
        assert record.file == FILE
        assert record.line == record.end_line
        text = doc.line(record.line)
        assert f"\t{record.status_code}{record.status_label}" in text
        if record.item_no is not None:
            assert f"{record.item_no}、{record.item_name}" in text
            assert f"\t{record.item_cell}\t" in text and record.label() == record.item_cell  # quoted as printed
        else:
            assert record.item_cell is None and "缺漏" in record.label()
        assert record.work_items and record.work_items in text


def test_unplaceable_row_becomes_a_warning(doc: Document):
    lines = list(doc.lines)
    lines[19] = lines[19] + "\tA已完成或例行性業務"  # L20 now has two status cells
    broken = replace(doc, lines=tuple(lines))
    result = progress_table.parse(broken, load_lexicon())
    assert len(result.records) == 111
    assert any(w.startswith("line 20:") and "found 2" in w for w in result.warnings)


def test_other_documents_are_not_progress_tables(corpus, lexicon):
    with pytest.raises(ParseError):
        progress_table.parse(corpus.get("001_f78f01ac8dc70682.txt"), lexicon)


@pytest.mark.parametrize(("text", "value"), [("一", 1), ("十", 10), ("十八", 18), ("七十七", 77), ("九十八", 98)])
def test_chinese_number(text: str, value: int):
    assert progress_table.chinese_number(text) == value
