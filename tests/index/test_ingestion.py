"""Checking, adding, replacing, withdrawing and rolling back uploaded documents, without HTTP."""

import shutil

import pytest

from assistant.corpus.datadir import DataDir
from assistant.corpus.manifest import MANIFEST_NAME
from assistant.corpus.served import load_served_corpus
from assistant.errors import (
    DocumentNotFoundError,
    DocumentTooLargeError,
    DuplicateDocumentError,
    NoRecordsError,
    UploadError,
)
from assistant.index.ingestion import UploadFields, ingest, inspect, prepare, sanitise_name, withdraw
from assistant.index.store import open_index
from tests.documents import PROGRESS_TABLE

TABLE = PROGRESS_TABLE.name


@pytest.mark.parametrize("raw, expected", [
    ("005_報告.txt", "005_報告.txt"),
    ("  notes.md ", "notes.md"),
    ("社會局 說明.tsv", "社會局_說明.tsv"),
    ("表.xlsx", "表.xlsx"),
])
def test_safe_names_are_kept(raw, expected):
    assert sanitise_name(raw) == expected


@pytest.mark.parametrize("raw", [
    "../evil.txt", "a/b.txt", "..\\b.txt", "/etc/passwd.txt", ".hidden.txt", MANIFEST_NAME,
    "no_suffix", "script.py", "a;b.txt", "", ".txt", ".pdf",
])
def test_unsafe_names_are_refused(raw):
    with pytest.raises(UploadError):
        sanitise_name(raw)


def _fields(**values) -> UploadFields:
    return UploadFields(**{"title": "新文件", "issuer": "臺北市政府", "year_roc": 113, **values})


def _prepare(settings, name="005_new.txt", data="新文件\n".encode(), pending=(), **fields):
    return prepare(settings, name, data, _fields(**fields), pending)


def _build(settings, embedder):
    return lambda: open_index(settings, show_progress=False, embedder=embedder)


def test_prepare_checks_size_fields_and_duplicates(settings):
    with pytest.raises(DocumentTooLargeError):
        _prepare(settings, data=b"x" * (settings.max_upload_bytes + 1))
    with pytest.raises(UploadError, match="empty"):
        _prepare(settings, data=b"")
    with pytest.raises(DuplicateDocumentError):
        _prepare(settings, name=TABLE)
    with pytest.raises(DuplicateDocumentError):
        _prepare(settings, pending={"005_new.txt"})
    doc = _prepare(settings)
    assert (doc.name, doc.info.year_ad, doc.info.kind, doc.info.origin) == ("005_new.txt", 2024, "text", "uploaded")


@pytest.mark.parametrize("name", ["000_A326A7C91818490C.TXT", "０００_a326a7c91818490c.txt"])
def test_look_alike_names_of_official_documents_are_refused(settings, name):
    with pytest.raises(DuplicateDocumentError, match="NFKC"):
        _prepare(settings, name=name)


def test_titles_and_series_periods_that_exist_are_refused(settings):
    with pytest.raises(DuplicateDocumentError, match="official"):
        _prepare(settings, title="臺北市政府秘書處１１２年度施政計畫績效報告")  # full-width digits
    with pytest.raises(DuplicateDocumentError, match="112年下半年"):
        _prepare(settings, title="另一份", series="市政白皮書辦理情形與成果", year_roc=112, half=2)


def test_official_documents_cannot_be_replaced_or_withdrawn(settings, fake_embedder):
    with pytest.raises(DuplicateDocumentError, match="read-only"):
        _prepare(settings, replaces=TABLE)
    with pytest.raises(DuplicateDocumentError, match="official"):
        withdraw(settings, TABLE, _build(settings, fake_embedder))
    with pytest.raises(DocumentNotFoundError):
        withdraw(settings, "nothing.txt", _build(settings, fake_embedder))


def test_a_table_without_a_declared_kind_is_classified_and_counted(settings):
    data = PROGRESS_TABLE.read_bytes()
    found = inspect(settings, "whitepaper.txt", data)
    assert (found.kind, found.records, found.year_roc, found.half, found.period) == \
           ("progress_table", 112, 112, 2, "112年下半年")
    assert found.title == "市政白皮書112年下半年辦理情形與成果一覽表"
    assert any("jump" in w for w in found.warnings)  # the parser's own warnings reach the uploader
    doc = _prepare(settings, name="whitepaper.txt", data=data, title="市政白皮書113年上半年辦理情形與成果一覽表")
    assert doc.info.kind == "progress_table" and doc.records == 112
    assert any("detected" in note for note in doc.notes) and any("jump" in note for note in doc.notes)


