"""POST /api/ask: one question in, the response contract out, as JSON or as Server-Sent Events."""

from fastapi import APIRouter, Request
from fastapi.responses import Response, StreamingResponse

from api.deps import PoolDep, SettingsDep, SnapshotDep
from api.limits import ensure_question_fits
from api.schemas import AskRequest
from api.streaming import answer_events, sent
from assistant.answering.contract import AnswerResponse

router = APIRouter(prefix="/api", tags=["ask"])

_SSE_DOC = ("With `Accept: text/event-stream`: `event: delta` events carry the answer text in pieces "
            "(`{\"text\": …}`), then one `event: final` carries the whole response below, then `event: done`.")


def wants_events(request: Request) -> bool:
    return "text/event-stream" in request.headers.get("accept", "")


@router.post("/ask", response_model=AnswerResponse, description=_SSE_DOC,
             responses={200: {"content": {"text/event-stream": {}}}, 413: {"description": "question too long"},
                        503: {"description": "the index is not ready yet, or the service is busy"}})
async def ask(body: AskRequest, request: Request, snapshot: SnapshotDep, settings: SettingsDep, pool: PoolDep):
    """Answer a question: complete lists, every fact cited to file and line, or a refusal."""
    ensure_question_fits(settings, body.question, [turn.question for turn in body.history])

    def answer() -> AnswerResponse:
        return snapshot.assistant.ask(body.question, body.history or None, body.mode, body.filters)

    if wants_events(request):
        events = await pool.run(lambda: answer_events(answer()))
        return StreamingResponse(sent(events), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})
    return Response(await pool.run(lambda: answer().model_dump_json()), media_type="application/json")
