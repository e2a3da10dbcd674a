"""Values derived from one index version, computed once and kept in its folder as JSON files.

Start-up work that depends only on the index (the compact corpus text and BM25 vocabulary that
question understanding checks against, the texts term weights count in) takes about a third of a
second and loads BM25; read back, it takes a few milliseconds and loads nothing. Each file is keyed
by the version's fingerprint, the checksums of its artifacts and a hash of the code that computed
the value, so a file from another version or from other code is never used. A missing, damaged or
foreign file is recomputed and rewritten, never an error; writing is atomic and best-effort (a
read-only index folder only costs the speed-up). A new build replaces the folder, and these files
with it.
"""

import hashlib
import json
import logging
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from assistant.atomic import replace_atomically
from assistant.index.store import SearchIndex

log = logging.getLogger(__name__)


def _key(index: SearchIndex, code: Iterable[str]) -> dict[str, str]:
    digest = hashlib.sha256()
    for file in code:
        digest.update(Path(file).read_bytes())
    artifacts = json.dumps(index.manifest.get("checksums"), sort_keys=True)
    return {"version": index.version, "artifacts": hashlib.sha256(artifacts.encode()).hexdigest(),
            "code": digest.hexdigest()}


def _write(path: Path, data: dict) -> None:
    """Write atomically, so a concurrent reader never sees half a file; a failure only costs speed."""
    try:
        replace_atomically(path, json.dumps(data, ensure_ascii=False).encode())
    except OSError as exc:
        log.warning("could not write %s: %s", path, exc)


def derived(index: SearchIndex, name: str, code: Iterable[str], compute: Callable[[], Any]) -> Any:
    """`compute()` for this index, read from `derived-<name>.json` when that file was written by the
    same version and the same code (`code`: the source files of the modules that compute it)."""
    path = index.folder / f"derived-{name}.json"
    key = _key(index, code)
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(stored, dict) and stored.get("key") == key and "value" in stored:
            return stored["value"]
    except (OSError, ValueError):  # missing or damaged: computed again below
        pass
    value = compute()
    _write(path, {"key": key, "value": value})
    return value
