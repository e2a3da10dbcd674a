"""What the corpus holds, gathered once from the index so that reading a question is only lookups.

`CorpusFacts.from_index` reads every record and passage, once per process; what it gathers from the
passages and the BM25 index is kept beside the index version (`assistant.index.derived`). The
reader then checks a question against these facts: which years each document covers, which KPI
names and codes exist in which year, which 類別 and 綱要 values the progress table prints, and which
words occur in the corpus at all (to tell an unusual phrasing from a question about something else).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from assistant.corpus.lexicon import AgencyLexicon, load_lexicon
from assistant.index.derived import derived
from assistant.index.store import SearchIndex
from assistant.parsing.models import (
    BudgetFigure,
    KpiResult,
    PerformanceGoal,
    ProgressItem,
    StrategyKpi,
)
from assistant.text.normalize import normalize
from assistant.text.segment import Segmenter
from assistant.understanding import matching
from assistant.understanding.agencies import AgencyFinder
from assistant.understanding.matching import compact, grams, name_keys

KPI_RECORD_TYPES = ("strategy_kpi", "kpi_result")
GRAM = 3


@dataclass(frozen=True)
class DocumentFacts:
    """One corpus document as the reader needs it."""

    file: str
    title: str
    kind: str
    covers_roc: tuple[int, ...]
    record_types: frozenset[str]
    group: str | None = None


@dataclass(frozen=True)
class KpiFact:
    """One KPI in one document and year, and which values the corpus reports for it."""

    file: str
    record_type: str
    year_roc: int
    code: str
    name: str
    group: str | None
    goal_code: str | None
    reported: frozenset[str] = frozenset()

    @property
    def keys(self) -> tuple[str, ...]:
        return name_keys(normalize(self.name))


@dataclass
class CorpusFacts:
    """Everything question understanding checks a question against.

    Names (KPI names, 類別, 綱要, goals, budget rows) are kept as the records print them, so that a
    filter built from them matches the records exactly; matching normalises its own copies.
    """

    lexicon: AgencyLexicon
    segmenter: Segmenter
    documents: dict[str, DocumentFacts]
    kpis: list[KpiFact]
    themes: dict[str, str] = field(default_factory=dict)
    goal_names: dict[str, frozenset[str]] = field(default_factory=dict)
    categories: tuple[str, ...] = ()
    outlines: tuple[str, ...] = ()
    budget_items: tuple[str, ...] = ()
    performance_goals: tuple[str, ...] = ()
    vocabulary: frozenset[str] = frozenset()
    file_text: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.kpi_codes = frozenset(k.code for k in self.kpis)
        self.goal_codes = frozenset(k.goal_code for k in self.kpis if k.goal_code)
        self.kpi_keys: dict[str, set[str]] = defaultdict(set)
        for kpi in self.kpis:
            for key in kpi.keys:
                self.kpi_keys[key].add(kpi.name)
        self.key_grams: dict[str, set[str]] = defaultdict(set)
        for key in self.kpi_keys:
            for gram in grams(key, GRAM):
                self.key_grams[gram].add(key)

    @cached_property
    def agency_finder(self) -> AgencyFinder:
        return AgencyFinder(self.lexicon, self.segmenter, self.vocabulary)

    @cached_property
    def title_agencies(self) -> dict[str, frozenset[str]]:
        """File → agencies its title names (秘書處 for its own report): a question naming one is about it."""
        return {f: frozenset(self.lexicon.find_all(d.title)) for f, d in self.documents.items()}

    @property
    def covered_years(self) -> frozenset[int]:
        return frozenset(y for d in self.documents.values() for y in d.covers_roc)

    def group_files(self, group: str) -> list[str]:
        """Files of the group decks (002 is D, 003 is E)."""
        return sorted(d.file for d in self.documents.values() if d.group == group)

    def files_of_kind(self, kind: str) -> list[str]:
        return sorted(d.file for d in self.documents.values() if d.kind == kind)

    def files_with(self, record_type: str) -> list[str]:
        return sorted(d.file for d in self.documents.values() if record_type in d.record_types)

    @classmethod
    def from_index(cls, index: SearchIndex) -> "CorpusFacts":
        """Read the facts out of an open index (records, passages and the segmenter it was built with)."""
        records = {rt: index.records.query(rt) for rt in
                   ("progress_item", "strategy_kpi", "kpi_result", "budget_figure", "performance_goal")}
        record_types: dict[str, set[str]] = defaultdict(set)
        groups: dict[str, str] = {}
        for record_type, rows in records.items():
            for row in rows:
                record_types[row.file].add(record_type)
                if isinstance(row, KpiResult):
                    groups[row.file] = row.group
        documents: dict[str, DocumentFacts] = {}
        for passage in index.passages:
            if passage.file not in documents:
                documents[passage.file] = DocumentFacts(
                    passage.file, passage.title, passage.doc_kind, tuple(passage.years),
                    frozenset(record_types[passage.file]), groups.get(passage.file))
        texts = derived(index, "corpus-facts", (__file__, matching.__file__), lambda: _index_texts(index))
        return cls(
            lexicon=load_lexicon(),
            segmenter=index.segmenter,
            documents=documents,
            kpis=_kpis(records["strategy_kpi"], records["kpi_result"]),
            themes=_themes(records["strategy_kpi"]),
            goal_names=_goal_names(records["strategy_kpi"], records["kpi_result"]),
            categories=_distinct(r.category for r in records["progress_item"] if isinstance(r, ProgressItem)),
            outlines=_distinct(r.outline for r in records["progress_item"] if isinstance(r, ProgressItem)),
            budget_items=_distinct(r.item for r in records["budget_figure"] if isinstance(r, BudgetFigure)),
            performance_goals=_distinct(
                r.goal for r in records["performance_goal"] if isinstance(r, PerformanceGoal)),
            vocabulary=frozenset(texts["vocabulary"]),
            file_text=texts["file_text"],
        )


def _index_texts(index: SearchIndex) -> dict:
    """The compact text of every file and the BM25 vocabulary: a third of a second to gather, and the
    same for every process that opens this index version, so kept beside it (`derived`)."""
    text: dict[str, list[str]] = defaultdict(list)
    for passage in index.passages:
        text[passage.file].append(compact(passage.search_text()))
    return {"file_text": {file: "\n".join(parts) for file, parts in text.items()},
            "vocabulary": sorted(index.bm25.vocabulary)}


def _distinct(values) -> tuple[str, ...]:
    """Distinct non-blank values as the records print them, so a filter matches them exactly."""
    return tuple(dict.fromkeys(v for v in values if v and v.strip()))


def _kpis(strategy: list, results: list) -> list[KpiFact]:
    facts = [KpiFact(r.file, "strategy_kpi", r.year_roc, r.kpi_code, r.kpi_name, r.theme_code,
                     r.goal_code) for r in strategy if isinstance(r, StrategyKpi)]
    for r in results:
        if isinstance(r, KpiResult):
            reported = {name for name, value in (("target", r.target_raw), ("actual", r.actual_raw),
                                                 ("achievement", r.achievement_raw), ("rating", r.rating),
                                                 ("score", r.score)) if value is not None}
            facts.append(KpiFact(r.file, "kpi_result", r.year_roc, r.kpi_code, r.kpi_name, r.group,
                                 r.goal_code, frozenset(reported)))
    return facts


def _themes(strategy: list) -> dict[str, str]:
    """Theme name → letter (優化產業勞動 → D), longest first; the group decks use the same letters."""
    themes = {r.theme_name: r.theme_code for r in strategy if isinstance(r, StrategyKpi)}
    return dict(sorted(themes.items(), key=lambda item: -len(item[0])))


def _goal_names(strategy: list, results: list) -> dict[str, frozenset[str]]:
    """Goal name → the goal codes it carries (a name like 培育優秀人力 recurs under every theme)."""
    names: dict[str, set[str]] = defaultdict(set)
    for r in [*strategy, *results]:
        if r.goal_name and r.goal_code:
            names[r.goal_name].add(r.goal_code)
    return {name: frozenset(codes) for name, codes in names.items()}
