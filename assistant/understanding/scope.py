"""Which documents and which record type a question is about, from what it states.

Narrowing runs from the most explicit signal to the least, and a weaker signal never overrides a
stronger one:
1. a document named (市政白皮書, 施政綱要, 績效報告; 政策項目 names the progress table);
2. a group or theme (D組, Group E, 優化產業勞動): the group's deck, or the 107 strategy map when the
   question is about 107 or names 施政綱要, or when the letter has no deck (A–C, F–H, T);
3. what is asked about: KPI words (code, name, 指標, 達標, 燈號, WCCD) → the KPI documents; row words
   (status, 協辦, 類別, 綱要, 項目, an agency with 主辦/協辦) → the progress table;
4. only when nothing above applies: a 秘書處 年度目標, an agency named in a document's title
   (秘書處 → its report), or budget words in a lookup (預算, 執行率, 人事費 → the 秘書處 tables);
5. years: only documents covering one of them. If that leaves nothing, the stated scope holds no
   such year and the question is out of scope;
6. a KPI code or name: the documents (and years) that have it.
`files` stays empty when nothing narrowed the corpus.
"""

from dataclasses import dataclass

from assistant.understanding.facts import KPI_RECORD_TYPES, CorpusFacts, KpiFact
from assistant.understanding.signals import Signals
from assistant.understanding import wording


@dataclass(frozen=True)
class Scope:
    files: list[str]
    record_type: str | None
    conflict: str | None = None  # why the stated scope holds none of the years asked about


def kpi_context(s: Signals) -> bool:
    """The question is about KPIs (001–003), not 政策項目 rows."""
    v = s.values
    return bool(s.kpi_code or s.goal_code or s.kpi_name or "kpi" in s.nouns or v.target_met is not None
                or v.rating or v.wccd)


def progress_context(s: Signals) -> bool:
    """The question is about rows of the progress table (000)."""
    v = s.values
    return bool(s.status or v.has_co_agency is not None or v.item_no or s.labels.category or s.labels.outline
                or "item" in s.nouns or "progress_table" in s.kinds or (s.role and s.agencies))


def matching_kpis(s: Signals, facts: CorpusFacts, files: set[str], years: set[int]) -> list[KpiFact]:
    """The corpus's KPIs with the code, goal and name asked about, in `files` and (if given) `years`."""
    return [k for k in facts.kpis
            if k.file in files and (not years or k.year_roc in years)
            and (not s.kpi_code or k.code == s.kpi_code)
            and (not s.goal_code or k.goal_code == s.goal_code)
            and (not s.kpi_name or k.name == s.kpi_name)]


def resolve(s: Signals, facts: CorpusFacts, intent: str | None) -> Scope:
    all_files = set(facts.documents)
    files = set(all_files)
    years = set(s.years)
    explicit = {f for kind in s.kinds for f in facts.files_of_kind(kind)}
    if explicit:
        files &= explicit
    strategy = set(facts.files_of_kind("strategy_map"))
    about_strategy_years = not years or years <= {y for f in strategy for y in facts.documents[f].covers_roc}
    group = s.group or s.labels.theme
    if group:
        decks = set(facts.group_files(group))
        wants_strategy = not decks or bool(explicit & strategy) or (bool(years) and about_strategy_years)
        files &= strategy if wants_strategy else decks
    kpi, rows = kpi_context(s), progress_context(s)
    kpi_files = {f for rt in KPI_RECORD_TYPES for f in facts.files_with(rt)}
    if kpi and files & kpi_files:
        files &= kpi_files
    elif rows and not kpi and files & set(facts.files_with("progress_item")):
        files &= set(facts.files_with("progress_item"))
    if not (explicit or group or kpi or rows):
        files &= _weak_hint(s, facts, intent) or all_files
    if s.weak_map and not (explicit or group) and files & strategy and about_strategy_years:
        files &= strategy
    if years:
        covering = {f for f in files if years & set(facts.documents[f].covers_roc)}
        if not covering:
            return Scope([], None, _conflict(files, all_files, years, facts))
        files = covering
    if s.kpi_code or s.kpi_name or s.goal_code:
        found = {k.file for k in matching_kpis(s, facts, files, years)}
        if found:
            files = found
    return Scope(sorted(files) if files != all_files else [], _record_type(s, facts, files, kpi, rows))


def _weak_hint(s: Signals, facts: CorpusFacts, intent: str | None) -> set[str]:
    if s.labels.performance_goal:
        return set(facts.files_with("performance_goal"))
    titled = {f for f, names in facts.title_agencies.items() for m in s.agencies if m.name in names}
    if titled:
        return titled
    if s.values.budget_items and intent == "lookup":
        return set(facts.files_with("budget_figure"))
    return set()


def _record_type(s: Signals, facts: CorpusFacts, files: set[str], kpi: bool, rows: bool) -> str | None:
    types = {rt for f in files for rt in facts.documents[f].record_types}
    if s.labels.performance_goal and "performance_goal" in types:
        return "performance_goal"
    if s.values.budget_items and files <= set(facts.files_with("budget_figure")) and not kpi:
        return "budget_figure"
    if kpi:
        kpi_types = types & set(KPI_RECORD_TYPES)
        return kpi_types.pop() if len(kpi_types) == 1 else None
    if rows and "progress_item" in types:
        return "progress_item"
    if len(files) == 1 and "goal" in s.nouns and "performance_goal" in types:
        return "performance_goal"
    if len(files) == 1 and len(types) == 1:
        return types.pop()
    return None


def _conflict(files: set[str], all_files: set[str], years: set[int], facts: CorpusFacts) -> str:
    if files and files != all_files:
        return wording.scope_without_years(files, years, facts)
    return wording.years_not_covered(years, facts)
