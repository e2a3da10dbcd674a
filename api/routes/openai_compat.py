"""OpenAI-compatible chat completions, so existing chat clients can talk to the assistant."""

import json

from fastapi import APIRouter
from fastapi.responses import JSONResponse, StreamingResponse

from api.deps import PoolDep, SettingsDep, SnapshotDep
from api.housekeeping import recognise
from api.limits import ensure_question_fits
from api.openai_format import (
    ChatCompletionRequest,
    completion,
    completion_chunks,
    content_chunks,
    message_completion,
    model_list,
    prompt_text,
    to_question,
)
from api.streaming import sent

router = APIRouter(prefix="/v1", tags=["openai"])


@router.get("/models")
async def models() -> dict:
    """The one model this service offers."""
    return model_list()


@router.post("/chat/completions", responses={200: {"content": {"text/event-stream": {}}}})
async def chat_completions(body: ChatCompletionRequest, snapshot: SnapshotDep, settings: SettingsDep,
                           pool: PoolDep):
    """The last user message is the question and earlier turns are history. The reply text ends with a
    「來源」 list; `citations` and `items` are also returned as extra top-level fields (on the last
    chunk when streaming), with `usage` (estimated token counts). A chat client's housekeeping prompt
    (Open WebUI's title, tags or follow-up task) gets a brief reply in the format it asks for."""
    question, history = to_question(body)
    prompt = prompt_text(body)
    task = recognise(question)
    if task is not None:
        if not body.stream:
            return JSONResponse(message_completion(task.reply, prompt))
        reply = task.reply

        def events() -> list[str]:
            chunks = [f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n" for chunk in content_chunks(reply, prompt)]
            return [*chunks, "data: [DONE]\n\n"]
    else:
        ensure_question_fits(settings, question, [turn.question for turn in history])

        def answer():
            return snapshot.assistant.ask(question, history or None, body.mode, body.filters)

        if not body.stream:
            return await pool.run(lambda: JSONResponse(completion(answer(), prompt)))

        def events() -> list[str]:
            chunks = [f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n"
                      for chunk in completion_chunks(answer(), prompt)]
            return [*chunks, "data: [DONE]\n\n"]

    return StreamingResponse(sent(await pool.run(events)), media_type="text/event-stream",
                             headers={"Cache-Control": "no-cache"})
