"""Which period of each series an ask is answered from.

Documents of one series (manifest `series`: the 白皮書 辦理情形 of 112下, 113上 …) repeat the same rows
period after period; answering from all of them at once would count every row twice. So, per
series: an ask that names half years uses the documents of those periods; one that names years, the
latest document covering them; one that names neither, the latest document. A document that is a
series of its own is always its own latest. `Scope.note` says which period was used where a series
had more than one to choose from and the ask named none.
"""

from dataclasses import dataclass

from assistant.answering.context import Sources
from assistant.corpus.series import Version, series_versions
from assistant.understanding.models import QuestionFilters


@dataclass(frozen=True)
class Scope:
    files: frozenset[str]  # the documents the ask may be answered from
    defaulted: tuple[Version, ...]  # the latest versions chosen for series with several, when no period was named


def _covers(version: Version) -> set[int]:
    return set(version.period.covers_roc or (version.period.year_roc,))


def period_scope(sources: Sources, f: QuestionFilters) -> Scope:
    files: set[str] = set()
    defaulted: list[Version] = []
    for versions in series_versions(sources.documents.values()).values():
        if f.periods:
            chosen = [v for v in versions if v.period.label in f.periods]
            if not chosen and not any(v.period.half for v in versions):  # a whole-year series: by year
                chosen = [v for v in versions if {int(p[:3]) for p in f.periods} & _covers(v)][-1:]
        elif f.years:
            chosen = [v for v in versions if set(f.years) & _covers(v)][-1:]
        else:
            chosen = versions[-1:]
            if len(versions) > 1:
                defaulted += chosen
        files.update(v.file for v in chosen)
    return Scope(frozenset(files), tuple(defaulted))
