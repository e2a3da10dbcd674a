"""OpenAI chat format: messages to question and history, answers to message text with sources."""

import pytest

from api.errors import ApiError
from api.openai_format import (
    SOURCES_HEADING,
    ChatCompletionRequest,
    completion,
    completion_chunks,
    to_question,
    with_sources,
)
from assistant.answering.contract import AnswerResponse, Citation


def _request(*messages: tuple[str, object]) -> ChatCompletionRequest:
    return ChatCompletionRequest.model_validate({"messages": [{"role": r, "content": c} for r, c in messages]})


def _answer() -> AnswerResponse:
    return AnswerResponse(question="q", answer="共 1 項：\n- 項目 [1]", kind="list", refused=False, filters={},
                          citations=[Citation(id=1, file="000.txt", line=43, end_line=43, quote="增設托育",
                                              title="白皮書")])


def test_last_user_message_is_the_question_and_earlier_turns_are_history():
    question, history = to_question(_request(
        ("system", "你是助理"), ("user", "社會局主辦的項目有哪些？"),
        ("assistant", f"共 8 項\n\n{SOURCES_HEADING}\n[1] …"), ("user", "其中哪些已完成？")))
    assert question == "其中哪些已完成？"
    assert [(t.question, t.answer) for t in history] == [("社會局主辦的項目有哪些？", "共 8 項")]


def test_content_parts_are_joined():
    question, _ = to_question(_request(("user", [{"type": "text", "text": "社會局"},
                                                 {"type": "image_url", "image_url": {"url": "x"}},
                                                 {"type": "text", "text": "主辦"}])))
    assert question == "社會局主辦"


@pytest.mark.parametrize("messages", [[("system", "hi")], [("user", "  ")], [("user", None)]])
def test_a_missing_question_is_a_422(messages):
    with pytest.raises(ApiError) as caught:
        to_question(_request(*messages))
    assert caught.value.status_code == 422


def test_message_text_ends_with_the_sources():
    text = with_sources(_answer())
    assert text.startswith("共 1 項：\n- 項目 [1]\n\n來源：\n")
    assert "[1] 白皮書（000.txt 第 43 行）：「增設托育」" in text


def test_completion_and_chunks_carry_the_same_text_and_citations():
    response = _answer()
    whole = completion(response)
    chunks = list(completion_chunks(response))
    streamed = "".join(c["choices"][0]["delta"].get("content", "") for c in chunks)
    assert streamed == whole["choices"][0]["message"]["content"] == with_sources(response)
    assert chunks[0]["choices"][0]["delta"]["role"] == "assistant"
    assert chunks[-1]["choices"][0]["finish_reason"] == "stop"
    assert chunks[-1]["citations"] == whole["citations"] == [response.citations[0].model_dump()]
