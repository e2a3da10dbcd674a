"""A corpus change rebuilds only what it touches, and gives the index a build from nothing gives."""

import shutil
from pathlib import Path

import numpy as np
import pytest
import yaml

from assistant.config import Settings
from assistant.corpus.manifest import load_corpus
from assistant.index.record_memory import RecordMemory
from assistant.index.store import SearchIndex, build_index, load_version
from assistant.parsing.models import RECORD_TYPES
from tests.conftest import TOY
from tests.fakes import FakeEmbedder

HEADER = "領域\t綱要\t類別\t政策項目\t主辦\t協辦\t年度目標\t重要工作項目\t辦理情形及成果 (截至110年12月底)\t辦理等級"
# A later period of the toy table: one item renamed to 夜間照明設施, a name the toy report's prose uses,
# so the report's passage holding it must be segmented again.
LATER_TABLE = "\n".join([
    "市民服務110年下半年辦理情形與成果一覽表", "", HEADER,
    "安全城市\t防災\t一、社區防災\t1、設置社區防災倉庫\t消防局\t-\t完成3處防災倉庫\t1. 110.9.30前完成維護。"
    "\t一、110年10月完成維護。\tA已完成或例行性業務",
    "\t\t四、智慧照明\t2、夜間照明設施\t工務局\t資訊局\t新增夜間照明設施20處\t1. 110.11.30前完成建置。"
    "\t一、110年11月完成18處。\tB執行中",
]) + "\n"
LATER_ENTRY = {"title": "市民服務110年下半年辦理情形一覽表", "issuer": "測試市政府", "year_roc": 110, "year_ad": 2021,
               "half": 2, "covers_roc": [110], "kind": "progress_table"}


class Corpus:
    """A private copy of the toy corpus whose documents a test adds, changes and removes."""

    def __init__(self, folder: Path):
        shutil.copytree(TOY, folder)
        self.folder = folder

    def _manifest(self) -> dict:
        return yaml.safe_load((self.folder / "manifest.yaml").read_text(encoding="utf-8"))

    def put(self, name: str, text: str, entry: dict) -> None:
        manifest = self._manifest()
        manifest["documents"][name] = entry
        (self.folder / name).write_text(text, encoding="utf-8")
        (self.folder / "manifest.yaml").write_text(yaml.safe_dump(manifest, allow_unicode=True), encoding="utf-8")

    def remove(self, name: str) -> None:
        manifest = self._manifest()
        del manifest["documents"][name]
        (self.folder / name).unlink()
        (self.folder / "manifest.yaml").write_text(yaml.safe_dump(manifest, allow_unicode=True), encoding="utf-8")


def _build(folder: Path, corpus: Corpus, embedder: FakeEmbedder, reuse: bool = True) -> SearchIndex:
    settings = Settings(corpus_dir=corpus.folder, index_dir=folder / "indexes", cache_dir=folder / "cache")
    return load_version(build_index(settings, load_corpus(corpus.folder), embedder, show_progress=False, reuse=reuse),
                        embedder=embedder)


def _contents(index: SearchIndex) -> dict:
    """Everything a question can read from a version (the database as its queries return it)."""
    terms = sorted(index.bm25.vocabulary)
    return {
        "passages": [(p.model_dump(), p.search_text()) for p in index.passages],
        "memory": [r.model_dump() for r in RecordMemory.load(index.records).records],
        "database": {t: [r.model_dump() for r in index.records.query(t)] for t in RECORD_TYPES},
        "bm25": {t: index.bm25.scores([t]).tobytes() for t in terms},
        "vectors": index.dense.vectors().tobytes(),
        "words": index.segmenter.frequencies,
        "documents": {f: {k: v for k, v in e.items()} for f, e in index.manifest["documents"].items()},
        "warnings": index.manifest["warnings"],
    }


@pytest.fixture
def corpus(tmp_path: Path) -> Corpus:
    return Corpus(tmp_path / "corpus")


def test_an_added_document_is_the_only_one_parsed_and_embedded(corpus, tmp_path):
    embedder = FakeEmbedder()
    before = _build(tmp_path / "live", corpus, embedder)
    embedded = embedder.calls
    corpus.put("toy_table_110b.txt", LATER_TABLE, LATER_ENTRY)
    after = _build(tmp_path / "live", corpus, embedder)
    update = after.manifest["update"]
    assert update["from"] == before.version
    assert (update["documents_reused"], update["documents_parsed"]) == (2, 1)
    added = after.manifest["documents"]["toy_table_110b.txt"]["passages"]
    assert update["passages_embedded"] == added == embedder.calls - embedded
    assert added < update["passages_segmented"] < len(after.passages), "the report's passage naming 夜間照明設施 only"
    assert _contents(after) == _contents(_build(tmp_path / "fresh", corpus, FakeEmbedder(), reuse=False))
    linked = [p for p in (after.folder / "documents").iterdir()
              if (before.folder / "documents" / p.name).exists() and p.suffix != ".tokens"]
    assert len(linked) == 4 and all(p.stat().st_nlink > 1 for p in linked), "unchanged documents' files are links"


def test_replaced_and_withdrawn_documents_give_what_a_build_from_nothing_gives(corpus, tmp_path):
    corpus.put("toy_table_110b.txt", LATER_TABLE, LATER_ENTRY)
    _build(tmp_path / "live", corpus, FakeEmbedder())
    corpus.put("toy_table_110b.txt", LATER_TABLE.replace("夜間照明設施", "路口監視系統"), LATER_ENTRY)
    replaced = _build(tmp_path / "live", corpus, FakeEmbedder())
    assert replaced.manifest["update"]["documents_parsed"] == 1
    assert _contents(replaced) == _contents(_build(tmp_path / "fresh-1", corpus, FakeEmbedder(), reuse=False))
    corpus.remove("toy_table_110b.txt")
    withdrawn = _build(tmp_path / "live", corpus, FakeEmbedder())
    assert withdrawn.manifest["update"]["documents_parsed"] == 0
    assert _contents(withdrawn) == _contents(_build(tmp_path / "fresh-2", corpus, FakeEmbedder(), reuse=False))
    assert not any("路口監視" in p.text for p in withdrawn.passages)


def test_a_damaged_last_version_is_not_reused(corpus, tmp_path):
    before = _build(tmp_path / "live", corpus, FakeEmbedder())
    next((before.folder / "documents").glob("*.tokens")).write_bytes(b"damaged")
    corpus.put("toy_table_110b.txt", LATER_TABLE, LATER_ENTRY)
    after = _build(tmp_path / "live", corpus, FakeEmbedder())
    assert after.manifest["update"]["from"] is None
    assert after.manifest["update"]["documents_parsed"] == 3
    assert np.array_equal(after.dense.vectors(),
                          _build(tmp_path / "fresh", corpus, FakeEmbedder(), reuse=False).dense.vectors())
