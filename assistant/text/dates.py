"""ROC (民國) and AD dates in the many forms the documents write them, converted to `datetime.date`.

Forms read: `112.6.30`, `112.5.16.` (trailing dot), `110/2/6`, `112年12月31日`, `112年12月底`
(the month's last day), `112.5月`, `112年5月`, `112.6.前` (month precision), `112年`, `民國112年`,
`2023年` (a four-digit year is AD, not ROC), and ranges joined by - ~ 至 到: `112.3.28-112.3.31`,
`113.1.1-114.12.31`, `112-114年`. A date without a year (`7月底前`) is not read: nothing says which
year it is. ROC years become AD by adding 1911. Half years (`112年下半年`, `113上`) are read by
`find_half_years`, for documents published every half-year and questions that name one.
"""

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from assistant.text.normalize import fold_width

Precision = Literal["day", "month", "year"]
ROC_OFFSET = 1911

_PREFIX = r"(?:(?P<era>民國|西元)\s?)?"
_Y = r"(?P<y>\d{2,4})"
_M = r"(?P<m>\d{1,2})"
_D = r"(?P<d>\d{1,2})"
_S = r"\s?"  # a space that line wrapping left inside the date (`12 月14日`)
_YM = rf"{_PREFIX}{_Y}(?:{_S}年{_S}|\.){_M}{_S}月"

# (kind, pattern). Where two match at the same place the longer wins, so 112年5月9日 beats 112年5月.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("day", re.compile(rf"{_PREFIX}{_Y}(?P<sep>[./-]){_M}(?P=sep){_D}(?!\d)\.?")),
    ("day", re.compile(rf"{_PREFIX}{_Y}{_S}年{_S}{_M}{_S}月{_S}{_D}{_S}[日號]")),
    ("month_end", re.compile(rf"{_YM}底")),
    ("month", re.compile(_YM)),
    ("month", re.compile(rf"{_PREFIX}{_Y}\.{_M}\.(?=前)")),
    ("year_range", re.compile(rf"{_PREFIX}{_Y}{_S}[-~至到]{_S}(?P<y2>\d{{3,4}}){_S}年度?")),
    ("year", re.compile(rf"{_PREFIX}{_Y}{_S}年度?")),
]
# 112年下半年, 113年上半年度, 112下, 113 上 (a bare 上/下 only right after a three-digit year).
_HALF_YEAR = re.compile(r"(?<!\d)(?P<y>\d{3})\s?(?:年度?\s?(?P<long>[上下])半年度?|(?P<short>[上下])(?!半))")
_RANGE_JOIN = re.compile(r"\s?[-~至到]\s?")
_LIST_NUMBER = re.compile(r"(?:^|[^0-9A-Za-z.])\d{1,2}\.$")


@dataclass(frozen=True)
class ParsedDate:
    """A date found in text. `date` is the first day it denotes; `end` is set for ranges only."""

    date: dt.date
    precision: Precision
    raw: str
    span: tuple[int, int]
    end: dt.date | None = None
    era: Literal["roc", "ad"] = "roc"

    @property
    def last(self) -> dt.date:
        """The last day covered: the range's end, or the end of the month or year."""
        if self.end is not None:
            return self.end
        if self.precision == "year":
            return dt.date(self.date.year, 12, 31)
        if self.precision == "month":
            return _month_end(self.date.year, self.date.month)
        return self.date

    @property
    def roc_year(self) -> int:
        return ad_to_roc(self.date.year)


def roc_to_ad(year: int) -> int:
    """民國 year → AD year (112 → 2023)."""
    return year + ROC_OFFSET


def ad_to_roc(year: int) -> int:
    """AD year → 民國 year (2023 → 112)."""
    return year - ROC_OFFSET


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _ad_year(digits: str, era: str | None, year_only: bool) -> tuple[int, Literal["roc", "ad"]] | None:
    """The AD year and the era it was written in, or None for an implausible year.

    Four digits are AD (1900–2099). Two or three are ROC from 50 to 199; a bare year (`112年`) needs
    three digits or a 民國 prefix, so that `50年來` (fifty years) is not read as 1961.
    """
    value = int(digits)
    if len(digits) == 4:
        return (value, "ad") if 1900 <= value <= 2099 and era != "民國" else None
    if era == "西元" or not 50 <= value <= 199 or (year_only and len(digits) < 3 and era != "民國"):
        return None
    return roc_to_ad(value), "roc"


