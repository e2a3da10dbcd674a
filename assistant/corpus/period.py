"""The period a document reports on: a year, or a half year, with the date its figures stand at.

Series such as the 市政白皮書 progress table come out every half-year, so two documents can share a
title pattern and differ only in period; every record and passage carries its document's `Period`,
so an answer can tell rows of 112年下半年 from rows of 113年上半年. A period comes from the manifest
(`year_roc`, `half`, `as_of`, `covers_roc`) and, where the manifest leaves it open, from the document
itself (`read_period` over its title and header lines).
"""

import calendar
import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, computed_field

from assistant.text.dates import find_dates, find_half_years, roc_to_ad

Half = Literal[1, 2]
_HALF_NAMES = {1: "上半年", 2: "下半年"}
# Words that introduce the date a table's figures stand at: 截至112年12月底, 統計至…
_AS_OF_MARKERS = ("截至", "截止", "統計至", "資料日期")


class Period(BaseModel):
    """A reporting period: ROC year, optional half (1 上半年, 2 下半年), as-of date, years covered."""

    model_config = ConfigDict(frozen=True)

    year_roc: int
    half: Half | None = None
    as_of: dt.date | None = None
    covers_roc: tuple[int, ...] = ()

    @computed_field  # type: ignore[prop-decorator]
    @property
    def label(self) -> str:
        """How the documents write it: 112年下半年, or 112年度 for a whole year."""
        return f"{self.year_roc}年{_HALF_NAMES[self.half]}" if self.half else f"{self.year_roc}年度"

    @property
    def year_ad(self) -> int:
        return roc_to_ad(self.year_roc)

    @property
    def end(self) -> dt.date:
        """The last day the period reaches: its as-of date, else the end of its half or year."""
        if self.as_of is not None:
            return self.as_of
        month = 6 if self.half == 1 else 12
        year = self.year_ad
        return dt.date(year, month, calendar.monthrange(year, month)[1])

    def sort_key(self) -> tuple[dt.date, int, int]:
        """Order of publication within a series: by end date, then year, then half (a whole year last)."""
        return (self.end, self.year_roc, self.half or 3)


class DetectedPeriod(BaseModel):
    """What `read_period` found in a text, each part None when the text does not say."""

    year_roc: int | None = None
    half: Half | None = None
    as_of: dt.date | None = None


def _as_of(text: str) -> dt.date | None:
    """The date after an as-of marker (`截至112年12月底` → 2023-12-31), or None."""
    for marker in _AS_OF_MARKERS:
        at = text.find(marker)
        if at < 0:
            continue
        dates = find_dates(text[at + len(marker) : at + len(marker) + 20])
        if dates and dates[0].precision != "year":
            return dates[0].last
    return None


def read_period(text: str) -> DetectedPeriod:
    """The period a title or header line names: a half year first (`112年下半年`), else the first year.

    Used for documents whose manifest entry leaves the half or as-of date open, and to prefill an
    upload's fields; the manifest always has the last word.
    """
    halves = find_half_years(text)
    if halves:
        return DetectedPeriod(year_roc=halves[0].year_roc, half=halves[0].half, as_of=_as_of(text))
    years = [d for d in find_dates(text) if d.era == "roc"]
    return DetectedPeriod(year_roc=years[0].roc_year if years else None, as_of=_as_of(text))
