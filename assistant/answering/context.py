"""What every composer needs: the sources (built once per `Assistant`) and the request (one per question)."""

from dataclasses import dataclass, field
from functools import cached_property

from assistant.answering.citations import Citations
from assistant.answering.language import Language
from assistant.corpus.lexicon import AgencyLexicon
from assistant.corpus.manifest import Document
from assistant.index.store import SearchIndex
from assistant.parsing.models import RECORD_TYPES, Record
from assistant.understanding.models import QuestionFilters, Understanding

# Which record type each document kind's parser yields (performance reports yield two).
KIND_RECORD_TYPES: dict[str, tuple[str, ...]] = {
    "progress_table": ("progress_item",),
    "strategy_map": ("strategy_kpi",),
    "kpi_slides": ("kpi_result",),
    "kpi_report": ("kpi_result",),
    "performance_report": ("budget_figure", "performance_goal"),
}


@dataclass
class Sources:
    """The index, the documents as stored (for citations) and the lexicon."""

    index: SearchIndex
    documents: dict[str, Document]
    lexicon: AgencyLexicon

    @cached_property
    def record_years(self) -> dict[str, tuple[int, ...]]:
        """The ROC years each record type has rows for, read from the records themselves."""
        years: dict[str, tuple[int, ...]] = {}
        for record_type in RECORD_TYPES:
            found = {getattr(r, "year_roc", None) for r in self.index.records.query(record_type)}
            years[record_type] = tuple(sorted(y for y in found if y is not None))
        return years

    @cached_property
    def rows(self) -> dict[str, list[Record]]:
        """Progress items and performance goals by file, in line order: the rows free-text quotes sit in."""
        rows: dict[str, list[Record]] = {}
        for record_type in ("progress_item", "performance_goal"):
            for record in self.index.records.query(record_type):
                rows.setdefault(record.file, []).append(record)
        return rows

    def row_at(self, file: str, line: int) -> Record | None:
        """The progress item or performance goal whose lines include `line`."""
        return next((r for r in self.rows.get(file, ()) if r.line <= line <= r.end_line), None)

    def covered_years(self, files: list[str] | None = None) -> set[int]:
        """ROC years the manifest says the documents (or the given ones) cover."""
        docs = [d for n, d in self.documents.items() if not files or n in files]
        return {y for d in docs for y in (d.info.covers_roc or (d.info.year_roc,))}


@dataclass
class Request:
    """One question being answered: its reading and the citations made so far."""

    sources: Sources
    understanding: Understanding
    citations: Citations = field(init=False)

    def __post_init__(self) -> None:
        self.citations = Citations(self.sources.documents)

    @property
    def lang(self) -> Language:
        return self.understanding.language

    @property
    def filters(self) -> QuestionFilters:
        return self.understanding.filters

    @property
    def text(self) -> str:
        """The normalised question (Traditional script), what text matching runs on."""
        return self.understanding.normalized

    def document(self, file: str) -> Document:
        return self.sources.documents[file]
