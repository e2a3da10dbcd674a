"""Writing files so that no reader ever sees half of one, and one writer at a time per folder.

Shared by everything that replaces a file others may be reading (the index's CURRENT pointer, the
corpus manifest, caches) and by the two one-time jobs that must not run twice at once (index builds,
the model conversion).
"""

import fcntl
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def _flushed_temporary(path: Path, data: bytes) -> Path:
    """A temporary file beside `path` holding `data`, flushed to disk."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def fsync_folder(folder: Path) -> None:
    """Flush a folder's entries (a rename or link into it) to disk, so they survive a power cut."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def replace_atomically(path: Path, data: bytes) -> None:
    """Write `data` beside `path`, then rename it over `path` and flush the folder.

    On any failure the temporary file is removed and `path` keeps its previous content."""
    tmp = _flushed_temporary(path, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_folder(path.parent)


def create_atomically(path: Path, data: bytes) -> None:
    """Like `replace_atomically`, but raise `FileExistsError` rather than replace an existing file
    (a hard link, unlike a rename, never replaces)."""
    tmp = _flushed_temporary(path, data)
    try:
        os.link(tmp, path)
    finally:
        tmp.unlink()
    fsync_folder(path.parent)


def rename_folder(source: Path, target: Path) -> None:
    """Rename a finished folder into place and flush its parent, so the rename is durable."""
    os.rename(source, target)
    fsync_folder(target.parent)


@contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on `folder` (created if missing), across processes, while inside."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
