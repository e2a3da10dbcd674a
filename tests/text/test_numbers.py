"""Mixed Arabic/萬 numbers, percentages and units, on the DATA-GUIDE's forms and the 000 lines they come from."""

from pathlib import Path

import pytest

from assistant.corpus.manifest import Corpus, load_corpus
from assistant.text.numbers import find_numbers, parse_number, parse_percent

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus(CORPUS)


@pytest.mark.parametrize("text, value", [
    ("1萬9,754", 19754),
    ("12萬5,771", 125771),
    ("3,252萬3,474", 32523474),
    ("7,713萬8,000", 77138000),
    ("8,213萬1,000", 82131000),
    ("1萬5", 10005),  # the guide: 1萬5人 is 10,005 people
    ("1.5億", 150000000),
    ("1.1萬", 11000),
    ("1億2,000萬", 120000000),
    ("2千5百萬", 25000000),
    ("3.8", 3.8),
    ("-1", -1),
    ("-29.4", -29.4),
    ("10,108", 10108),
    ("３", 3),
    ("１２萬", 120000),
    (" 540 ", 540),
    ("85%", 85),
    ("九十八", 98),
    ("一百零五", 105),
    ("一萬五千", 15000),
    ("十八", 18),
])
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "萬", "abc", "1,23", "1萬億", "一一二", "112.6.30", "3.8 3.8", "540人"])
def test_parse_number_rejects_what_is_not_one_number(text):
    assert parse_number(text) is None


def test_parse_percent():
    assert parse_percent("144.4%") == 144.4
    assert parse_percent("１０１．３％") == 101.3
    assert parse_percent("-5 %") == -5
    assert parse_percent("101.3") is None
    assert parse_percent("144.4%(10,108人/7,000人*100%)") is None


def _found(text: str) -> list[tuple[float, str | None, bool]]:
    return [(n.value, n.unit, n.is_percent) for n in find_numbers(text)]


def test_ratio_with_percentages_and_people():
    text = "144.4%(10,108人/7,000人*100%)"
    numbers = find_numbers(text)
    assert [(n.value, n.unit, n.is_percent) for n in numbers] == [
        (144.4, "%", True), (10108, "人", False), (7000, "人", False), (100, "%", True)]
    assert [text[slice(*n.span)] for n in numbers] == ["144.4%", "10,108人", "7,000人", "100%"]


@pytest.mark.parametrize("line, raw, value, unit", [
    (41, "144.4%", 144.4, "%"),
    (41, "3,252萬3,474元", 32523474, "元"),
    (42, "1萬9,754人", 19754, "人"),
    (42, "1萬5人", 10005, "人"),
    (23, "12萬5,771人次", 125771, "人次"),
    (48, "7,713萬8,000元", 77138000, "元"),
    (58, "8,213萬1,000元", 82131000, "元"),
])
def test_numbers_in_the_progress_table(corpus, line, raw, value, unit):
    text = corpus.get("000_a326a7c91818490c.txt").line(line)
    matches = [n for n in find_numbers(text) if n.raw == raw]
    assert matches, f"{raw} not found on L{line}"
    assert matches[0].value == value and matches[0].unit == unit
    assert text[slice(*matches[0].span)] == raw


def test_full_width_digit_in_the_slides(corpus):
    line = corpus.get("002_78da4e83f284eb3d.txt").line(3830)
    assert [n.value for n in find_numbers(line)] == [3.1, 3.2, 3]


def test_dates_codes_and_ranges_are_not_quantities():
    assert _found("112.6.30前辦理3場民眾說明會") == [(3, "場", False)]
    assert _found("截至112年12月底，累計1萬9,754人") == [(19754, "人", False)]
    assert _found("DC2.1 協助本市企業創新家數 540") == [(540, None, False)]
    assert _found("PM2.5") == []
    assert _found("112-114年臺北") == []


def test_signs_units_and_chinese_commas():
    assert _found("成長率為-5%") == [(-5, "%", True)]
    assert _found("針對勞基法84-1核備") == [(84, None, False), (1, None, False)]
    assert _found("預估帶動投資11.1億元") == [(1110000000, "元", False)]
    assert _found("1,000，2,000") == [(1000, None, False), (2000, None, False)]
    assert _found("滿意度達**97.43%**") == [(97.43, "%", True)]
    assert _found("購置3台空拍機，計8,213萬元") == [(3, "臺", False), (82130000, "元", False)]


@pytest.mark.parametrize("text, digits", [
    ("一樓", "1樓"), ("三十五處據點", "35處據點"), ("兩場講座", "2場講座"), ("辦理十二場", "辦理12場"),
    ("一般民眾", "一般民眾"), ("第一線", "第一線"), ("統一發票", "統一發票"), ("一一二樓", "一一二樓"),
])
def test_counts_in_chinese_numerals_are_written_in_digits(text, digits):
    from assistant.text.numbers import in_digits

    assert in_digits(text) == digits
