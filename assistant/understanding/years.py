"""The ROC years (and half years) a question asks about.

Chinese forms go through `assistant.text.dates` (112年, 民國107年, 108年度, 2023年, 109-111年, 112.6.30),
and a list of years sharing one 年 gives each of them (108、109年; 109、110、111年; 109年跟112年).
`ROC 111`, `ROC year 107` and `ROC 109-111` are read in either language. A bare four-digit year (`in 2023`,
`2020-2022`) counts only in an English question: in Chinese text an unmarked 2025 or 2038 is part of
a name (2025世界人才首都, 2038亞運), and a year is written with 年.
A year said relative to one just named (112年…明年, in 2023 … the year after) is that year plus or minus
one; said with no year named before it (去年做得如何), it names none: the question's own time is unknown.
"""

import re

from assistant.text.dates import ad_to_roc, find_dates, find_half_years
from assistant.understanding.question import QuestionText

_JOIN = r"\s*(?:、|,|，|及|和|與|跟|或|以及|and|or)\s*"
# Numbers joined by 、/和/跟 before one 年, or before a phrase counting them as years (109、110、111這三年):
# every number is a year (108、109年).
_YEAR_LIST = re.compile(rf"(?<![\d.])(\d{{2,3}}(?:{_JOIN}\d{{2,3}})+)\s*(?=年|[這那]?[\d一二兩三四五六七八九十]+個?年)")
_NUMBER = re.compile(r"\d{2,3}")
_ROC = re.compile(r"(?<![a-z])roc\s*(?:years?\s*)?(\d{2,3})(?:\s*(?:-|–|~|to|through|thru|until|till)\s*(\d{2,3}))?(?!\d)"
                  r"|民國\s*(\d{2,3})(?![\d年])")
# A comma or point closes a year unless a digit follows (2019, and … is a year; 2,019 and 2019.5 are not).
_AD = re.compile(r"(?<![\d.,])((?:19|20)\d{2})(?:\s*(?:-|–|~|to|through|thru|until|till)\s*((?:19|20)\d{2}))?(?!\d|[.,]\d|%)")


# Years said relative to the year named before them: the year after (+1), the year before (-1).
_RELATIVE = re.compile(r"(?a)(明年|隔年|翌年|次年|下一年|下年度|\bnext\s+year\b|\bthe\s+(?:following|next)\s+year\b"
                       r"|\bthe\s+year\s+after\b)|(去年|前一年|上一年|\blast\s+year\b|\bthe\s+(?:previous|prior)\s+year\b"
                       r"|\bthe\s+year\s+before\b)")


def _span(first: int, last: int | None) -> list[int]:
    return list(range(first, (last if last and last >= first else first) + 1))


_HALF_NAMES = {1: "上半年", 2: "下半年"}


def find_periods(question: QuestionText) -> list[tuple[str, int, int]]:
    """Half years named (112年下半年, 113上) as (period label as the documents print it, year, offset);
    claims their spans, so the year reader does not read them again."""
    found = []
    for half in find_half_years(question.masked):
        start, end = half.span
        if question.is_free(start, end):
            question.mask(start, end)
            found.append((f"{half.year_roc}年{_HALF_NAMES[half.half]}", half.year_roc, start))
    return found


def find_years(question: QuestionText, start: int = 0, end: int | None = None) -> list[int]:
    """ROC years within `start`..`end`, in order of first mention, without repeats; claims their spans."""
    return list(dict.fromkeys(year for year, _ in find_year_mentions(question, start, end)))


def find_year_mentions(question: QuestionText, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(ROC year, offset of its mention) within `start`..`end`, in text order; claims their spans."""
    years: list[tuple[int, int]] = []
    end = len(question.text) if end is None else end
    for match in list(_YEAR_LIST.finditer(question.masked, start, end)):
        if question.is_free(match.start(), match.end()):
            numbers = [(int(n.group()), match.start(1) + n.start()) for n in _NUMBER.finditer(match.group(1))]
            question.mask(match.start(1), match.end(1))
            years.extend(numbers)
    for date in find_dates(question.masked[start:end]):
        first, last_char = date.span[0] + start, date.span[1] + start
        if not question.is_free(first, last_char):
            continue
        question.mask(first, last_char)
        last = date.end.year if date.end else date.date.year
        years.extend((ad_to_roc(year), first) for year in range(date.date.year, last + 1))
    for match in question.claim(_ROC, start, end):
        if match.group(3):
            years.append((int(match.group(3)), match.start()))
        else:
            years.extend((y, match.start()) for y in _span(int(match.group(1)),
                                                           int(match.group(2)) if match.group(2) else None))
    if question.language == "en":
        for match in question.claim(_AD, start, end):
            last = int(match.group(2)) if match.group(2) else None
            years.extend((ad_to_roc(y), match.start()) for y in _span(int(match.group(1)), last))
    return _with_relative(question, sorted(years, key=lambda mention: mention[1]), start, end)


def _with_relative(question: QuestionText, years: list[tuple[int, int]], start: int,
                   end: int) -> list[tuple[int, int]]:
    """`years` with each year said relative to the latest year named before it (112年…明年 is 113)."""
    found = list(years)
    for match in question.claim(_RELATIVE, start, end):
        before = [year for year, at in years if at < match.start()]
        if before:
            found.append((before[-1] + (1 if match.group(1) else -1), match.start()))
    return sorted(found, key=lambda mention: mention[1])

