"""Everything question reading checks a question against, built once per index version.

The gazetteer and its linker, the content-word reader, and what each document covers: its kind,
the years it covers, its group letter, its issuer, and which record types it yields. All of it
comes from the manifest, the records and the passages of the index, so a new document is read the
same way as the bundled ones.
"""

from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from assistant.config import AnsweringSettings
from assistant.corpus.lexicon import load_lexicon
from assistant.corpus.manifest import Document, DocumentInfo
from assistant.index.indexed_passage import IndexedPassage
from assistant.index.record_memory import RecordMemory
from assistant.linking.gazetteer import FRAGMENT_KINDS, Entry, Gazetteer, build_gazetteer
from assistant.linking.linker import Linker
from assistant.linking.schema import GOAL_TYPE, Schema, load_schema
from assistant.linking.terms import TermReader
from assistant.text.normalize import match_key
from assistant.text.segment import Segmenter

KPI_TYPES = ("strategy_kpi", "kpi_result")
# What a list or count enumerates (QuestionFilters.subject) → the record types whose rows it is.
SUBJECT_TYPES: dict[str, tuple[str, ...]] = {
    "kpi": KPI_TYPES, "item": ("progress_item",), "goal": (GOAL_TYPE, "performance_goal")}


@dataclass
class CorpusVocabulary:
    gazetteer: Gazetteer
    linker: Linker
    terms: TermReader
    schema: Schema
    documents: dict[str, DocumentInfo]
    record_types: dict[str, frozenset[str]]  # file → record types it yields (strategy_goal with KPIs)
    type_years: dict[str, frozenset[int]]  # record type → years it has rows for

    @cached_property
    def kpi_entries(self) -> tuple[Entry, ...]:
        """The gazetteer's KPI names, as printed and in English."""
        return tuple(e for e in self.gazetteer.entries if e.kind == "kpi")

    @cached_property
    def theme_names(self) -> dict[str, tuple[str, ...]]:
        """Group letter → the strategy themes' names as printed (E → 強化社會支持)."""
        names: dict[str, list[str]] = defaultdict(list)
        for entry in self.gazetteer.entries:
            if entry.kind == "theme":
                names[entry.value].append(entry.text)
        return {group: tuple(found) for group, found in names.items()}

    @cached_property
    def kpi_years(self) -> dict[str, frozenset[int]]:
        """KPI name (match_key form) → the years some record reports it in."""
        years: dict[str, set[int]] = {}
        for entry in self.kpi_entries:
            years.setdefault(match_key(entry.text), set()).update(entry.years)
        return {name: frozenset(found) for name, found in years.items()}

    @cached_property
    def status_labels(self) -> tuple[str, ...]:
        """The status labels the records print (A已完成或例行性業務), in match_key form."""
        return tuple(match_key(e.text) for e in self.gazetteer.entries if e.kind == "status")

    @classmethod
    def build(cls, memory: RecordMemory, documents: dict[str, Document], passages: list[IndexedPassage],
              segmenter: Segmenter, settings: AnsweringSettings,
              corpus_words: frozenset[str] = frozenset()) -> "CorpusVocabulary":
        """`corpus_words`: the words the corpus's own segmentation yields (the BM25 vocabulary)."""
        schema = load_schema()
        gazetteer = build_gazetteer(memory, documents, passages, load_lexicon(), schema)
        file_texts: dict[str, list[str]] = defaultdict(list)
        for passage in passages:
            file_texts[passage.file].append(passage.search_text())
        texts = {file: "\n".join(parts) for file, parts in file_texts.items()}
        kpi_codes = frozenset(r.kpi_code for t in KPI_TYPES for r in memory.of_type(t))
        goal_codes = frozenset(r.goal_code for t in KPI_TYPES for r in memory.of_type(t) if r.goal_code)
        linker = Linker(gazetteer, segmenter, texts, kpi_codes, goal_codes,
                        settings.min_fragment_chars, settings.min_fragment_share)
        types: dict[str, set[str]] = defaultdict(set)
        years: dict[str, set[int]] = defaultdict(set)
        for record in memory.records:
            types[record.file].add(record.record_type)
            year = getattr(record, "year_roc", None)
            if year is not None:
                years[record.record_type].add(year)
                if record.record_type in KPI_TYPES:
                    years[GOAL_TYPE].add(year)
        for file, found in types.items():
            if found & set(KPI_TYPES):
                found.add(GOAL_TYPE)
        names = tuple(e.text for e in gazetteer.entries if e.kind in FRAGMENT_KINDS and e.kind != "document")
        titles = tuple(e.text for e in gazetteer.entries if e.kind == "document")
        terms = TermReader(segmenter, "\n".join(texts.values()), corpus_words, names, settings.max_contraction_gap,
                           titles, settings.min_elided_run)
        return cls(gazetteer, linker, terms, schema,
                   {file: doc.info for file, doc in documents.items()},
                   {file: frozenset(found) for file, found in types.items()},
                   {rt: frozenset(ys) for rt, ys in years.items()})

    def covers(self, file: str) -> frozenset[int]:
        info = self.documents[file]
        return frozenset(info.covers_roc or (info.year_roc,))

    def files_with(self, record_type: str) -> list[str]:
        return sorted(f for f, types in self.record_types.items() if record_type in types)

    def group_files(self, group: str) -> list[str]:
        return sorted(f for f, info in self.documents.items() if info.group == group)

    def groups_issued_by(self, agency: str) -> list[str]:
        """The group letters of the documents whose issuer names the agency (社會局 in E組（社會局主政）)."""
        return sorted({info.group for info in self.documents.values() if info.group and agency in info.issuer})

    @property
    def covered_years(self) -> frozenset[int]:
        return frozenset(y for f in self.documents for y in self.covers(f))
