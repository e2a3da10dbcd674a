"""ROC and AD dates in every form the DATA-GUIDE lists, read from hand-written strings and the real lines."""

import datetime as dt
from pathlib import Path

import pytest

from assistant.corpus.manifest import Corpus, load_corpus
from assistant.text.dates import ad_to_roc, find_dates, find_half_years, parse_roc_date, parse_year, roc_to_ad

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
D = dt.date


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus(CORPUS)


def test_roc_ad_conversion():
    assert roc_to_ad(112) == 2023
    assert ad_to_roc(2023) == 112
    assert roc_to_ad(107) == 2018


@pytest.mark.parametrize("text, date, precision", [
    ("112.6.30", D(2023, 6, 30), "day"),
    ("112.5.16.", D(2023, 5, 16), "day"),
    ("110/2/6", D(2021, 2, 6), "day"),
    ("112年12月31日", D(2023, 12, 31), "day"),
    ("112 年 12 月 31 日", D(2023, 12, 31), "day"),
    ("112年12月底", D(2023, 12, 31), "day"),
    ("112年2月底", D(2023, 2, 28), "day"),
    ("112.12月底前", D(2023, 12, 31), "day"),
    ("112.5月", D(2023, 5, 1), "month"),
    ("112年5月", D(2023, 5, 1), "month"),
    ("112.6.前", D(2023, 6, 1), "month"),
    ("112年", D(2023, 1, 1), "year"),
    ("112年度目標", D(2023, 1, 1), "year"),
    ("民國99年", D(2010, 1, 1), "year"),
    ("１１２．６．３０", D(2023, 6, 30), "day"),
])
def test_single_roc_forms(text, date, precision):
    found = find_dates(text)
    assert len(found) == 1
    assert (found[0].date, found[0].precision, found[0].era, found[0].end) == (date, precision, "roc", None)
    assert parse_roc_date(text) == date


@pytest.mark.parametrize("text, start, end", [
    ("112.3.28-112.3.31", D(2023, 3, 28), D(2023, 3, 31)),
    ("113.1.1-114.12.31", D(2024, 1, 1), D(2025, 12, 31)),
    ("112-114年", D(2023, 1, 1), D(2025, 12, 31)),
    ("112年8月2日至112年10月2日", D(2023, 8, 2), D(2023, 10, 2)),
    ("111年8月至112年1月", D(2022, 8, 1), D(2023, 1, 31)),
    ("2027年至2028年", D(2027, 1, 1), D(2028, 12, 31)),
])
def test_ranges(text, start, end):
    found = find_dates(text)
    assert len(found) == 1
    assert (found[0].date, found[0].end, found[0].last) == (start, end, end)
    assert found[0].raw == text


@pytest.mark.parametrize("text, year", [("2023年亞洲柔道公開賽", 2023), ("2019/7/5", 2019), ("西元2023年", 2023)])
def test_four_digit_years_are_ad(text, year):
    found = find_dates(text)
    assert found[0].era == "ad" and found[0].date.year == year


@pytest.mark.parametrize("text", [
    "7月底前", "DP3.4.1", "DP.3.5.1", "26,047.65㎡", "92.5%", "50年來", "112.13.1", "去年", "3.8", "11-12月",
])
def test_not_dates(text):
    assert find_dates(text) == []
    assert parse_roc_date(text) is None


def test_month_precision_covers_the_whole_month():
    found = find_dates("112.2月")[0]
    assert found.last == D(2023, 2, 28)
    assert find_dates("112年")[0].last == D(2023, 12, 31)


def test_spans_point_into_the_original_text():
    text = "1.112.5月完成第一階段 2.112.8月完成系統建置"
    found = find_dates(text)
    assert [text[slice(*d.span)] for d in found] == ["112.5月", "112.8月"]
    assert [d.date for d in found] == [D(2023, 5, 1), D(2023, 8, 1)]


@pytest.mark.parametrize("file, line, raw, date, end", [
    ("000_a326a7c91818490c.txt", 11, "112.5.16.", D(2023, 5, 16), None),
    ("000_a326a7c91818490c.txt", 83, "113.1.1-114.12.31", D(2024, 1, 1), D(2025, 12, 31)),
    ("000_a326a7c91818490c.txt", 118, "112.3.28-112.3.31", D(2023, 3, 28), D(2023, 3, 31)),
    ("000_a326a7c91818490c.txt", 124, "112.5月", D(2023, 5, 1), None),
    ("000_a326a7c91818490c.txt", 126, "112.6.", D(2023, 6, 1), None),
    ("000_a326a7c91818490c.txt", 126, "2023年", D(2023, 1, 1), None),
    ("000_a326a7c91818490c.txt", 5, "112年12月底", D(2023, 12, 31), None),
    ("003_70cb70f59abb1393.txt", 10, "110/2/6", D(2021, 2, 6), None),
    ("004_d9643f6566d7e10e.txt", 10, "109 至 112年度", D(2020, 1, 1), D(2023, 12, 31)),
])
def test_dates_on_real_lines(corpus, file, line, raw, date, end):
    found = [d for d in find_dates(corpus.get(file).line(line)) if d.raw == raw]
    assert found, f"{raw} not found on {file} L{line}"
    assert (found[0].date, found[0].end) == (date, end)


def test_year_without_digits_of_its_own_is_not_read(corpus):
    # 004 L43 has 112年6月15日及12 月14日: the second date has no year and is not guessed.
    line = corpus.get("004_d9643f6566d7e10e.txt").line(43)
    assert [d.raw for d in find_dates(line) if "6月15日" in d.raw or "14日" in d.raw] == ["112年6月15日"]


@pytest.mark.parametrize("question, year", [
    ("112年社會局有哪些已完成項目", 112),
    ("民國112年的執行率", 112),
    ("2023年的執行率", 112),
    ("108年度 DC2.1 達成值", 108),
    ("去年的失業率", None),
    ("今年的預算", None),
    ("社會局有哪些項目", None),
])
def test_parse_year(question, year):
    assert parse_year(question) == year


@pytest.mark.parametrize("text, found", [
    ("市政白皮書112年下半年辦理情形", [(112, 2)]),
    ("比較112下與113上哪些項目辦理等級改變了", [(112, 2), (113, 1)]),
    ("113年上半年度", [(113, 1)]),
    ("１１３上", [(113, 1)]),
    ("2023下午", []),
    ("112年度目標", []),
])
def test_half_years(text, found):
    assert [(h.year_roc, h.half) for h in find_half_years(text)] == found
