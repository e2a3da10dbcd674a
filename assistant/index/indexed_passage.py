"""A passage with the metadata that search filters on: document kind and title, years covered, agencies."""

from collections.abc import Sequence

from assistant.corpus.lexicon import AgencyLexicon
from assistant.corpus.manifest import Document
from assistant.parsing.models import Passage, Record
from assistant.text.dates import ad_to_roc, find_dates
from assistant.text.normalize import normalize

RECORD_AGENCY_FIELDS = ("lead_agency", "co_agencies", "agencies", "agency")
_SEARCH_TEXT = "_search_text"


class IndexedPassage(Passage):
    doc_kind: str
    title: str
    years: tuple[int, ...]
    agencies: tuple[str, ...]

    def search_text(self) -> str:
        """What both retrievers see: the heading for context, then the text, normalised.

        Computed once per passage and kept in its `__dict__` beside the fields (pydantic compares and
        dumps fields only), so the index stores it and start-up does not normalise every passage again."""
        cached = self.__dict__.get(_SEARCH_TEXT)
        if cached is None:
            cached = self.__dict__[_SEARCH_TEXT] = normalize(f"{self.context}\n{self.text}" if self.context
                                                             else self.text)
        return cached


def _record_agencies(record: Record) -> list[str]:
    data = record.fields()
    names: list[str] = []
    for field in RECORD_AGENCY_FIELDS:
        value = data.get(field)
        names.extend(value if isinstance(value, list) else [value] if value else [])
    return names


def index_passages(doc: Document, passages: list[Passage], records: list[Record],
                   lexicon: AgencyLexicon) -> list[IndexedPassage]:
    """Attach filter metadata: agencies from the records under the passage's lines, from its text, and
    from the document's issuer (a report an agency issues speaks for it throughout, though its pages
    rarely repeat its name)."""
    by_line: dict[int, list[str]] = {}
    for record in records:
        for number in range(record.line, record.end_line + 1):
            by_line.setdefault(number, []).extend(_record_agencies(record))
    years = doc.info.covers_roc or (doc.info.year_roc,)
    issuers = lexicon.find_all(doc.info.issuer or "")
    indexed = []
    for passage in passages:
        agencies = [a for n in range(passage.line, passage.end_line + 1) for a in by_line.get(n, [])]
        agencies += lexicon.find_all(passage.text) + issuers
        indexed.append(IndexedPassage(
            **passage.model_dump(), doc_kind=doc.info.kind, title=doc.info.title,
            years=years_spoken_of(passage.text, years), agencies=tuple(dict.fromkeys(agencies)),
        ))
    return indexed


def years_spoken_of(text: str, covered: Sequence[int]) -> tuple[int, ...]:
    """The years a passage (or a sentence) speaks of: those of its document's years its own text names
    (112年度本處發布新聞稿…), or, naming none of them, all its document's years. A report covering four
    years in a table speaks of one in its prose."""
    named = years_named_in(text)
    inside = tuple(year for year in covered if year in named)
    return inside or tuple(covered)


def years_named_in(text: str) -> set[int]:
    """The ROC years a text names (112年度, 113年6月, 109-111年)."""
    named: set[int] = set()
    for date in find_dates(text):
        named.update(range(date.roc_year, ad_to_roc(date.last.year) + 1))
    return named
