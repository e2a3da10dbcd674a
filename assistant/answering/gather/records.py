"""The records an ask selects: which record types can answer it, and every record of a type it matches.

Never top-k: a list is complete by construction. Which record types can answer follows from what
the ask states, each filter naming the types that have its field (a status only progress items,
a 達標 only KPI results, a table row only the budget tables), intersected with the types of the
documents and years it names. Records are read from the in-memory store (`RecordMemory`).

Only the documents of the periods the ask is about count (`periods.period_scope`: the latest of each
series unless the ask names another). An agency the ask names is a row filter where the records of that type carry it; where none do,
and the scoped documents' issuer names it (「它主政的E組報告」), it describes the document instead.
A 綱要 or 領域 the ask names selects the rows printing it and the rows of its block whose cell the
table left blank (`blocks`: by position, and flagged so in the answer).
"""

import re
from collections.abc import Callable, Iterable

from assistant.answering.context import Request, Sources
from assistant.answering.gather.blocks import Position, block_positions
from assistant.answering.gather.periods import period_scope
from assistant.index.record_memory import record_agencies
from assistant.linking.gazetteer import Entry
from assistant.linking.linker import named_in_part
from assistant.linking.schema import GOAL_TYPE
from assistant.linking.vocabulary import KPI_TYPES, SUBJECT_TYPES
from assistant.parsing.models import KpiResult, PerformanceGoal, ProgressItem, Record
from assistant.parsing.progress_table import MERGED_COLUMNS
from assistant.text.normalize import HAN, match_key
from assistant.text.runs import kept_in_order, shared_run
from assistant.understanding.models import QuestionFilters, Superlative, Threshold, YearComparison

_HAN = re.compile(f"[{HAN}]")
# Links that name the row asked about themselves: an ask naming one needs no KPI found by its words.
_NAMING_KINDS = frozenset({"item", "kpi", "goal", "table_row", "table", "performance_goal"})
RECORD_TYPES = ("progress_item", "strategy_kpi", "kpi_result", "budget_figure", "performance_goal")
# The agency fields of each record type, by role.
ROLE_FIELDS: dict[str, dict[str, tuple[str, ...]]] = {
    "progress_item": {"lead": ("lead_agency",), "co": ("co_agencies",), "lead_or_co": ("lead_agency", "co_agencies")},
    "strategy_kpi": {"any": ("agencies",)},
    "kpi_result": {"any": ("agency",)},
    "budget_figure": {"any": ("agency",)},
    "performance_goal": {"any": ("agency",)},
}


def agency_fields(record_type: str, role: str | None) -> tuple[str, ...]:
    """The fields an agency in `role` fills in records of `record_type` (no role: the lead's)."""
    fields = ROLE_FIELDS.get(GOAL_TYPE if record_type == GOAL_TYPE else record_type, {})
    if "any" in fields:
        return fields["any"]
    return fields.get(role or "lead", fields.get("lead", ()))


def _stored(record_type: str) -> tuple[str, ...]:
    """The stored types a (possibly virtual) type is read from: goals come from KPI records."""
    return KPI_TYPES if record_type == GOAL_TYPE else (record_type,)


