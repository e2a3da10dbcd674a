"""A build killed with SIGKILL half-way leaves the previous version serving and no lasting debris."""

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from assistant.config import Settings
from assistant.corpus.datadir import DataDir
from assistant.index.ingestion import UploadFields, prepare
from assistant.index.retriever import HybridSearcher
from assistant.index.store import CURRENT, load_version, open_index
from tests.fakes import FakeEmbedder

PROJECT = Path(__file__).resolve().parents[2]

# Runs in the child: the fake embedder made slow, so the build is still embedding when it is killed.
_BUILD = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from assistant.config import Settings
    from assistant.index.store import open_index
    from tests.fakes import FakeEmbedder

    class SlowEmbedder(FakeEmbedder):
        def embed_passages(self, texts):
            time.sleep(0.2)
            return super().embed_passages(texts)

    corpus, index, cache, data = (Path(p) for p in sys.argv[1:5])
    open_index(Settings(corpus_dir=corpus, index_dir=index, cache_dir=cache, data_dir=data), show_progress=False,
               embedder=SlowEmbedder())
    print("finished")
""")


def _add(settings: Settings) -> None:
    """Store one uploaded document in the data directory, as an accepted upload leaves it."""
    doc = prepare(settings, "005_new.txt", "臺北市青年住宅說明\n申請資格：設籍本市。\n".encode(),
                  UploadFields(title="青年住宅", issuer="臺北市政府", year_roc=113))
    data = DataDir(settings.data_dir)
    with data.lock():
        data.store("k1", doc.source_name, doc.original, doc.extracted.text, doc.extracted.locations)
        data.put_entry(doc.name, doc.info.model_copy(update={"stored": "k1"}))


def _tree_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _wait_for_build_folder(child: subprocess.Popen, index_dir: Path, timeout: float = 60) -> Path:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert child.poll() is None, f"the build ended before it could be killed: {child.stdout.read()}"
        found = list(index_dir.glob(".build-*"))
        if found and any(found[0].iterdir()):  # artifacts are being written
            return found[0]
        time.sleep(0.05)
    raise AssertionError("no .build-* folder appeared")


def test_a_killed_build_leaves_the_old_index_then_the_next_open_builds_a_complete_one(built_corpus, tmp_path):
    new = tmp_path / "corpus"  # the bundled corpus; the data directory adds one document
    shutil.copytree(built_corpus / "corpus", new)
    index_dir = tmp_path / "indexes"
    shutil.copytree(built_corpus / "indexes", index_dir)
    settings = Settings(corpus_dir=new, index_dir=index_dir, cache_dir=tmp_path / "cache", data_dir=tmp_path / "data")
    _add(settings)
    current_before = (index_dir / CURRENT).read_text()
    corpus_before = _tree_hash(new) + _tree_hash(settings.data_dir)

    child = subprocess.Popen([sys.executable, "-c", _BUILD, str(new), str(index_dir), str(tmp_path / "cache"),
                              str(settings.data_dir)],
                             cwd=PROJECT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                             env={**os.environ, "PYTHONPATH": str(PROJECT)})
    try:
        _wait_for_build_folder(child, index_dir)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(30)
    assert child.returncode == -signal.SIGKILL

    # The old version is still CURRENT, loads intact and answers.
    assert (index_dir / CURRENT).read_text() == current_before
    old_index = load_version(index_dir / current_before.strip(), embedder=FakeEmbedder())
    assert old_index.records.query("progress_item")
    assert HybridSearcher(old_index).search("社會局", 3)
    reasons: list[str] = []
    reopened = open_index(settings.model_copy(update={"data_dir": tmp_path / "empty"}), show_progress=False,
                          embedder=FakeEmbedder(), on_rebuild=reasons.append)
    assert reasons == [] and reopened.version == current_before.strip(), "the old index is served, not rebuilt"

    # The next open of the new corpus builds a complete version and clears the killed build's folder.
    fresh = open_index(settings, show_progress=False, embedder=FakeEmbedder(), on_rebuild=reasons.append)
    assert reasons == ["corpus or code changed since the last build"]
    assert "005_new.txt" in fresh.manifest["documents"] and len(fresh.passages) == fresh.dense.size
    assert (index_dir / CURRENT).read_text().strip() == fresh.version != current_before.strip()
    assert not list(index_dir.glob(".build-*"))
    assert _tree_hash(new) + _tree_hash(settings.data_dir) == corpus_before, \
        "the corpus is untouched by the build and the kill"
    for index in (old_index, reopened, fresh):
        index.close()
