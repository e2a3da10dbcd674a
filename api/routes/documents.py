"""The corpus: list documents, open a citation's lines in context, upload a new document."""

from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Query, UploadFile, status

from api.deps import SettingsDep, SnapshotDep, UploadsDep, get_snapshot
from api.errors import ApiError
from api.schemas import LineOut, LinesResponse
from api.uploads import UploadStatus
from assistant.corpus.manifest import DocumentKind
from assistant.index.catalog import (
    DocumentSummary,
    line_span,
    list_documents,
    load_document,
)
from assistant.index.ingestion import prepare

router = APIRouter(prefix="/api/documents", tags=["documents"])


@router.get("", response_model=list[DocumentSummary])
def documents(snapshot: SnapshotDep, settings: SettingsDep) -> list[DocumentSummary]:
    """Every document the current index serves, with title, years and line/record/passage counts."""
    return list_documents(snapshot.index, settings.corpus_dir)


@router.post("", response_model=UploadStatus, status_code=status.HTTP_202_ACCEPTED,
             dependencies=[Depends(get_snapshot)],  # uploads wait until the first index is ready
             responses={409: {"description": "a document of that name exists"},
                        413: {"description": "over max_upload_bytes"},
                        422: {"description": "empty, not UTF-8/Big5 text, unsafe name or bad fields"}})
def upload(
    settings: SettingsDep,
    uploads: UploadsDep,
    file: Annotated[UploadFile, File(description="text, markdown or TSV; UTF-8, or Big5 (converted)")],
    title: Annotated[str, Form(min_length=1)],
    issuer: Annotated[str, Form(min_length=1)],
    year_roc: Annotated[int, Form(ge=1, le=200, description="民國 year, e.g. 113")],
    kind: Annotated[DocumentKind, Form(description="record parser; text = passages only")] = "text",
    group: Annotated[str | None, Form(description="施政 group letter, if any")] = None,
    name: Annotated[str | None, Form(description="corpus file name; defaults to the uploaded file's")] = None,
) -> UploadStatus:
    """Add a document without a restart. It is checked now, then indexed in the background:
    poll `GET /api/documents/uploads/{id}`. Questions keep using the previous index until the new
    one is ready; if indexing fails the document is removed again and the previous index keeps serving.
    """
    data = file.file.read(settings.max_upload_bytes + 1)
    doc = prepare(settings, name or file.filename or "", data, title=title, issuer=issuer, year_roc=year_roc,
                  kind=kind, group=group, pending=uploads.pending_names())
    return uploads.submit(doc)


@router.get("/uploads/{upload_id}", response_model=UploadStatus)
def upload_status(upload_id: str, uploads: UploadsDep) -> UploadStatus:
    """Where an upload is: queued, indexing, ready, or failed (with the reason)."""
    found = uploads.status(upload_id)
    if found is None:
        raise ApiError(404, "not_found", f"no upload with id {upload_id!r} (statuses are kept until restart)")
    return found


@router.get("/{file}/lines", response_model=LinesResponse)
def lines(
    file: str,
    snapshot: SnapshotDep,
    settings: SettingsDep,
    from_: Annotated[int, Query(alias="from", ge=1, description="first line, 1-based")],
    to: Annotated[int | None, Query(ge=1, description="last line (inclusive); defaults to from")] = None,
    context: Annotated[int, Query(ge=0, le=50, description="extra lines shown either side")] = 0,
) -> LinesResponse:
    """The original lines of a document, so a citation `file:line` can be read in context."""
    doc = load_document(settings.corpus_dir, file, snapshot.index.manifest.get("documents", {}))
    span = line_span(doc, from_, to, context)
    return LinesResponse(file=span.file, title=span.title, from_=span.start, to=span.end,
                         total_lines=span.total_lines,
                         lines=[LineOut(number=n.number, text=n.text, cited=n.cited) for n in span.lines])
