"""POST /api/draft: a question's press release as a file to download, Word (.docx) or plain text.

The page offers these beside a draft; any client can ask for one directly. The question is answered
in draft mode like `POST /api/ask` with `mode: draft` (same body, history and filters), so the file
says exactly what the draft on screen says.
"""

from typing import Annotated, Literal
from urllib.parse import quote

from fastapi import APIRouter, Query
from fastapi.responses import Response

from api.deps import SettingsDep, SnapshotDep
from api.errors import ApiError
from api.limits import ensure_question_fits
from api.schemas import AskRequest
from assistant.answering.drafting import press_text
from assistant.answering.press_docx import to_docx

router = APIRouter(prefix="/api", tags=["ask"])

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MAX_NAME_CHARS = 40


def _attachment(title: str, suffix: str) -> str:
    """Content-Disposition naming the file after the release's title (RFC 6266, UTF-8)."""
    stem = "".join(ch for ch in title if ch not in '\\/:*?"<>|\r\n')[:MAX_NAME_CHARS] or "draft"
    return f"attachment; filename=\"draft{suffix}\"; filename*=UTF-8''{quote(stem + suffix)}"


@router.post("/draft", responses={200: {"content": {DOCX: {}, "text/plain": {}}},
                                  413: {"description": "question too long"},
                                  503: {"description": "the index is not ready yet"}})
def draft(body: AskRequest, snapshot: SnapshotDep, settings: SettingsDep,
          format: Annotated[Literal["docx", "txt"], Query(description="docx (Word) or txt (UTF-8)")] = "docx"):
    """The press release for a question (`mode` is always draft): 標題, 導言, body, 資料來源."""
    ensure_question_fits(settings, body.question, [turn.question for turn in body.history])
    response = snapshot.assistant.ask(body.question, body.history or None, "draft", body.filters)
    if response.draft is None:
        raise ApiError(500, "internal", "the assistant returned no press release")
    lang = response.filters.get("language", "zh")
    if format == "txt":
        return Response(press_text(response.draft, lang) + "\n", media_type="text/plain; charset=utf-8",
                        headers={"Content-Disposition": _attachment(response.draft.title, ".txt")})
    return Response(to_docx(response.draft, lang), media_type=DOCX,
                    headers={"Content-Disposition": _attachment(response.draft.title, ".docx")})
