"""Quantities written the way the documents write them: Arabic digits mixed with 萬/億 and units.

`1萬9,754人` is 19,754 people, `3,252萬3,474元` is 32,523,474 dollars and `1.5億` is 150,000,000.
What follows 萬 is a count of units, not a decimal: the DATA-GUIDE reads `1萬5人` as 10,005.
Pure Chinese numerals (`九十八`, `一萬五千`) are read by `parse_number` but not searched for by
`find_numbers`: in running text 一 is as often a word (一般, 統一) as a number.
Arithmetic is done in Decimal, so `1.1萬` is exactly 11000.
"""

import re
from dataclasses import dataclass
from decimal import Decimal

from assistant.text.dates import find_dates
from assistant.text.normalize import fold_width

_ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?"
_CHINESE_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
                   "八": 8, "九": 9}
_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_BIG_UNITS = {"萬": 10**4, "億": 10**8, "兆": 10**12}
_PIECE = re.compile(rf"({_ARABIC})|([{''.join(_CHINESE_DIGITS)}])|([{''.join(_SMALL_UNITS)}])|([萬億兆])")
_SIGNED = re.compile(r"\s*([-+]?)(.+?)\s*(%?)\s*")

# Unit words after a number, longest first so 人次 wins over 人.
UNITS = (
    "平方公尺", "個百分點", "百分點", "人次", "小時", "分鐘", "個月", "公里", "公尺", "公頃", "公斤", "公噸",
    "人", "元", "件", "家", "場", "次", "個", "處", "所", "座", "間", "戶", "床", "名", "位", "輛", "臺",
    "台", "案", "項", "棵", "株", "條", "班", "團", "隊", "校", "天", "週", "年", "月", "歲", "倍", "噸",
    "張", "本", "冊", "篇", "部", "艘", "堂", "份", "筆", "區", "里", "分", "樓",
)
_NUMBER = re.compile(
    rf"(?:(?<![0-9A-Za-z).])(?P<sign>-))?(?<![0-9A-Za-z.,])"
    rf"(?P<number>{_ARABIC}(?:[億萬千百](?:{_ARABIC})?)*)"
    rf"(?:\s?(?P<percent>%)|(?P<unit>{'|'.join(UNITS)}))?"
)


# Chinese numerals counting a measure word (一樓, 十二處, 兩場): a number, spelled as words.
_COUNTED_IN_WORDS = re.compile(
    rf"([{''.join(_CHINESE_DIGITS)}{''.join(_SMALL_UNITS)}]+)(?=(?:{'|'.join(UNITS)}))")


@dataclass(frozen=True)
class ParsedNumber:
    """A number found in text: its value, the unit after it, and where it was.

    萬 and 億 go into the value, so `8,213萬元` is 82,130,000 with unit 元, comparable with `3,252萬3,474元`.
    """

    value: float
    raw: str
    span: tuple[int, int]
    unit: str | None = None
    is_percent: bool = False


def _value(body: str) -> Decimal | None:
    """Value of an unsigned number made of Arabic numbers, Chinese digits and 十百千萬億, or None."""
    total = section = Decimal(0)
    current: Decimal | None = None
    last_big: int | None = None
    position = 0
    for match in _PIECE.finditer(body):
        if match.start() != position:
            return None
        position = match.end()
        arabic, digit, small, big = match.groups()
        if arabic or digit:
            if current:  # two numbers in a row (一一二): not a form we read
                return None
            current = Decimal(arabic.replace(",", "")) if arabic else Decimal(_CHINESE_DIGITS[digit])
        elif small:
            section += (1 if current is None else current) * _SMALL_UNITS[small]
            current = None
        else:
            group = section + (current or 0)
            unit = _BIG_UNITS[big]
            if not group or (last_big is not None and unit >= last_big):
                return None
            total += group * unit
            section, current, last_big = Decimal(0), None, unit
    if position != len(body) or not body:
        return None
    return total + section + (current or 0)


def parse_number(text: str) -> float | None:
    """The value of `text` if it is one number (`1萬9,754`, `1.5億`, `-1`, `３`, `九十八`, `85%`), else None.

    A trailing % is allowed and ignored (the value of `85%` is 85); use `parse_percent` to require it.
    """
    match = _SIGNED.fullmatch(fold_width(text))
    if not match:
        return None
    sign, body, _ = match.groups()
    value = _value(body)
    if value is None:
        return None
    return float(-value if sign == "-" else value)


def parse_percent(text: str) -> float | None:
    """The value of a percentage written `X%` (`144.4%` → 144.4), or None for anything else."""
    match = _SIGNED.fullmatch(fold_width(text))
    if not match or not match.group(3):
        return None
    return parse_number(text)


def find_numbers(text: str) -> list[ParsedNumber]:
    """Every number in a sentence with its span, unit and percent flag; dates are not numbers here.

    `144.4%(10,108人/7,000人*100%)` gives 144.4 %, 10108 人, 7000 人 and 100 %. Digits inside
    codes (DC2.1, PM2.5) and dates (112.6.30, 112年12月底) are skipped. Pass the text as printed
    (not `normalize`d): NFKC would turn a full-width comma into a thousands separator.
    """
    folded = fold_width(text)
    dates = [date.span for date in find_dates(text)]
    found: list[ParsedNumber] = []
    for match in _NUMBER.finditer(folded):
        start, end = match.span()
        if any(start < date_end and date_start < end for date_start, date_end in dates):
            continue
        value = _value(match.group("number"))
        if value is None:
            continue
        if match.group("sign"):
            value = -value
        percent = match.group("percent") is not None
        unit = "%" if percent else match.group("unit")
        found.append(ParsedNumber(float(value), text[start:end], (start, end),
                                  unit.replace("台", "臺") if unit else None, percent))
    return found


def in_digits(text: str) -> str:
    """`text` with each number counted in Chinese numerals before a measure word written in Arabic digits
    (一樓 → 1樓, 三十五處 → 35處): the documents print most counts in digits, a question often in
    words. Numerals before anything else stay (一般, 統一, 第一)."""
    def digits(match: re.Match[str]) -> str:
        value = _value(match.group(1))
        return str(int(value)) if value is not None else match.group(0)
    return _COUNTED_IN_WORDS.sub(digits, text)
