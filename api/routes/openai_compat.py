"""OpenAI-compatible chat completions, so existing chat clients can talk to the assistant."""

import json

from fastapi import APIRouter
from fastapi.responses import StreamingResponse

from api.deps import SettingsDep, SnapshotDep
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

router = APIRouter(prefix="/v1", tags=["openai"])


@router.get("/models")
def models() -> dict:
    """The one model this service offers."""
    return model_list()


@router.post("/chat/completions", responses={200: {"content": {"text/event-stream": {}}}})
def chat_completions(body: ChatCompletionRequest, snapshot: SnapshotDep, settings: SettingsDep):
    """The last user message is the question and earlier turns are history. The reply text ends with a
    「來源」 list; `citations` and `items` are also returned as extra top-level fields (on the last
    chunk when streaming), with `usage` (estimated token counts). A chat client's housekeeping prompt
    (Open WebUI's title, tags or follow-up task) gets a brief reply in the format it asks for."""
    question, history = to_question(body)
    prompt = prompt_text(body)
    task = recognise(question)
    if task is not None:
        if not body.stream:
            return message_completion(task.reply, prompt)
        chunks = content_chunks(task.reply, prompt)
    else:
        ensure_question_fits(settings, question, [turn.question for turn in history])
        response = snapshot.assistant.ask(question, history or None, body.mode, body.filters)
        if not body.stream:
            return completion(response, prompt)
        chunks = completion_chunks(response, prompt)

    def events():
        for chunk in chunks:
            yield f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n"
        yield "data: [DONE]\n\n"

    return StreamingResponse(events(), media_type="text/event-stream", headers={"Cache-Control": "no-cache"})