def candidate_types(f: QuestionFilters, sources: Sources) -> list[str]:
    """Record types that have a field for everything the ask filters on, in the documents and years it names."""
    vocabulary = sources.vocabulary
    types = set(RECORD_TYPES) | {GOAL_TYPE}
    needs: list[set[str]] = []
    if f.record_type:
        needs.append({f.record_type})
    if f.subject:
        needs.append(set(SUBJECT_TYPES[f.subject]))
    if f.status or f.category or f.outline or f.domain or f.item_nos \
            or f.items or f.agency_role in ("co", "lead_or_co"):
        needs.append({"progress_item"})
    if f.has_co_agency is not None:  # another agency in the row: an item's 協辦, a catalogue KPI's other 主責
        needs.append({"progress_item", "strategy_kpi"})
    if f.wccd:
        needs.append({"strategy_kpi"})
    if f.target_met is not None or f.rating:
        needs.append({"kpi_result"})
    if f.kpi_code or f.kpi_name or f.perspective:
        needs.append(set(KPI_TYPES))
    if f.goal_code:
        needs.append({*KPI_TYPES, GOAL_TYPE})
    if f.rows or f.tables:
        needs.append({"budget_figure"})
    if f.year_compare:
        needs.append({c.field.split(".", 1)[0] for c in f.year_compare})
    if f.unchanged:
        needs.append({field.split(".", 1)[0] for field in f.unchanged})
    if f.lacking:
        needs.append({field.split(".", 1)[0] for field in f.lacking})
    if f.thresholds:  # a field word may name fields of several types (achievement): the rows of any
        needs.append({threshold.field.split(".", 1)[0] for threshold in f.thresholds})
    if f.superlative:
        needs.append({f.superlative.field.split(".", 1)[0]})
    for need in needs:
        if types & need:
            types &= need
    if f.files:
        in_files = {t for file in f.files for t in vocabulary.record_types.get(file, ())}
        types = types & in_files or types
    if f.years:
        in_years = {t for t in types if set(f.years) & vocabulary.type_years.get(t, frozenset())}
        types = in_years or types
    return [t for t in (*RECORD_TYPES, GOAL_TYPE) if t in types]


def agency_describes_document(f: QuestionFilters, record_type: str, sources: Sources) -> bool:
    """No record of the type in the scoped documents carries the agency, and their issuer names it."""
    if not f.agency:
        return False
    files = f.files or sources.vocabulary.files_with(record_type)
    carried = any(f.agency in record_agencies(record, field)
                  for t in _stored(record_type) for record in sources.memory.of_type(t) if record.file in files
                  for field in agency_fields(t, f.agency_role))
    if carried:
        return False
    issuers = [sources.vocabulary.documents[file].issuer for file in files if file in sources.vocabulary.documents]
    agency = sources.lexicon.get(f.agency)
    spellings = agency.spellings if agency else (f.agency,)
    return any(spelling in issuer for issuer in issuers for spelling in spellings)


def _contains(needle: str | None, haystack: str | None) -> bool:
    return bool(needle) and match_key(needle) in match_key(haystack or "")


# What a row is about, by type: its name, the goals it serves and its target. Not its agencies or
# status, nor (first) the long text of its work and results, which mention much in passing; nor a
# progress row's category, forward-filled over rows the table printed blank.
ABOUT_FIELDS = {
    "progress_item": ("item_name", "target"),
    "strategy_kpi": ("theme_name", "goal_name", "kpi_name"),
    "kpi_result": ("goal_name", "kpi_name"),
    GOAL_TYPE: ("theme_name", "goal_name", "kpi_name"),
    "performance_goal": ("goal",),
    "budget_figure": ("item",),
}
# The rest of a row's own text: where a subject no row is about may still be mentioned.
MENTION_FIELDS = {
    "progress_item": ("work_items", "results"),
    "performance_goal": ("strategy", "results", "future"),
}


def is_about(record: Record, subjects: list[str], mentions: bool = False) -> bool:
    """The record's name, goals or target hold one of `subjects`; with `mentions`, any of its own text.
    A subject of several words (「新聞聯絡人 訓練」) is held when each word is."""
    fields = ABOUT_FIELDS.get(record.record_type, ()) + (MENTION_FIELDS.get(record.record_type, ()) if mentions else ())
    own = " ".join(str(getattr(record, name, None) or "") for name in fields)
    return any(all(_contains(word, own) for word in subject.split()) for subject in subjects if subject.split())


_COMPARE = {">": float.__gt__, ">=": float.__ge__, "<": float.__lt__, "<=": float.__le__}


def within(record: Record, threshold: Threshold) -> bool:
    """The record's value of the bounded field is known and within the bound."""
    value = getattr(record, threshold.field.split(".", 1)[1], None)
    return isinstance(value, (int, float)) and _COMPARE[threshold.op](float(value), threshold.value)


