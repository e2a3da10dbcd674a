"""The document catalogue as a source: what each document says about itself, and what the manifest says.

An ask about a document itself (who presented it, when, the date its figures run to, its parts, its
title and issuer) is answered from here. Which documents: the ones the ask names, else every one
that states the asked fact. A document the ask names that does not state the fact is reported as
such, so the refusal can say so.
"""

from dataclasses import dataclass

from assistant.answering.context import Request
from assistant.answering.gather.periods import period_scope
from assistant.linking.document_facts import DocumentFact

MANIFEST_FACTS = ("title", "issuer")


@dataclass(frozen=True)
class CatalogueAnswer:
    facts: list[DocumentFact]  # stated by the documents, in document and line order
    manifest: list[tuple[str, str, str]]  # (file, fact, value) from the manifest: title, issuer
    missing: list[tuple[str, str]]  # (file, fact) the ask names that the document does not state


def gather_facts(request: Request) -> CatalogueAnswer | None:
    """The asked document facts, or None when the ask asks for none."""
    asked = request.filters.facts
    if not asked:
        return None
    files = request.filters.files
    scope = period_scope(request.sources, request.filters).files
    stated = [f for f in request.sources.vocabulary.gazetteer.facts if f.field in asked and f.file in scope
              and (not files or f.file in files)]
    manifest = [(file, fact, getattr(request.sources.vocabulary.documents[file], fact))
                for fact in asked if fact in MANIFEST_FACTS for file in (files or [])]
    missing = [(file, fact) for file in files for fact in asked if fact not in MANIFEST_FACTS
               and not any(f.file == file and f.field == fact for f in stated)]
    if not files and not stated:
        missing = [("", fact) for fact in asked if fact not in MANIFEST_FACTS]
    return CatalogueAnswer(sorted(stated, key=lambda f: (f.file, f.line)), manifest, missing)
