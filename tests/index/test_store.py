import shutil
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.index.store import CURRENT, open_index


def _open(settings: Settings, embedder, reasons: list[str] | None = None, **kwargs):
    return open_index(settings, show_progress=False, embedder=embedder,
                      on_rebuild=(reasons.append if reasons is not None else None), **kwargs)


def test_first_use_builds_then_reuses(tmp_settings, fake_embedder):
    reasons: list[str] = []
    first = _open(tmp_settings, fake_embedder, reasons)
    assert reasons == ["no index yet"]
    assert len(first.passages) == first.dense.size > 0
    assert (tmp_settings.index_dir / CURRENT).read_text().strip() == first.version
    second = _open(tmp_settings, fake_embedder, reasons)
    assert reasons == ["no index yet"], "a fresh index is loaded, not rebuilt"
    assert second.version == first.version


def test_embeddings_are_cached_by_content(tmp_settings, fake_embedder):
    _open(tmp_settings, fake_embedder)
    computed = fake_embedder.calls
    _open(tmp_settings, fake_embedder, rebuild=True)
    assert fake_embedder.calls == computed, "a rebuild of unchanged text embeds nothing again"


@pytest.fixture
def own_corpus(tmp_settings: Settings, tmp_path: Path) -> Settings:
    folder = tmp_path / "corpus"
    shutil.copytree(tmp_settings.corpus_dir, folder)
    return tmp_settings.model_copy(update={"corpus_dir": folder})


def test_corpus_change_makes_the_index_stale(own_corpus, fake_embedder):
    reasons: list[str] = []
    before = _open(own_corpus, fake_embedder, reasons)
    doc = own_corpus.corpus_dir / "004_d9643f6566d7e10e.txt"
    doc.write_text(doc.read_text(encoding="utf-8") + "新增一行：秘書處推動無紙化。\n", encoding="utf-8")
    after = _open(own_corpus, fake_embedder, reasons)
    assert reasons[-1] == "corpus or code changed since the last build"
    assert after.version != before.version
    assert (own_corpus.index_dir / before.version).exists(), "the previous version is kept for requests using it"
    doc.write_text(doc.read_text(encoding="utf-8") + "再一行。\n", encoding="utf-8")
    latest = _open(own_corpus, fake_embedder, reasons)
    assert not (own_corpus.index_dir / before.version).exists(), "older versions are cleaned up"
    latest.close()
    assert any("無紙化" in p.text for p in after.passages)


@pytest.mark.parametrize("victim", ["dense.faiss", "documents/*.passages", "documents/*.records", "records.sqlite",
                                    "words.tsv", "manifest.json"])
def test_damaged_index_is_detected_and_rebuilt(tmp_settings, fake_embedder, victim):
    built = _open(tmp_settings, fake_embedder)
    path = next(built.folder.glob(victim))
    path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])
    reasons: list[str] = []
    rebuilt = _open(tmp_settings, fake_embedder, reasons)
    assert len(reasons) == 1 and ("damaged" in reasons[0] or "cannot be read" in reasons[0])
    assert len(rebuilt.passages) == len(built.passages)


def test_failed_build_leaves_the_previous_version_serving(own_corpus, fake_embedder):
    good = _open(own_corpus, fake_embedder)

    class Exploding(type(fake_embedder)):
        def embed_passages(self, texts):
            raise RuntimeError("killed mid-build")

    doc = own_corpus.corpus_dir / "004_d9643f6566d7e10e.txt"
    doc.write_text(doc.read_text(encoding="utf-8") + "變更\n", encoding="utf-8")
    with pytest.raises(RuntimeError):
        _open(own_corpus, Exploding())
    assert (own_corpus.index_dir / CURRENT).read_text().strip() == good.version
    assert (own_corpus.index_dir / good.version / "manifest.json").is_file()
    assert not list(own_corpus.index_dir.glob(".build-*")), "the partial build is removed"


def test_the_index_queries_with_the_embedder_it_was_built_with(tmp_settings, fake_embedder):
    from assistant.errors import SearchIndexError
    from assistant.index.store import load_version

    index = _open(tmp_settings, fake_embedder)
    assert index.embedder is fake_embedder
    assert index.dense.search(index.embedder.embed_query("社會局托育"), 3)[0].size == 3

    other_model = type(fake_embedder)()
    other_model.model_id = "another-model"
    with pytest.raises(SearchIndexError, match="built with"):
        load_version(index.folder, embedder=other_model)


def test_bm25_and_dense_are_read_on_first_use_or_preload(tmp_settings, fake_embedder):
    index = _open(tmp_settings, fake_embedder)
    assert "bm25" not in vars(index) and "dense" not in vars(index)
    index.preload()
    assert vars(index)["bm25"] is index.bm25 and vars(index)["dense"] is index.dense


def test_a_dense_index_that_does_not_match_the_passages_is_refused_on_first_use(tmp_settings, fake_embedder):
    from assistant.errors import SearchIndexError

    index = _open(tmp_settings, fake_embedder)
    index.passages = index.passages[:-1]
    with pytest.raises(SearchIndexError, match="inconsistent"):
        index.preload()


def test_a_records_question_never_imports_the_search_libraries(settings):
    """Once a process has kept what it derived beside the index, a one-shot list question answers from
    SQLite alone: bm25s (with scipy) and faiss stay unloaded."""
    import subprocess
    import sys

    from assistant.answering.service import Assistant
    from assistant.index.store import load_version

    folder = settings.index_dir / (settings.index_dir / CURRENT).read_text().strip()
    Assistant(load_version(folder), settings)
    script = (
        "import sys; from pathlib import Path\n"
        "from assistant.answering.service import Assistant\n"
        "from assistant.config import Settings\n"
        "from assistant.index.store import load_version\n"
        f"settings = Settings(corpus_dir=Path({str(settings.corpus_dir)!r}))\n"
        f"assistant = Assistant(load_version(Path({str(folder)!r})), settings)\n"
        "response = assistant.ask('社會局主辦、仍為B執行中的項目有哪些？')\n"
        "assert response.kind == 'list' and response.items, response\n"
        "print(sorted(m for m in ('bm25s', 'scipy', 'faiss') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                            check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_memory_freed_by_a_build_is_returned_and_a_plain_load_skips_it(tmp_settings, fake_embedder, monkeypatch):
    import assistant.index.store as store

    calls: list[None] = []
    monkeypatch.setattr(store, "return_freed_memory", lambda: calls.append(None))
    open_index(tmp_settings, show_progress=False, embedder=fake_embedder).close()
    assert len(calls) == 1
    open_index(tmp_settings, show_progress=False, embedder=fake_embedder).close()
    assert len(calls) == 1