def _starts_cleanly(text: str, start: int) -> bool:
    """Not the tail of a number or code (DP3.4.1, 26,047.65), but a list number like `1.112.5月` is fine."""
    if start == 0:
        return True
    before = text[start - 1]
    if before == ".":
        return bool(_LIST_NUMBER.search(text, 0, start))
    if before == ",":  # a thousands separator follows a digit; a clause comma (，→ , by NFKC) does not
        return start < 2 or not text[start - 2].isdigit()
    return not (before.isascii() and before.isalnum())


def _build(kind: str, match: re.Match[str], raw: str) -> ParsedDate | None:
    """The date a pattern match denotes, or None if it is not a real date (month 13, year 1961 …)."""
    groups = match.groupdict()
    year = _ad_year(groups["y"], groups["era"], kind in ("year", "year_range"))
    if year is None:
        return None
    ad, era = year
    span = (match.start(), match.end())
    try:
        if kind == "year":
            return ParsedDate(dt.date(ad, 1, 1), "year", raw, span, era=era)
        if kind == "year_range":
            end = _ad_year(groups["y2"], groups["era"], True)
            if end is None or end[0] < ad:
                return None
            return ParsedDate(dt.date(ad, 1, 1), "year", raw, span, dt.date(end[0], 12, 31), era)
        month = int(groups["m"])
        if kind == "month":
            return ParsedDate(dt.date(ad, month, 1), "month", raw, span, era=era)
        if kind == "month_end":
            return ParsedDate(_month_end(ad, month), "day", raw, span, era=era)
        return ParsedDate(dt.date(ad, month, int(groups["d"])), "day", raw, span, era=era)
    except ValueError:  # month 13, 2月30日
        return None


def _join_ranges(text: str, folded: str, dates: list[ParsedDate]) -> list[ParsedDate]:
    """Merge `A-B` pairs (112.3.28-112.3.31, 2027年至2028年) into one date with an end."""
    joined: list[ParsedDate] = []
    for date in dates:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and previous.end is None
            and _RANGE_JOIN.fullmatch(folded, previous.span[1], date.span[0])
            and date.last >= previous.date
        ):
            span = (previous.span[0], date.span[1])
            joined[-1] = ParsedDate(previous.date, previous.precision, text[span[0] : span[1]], span,
                                    date.last, previous.era)
        else:
            joined.append(date)
    return joined


def find_dates(text: str) -> list[ParsedDate]:
    """Every date in `text`, in order, with its span in `text` (full-width digits are read too)."""
    folded = fold_width(text)
    candidates: list[tuple[int, int, str, re.Match[str]]] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(folded):
            if _starts_cleanly(folded, match.start()):
                candidates.append((match.start(), -match.end(), kind, match))
    found: list[ParsedDate] = []
    taken_until = 0
    for start, _, kind, match in sorted(candidates, key=lambda c: (c[0], c[1])):
        if start < taken_until:
            continue
        date = _build(kind, match, text[start : match.end()])
        if date is not None:
            found.append(date)
            taken_until = match.end()
    return _join_ranges(text, folded, found)


def parse_roc_date(text: str) -> dt.date | None:
    """The first date in `text` (its first day, or for `112年12月底` the month's last day), or None."""
    dates = find_dates(text)
    return dates[0].date if dates else None


def parse_year(text: str) -> int | None:
    """The ROC year a question names (`112年`, `民國112年`, `2023年` → 112), or None.

    Relative years (`去年`, `今年`) give None: there is no reference date to count from. The ROC
    year is returned because every record carries `year_roc`.
    """
    dates = find_dates(text)
    return dates[0].roc_year if dates else None


@dataclass(frozen=True)
class HalfYear:
    """A half year named in text: `year_roc` and `half` (1 = 上半年, 2 = 下半年)."""

    year_roc: int
    half: Literal[1, 2]
    raw: str
    span: tuple[int, int]


def find_half_years(text: str) -> list[HalfYear]:
    """Every half year in `text` (`112年下半年`, `113上`), in order; full-width digits are read too."""
    folded = fold_width(text)
    found = []
    for match in _HALF_YEAR.finditer(folded):
        year = int(match.group("y"))
        if not 50 <= year <= 199:
            continue
        half: Literal[1, 2] = 1 if (match.group("long") or match.group("short")) == "上" else 2
        found.append(HalfYear(year, half, text[match.start() : match.end()], (match.start(), match.end())))
    return found