def _checks(f: QuestionFilters, record_type: str, scope: frozenset[str], mentions: bool = False,
            blocks: dict[str, set[Position]] | None = None) -> list[Callable[[Record], bool]]:
    """`blocks`: merged column → the rows with it blank in the asked label's block."""
    blocks = blocks or {}
    checks: list[Callable[[Record], bool]] = [lambda r: r.file in scope]
    if f.about:
        checks.append(lambda r: is_about(r, f.about, mentions))
    for field in f.lacking:
        if field.split(".", 1)[0] == record_type:  # 沒有實際值的: the rows that report nothing there
            checks.append(lambda r, name=field.split(".", 1)[1]: getattr(r, name, None) in (None, "", []))
    for threshold in f.thresholds:
        if threshold.field.split(".", 1)[0] == record_type:  # a bound applies to the rows holding its field
            checks.append(lambda r, t=threshold: within(r, t))
    if f.files:
        checks.append(lambda r: r.file in f.files)
    if f.years and record_type != "performance_goal":
        checks.append(lambda r: getattr(r, "year_roc", None) in f.years)
    if record_type == "progress_item":
        if f.status:
            checks.append(lambda r: r.status_code == f.status)
        if f.category:
            checks.append(lambda r: _contains(f.category, r.category))
        for column, label in ((column, getattr(f, column)) for column in MERGED_COLUMNS):
            if label:  # printed on the row, or the cell blank and the row in the label's block
                checks.append(lambda r, c=column, l=label: _contains(l, getattr(r, c))
                              or (getattr(r, c) is None and (r.file, r.line) in blocks.get(c, ())))
        if f.has_co_agency is not None:  # a row whose agency cells were lost (no lead) has no known co-agency
            checks.append(lambda r: bool(r.co_agencies) == f.has_co_agency and r.lead_agency is not None)
        if f.item_nos:
            checks.append(lambda r: r.item_no in f.item_nos or r.item_no_inferred in f.item_nos)
        for name in f.names:
            checks.append(lambda r, name=name: _contains(name, r.item_name))
        if f.items:
            keys = {match_key(i) for i in f.items}
            checks.append(lambda r: match_key(r.item_name or "") in keys)
    elif record_type in (*KPI_TYPES, GOAL_TYPE):
        if f.group:
            checks.append(lambda r: getattr(r, "theme_code", None) == f.group or getattr(r, "group", None) == f.group)
        if f.kpi_code and record_type != GOAL_TYPE:
            checks.append(lambda r: r.kpi_code == f.kpi_code)
        if f.goal_code:
            checks.append(lambda r: r.goal_code == f.goal_code)
        if f.goal_name:
            checks.append(lambda r: _contains(f.goal_name, r.goal_name))
        if f.kpi_name and record_type != GOAL_TYPE:
            checks.append(lambda r: match_key(r.kpi_name) == match_key(f.kpi_name))
        if f.perspective:
            checks.append(lambda r: r.perspective in f.perspective)
        if f.has_co_agency is not None:  # 跟其他局處一起列為主責: more than one responsible agency
            checks.append(lambda r: (len(getattr(r, "agencies", None) or ()) > 1) == f.has_co_agency)
        if f.wccd is not None:
            checks.append(lambda r: getattr(r, "wccd", None) == f.wccd)
        if f.target_met is not None:  # met: 目標達成度 ≥ 100%; no reported achievement is neither
            checks.append(lambda r: getattr(r, "achievement", None) is not None
                          and (r.achievement >= 100) == f.target_met)
        if f.rating:
            checks.append(lambda r: getattr(r, "rating", None) == f.rating)
        for name in f.names:
            checks.append(lambda r, name=name: _contains(name, r.kpi_name))
    elif record_type == "budget_figure":
        if f.rows:
            rows = {match_key(r) for r in f.rows}
            checks.append(lambda r: match_key(r.item) in rows)
        if f.tables:
            checks.append(lambda r: r.table in f.tables)
    elif record_type == "performance_goal":
        if f.goal_name:
            checks.append(lambda r: _contains(f.goal_name, r.goal))
    return checks


