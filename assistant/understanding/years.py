"""The ROC years a question asks about.

Chinese forms go through `assistant.text.dates` (112年, 民國107年, 108年度, 2023年, 109-111年, 112.6.30).
`ROC 111` is read in either language. A bare four-digit year (`in 2023`, `2030 targets`) counts
only in an English question: in Chinese text an unmarked 2025 or 2038 is part of a name
(2025世界人才首都, 2038亞運), and a year is written with 年.
"""

import re

from assistant.text.dates import ad_to_roc, find_dates
from assistant.understanding.question import QuestionText

_ROC = re.compile(r"(?<![a-z])roc\s*(\d{2,3})(?!\d)|民國\s*(\d{2,3})(?![\d年])")
_AD = re.compile(r"(?<![\d.,])((?:19|20)\d{2})(?![\d.,%])")


def find_years(question: QuestionText) -> list[int]:
    """ROC years in order of first mention, without repeats; claims their spans."""
    years: list[int] = []
    for date in find_dates(question.masked):
        start, end = date.span
        if not question.is_free(start, end):
            continue
        question.mask(start, end)
        last = date.end.year if date.end else date.date.year
        years.extend(ad_to_roc(year) for year in range(date.date.year, last + 1))
    for match in question.claim(_ROC):
        years.append(int(match.group(1) or match.group(2)))
    if question.language == "en":
        years.extend(ad_to_roc(int(m.group(1))) for m in question.claim(_AD))
    return list(dict.fromkeys(years))
