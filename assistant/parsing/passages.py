"""Placeholder: being written."""

from assistant.corpus.manifest import Document
from assistant.parsing.models import Passage, Record


def build_passages(doc: Document, records: list[Record]) -> list[Passage]:
    return []
