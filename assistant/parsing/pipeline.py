"""Parse a whole corpus: pick each document's record parser by its manifest kind, then cut passages.

A parser failure on one document becomes a warning; that document still yields passages,
so one broken file never takes the others down.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from assistant.corpus.lexicon import AgencyLexicon, load_lexicon
from assistant.corpus.manifest import Corpus, Document
from assistant.errors import ParseError
from assistant.parsing import kpi_report, kpi_slides, performance_report, progress_table, strategy_map
from assistant.parsing.models import Passage, Record
from assistant.parsing.passages import build_passages
from assistant.parsing.result import ParseResult

RecordParser = Callable[[Document, AgencyLexicon], ParseResult]

PARSERS: dict[str, RecordParser] = {
    "progress_table": progress_table.parse,
    "strategy_map": strategy_map.parse,
    "kpi_slides": kpi_slides.parse,
    "kpi_report": kpi_report.parse,
    "performance_report": performance_report.parse,
}


@dataclass
class ParsedDocument:
    document: Document
    records: list[Record]
    passages: list[Passage]
    warnings: list[str] = field(default_factory=list)


@dataclass
class ParsedCorpus:
    documents: list[ParsedDocument]
    warnings: list[str] = field(default_factory=list)

    @property
    def records(self) -> list[Record]:
        return [r for d in self.documents for r in d.records]

    @property
    def passages(self) -> list[Passage]:
        return [p for d in self.documents for p in d.passages]


def parse_document(doc: Document, lexicon: AgencyLexicon) -> ParsedDocument:
    """Records from the document's parser (none for kind `text`) and passages for every line."""
    parser = PARSERS.get(doc.info.kind)
    result = ParseResult()
    if parser is not None:
        try:
            result = parser(doc, lexicon)
        except ParseError as exc:
            result.warnings.append(f"records skipped, {exc}")
    if parser is not None and not result.records:
        result.warnings.append(f"no records for its declared kind {doc.info.kind}: passages only")
    passages = build_passages(doc, result.records)
    return ParsedDocument(doc, result.records, passages, [f"{doc.file}: {w}" for w in result.warnings])


def parse_corpus(corpus: Corpus, lexicon: AgencyLexicon | None = None) -> ParsedCorpus:
    lexicon = lexicon or load_lexicon()
    parsed = [parse_document(doc, lexicon) for doc in corpus.documents]
    warnings = list(corpus.warnings) + [w for d in parsed for w in d.warnings]
    return ParsedCorpus(parsed, warnings)
