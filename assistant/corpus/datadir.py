"""The data directory: uploaded documents and their manifest, outside the read-only bundled corpus.

Layout under `Settings.data_dir`:
    manifest.yaml            the uploaded documents' entries (same fields as corpus/manifest.yaml)
    documents/<key>/         one stored version: the original file, `text.txt` (its extracted text,
                             the lines citations count) and `where.json` (each line's place in the
                             original); written whole in a temporary folder and renamed into place
    uploads/                 the upload queue and statuses (api/uploads.py)
    .lock                    one cross-process lock over the manifest and documents/

Every change is a new file renamed into place with the folder flushed, so a crash leaves either
the old state or the new one, never half an entry. Writers hold `lock()`; a change rewrites only
the entry it is about, so undoing one upload never undoes another.
"""

import json
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import yaml

from assistant.atomic import folder_lock, rename_folder, replace_atomically
from assistant.corpus.manifest import MANIFEST_NAME, DocumentInfo, parse_manifest_text

TEXT_NAME = "text.txt"
WHERE_NAME = "where.json"


class DataDir:
    """Reads and changes the uploaded documents in one data directory."""

    def __init__(self, root: Path):
        self.root = root
        self.manifest_path = root / MANIFEST_NAME
        self.documents = root / "documents"
        self.uploads = root / "uploads"

    @contextmanager
    def lock(self) -> Iterator[None]:
        """Exclusive, across processes (server and CLI), for any change to the manifest or documents."""
        with folder_lock(self.root):
            yield

    def entries(self) -> dict[str, DocumentInfo]:
        """The uploaded documents' manifest entries (none when nothing was ever uploaded)."""
        if not self.manifest_path.is_file():
            return {}
        return parse_manifest_text(self.manifest_path.read_text(encoding="utf-8"), self.manifest_path)

    def put_entry(self, name: str, info: DocumentInfo | None) -> None:
        """Set (or with None remove) one entry, rewriting the manifest atomically; hold `lock()`."""
        entries = self.entries()
        if info is None:
            entries.pop(name, None)
        else:
            entries[name] = info
        data = {"documents": {n: i.model_dump(mode="json", exclude_defaults=True) for n, i in entries.items()}}
        self.root.mkdir(parents=True, exist_ok=True)
        replace_atomically(self.manifest_path, yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode())

    def store(self, key: str, name: str, original: bytes, text: str, locations: list[str]) -> Path:
        """Write one stored version (original, extracted text, locations) under `documents/<key>/`."""
        self.documents.mkdir(parents=True, exist_ok=True)
        target = self.documents / key
        tmp = Path(tempfile.mkdtemp(dir=self.documents, prefix=".store-"))
        try:
            (tmp / name).write_bytes(original)
            (tmp / TEXT_NAME).write_text(text, encoding="utf-8")
            (tmp / WHERE_NAME).write_text(json.dumps(locations, ensure_ascii=False), encoding="utf-8")
            rename_folder(tmp, target)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        return target

    def text_path(self, info: DocumentInfo) -> Path:
        return self.documents / str(info.stored) / TEXT_NAME

    def where_path(self, info: DocumentInfo) -> Path:
        return self.documents / str(info.stored) / WHERE_NAME

    def discard(self, key: str | None) -> None:
        """Delete one stored version's files (after its entry is gone)."""
        if key:
            shutil.rmtree(self.documents / key, ignore_errors=True)

    def sweep(self) -> None:
        """Delete stored versions no entry names (left by a crash between storing and the manifest)."""
        if not self.documents.is_dir():
            return
        used = {info.stored for info in self.entries().values()}
        for folder in self.documents.iterdir():
            if folder.name not in used:
                shutil.rmtree(folder, ignore_errors=True)
