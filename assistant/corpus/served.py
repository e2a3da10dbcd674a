"""The served corpus: the bundled documents (official, read-only) plus the uploads in the data directory.

An uploaded entry whose name looks like a bundled one (after NFKC, 台/臺 and case folding) is
skipped with a warning, so no upload can stand in for an official document even if it got past
the upload checks (e.g. written by hand). `write_corpus_folder` copies a corpus into a plain
folder, which is how each index version keeps the exact documents it was built from.
"""

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import yaml

from assistant.config import Settings
from assistant.corpus.datadir import DataDir
from assistant.corpus.manifest import MANIFEST_NAME, WHERE_DIR, Corpus, Document, load_corpus, read_document
from assistant.errors import CorpusError
from assistant.text.normalize import normalize

# libyaml's emitter when PyYAML has it: a 500-document manifest in a tenth of the time.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def look_alike_key(text: str) -> str:
    """What two names or titles are compared by: NFKC, 台→臺, case-folded, without whitespace."""
    return "".join(normalize(text).casefold().split())


def _data_dir_uploads(settings: Settings, warnings: list[str]) -> Iterator[Document]:
    """The data directory's uploaded documents, by name; an unreadable one is a warning."""
    data = DataDir(settings.data_dir)
    for name, info in sorted(data.entries().items()):
        try:
            yield read_document(data.text_path(info), info.model_copy(update={"origin": "uploaded"}), name,
                                data.where_path(info))
        except (CorpusError, OSError) as exc:
            warnings.append(f"{name}: {exc}, skipped")


def load_served_corpus(settings: Settings, uploaded: Iterable[Document] | None = None) -> Corpus:
    """Bundled documents (origin `bundled`) and then the uploaded ones (origin `uploaded`): those of the
    data directory, or `uploaded` where a storage backend keeps them elsewhere (PostgreSQL)."""
    corpus = load_corpus(settings.corpus_dir)
    for doc in corpus.documents:
        if doc.info.origin != "bundled":
            corpus.warnings.append(f"{doc.file}: the bundled manifest may only list official documents, skipped")
    corpus.documents = [d for d in corpus.documents if d.info.origin == "bundled"]
    official = {look_alike_key(d.file) for d in corpus.documents}
    for doc in _data_dir_uploads(settings, corpus.warnings) if uploaded is None else uploaded:
        if look_alike_key(doc.file) in official:
            corpus.warnings.append(f"{doc.file}: looks like the name of an official document, skipped")
            continue
        corpus.documents.append(doc)
        corpus.warnings.extend(f"{doc.file}: {note}" for note in doc.period_and_notes[1])
    return corpus


def write_corpus_folder(folder: Path, corpus: Corpus) -> None:
    """A plain corpus folder (manifest, texts, `.where/` sidecars) holding exactly `corpus`'s documents."""
    folder.mkdir(parents=True)
    (folder / WHERE_DIR).mkdir()
    entries = {}
    for doc in corpus.documents:
        entries[doc.file] = doc.info.model_dump(mode="json", exclude_defaults=True)
        (folder / doc.file).write_text("".join(line + "\n" for line in doc.lines), encoding="utf-8")
        if doc.locations:
            (folder / WHERE_DIR / f"{doc.file}.json").write_text(json.dumps(list(doc.locations), ensure_ascii=False),
                                                                 encoding="utf-8")
    (folder / MANIFEST_NAME).write_text(yaml.dump({"documents": entries}, Dumper=_DUMPER, allow_unicode=True,
                                                  sort_keys=False), encoding="utf-8")
