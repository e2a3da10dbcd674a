"""The corpus: list documents, open a citation's lines in context, inspect, upload, replace and
withdraw a document. Bundled documents are official and read-only; uploads live in the storage backend
(the data directory, or PostgreSQL)."""

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Query, UploadFile, status

from api.deps import SettingsDep, SnapshotDep, StorageDep, UploadsDep, get_snapshot
from api.errors import ApiError
from api.schemas import CellOut, LineOut, LinesResponse
from api.uploads import UploadStatus
from assistant.config import Settings
from assistant.corpus.manifest import DocumentKind
from assistant.index.catalog import DocumentSummary, line_span, list_documents, load_document
from assistant.index.ingestion import Inspection, UploadFields, inspect, prepare
from assistant.parsing.table_cells import labelled_cells

router = APIRouter(prefix="/api/documents", tags=["documents"])

_UPLOAD_ERRORS = {409: {"description": "the name, title or (series, period) exists, or the target is official"},
                  413: {"description": "over max_upload_bytes"},
                  422: {"description": "unsafe name, unsupported or unreadable file, no records for its kind, "
                                       "or bad fields"}}
FileField = Annotated[UploadFile, File(description="txt, md, tsv, csv, xlsx, ods, docx or pdf")]
TitleField = Annotated[str | None, Form(description="detected from the file when left out")]
IssuerField = Annotated[str | None, Form(description="detected from the title when left out")]
YearField = Annotated[int | None, Form(ge=1, le=200, description="民國 year, e.g. 113; detected when left out")]
HalfField = Annotated[int | None, Form(ge=1, le=2, description="1 上半年, 2 下半年, for half-yearly documents")]
AsOfField = Annotated[dt.date | None, Form(description="the date the figures stand at, e.g. 2024-06-30")]
SeriesField = Annotated[str | None, Form(description="links the periods of one publication")]
KindField = Annotated[DocumentKind | None, Form(description="record parser; detected from the content when left out")]
GroupField = Annotated[str | None, Form(description="施政 group letter, if any")]


def _read(settings: Settings, file: UploadFile) -> bytes:
    return file.file.read(settings.max_upload_bytes + 1)


def _uploader(settings: Settings) -> str:
    return "API (API key)" if settings.api_key else "API"


@router.get("", response_model=list[DocumentSummary])
def documents(snapshot: SnapshotDep) -> list[DocumentSummary]:
    """Every served document: title, period, series, origin (bundled or uploaded, and by whom), counts."""
    return list_documents(snapshot.index)


@router.post("/inspect", response_model=Inspection, responses=_UPLOAD_ERRORS)
def inspect_file(settings: SettingsDep, file: FileField, kind: KindField = None) -> Inspection:
    """Read a file without adding it: format, detected kind, title, issuer and period, record count
    and the reader's and parser's warnings (what the upload page prefills)."""
    return inspect(settings, file.filename or "", _read(settings, file), kind)


@router.post("", response_model=UploadStatus, status_code=status.HTTP_202_ACCEPTED,
             dependencies=[Depends(get_snapshot)],  # uploads wait until the first index is ready
             responses=_UPLOAD_ERRORS)
def upload(settings: SettingsDep, uploads: UploadsDep, storage: StorageDep, file: FileField, title: TitleField = None,
           issuer: IssuerField = None, year_roc: YearField = None, half: HalfField = None, as_of: AsOfField = None,
           series: SeriesField = None, kind: KindField = None, group: GroupField = None,
           name: Annotated[str | None, Form(description="document name; defaults to the uploaded file's")] = None,
           ) -> UploadStatus:
    """Add a document without a restart. It is checked now, then indexed in the background:
    poll `GET /api/documents/uploads/{id}`. Questions keep using the previous index until the new
    one is ready; if indexing fails the document is removed again and the previous index keeps serving.
    """
    storage.require_writable("store an upload")
    fields = UploadFields(title=title, issuer=issuer, year_roc=year_roc, half=half,  # type: ignore[arg-type] as_of=as_of, series=series,
                          kind=kind, group=group, uploaded_by=_uploader(settings))
    doc = prepare(settings, name or file.filename or "", _read(settings, file), fields, uploads.pending_names(),
                  storage.served_corpus())
    return uploads.submit(doc)


