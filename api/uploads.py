"""The upload queue: uploads, replacements and withdrawals, indexed one at a time, kept on disk.

`POST /api/documents` checks the upload (`prepare`), writes the job to the data directory's
`uploads/` folder and answers 202 with a status URL; one worker thread then stores the document
through the storage backend (the data directory, or PostgreSQL), indexes it, and swaps the new pair in. Jobs and statuses are files (`<id>.json`, the original bytes in
`<id>.bin`), each written atomically, so a job accepted with 202 survives SIGTERM, a crash and a
restart: on start-up every job still `queued` or `indexing` runs again (a job that had already
stored its document finds its own entry and only rebuilds). A shared backend (PostgreSQL) also
keeps each status, so any server answers `GET /api/documents/uploads/{id}`. SIGTERM lets the running job finish and
leaves the queued ones on disk. If indexing fails, only that job's change is undone.
"""

import logging
import queue
import threading
import time
import uuid
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from api.holder import IndexHolder
from assistant.atomic import replace_atomically
from assistant.corpus.datadir import DataDir
from assistant.corpus.manifest import DocumentInfo
from assistant.errors import AssistantError, DuplicateDocumentError
from assistant.index.ingestion import NewDocument
from assistant.parsing.readers import Extracted

log = logging.getLogger(__name__)

UploadState = Literal["queued", "indexing", "ready", "failed"]
Action = Literal["upload", "replace", "withdraw"]
KEEP_STATUSES = 200
_STOP = ""


class UploadStatus(BaseModel):
    id: str
    action: Action = "upload"
    file: str
    state: UploadState = Field(description="queued → indexing → ready, or failed (the corpus is left as it was)")
    message: str
    notes: list[str] = Field(default_factory=list,
                             description="what the reader and parser did: conversions, kind, records, rows skipped "
                                         "and why, columns repaired")
    records: int | None = Field(None, description="records the parser read from the document")
    index_version: str | None = Field(None, description="the index that serves the change, once ready")
    submitted_at: str
    finished_at: str | None = None


class _Job(BaseModel):
    """What the worker needs to redo a job after a restart (the original bytes are in `<id>.bin`)."""

    status: UploadStatus
    source_name: str | None = None
    info: DocumentInfo | None = None
    replaces: str | None = None
    lines: list[str] = Field(default_factory=list)
    locations: list[str] = Field(default_factory=list)


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S%z")