def select(request: Request, record_type: str, filters: QuestionFilters | None = None,
           mentions: bool = False) -> list[Record]:
    """Every record of `record_type` (goals: the KPI records they head) the filters select, in source order.

    `mentions`: a row is about the ask's subject (`about`) when any of its own text mentions it, not
    only its name, goals or target."""
    f = filters or request.filters
    sources = request.sources
    memory = sources.memory
    ids: Iterable[int] = [i for t in _stored(record_type) for i in memory.ids_of_type(t)]
    if f.agency and not agency_describes_document(f, record_type, sources):
        wanted: set[int] = set()
        for stored in _stored(record_type):
            wanted |= memory.with_agency(f.agency, agency_fields(stored, f.agency_role))
        for other in f.with_agencies:  # working together: each of them is in the row, in any role
            wanted &= {i for stored in _stored(record_type)
                       for i in memory.with_agency(other, agency_fields(stored, "lead_or_co"))}
        ids = [i for i in ids if i in wanted]
    checks = _checks(f, record_type, period_scope(sources, f).files, mentions, merged_blocks(request, f, record_type))
    records = [r for r in (memory.get(i) for i in ids) if all(check(r) for check in checks)]
    if f.unchanged and record_type in KPI_TYPES:  # a KPI is one through the years by its code in a document
        records = unchanged_through(records, [u for u in f.unchanged if u.split(".", 1)[0] == record_type], f.years)
    for comparison in f.year_compare:
        if comparison.field.split(".", 1)[0] == record_type and record_type in KPI_TYPES:
            records = compared_between_years(records, comparison)
    return extremes(records, f.superlative) if f.superlative else records


def merged_blocks(request: Request, f: QuestionFilters, record_type: str) -> dict[str, set[Position]]:
    """Merged column → the rows with it blank that sit in the block of the label the ask names there."""
    asked = {column: label for column in MERGED_COLUMNS if (label := getattr(f, column))}
    if record_type != "progress_item" or not asked:
        return {}
    rows = [r for r in request.sources.memory.of_type("progress_item") if isinstance(r, ProgressItem)]
    return {column: block_positions(rows, column, lambda value, l=label: _contains(l, value))
            for column, label in asked.items()}


def compared_between_years(records: list[Record], comparison: YearComparison) -> list[Record]:
    """The records of the KPIs (by document and code) whose field in `comparison.year` is below (or
    above) its value in `comparison.than`; a KPI without a number in either year is left out."""
    name = comparison.field.split(".", 1)[1]
    values: dict[tuple[str, str, int], float] = {}
    for record in records:
        value = getattr(record, name, None)
        if isinstance(value, (int, float)):
            values[(record.file, getattr(record, "kpi_code", ""), getattr(record, "year_roc", 0))] = float(value)
    kept = set()
    for (file, code, year), value in values.items():
        other = values.get((file, code, comparison.than))
        if year == comparison.year and other is not None and (value < other if comparison.op == "<" else value > other):
            kept.add((file, code))
    return [r for r in records if (r.file, getattr(r, "kpi_code", "")) in kept]


def unchanged_through(records: list[Record], fields: list[str], years: list[int]) -> list[Record]:
    """The records of the KPIs (by document and code) that report each field in every one of `years`
    (or of their own years, when none is asked), with one value throughout: a number compared as a
    number (84.00 is 84), else as printed."""
    if not fields:
        return records
    by_kpi: dict[tuple[str, str], list[Record]] = {}
    for record in records:
        by_kpi.setdefault((record.file, getattr(record, "kpi_code", "")), []).append(record)

    def value(record: Record, name: str) -> object:
        number = getattr(record, name, None)
        raw = getattr(record, f"{name}_raw", None)
        return number if isinstance(number, (int, float)) else (match_key(raw) if raw else None)

    kept: list[Record] = []
    for group in by_kpi.values():
        asked = set(years) or {getattr(r, "year_roc", None) for r in group}
        if len(asked) < 2 or {getattr(r, "year_roc", None) for r in group} < asked:
            continue  # one year, or a year without the KPI: nothing stayed the same through them
        in_years = [r for r in group if getattr(r, "year_roc", None) in asked]
        if all(len({value(r, name.split(".", 1)[1]) for r in in_years}) == 1
               and value(in_years[0], name.split(".", 1)[1]) is not None for name in fields):
            kept += in_years
    return [r for r in records if r in kept]


