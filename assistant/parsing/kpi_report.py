"""Placeholder: being written."""

from assistant.corpus.lexicon import AgencyLexicon
from assistant.corpus.manifest import Document
from assistant.parsing.result import ParseResult


def parse(doc: Document, lexicon: AgencyLexicon) -> ParseResult:
    return ParseResult()
