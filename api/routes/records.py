"""GET /api/records: exact record queries, paginated JSON or one CSV download.

Filters are free-form query parameters (any record field or its Chinese alias). Each is listed in
the OpenAPI document with the type its values are read as, and read strictly: an integer that is
not ASCII digits or does not fit 64 bits, or a number that is not finite, is a 422.
"""

import math
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from api.deps import PoolDep, SnapshotDep
from api.schemas import RecordsPage
from assistant.answering.record_csv import records_csv
from assistant.index.catalog import load_document
from assistant.index.record_search import INT_MAX, INT_MIN, KNOWN_FIELDS, field_kinds, find_records
from assistant.parsing.models import FIELD_ALIASES

router = APIRouter(prefix="/api", tags=["records"])

_PAGING = {"page", "per_page", "format"}
_SCHEMAS: dict[object, dict] = {int: {"type": "integer", "minimum": INT_MIN, "maximum": INT_MAX},
                                float: {"type": "number"}, bool: {"type": "boolean"}}


def _filter_parameters() -> list[dict]:
    kinds = field_kinds()
    parameters = []
    for name in sorted(KNOWN_FIELDS | FIELD_ALIASES.keys()):
        field = FIELD_ALIASES.get(name, name)
        parameters.append({"name": name, "in": "query", "required": False,
                           "description": f"same as {field}" if field != name else "exact match",
                           "schema": _SCHEMAS.get(kinds[field], {"type": "string"})})
    return parameters


@router.get("/records", response_model=RecordsPage, responses={200: {"content": {"text/csv": {}}}},
            openapi_extra={"parameters": _filter_parameters()})
async def records(
    request: Request,
    snapshot: SnapshotDep,
    pool: PoolDep,
    page: Annotated[int, Query(ge=1, le=INT_MAX)] = 1,
    per_page: Annotated[int, Query(ge=1, le=500)] = 50,
    format: Annotated[Literal["json", "csv"], Query(description="csv downloads every match at once, with each "
                                                                "row's period, file, lines and quote")] = "json",
) -> Response:
    """Every record matching all `FIELD=VALUE` query parameters.

    Any record field (or its Chinese alias: 主辦, 協辦, 主責, 類別, 領域, 綱要, 項次, 狀態, 年度 …)
    can be a parameter; repeat one to require several values. Unknown fields and values that are
    not of the field's type are a 422.
    """
    pairs = [(name, value) for name, value in request.query_params.multi_items() if name not in _PAGING]

    def respond() -> Response:
        matches = find_records(snapshot.index.records, pairs)
        if format == "csv":
            documents = {f: load_document(snapshot.index.corpus_dir, f) for f in {r.file for r in matches}}
            return Response(records_csv(matches, documents), media_type="text/csv; charset=utf-8",
                            headers={"Content-Disposition": 'attachment; filename="records.csv"'})
        start = (page - 1) * per_page
        body = RecordsPage(total=len(matches), page=page, per_page=per_page, pages=math.ceil(len(matches) / per_page),
                           records=[r.fields() for r in matches[start : start + per_page]])
        return Response(body.model_dump_json(), media_type="application/json")

    return await pool.run(respond)
