"""A KPI's counterpart in a year that does not report it: the indicator that took its place.

Decks revise their KPIs from year to year. A KPI is renamed (弱勢族群公共運輸使用量 → …使用率) or replaced by
another under the same goal (a KPI dropped, a new one added). An ask about a KPI in such a year is answered
for its counterpart, with a note saying which KPI that is and why, instead of being refused outright.

The counterpart is found from the records alone. Under each goal name the two years share (in any
document, so a catalogue's KPI finds its deck's), the KPIs that do not continue by name into the other year
are paired, most alike first. A pair needs names at least `min_counterpart_similarity` alike: a KPI dropped
and an unrelated one added are no pair. A KPI whose name goes on, as printed, is paired with no other.
"""

from collections.abc import Iterable, Sequence

from rapidfuzz import fuzz

from assistant.parsing.models import KpiResult, Record, StrategyKpi
from assistant.text.normalize import match_key

Kpi = KpiResult | StrategyKpi


def counterparts(record: Kpi, year: int, kpis: Iterable[Record], min_similarity: float) -> list[Kpi]:
    """The KPIs of `year` that stand for `record` (of another year), best first; none when its name
    goes on in `year` or nothing under its goal pairs with it."""
    pool = [r for r in kpis if isinstance(r, (KpiResult, StrategyKpi)) and r.goal_name]
    goal = match_key(record.goal_name or "")
    then = [r for r in pool if r.year_roc == record.year_roc and r.file == record.file]
    now = [r for r in pool if r.year_roc == year]
    names_then = {match_key(r.kpi_name) for r in then}
    names_now = {match_key(r.kpi_name) for r in now}
    if not goal or match_key(record.kpi_name) in names_now:
        return []
    dropped = _unique(r for r in then if match_key(r.goal_name) == goal and match_key(r.kpi_name) not in names_now)
    added = _unique(r for r in now if match_key(r.goal_name) == goal and match_key(r.kpi_name) not in names_then)
    pairs = sorted(((_alike(a, b), i, j) for i, a in enumerate(dropped) for j, b in enumerate(added)),
                   key=lambda p: (-p[0], p[1], p[2]))
    used_then: set[int] = set()
    used_now: set[str] = set()
    found: list[Kpi] = []
    for score, i, j in pairs:
        name = match_key(added[j].kpi_name)
        if score < min_similarity or i in used_then or name in used_now:
            continue
        used_then.add(i)
        used_now.add(name)
        if match_key(dropped[i].kpi_name) == match_key(record.kpi_name):
            found += [r for r in now if match_key(r.kpi_name) == name]
    return found


def _alike(a: Kpi, b: Kpi) -> float:
    return fuzz.ratio(match_key(a.kpi_name), match_key(b.kpi_name)) / 100.0


def _unique(records: Iterable[Kpi]) -> Sequence[Kpi]:
    """One record per name (a KPI printed in two documents of a year is one KPI)."""
    seen: dict[str, Kpi] = {}
    for r in records:
        seen.setdefault(match_key(r.kpi_name), r)
    return list(seen.values())