def test_a_file_giving_no_records_for_its_kind_is_refused(settings):
    with pytest.raises(NoRecordsError, match="progress_table"):
        _prepare(settings, data="秘書處112年度預算數：0 百萬元\n".encode(), kind="progress_table")


def test_the_bundled_corpus_is_never_written(settings, fake_embedder):
    before = {p.name: p.read_bytes() for p in settings.corpus_dir.iterdir()}
    index = ingest(settings, _prepare(settings, data="臺北市青年住宅補助說明\n".encode()),
                   _build(settings, fake_embedder))
    assert {p.name: p.read_bytes() for p in settings.corpus_dir.iterdir()} == before
    assert "005_new.txt" in index.manifest["documents"]
    assert index.manifest["documents"]["005_new.txt"]["origin"] == "uploaded"
    assert any(p.file == "005_new.txt" and "青年住宅" in p.text for p in index.passages)
    assert (index.corpus_dir / "005_new.txt").read_text(encoding="utf-8") == "臺北市青年住宅補助說明\n"
    index.close()


def test_a_failed_build_undoes_only_its_own_entry(settings, fake_embedder):
    ingest(settings, _prepare(settings, name="first.txt", title="第一份", data="甲\n".encode()),
           _build(settings, fake_embedder)).close()
    data = DataDir(settings.data_dir)
    before = data.manifest_path.read_bytes()

    def failing_build():
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        ingest(settings, _prepare(settings, name="second.txt", title="第二份"), failing_build)
    assert data.manifest_path.read_bytes() == before
    assert [p.name for p in data.documents.iterdir()] == [data.entries()["first.txt"].stored]


def test_replace_serves_the_new_version_and_drops_the_old_files(settings, fake_embedder):
    ingest(settings, _prepare(settings, data="舊版本\n".encode()), _build(settings, fake_embedder)).close()
    old = DataDir(settings.data_dir).entries()["005_new.txt"].stored
    new = _prepare(settings, name="v2.txt", data="新版本\n".encode(), replaces="005_new.txt")
    assert new.name == "005_new.txt"
    index = ingest(settings, new, _build(settings, fake_embedder))
    doc = load_served_corpus(settings).get("005_new.txt")
    assert doc.lines == ("新版本",)
    assert not (DataDir(settings.data_dir).documents / old).exists()
    index.close()


def test_withdraw_removes_the_document_from_the_served_corpus(settings, fake_embedder):
    ingest(settings, _prepare(settings), _build(settings, fake_embedder)).close()
    index = withdraw(settings, "005_new.txt", _build(settings, fake_embedder))
    assert "005_new.txt" not in index.manifest["documents"]
    assert DataDir(settings.data_dir).entries() == {}
    index.close()


def test_a_converted_upload_cites_its_extracted_text_and_locations(settings, fake_embedder, progress_files):
    doc = prepare(settings, "113上.xlsx", progress_files(".xlsx"),
                  _fields(title="市政白皮書113年上半年辦理情形與成果一覽表", half=1, series="市政白皮書辦理情形與成果"))
    index = ingest(settings, doc, _build(settings, fake_embedder))
    served = load_served_corpus(settings).get("113上.xlsx")
    assert served.period.label == "113年上半年" and served.origin == "uploaded"
    first = min(index.records.query("progress_item"), key=lambda r: (r.file != "113上.xlsx", r.line))
    assert first.file == "113上.xlsx" and first.period.label == "113年上半年" and first.year_roc == 113
    assert served.location(first.line) == f"工作表「辦理情形」第 {first.line} 列"
    stored = DataDir(settings.data_dir).documents / DataDir(settings.data_dir).entries()["113上.xlsx"].stored
    assert (stored / "113上.xlsx").read_bytes() == progress_files(".xlsx")  # the original, beside its text
    index.close()


def test_a_hand_written_look_alike_entry_is_skipped(settings):
    data = DataDir(settings.data_dir)
    shutil.copytree(settings.corpus_dir, settings.data_dir / "documents" / "k")
    shutil.copy(PROGRESS_TABLE, settings.data_dir / "documents" / "k" / "text.txt")
    official = load_served_corpus(settings).get(TABLE).info
    with data.lock():
        data.put_entry("000_A326A7C91818490C.txt", official.model_copy(update={"stored": "k", "origin": "uploaded"}))
    corpus = load_served_corpus(settings)
    assert [d.file for d in corpus.documents if d.origin == "uploaded"] == []
    assert any("official" in w for w in corpus.warnings)
