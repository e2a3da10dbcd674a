"""POST /api/ask: one question in, the response contract out, as JSON or as Server-Sent Events."""

from fastapi import APIRouter, Request
from fastapi.responses import StreamingResponse

from api.deps import SettingsDep, SnapshotDep
from api.limits import ensure_question_fits
from api.schemas import AskRequest
from api.streaming import answer_events
from assistant.answering.contract import AnswerResponse

router = APIRouter(prefix="/api", tags=["ask"])

_SSE_DOC = ("With `Accept: text/event-stream`: `event: delta` events carry the answer text in pieces "
            "(`{\"text\": …}`), then one `event: final` carries the whole response below, then `event: done`.")


def wants_events(request: Request) -> bool:
    return "text/event-stream" in request.headers.get("accept", "")


@router.post("/ask", response_model=AnswerResponse, description=_SSE_DOC,
             responses={200: {"content": {"text/event-stream": {}}}, 413: {"description": "question too long"},
                        503: {"description": "the index is not ready yet"}})
def ask(body: AskRequest, request: Request, snapshot: SnapshotDep, settings: SettingsDep):
    """Answer a question: complete lists, every fact cited to file and line, or a refusal."""
    ensure_question_fits(settings, body.question, [turn.question for turn in body.history])
    response = snapshot.assistant.ask(body.question, body.history or None, body.mode, body.filters)
    if wants_events(request):
        return StreamingResponse(answer_events(response), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})
    return response
