"""`serve`, `documents`, `lines` and `upload` from the command line, over a private corpus copy."""

import functools
import json
import shutil

import pytest
from typer.testing import CliRunner

import assistant.cli  # noqa: F401  (registers every command on the app)
from assistant.cli.app import app
from assistant.config import get_settings
from assistant.corpus.manifest import MANIFEST_NAME
from assistant.errors import DocumentNotFoundError, DuplicateDocumentError, LineRangeError
from assistant import storage
from assistant.index import store
from tests.fakes import FakeEmbedder

PROGRESS = "000_a326a7c91818490c.txt"


@pytest.fixture
def corpus(built_corpus, tmp_path, monkeypatch):
    """Point the settings at a copy of the fake-embedder corpus and a data directory of its own, and index
    with the fake embedder."""
    shutil.copytree(built_corpus / "corpus", tmp_path / "corpus")
    shutil.copytree(built_corpus / "indexes", tmp_path / "indexes")
    monkeypatch.setenv("ASSISTANT_CORPUS_DIR", str(tmp_path / "corpus"))
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(tmp_path / "indexes"))
    monkeypatch.setenv("ASSISTANT_CACHE_DIR", str(built_corpus / "cache"))
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))  # uploads stay in this test's folder
    monkeypatch.setattr(store, "open_index", functools.partial(store.open_index, embedder=FakeEmbedder(),
                                                                show_progress=False))
    real_open_storage = storage.open_storage  # the commands open the index through the storage backend
    monkeypatch.setattr(storage, "open_storage", lambda settings, embedder=None: real_open_storage(settings,
                                                                                                FakeEmbedder()))
    get_settings.cache_clear()
    yield tmp_path / "corpus"
    get_settings.cache_clear()


def _run(*args: str):
    return CliRunner().invoke(app, list(args))


def test_lines_prints_numbered_lines_and_marks_the_cited_ones(corpus):
    result = _run("lines", PROGRESS, "--from", "43", "--context", "1")
    assert result.exit_code == 0, result.output
    original = (corpus / PROGRESS).read_text(encoding="utf-8").split("\n")
    assert f">   43  {original[42][:20]}" in result.output
    assert f"    42  {original[41][:20]}" in result.output and "    44  " in result.output


def test_lines_errors_are_typed(corpus):
    assert isinstance(_run("lines", "nope.txt", "--from", "1").exception, DocumentNotFoundError)
    assert isinstance(_run("lines", PROGRESS, "--from", "999").exception, LineRangeError)


def test_documents_lists_the_index_as_the_api_does(corpus):
    result = _run("documents", "--json")
    assert result.exit_code == 0, result.output
    docs = {d["file"]: d for d in json.loads(result.stdout)}
    assert len(docs) == 5 and docs[PROGRESS]["records"] > 100 and docs[PROGRESS]["year_ad"] == 2023


def test_upload_adds_and_indexes_a_document(corpus, tmp_path):
    source = tmp_path / "youth.txt"
    source.write_bytes("臺北市青年住宅租金補貼說明\n".encode("cp950"))
    result = _run("upload", str(source), "--title", "青年住宅", "--issuer", "臺北市政府", "--year", "113",
                  "--name", "005_youth.txt")
    assert result.exit_code == 0, result.output
    assert "converted from Big5" in result.output and "005_youth.txt: indexed" in result.output
    assert not (corpus / "005_youth.txt").exists(), "uploads never go into the bundled corpus"
    assert "005_youth.txt" not in (corpus / MANIFEST_NAME).read_text(encoding="utf-8")
    assert "005_youth.txt" in {d["file"] for d in json.loads(_run("documents", "--json").output)}


def test_upload_of_a_duplicate_changes_nothing(corpus):
    before = {p.name: p.read_bytes() for p in corpus.iterdir()}
    result = _run("upload", str(corpus / PROGRESS), "--title", "t", "--issuer", "i", "--year", "112")
    assert isinstance(result.exception, DuplicateDocumentError)
    assert {p.name: p.read_bytes() for p in corpus.iterdir()} == before


def test_serve_runs_uvicorn_with_the_app_and_its_limits(corpus, monkeypatch):
    calls = []
    monkeypatch.setattr("uvicorn.run", lambda app, **kwargs: calls.append((app, kwargs)))
    monkeypatch.setenv("ASSISTANT_KEEP_ALIVE_S", "7")
    monkeypatch.setenv("ASSISTANT_MAX_CONNECTIONS", "99")
    get_settings.cache_clear()
    assert _run("serve", "--port", "8765").exit_code == 0
    [(served, options)] = calls
    assert served == "api.main:app" and options["factory"] is True
    assert (options["host"], options["port"], options["workers"]) == ("127.0.0.1", 8765, 1)
    assert (options["http"], options["loop"]) == ("api.protocol:TimedHttpToolsProtocol", "uvloop")
    assert (options["timeout_keep_alive"], options["limit_concurrency"]) == (7, 99)
    assert options["log_config"]["root"]["level"] == "INFO"


def test_serve_with_several_workers_opens_the_index_first(corpus, monkeypatch):
    opened, calls = [], []
    monkeypatch.setattr("uvicorn.run", lambda app, **kwargs: calls.append(kwargs["workers"]))
    monkeypatch.setattr("assistant.cli.serve_commands.open_index_verbosely",
                        lambda: opened.append(True) or store.open_index(get_settings()))
    monkeypatch.setenv("ASSISTANT_WORKERS", "3")
    get_settings.cache_clear()
    assert _run("serve").exit_code == 0
    assert opened == [True] and calls == [3], "the workers only ever load a complete index"
