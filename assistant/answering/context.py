"""What every stage of answering needs: the sources (built once per `Assistant`) and the request (one per ask)."""

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property

from assistant.answering.citations import Citations
from assistant.answering.language import Language
from assistant.config import AnsweringSettings
from assistant.corpus.lexicon import AgencyLexicon
from assistant.corpus.manifest import Document
from assistant.index.indexed_passage import IndexedPassage
from assistant.index.record_memory import RecordMemory
from assistant.index.store import SearchIndex
from assistant.linking.gazetteer import Entry
from assistant.linking.semantic import SemanticMatcher
from assistant.linking.vocabulary import CorpusVocabulary
from assistant.parsing.models import Record
from assistant.understanding.models import QuestionFilters
from assistant.understanding.reading import Reading

# Rows that free-text quotes sit in, so a quote can be labelled with its row.
ROW_TYPES = ("progress_item", "performance_goal")


@dataclass
class Sources:
    """The index, its records in memory, the documents as stored (for citations), the vocabulary."""

    index: SearchIndex
    documents: dict[str, Document]
    lexicon: AgencyLexicon
    memory: RecordMemory
    vocabulary: CorpusVocabulary
    settings: AnsweringSettings
    matcher: SemanticMatcher
    _years_named: dict[str, frozenset[int]] = field(default_factory=dict, init=False, repr=False, compare=False)

    @cached_property
    def entries_by_line(self) -> dict[str, list[tuple[int, int, Entry]]]:
        """File → (line, end_line, entry) for every gazetteer entry that names records or a heading."""
        found: dict[str, list[tuple[int, int, Entry]]] = {}
        for entry in self.vocabulary.gazetteer.entries:
            for rid in entry.records:
                record = self.memory.get(rid)
                found.setdefault(record.file, []).append((record.line, record.end_line, entry))
            if entry.kind == "heading" and entry.line is not None:
                for file in entry.files:
                    found.setdefault(file, []).append((entry.line, entry.line, entry))
        return found

    def entries_at(self, file: str, line: int, end_line: int) -> list[Entry]:
        """The named things (records' names, headings) whose lines overlap `line`..`end_line` of `file`."""
        return list({id(e): e for first, last, e in self.entries_by_line.get(file, ())
                     if not (last < line or first > end_line)}.values())

    @cached_property
    def heading_trails(self) -> dict[str, list[str]]:
        """File → for each line, the section it is in (`heading_trail`), read once per index version."""
        from assistant.parsing.passages import heading_trail

        return {file: heading_trail(doc) for file, doc in self.documents.items()}

    def years_named(self, file: str) -> frozenset[int]:
        """The ROC years a document's text names anywhere (a 112 report's 113年度…預定), read with the
        question's own year reader, once per document and index version."""
        cache = self._years_named
        if file not in cache:
            from assistant.understanding.question import QuestionText
            from assistant.understanding.years import find_years

            cache[file] = frozenset(year for line in self.documents[file].lines if line.strip()
                                    for year in find_years(QuestionText(line)))
        return cache[file]

    @cached_property
    def agency_files(self) -> dict[str, frozenset[str]]:
        """Agency → the files with a passage that speaks for or mentions it."""
        found: dict[str, set[str]] = {}
        for passage in self.index.passages:
            for agency in passage.agencies:
                found.setdefault(agency, set()).add(passage.file)
        return {agency: frozenset(files) for agency, files in found.items()}

    @cached_property
    def rows(self) -> dict[str, list[Record]]:
        """Progress items and performance goals by file, in line order."""
        rows: dict[str, list[Record]] = {}
        for record_type in ROW_TYPES:
            for record in self.memory.of_type(record_type):
                rows.setdefault(record.file, []).append(record)
        return rows

    def row_at(self, file: str, line: int) -> Record | None:
        """The progress item or performance goal whose lines include `line`."""
        return next((r for r in self.rows.get(file, ()) if r.line <= line <= r.end_line), None)

    def rows_between(self, file: str, line: int, end_line: int) -> list[Record]:
        """The progress items and performance goals overlapping lines `line`..`end_line`, in order."""
        return [r for r in self.rows.get(file, ()) if not (r.end_line < line or r.line > end_line)]

    @cached_property
    def passages_by_file(self) -> dict[str, list[IndexedPassage]]:
        """Each file's passages in line order, so a row's parts and a passage's neighbours need no scan."""
        found: dict[str, list[IndexedPassage]] = {}
        for passage in self.index.passages:
            found.setdefault(passage.file, []).append(passage)
        for passages in found.values():
            passages.sort(key=lambda p: (p.line, p.end_line))
        return found

    @cached_property
    def _passage_starts(self) -> dict[str, list[int]]:
        return {file: [p.line for p in passages] for file, passages in self.passages_by_file.items()}

    def passages_between(self, file: str, line: int, end_line: int) -> list[IndexedPassage]:
        """The passages of `file` overlapping lines `line`..`end_line`, in order."""
        passages = self.passages_by_file.get(file, [])
        stop = bisect_right(self._passage_starts.get(file, []), end_line)
        start = stop
        while start > 0 and passages[start - 1].end_line >= line:
            start -= 1
        return [p for p in passages[start:stop] if p.end_line >= line]

    def neighbours(self, passage: IndexedPassage) -> list[IndexedPassage]:
        """The passages right before and right after `passage` under the same heading: a section cut
        into passages goes on in them, and a hit's next sentence may be the one that answers."""
        passages = self.passages_by_file.get(passage.file, [])
        at = next((i for i in range(bisect_right(self._passage_starts.get(passage.file, []), passage.line) - 1, -1, -1)
                   if passages[i].id == passage.id), None)
        if at is None:
            return []
        around = passages[max(at - 1, 0):at] + passages[at + 1:at + 2]
        return [p for p in around if p.context == passage.context]

    def title(self, file: str) -> str:
        return self.documents[file].info.title


@dataclass
class Request:
    """One ask being answered: its reading, and the citations of the whole answer (shared by its asks).

    `memo` keeps what gathering computed for this ask (a retrieval is asked for by several sources)."""

    sources: Sources
    reading: Reading
    citations: Citations
    memo: dict = field(default_factory=dict)

    @property
    def understanding(self):
        return self.reading.understanding

    @property
    def lang(self) -> Language:
        return self.reading.understanding.language

    @property
    def filters(self) -> QuestionFilters:
        return self.reading.filters

    @property
    def text(self) -> str:
        """The ask, normalised (Traditional script): what text matching runs on."""
        return self.reading.understanding.normalized

    def document(self, file: str) -> Document:
        return self.sources.documents[file]
