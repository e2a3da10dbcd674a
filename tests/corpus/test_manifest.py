import shutil
from pathlib import Path

import pytest

from assistant.corpus.manifest import load_corpus, read_manifest
from assistant.errors import ManifestError

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


def test_bundled_corpus_loads_every_listed_document():
    corpus = load_corpus(CORPUS)
    assert [d.file for d in corpus.documents] == sorted(p.name for p in CORPUS.glob("*.txt"))
    assert corpus.warnings == []
    for doc in corpus.documents:
        assert doc.info.year_ad == doc.info.year_roc + 1911


def test_lines_are_one_based_and_exact():
    doc = load_corpus(CORPUS).get("000_a326a7c91818490c.txt")
    assert doc.line(3) == "市政白皮書112年下半年辦理情形與成果一覽表"
    assert len(doc.lines) == 145


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the shared seeds are beside the checkout only on our machines")
def test_corpus_files_are_byte_identical_to_the_seeds():
    for seed in SEEDS.glob("*.txt"):
        assert (CORPUS / seed.name).read_bytes() == seed.read_bytes(), seed.name


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(CORPUS, folder)
    return folder


def test_file_without_manifest_entry_is_a_warning_not_a_crash(corpus_copy: Path):
    (corpus_copy / "stray.txt").write_text("臺北市政府\n", encoding="utf-8")
    corpus = load_corpus(corpus_copy)
    assert len(corpus.documents) == 5
    assert any("stray.txt" in w and "manifest" in w for w in corpus.warnings)


def test_new_file_with_manifest_entry_is_picked_up(corpus_copy: Path):
    (corpus_copy / "new.txt").write_text("# 新文件\n社會局推動托育。\n", encoding="utf-8")
    manifest = corpus_copy / "manifest.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8") + (
        "  new.txt:\n    title: 新文件\n    issuer: 臺北市政府\n    year_roc: 113\n    year_ad: 2024\n"),
        encoding="utf-8")
    corpus = load_corpus(corpus_copy)
    assert corpus.get("new.txt").info.kind == "text"


def test_broken_documents_are_skipped_with_a_reason(corpus_copy: Path):
    (corpus_copy / "000_a326a7c91818490c.txt").write_bytes(b"\xff\xfe\x00binary")
    (corpus_copy / "004_d9643f6566d7e10e.txt").unlink()
    corpus = load_corpus(corpus_copy)
    assert len(corpus.documents) == 3
    assert any(w.startswith("000_") and "UTF-8" in w for w in corpus.warnings)
    assert any(w.startswith("004_") and "missing" in w for w in corpus.warnings)


@pytest.mark.parametrize("text, reason", [
    (None, "missing"),
    ("documents: [", "not valid YAML"),
    ("documents: 3", "'documents' mapping"),
    ("documents:\n  a.txt: {title: x}", "invalid"),
])
def test_unusable_manifest_is_a_clear_error(corpus_copy: Path, text: str | None, reason: str):
    manifest = corpus_copy / "manifest.yaml"
    if text is None:
        manifest.unlink()
    else:
        manifest.write_text(text, encoding="utf-8")
    with pytest.raises(ManifestError, match=reason):
        read_manifest(corpus_copy)
