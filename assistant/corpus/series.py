"""Series and versions: documents that are periods of one publication, ordered oldest to latest.

The 白皮書 辦理情形 table comes out every half-year under one series name (manifest `series`); the
answering stage asks `series_versions` for each series' documents in period order and takes the
last one when a question names no period, saying which period it used (`Period.label`).
"""

from collections.abc import Iterable
from dataclasses import dataclass

from assistant.corpus.manifest import Document
from assistant.corpus.period import Period


@dataclass(frozen=True)
class Version:
    """One document of a series: its file, title and period."""

    file: str
    title: str
    period: Period


def series_versions(documents: Iterable[Document]) -> dict[str, list[Version]]:
    """For each series, its documents ordered by period, latest last.

    A document without a `series` is a series of its own, keyed by its file name, so every document
    is in exactly one series and "latest of each series" never drops one. Documents of equal period
    keep file-name order.
    """
    grouped: dict[str, list[Version]] = {}
    for doc in sorted(documents, key=lambda d: d.file):
        key = doc.info.series or doc.file
        grouped.setdefault(key, []).append(Version(doc.file, doc.info.title, doc.period))
    return {key: sorted(versions, key=lambda v: v.period.sort_key()) for key, versions in grouped.items()}


def latest_versions(documents: Iterable[Document]) -> dict[str, Version]:
    """The latest document of each series (`series_versions(...)[series][-1]`)."""
    return {key: versions[-1] for key, versions in series_versions(documents).items()}
