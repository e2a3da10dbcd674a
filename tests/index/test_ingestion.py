"""Checking, adding and rolling back new documents, without HTTP."""

from pathlib import Path

import pytest
import yaml

from assistant.corpus.manifest import MANIFEST_NAME, load_corpus
from assistant.errors import DocumentTooLargeError, DuplicateDocumentError, UploadError
from assistant.index.ingestion import (
    add_to_corpus,
    decode_text,
    ingest,
    manifest_with,
    prepare,
    sanitise_name,
)
from assistant.index.store import open_index


@pytest.mark.parametrize("raw, expected", [
    ("005_報告.txt", "005_報告.txt"),
    ("  notes.md ", "notes.md"),
    ("社會局 說明.tsv", "社會局_說明.tsv"),
])
def test_safe_names_are_kept(raw, expected):
    assert sanitise_name(raw) == expected


@pytest.mark.parametrize("raw", [
    "../evil.txt", "a/b.txt", "..\\b.txt", "/etc/passwd.txt", ".hidden.txt", MANIFEST_NAME,
    "no_suffix", "script.py", "a;b.txt", "", ".txt",
])
def test_unsafe_names_are_refused(raw):
    with pytest.raises(UploadError):
        sanitise_name(raw)


def test_utf8_is_kept_and_its_bom_dropped():
    assert decode_text("臺北".encode()) == ("臺北", [])
    text, notes = decode_text("\ufeff臺北".encode())
    assert text == "臺北" and notes == ["removed the UTF-8 byte-order mark"]


def test_big5_is_converted():
    text, notes = decode_text("社會局主辦\t敬老愛心卡\n".encode("cp950"))
    assert text == "社會局主辦\t敬老愛心卡\n"
    assert notes == ["converted from Big5 (cp950) to UTF-8"]


@pytest.mark.parametrize("data", [b"\x00\x01\x02binary", b"PK\x03\x04\x14\x00", b"   \n\t\n", b"\xff\xfe\xfa"])
def test_binary_empty_or_undecodable_is_refused(data):
    with pytest.raises(UploadError):
        decode_text(data)


def _prepare(settings, name="005_new.txt", data="新文件\n".encode(), **fields):
    values = {"title": "新文件", "issuer": "臺北市政府", "year_roc": 113, **fields}
    return prepare(settings, name, data, **values)


def test_prepare_checks_size_fields_and_duplicates(settings):
    with pytest.raises(DocumentTooLargeError):
        _prepare(settings, data=b"x" * (settings.max_upload_bytes + 1))
    with pytest.raises(UploadError, match="empty"):
        _prepare(settings, data=b"")
    with pytest.raises(UploadError, match="kind"):
        _prepare(settings, kind="spreadsheet")
    with pytest.raises(UploadError, match="blank"):
        _prepare(settings, title="  ")
    with pytest.raises(DuplicateDocumentError):
        _prepare(settings, name="000_a326a7c91818490c.txt")
    with pytest.raises(DuplicateDocumentError):
        _prepare(settings, pending=frozenset({"005_new.txt"}))
    doc = _prepare(settings)
    assert (doc.name, doc.info.year_ad, doc.info.kind) == ("005_new.txt", 2024, "text")


def test_manifest_entry_is_appended_keeping_comments(settings):
    previous = (settings.corpus_dir / MANIFEST_NAME).read_bytes()
    updated = manifest_with(previous, _prepare(settings, title="標題: 含冒號"))
    assert updated.startswith(previous), "the existing text (and its comments) is kept as is"
    entries = yaml.safe_load(updated)["documents"]
    assert entries["005_new.txt"] == {"title": "標題: 含冒號", "issuer": "臺北市政府",
                                      "year_roc": 113, "year_ad": 2024}
    assert list(entries)[:5] == list(yaml.safe_load(previous)["documents"])


def test_manifest_is_rewritten_when_documents_is_not_the_last_block(settings):
    previous = "documents:\n  a.txt: {title: A, issuer: B, year_roc: 1, year_ad: 1912}\nversion: 2\n".encode()
    updated = yaml.safe_load(manifest_with(previous, _prepare(settings)))
    assert set(updated["documents"]) == {"a.txt", "005_new.txt"} and updated["version"] == 2


def test_added_document_is_loaded_with_its_entry(settings):
    add_to_corpus(settings.corpus_dir, _prepare(settings, data="第一行\n第二行\n".encode()))
    doc = load_corpus(settings.corpus_dir).get("005_new.txt")
    assert doc.lines == ("第一行", "第二行") and doc.info.title == "新文件"


def test_failed_build_restores_the_corpus_exactly(settings):
    manifest = settings.corpus_dir / MANIFEST_NAME
    before = manifest.read_bytes()
    files_before = sorted(p.name for p in settings.corpus_dir.iterdir())

    def failing_build():
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        ingest(settings, _prepare(settings), failing_build)
    assert manifest.read_bytes() == before
    assert sorted(p.name for p in settings.corpus_dir.iterdir()) == files_before


def test_ingest_returns_an_index_with_the_document(settings, fake_embedder):
    index = ingest(settings, _prepare(settings, data="臺北市青年住宅補助說明\n".encode()),
                   lambda: open_index(settings, show_progress=False, embedder=fake_embedder))
    assert "005_new.txt" in index.manifest["documents"]
    assert any(p.file == "005_new.txt" and "青年住宅" in p.text for p in index.passages)
    index.close()


def test_document_left_out_of_the_index_counts_as_failure(settings, fake_embedder):
    before = (settings.corpus_dir / MANIFEST_NAME).read_bytes()

    def build_ignoring_new_file():
        (settings.corpus_dir / "005_new.txt").write_bytes(b"\x00")  # now unreadable: the loader skips it
        return open_index(settings, show_progress=False, embedder=fake_embedder)

    with pytest.raises(UploadError, match="not indexed"):
        ingest(settings, _prepare(settings), build_ignoring_new_file)
    assert (settings.corpus_dir / MANIFEST_NAME).read_bytes() == before
    assert not Path(settings.corpus_dir / "005_new.txt").exists()
