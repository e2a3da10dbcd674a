"""Document listing and citation lines, read from the corpus files themselves."""

import pytest

from assistant.errors import DocumentNotFoundError, LineRangeError, QueryError
from assistant.index.catalog import line_span, list_documents, load_document
from assistant.index.store import open_index

PROGRESS = "000_a326a7c91818490c.txt"


def test_documents_carry_manifest_fields_and_counts(shared_settings, fake_embedder):
    index = open_index(shared_settings, show_progress=False, embedder=fake_embedder)
    docs = {d.file: d for d in list_documents(index)}
    assert set(docs) == set(index.manifest["documents"])
    progress = docs[PROGRESS]
    raw_lines = (shared_settings.corpus_dir / PROGRESS).read_text(encoding="utf-8").rstrip("\n").split("\n")
    assert (progress.year_roc, progress.year_ad, progress.kind) == (112, 2023, "progress_table")
    assert progress.lines == len(raw_lines)
    assert progress.records == len(index.records.query("progress_item"))
    index.close()


def test_span_marks_cited_lines_and_clamps_context(shared_settings):
    doc = load_document(shared_settings.corpus_dir, PROGRESS)
    span = line_span(doc, 2, 3, context=5)
    assert [line.number for line in span.lines] == list(range(1, 9))
    assert [line.number for line in span.lines if line.cited] == [2, 3]
    assert span.lines[1].text == doc.line(2)
    last = line_span(doc, len(doc.lines), context=3)
    assert last.lines[-1].number == len(doc.lines) and last.end == len(doc.lines)


def test_unknown_or_unserved_documents_are_not_found(shared_settings):
    for name in ("nope.txt", "../corpus/manifest.yaml", "manifest.yaml"):
        with pytest.raises(DocumentNotFoundError):
            load_document(shared_settings.corpus_dir, name)
    with pytest.raises(DocumentNotFoundError):
        load_document(shared_settings.corpus_dir, PROGRESS, known={"001_f78f01ac8dc70682.txt"})


def test_bad_ranges_are_refused(shared_settings):
    doc = load_document(shared_settings.corpus_dir, PROGRESS)
    with pytest.raises(LineRangeError):
        line_span(doc, len(doc.lines) + 1)
    with pytest.raises(LineRangeError):
        line_span(doc, 10, len(doc.lines) + 1)
    with pytest.raises(QueryError):
        line_span(doc, 10, 9)
    with pytest.raises(QueryError):
        line_span(doc, 1, 2, context=500)
