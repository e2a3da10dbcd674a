"""GET /api/records: exact record queries, paginated JSON or one CSV download."""

import math
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from api.deps import SnapshotDep
from api.schemas import RecordsPage
from assistant.answering.record_csv import records_csv
from assistant.index.catalog import load_document
from assistant.index.record_search import find_records

router = APIRouter(prefix="/api", tags=["records"])

_PAGING = {"page", "per_page", "format"}
# Filters are free-form query parameters; these common ones are listed in the OpenAPI document.
_FILTER_DOCS = [
    ("type", "progress_item, strategy_kpi, kpi_result, budget_figure or performance_goal"),
    ("主辦", "lead agency, any spelling (000)"),
    ("協辦", "co-agency, any spelling (000)"),
    ("status", "A or B, or the full label (000)"),
    ("file", "corpus file name"),
]
_OPENAPI_FILTERS = {"parameters": [{"name": name, "in": "query", "required": False, "description": text,
                                    "schema": {"type": "string"}} for name, text in _FILTER_DOCS]}


@router.get("/records", response_model=RecordsPage, responses={200: {"content": {"text/csv": {}}}},
            openapi_extra=_OPENAPI_FILTERS)
def records(
    request: Request,
    snapshot: SnapshotDep,
    page: Annotated[int, Query(ge=1)] = 1,
    per_page: Annotated[int, Query(ge=1, le=500)] = 50,
    format: Annotated[Literal["json", "csv"], Query(description="csv downloads every match at once, with each "
                                                                "row's period, file, lines and quote")] = "json",
):
    """Every record matching all `FIELD=VALUE` query parameters.

    Any record field (or its Chinese alias: 主辦, 協辦, 主責, 類別, 領域, 綱要, 項次, 狀態, 年度 …)
    can be a parameter; repeat one to require several values. Unknown fields are a 422.
    """
    pairs = [(name, value) for name, value in request.query_params.multi_items() if name not in _PAGING]
    matches = find_records(snapshot.index.records, pairs)
    if format == "csv":
        documents = {f: load_document(snapshot.index.corpus_dir, f) for f in {r.file for r in matches}}
        return Response(records_csv(matches, documents), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="records.csv"'})
    start = (page - 1) * per_page
    return RecordsPage(total=len(matches), page=page, per_page=per_page,
                       pages=math.ceil(len(matches) / per_page),
                       records=[r.fields() for r in matches[start : start + per_page]])
