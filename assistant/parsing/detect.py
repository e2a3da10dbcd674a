"""Which record parser a document needs, read from its content: the kind whose parser finds most records.

Every parser anchors on its own table shapes (the progress table's 政策項目/辦理等級 header, the
strategy map's theme headings …) and finds nothing in another kind's document, so running each and
keeping the one with the most records classifies a file without a declared kind. No records from
any parser means passages only (`text`). The manifest (or the uploader) may always override.
"""

from dataclasses import dataclass

from assistant.corpus.lexicon import AgencyLexicon
from assistant.corpus.manifest import Document
from assistant.errors import ParseError
from assistant.parsing.pipeline import PARSERS


@dataclass(frozen=True)
class Detection:
    kind: str
    records: dict[str, int]  # records each parser found

    @property
    def reason(self) -> str:
        if self.kind == "text":
            return "no record parser found a table in it: passages only"
        return f"the {self.kind} parser found {self.records[self.kind]} records (others: " + ", ".join(
            f"{k} {n}" for k, n in self.records.items() if k != self.kind) + ")"


def detect_kind(doc: Document, lexicon: AgencyLexicon) -> Detection:
    """The kind whose parser reads the most records from `doc` (`text` if none reads any)."""
    counts: dict[str, int] = {}
    for kind, parser in PARSERS.items():
        try:
            counts[kind] = len(parser(doc, lexicon).records)
        except (ParseError, ValueError, IndexError, KeyError):
            counts[kind] = 0
    best = max(counts, key=lambda k: counts[k])
    return Detection(best if counts[best] else "text", counts)
