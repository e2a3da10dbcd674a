"""Uploaded documents are indexed one at a time in a background thread; clients poll their status.

`POST /api/documents` checks the upload, queues it and answers 202 at once with a status URL,
because a rebuild takes seconds (or a minute for a large document on the real model). The worker
adds the document, rebuilds, and swaps the new pair in; if anything fails, the corpus is restored
and the old pair keeps serving. One worker means one rebuild at a time, so a failed upload's
rollback can never undo another upload.
"""

import logging
import threading
import time
import uuid
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from typing import Literal

from pydantic import BaseModel, Field

from api.holder import IndexHolder
from assistant.errors import DuplicateDocumentError
from assistant.index.ingestion import NewDocument, ingest

log = logging.getLogger(__name__)

UploadState = Literal["queued", "indexing", "ready", "failed"]
KEEP_STATUSES = 200


class UploadStatus(BaseModel):
    id: str
    file: str
    state: UploadState = Field(description="queued → indexing → ready, or failed (the corpus is left as it was)")
    message: str
    notes: list[str] = Field(default_factory=list, description="changes made to the upload, e.g. Big5 converted")
    index_version: str | None = Field(None, description="the index that serves the document, once ready")
    submitted_at: str
    finished_at: str | None = None


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S%z")


class UploadQueue:
    def __init__(self, holder: IndexHolder):
        self.holder = holder
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ingest")
        self._lock = threading.Lock()
        self._statuses: OrderedDict[str, UploadStatus] = OrderedDict()
        self._pending: set[str] = set()

    def pending_names(self) -> frozenset[str]:
        """File names queued or being indexed, which a new upload may not reuse."""
        with self._lock:
            return frozenset(self._pending)

    def submit(self, doc: NewDocument) -> UploadStatus:
        """Queue `doc`; two uploads of one name racing past `prepare` meet here, and the second is refused."""
        status = UploadStatus(id=uuid.uuid4().hex, file=doc.name, state="queued",
                              message="queued for indexing", notes=list(doc.notes), submitted_at=_now())
        with self._lock:
            if doc.name in self._pending:
                raise DuplicateDocumentError(f"a document named {doc.name!r} is already being added")
            self._pending.add(doc.name)
            self._statuses[status.id] = status
            while len(self._statuses) > KEEP_STATUSES:
                self._statuses.popitem(last=False)
        self._executor.submit(self._run, status.id, doc)
        return status

    def status(self, upload_id: str) -> UploadStatus | None:
        with self._lock:
            return self._statuses.get(upload_id)

    def _update(self, upload_id: str, **changes: object) -> None:
        with self._lock:
            if upload_id in self._statuses:
                self._statuses[upload_id] = self._statuses[upload_id].model_copy(update=changes)

    def _run(self, upload_id: str, doc: NewDocument) -> None:
        self._update(upload_id, state="indexing", message="adding the document and rebuilding the index")
        try:
            index = ingest(self.holder.settings, doc, self.holder.open)
            self.holder.install(index)
            self._update(upload_id, state="ready", message=f"{doc.name} is indexed and answers questions now",
                         index_version=index.version, finished_at=_now())
        except Exception as exc:
            log.error("ingesting %s failed; the previous index keeps serving", doc.name, exc_info=exc)
            self._update(upload_id, state="failed", finished_at=_now(),
                         message=f"indexing failed, the document was removed again and the previous index "
                                 f"keeps serving: {type(exc).__name__}: {exc}")
        finally:
            with self._lock:
                self._pending.discard(doc.name)

    def shutdown(self) -> None:
        """Drop queued uploads and wait for the one being indexed (it restores the corpus if it fails)."""
        self._executor.shutdown(wait=True, cancel_futures=True)