def extremes(records: list[Record], superlative: Superlative) -> list[Record]:
    """The records holding the field's highest (or lowest) known value, every one of a tie."""
    name = superlative.field.split(".", 1)[1]
    values = [v for r in records if isinstance(v := getattr(r, name, None), (int, float))]
    if not values:
        return []
    best = max(values) if superlative.order == "max" else min(values)
    return [r for r in records if getattr(r, name, None) == best]


def kpi_named_in_part(request: Request) -> str | None:
    """The KPI name the ask mentions in part (enough of it, and no other KPI name as well), or None."""
    link = named_in_part(request.reading.fragments, "kpi", request.filters.years)
    return link.value if link is not None else None


def scoped_kpi_names(request: Request) -> list[Entry]:
    """The KPI names, as printed, of the documents and years the ask states; none when it states neither,
    or when there are more than `max_scoped_names` (among a whole catalogue a short mention tells no
    name apart)."""
    f = request.filters
    files, years = set(f.files), set(f.years)
    if not (files or years):
        return []
    names = [e for e in request.sources.vocabulary.kpi_entries if e.text == e.value
             and (not files or files & set(e.files)) and (not years or years & set(e.years))]
    return names if len(names) <= request.sources.settings.max_scoped_names else []


def kpi_named_in_scope(request: Request) -> str | None:
    """The one KPI of the ask's documents and years whose name holds every content word of an ask about
    a KPI, each whole or shortened (職災死亡率 among D組108年's KPIs: 職業災害死亡百萬人率), or None: among
    the few names of a stated scope, a mention a catalogue-wide match finds too short tells one apart.
    An ask about a topic (敬老卡…提到什麼) is not narrowed to the KPI whose name holds it."""
    f = request.filters
    about_kpi = f.subject == "kpi" or f.record_type in KPI_TYPES or f.target_met is not None or f.rating \
        or any(m.split(".", 1)[0] in KPI_TYPES for m in f.measures)  # 那個指標, 沒達標, 達成度: a KPI is asked of
    words = [key for t in request.reading.terms if not t.aspect and _HAN.search(key := match_key(t.text))]
    if not about_kpi or not words or any(link.kind in _NAMING_KINDS for link in request.reading.links):
        return None
    gap = request.sources.settings.max_contraction_gap
    fits = {match_key(e.text): e.value for e in scoped_kpi_names(request)
            if all(kept_in_order(word, match_key(e.text), gap) for word in words)}
    return next(iter(fits.values())) if len(fits) == 1 else None


def row_name(record: Record) -> str:
    """What a row is called: a progress item's name, a performance goal's goal, a KPI's name."""
    if isinstance(record, ProgressItem):
        return record.item_name or ""
    if isinstance(record, PerformanceGoal):
        return record.goal
    return getattr(record, "kpi_name", None) or ""


def named_among(records: list[Record], request: Request) -> list[Record]:
    """Of several rows listed before, the one the ask names in part (長者搭乘大眾運輸那個 of three KPIs,
    處理輿情那一項 of four goals): its name shares a longer run with the ask than any other's, of
    `min_fragment_chars` at least. Among a few rows already found, a shorter part tells one apart than
    among a whole catalogue. All of them when none is told apart."""
    if len(records) < 2:
        return records
    ask = match_key(request.understanding.normalized)
    names = list(dict.fromkeys(match_key(row_name(r)) for r in records))
    runs = sorted(((len(shared_run(name, ask)), name) for name in names if name), reverse=True)
    best, second = (runs[0][0], runs[1][0] if len(runs) > 1 else 0) if runs else (0, 0)
    if best < request.sources.settings.min_fragment_chars or best == second:
        return records
    return [r for r in records if match_key(row_name(r)) == runs[0][1]]