@router.put("/{file}", response_model=UploadStatus, status_code=status.HTTP_202_ACCEPTED,
            dependencies=[Depends(get_snapshot)], responses={404: {"description": "no such uploaded document"},
                                                             **_UPLOAD_ERRORS})
def replace(file: str, settings: SettingsDep, uploads: UploadsDep, storage: StorageDep, upload: FileField,
            title: TitleField = None,
            issuer: IssuerField = None, year_roc: YearField = None, half: HalfField = None, as_of: AsOfField = None,
            series: SeriesField = None, kind: KindField = None, group: GroupField = None) -> UploadStatus:
    """Replace an uploaded document with a new version (same name). The previous version serves until
    the new one is indexed. Official (bundled) documents cannot be replaced."""
    storage.require_writable("replace a document")
    fields = UploadFields(title=title, issuer=issuer, year_roc=year_roc, half=half,  # type: ignore[arg-type] as_of=as_of, series=series,
                          kind=kind, group=group, replaces=file, uploaded_by=_uploader(settings))
    doc = prepare(settings, upload.filename or "", _read(settings, upload), fields, uploads.pending_names(),
                  storage.served_corpus())
    return uploads.submit(doc)


@router.delete("/{file}", response_model=UploadStatus, status_code=status.HTTP_202_ACCEPTED,
               dependencies=[Depends(get_snapshot)],
               responses={404: {"description": "no such uploaded document"},
                          409: {"description": "an official (bundled) document, or a change already queued"}})
def withdraw_document(file: str, snapshot: SnapshotDep, uploads: UploadsDep, storage: StorageDep) -> UploadStatus:
    """Withdraw an uploaded document; it serves until the index without it is ready."""
    storage.require_writable("withdraw a document")
    served = {d.file: d for d in list_documents(snapshot.index)}
    if file not in served:
        raise ApiError(404, "not_found", f"no document named {file!r}")
    if served[file].origin == "bundled":
        raise ApiError(409, "duplicate_document", f"{file} is an official (bundled) document: it cannot be withdrawn")
    return uploads.submit_withdrawal(file)


@router.get("/uploads/{upload_id}", response_model=UploadStatus)
def upload_status(upload_id: str, uploads: UploadsDep) -> UploadStatus:
    """Where an upload is: queued, indexing, ready, or failed (with the reason); kept across restarts."""
    found = uploads.status(upload_id)
    if found is None:
        raise ApiError(404, "not_found", f"no upload with id {upload_id!r}")
    return found


@router.get("/{file}/lines", response_model=LinesResponse)
def lines(
    file: str,
    snapshot: SnapshotDep,
    from_: Annotated[int, Query(alias="from", ge=1, description="first line, 1-based")],
    to: Annotated[int | None, Query(ge=1, description="last line (inclusive); defaults to from")] = None,
    context: Annotated[int, Query(ge=0, le=50, description="extra lines shown either side")] = 0,
) -> LinesResponse:
    """The original lines of a document, so a citation `file:line` can be read in context; a line of a
    converted document (XLSX, PDF …) also says where it is in the original file, and a cited table
    row its cells named by the table's header."""
    doc = load_document(snapshot.index.corpus_dir, file, snapshot.index.manifest.get("documents", {}))
    span = line_span(doc, from_, to, context)
    return LinesResponse(file=span.file, title=span.title, from_=span.start, to=span.end,
                         total_lines=span.total_lines,
                         lines=[LineOut(number=n.number, text=n.text, cited=n.cited, location=n.location,
                                        cells=_cells(doc.lines, n.number) if n.cited else None)
                                for n in span.lines])


def _cells(lines: tuple[str, ...], number: int) -> list[CellOut] | None:
    cells = labelled_cells(lines, number)
    return None if cells is None else [CellOut(label=c.label, text=c.text) for c in cells]