class UploadQueue:
    def __init__(self, holder: IndexHolder):
        self.holder = holder
        self.settings = holder.settings
        self.folder: Path = DataDir(self.settings.data_dir).uploads
        self._lock = threading.Lock()
        self._jobs: queue.Queue[str] = queue.Queue()
        self._pending: set[str] = set()
        self._thread: threading.Thread | None = None

    # --- files --------------------------------------------------------------------------------

    def _job_path(self, upload_id: str) -> Path:
        return self.folder / f"{upload_id}.json"

    def _read_job(self, upload_id: str) -> _Job | None:
        path = self._job_path(upload_id)
        try:
            return _Job.model_validate_json(path.read_bytes())
        except (OSError, ValueError):
            return None

    def _write_job(self, job: _Job) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        replace_atomically(self._job_path(job.status.id), job.model_dump_json().encode())
        try:  # other servers answer status queries from the shared copy; ours is the file just written
            self.holder.storage.share_status(job.status.id, job.status.model_dump(mode="json"))
        except AssistantError as exc:
            log.warning("the status of upload %s could not be shared: %s", job.status.id, exc)

    def _update(self, upload_id: str, **changes: object) -> None:
        job = self._read_job(upload_id)
        if job is not None:
            job.status = job.status.model_copy(update=changes)
            self._write_job(job)

    def _trim(self) -> None:
        """Keep the newest KEEP_STATUSES finished statuses; older ones (and their bytes) go."""
        finished = sorted((p for p in self.folder.glob("*.json")), key=lambda p: p.stat().st_mtime)
        for path in finished[:-KEEP_STATUSES]:
            job = self._read_job(path.stem)
            if job is None or job.status.state in ("ready", "failed"):
                path.unlink(missing_ok=True)
                path.with_suffix(".bin").unlink(missing_ok=True)

    # --- the public side ----------------------------------------------------------------------

    def start(self) -> None:
        """Start the worker and queue again every job a previous process accepted but did not finish."""
        if self._thread is not None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        jobs = [job for path in self.folder.glob("*.json") if (job := self._read_job(path.stem))]
        for job in sorted(jobs, key=lambda j: (j.status.submitted_at, j.status.id)):
            if job.status.state in ("queued", "indexing"):
                log.info("resuming %s of %s (accepted before a restart)", job.status.action, job.status.file)
                self._update(job.status.id, state="queued", message="queued again after a restart")
                self._pending.add(job.status.file)
                self._jobs.put(job.status.id)
        self._thread = threading.Thread(target=self._work, name="ingest", daemon=True)
        self._thread.start()

    def pending_names(self) -> frozenset[str]:
        """Document names queued or being indexed, which a new upload may not reuse."""
        with self._lock:
            return frozenset(self._pending)

    def _enqueue(self, job: _Job, original: bytes | None) -> UploadStatus:
        with self._lock:
            if job.status.file in self._pending:
                raise DuplicateDocumentError(f"a change to {job.status.file!r} is already queued")
            self._pending.add(job.status.file)
        try:
            if original is not None:
                self.folder.mkdir(parents=True, exist_ok=True)
                replace_atomically(self.folder / f"{job.status.id}.bin", original)
            self._write_job(job)
        except BaseException:
            with self._lock:
                self._pending.discard(job.status.file)
            raise
        self._jobs.put(job.status.id)
        return job.status

    def submit(self, doc: NewDocument) -> UploadStatus:
        """Queue a checked upload (new, or replacing `doc.replaces`); it is on disk before this returns."""
        status = UploadStatus(id=uuid.uuid4().hex, action="replace" if doc.replaces else "upload", file=doc.name,
                              state="queued", message="queued for indexing", notes=list(doc.notes),
                              records=doc.records, submitted_at=_now())
        job = _Job(status=status, source_name=doc.source_name, info=doc.info, replaces=doc.replaces,
                   lines=doc.extracted.lines, locations=doc.extracted.locations)
        return self._enqueue(job, doc.original)

    def submit_withdrawal(self, name: str) -> UploadStatus:
        status = UploadStatus(id=uuid.uuid4().hex, action="withdraw", file=name, state="queued",
                              message="queued for withdrawal", submitted_at=_now())
        return self._enqueue(_Job(status=status), None)

    def status(self, upload_id: str) -> UploadStatus | None:
        if not upload_id.isalnum():
            return None
        job = self._read_job(upload_id)
        if job is not None:
            return job.status
        shared = self.holder.storage.shared_status(upload_id)  # accepted by another server
        return UploadStatus.model_validate(shared) if shared else None

    def shutdown(self, timeout: float | None = None) -> None:
        """Let the running job finish; queued jobs stay on disk and run at the next start."""
        if self._thread is not None:
            self._jobs.put(_STOP)
            self._thread.join(timeout)
            self._thread = None

    # --- the worker ---------------------------------------------------------------------------

    def _work(self) -> None:
        self.holder.wait()  # the start-up load must not install its index over a newer one of ours
        while (upload_id := self._jobs.get()) != _STOP:
            job = self._read_job(upload_id)
            if job is not None:
                self._run(job)
            self._trim()

    def _new_document(self, job: _Job) -> NewDocument:
        original = (self.folder / f"{job.status.id}.bin").read_bytes()
        extracted = Extracted(list(job.lines), list(job.locations))
        return NewDocument(job.status.file, str(job.source_name), original, extracted, job.info,  # type: ignore[arg-type]
                           job.replaces, job.status.records or 0, tuple(job.status.notes))

    def _run(self, job: _Job) -> None:
        status = job.status
        self._update(status.id, state="indexing", message="storing the change and indexing that document")
        try:
            if status.action == "withdraw":
                index = self.holder.storage.withdraw(status.file)
                done = f"{status.file} is withdrawn and no longer answers questions"
            else:
                index = self.holder.storage.ingest(self._new_document(job), key=status.id)
                done = f"{status.file} is indexed and answers questions now"
            self.holder.install(index)
            final = {"state": "ready", "message": done, "index_version": index.version}
        except Exception as exc:
            log.error("%s of %s failed; the previous index keeps serving", status.action, status.file, exc_info=exc)
            final = {"state": "failed", "message": f"{status.action} failed, the change was undone and the previous "
                                                   f"index keeps serving: {type(exc).__name__}: {exc}"}
        with self._lock:  # the name is free by the time the status says the job is over
            self._pending.discard(status.file)
        self._update(status.id, finished_at=_now(), **final)
        (self.folder / f"{status.id}.bin").unlink(missing_ok=True)
