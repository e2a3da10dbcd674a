"""The OpenAI-compatible endpoint, driven by the real `openai` client against the app under uvicorn."""

import openai
import pytest
from openai import OpenAI

from api.holder import IndexHolder
from api.main import create_app
from api.openai_format import MODEL_ID, SOURCES_HEADING
from tests.fakes import FakeAssistant, FakeEmbedder

QUESTION = "社會局主辦、仍為B執行中的項目有哪些？"


@pytest.fixture
def served(make_settings, live_server):
    """(base URL, holder) of the app with an API key, served by uvicorn on a free port."""
    settings = make_settings(api_key="test-key")
    holder = IndexHolder(settings, embedder=FakeEmbedder(), assistant_factory=FakeAssistant)
    base = live_server(create_app(settings, holder))
    assert holder.wait(60), holder.error
    return base, holder


@pytest.fixture
def client(served) -> OpenAI:
    return OpenAI(base_url=f"{served[0]}/v1", api_key="test-key", max_retries=0)


def test_models_lists_one_model(client):
    assert [m.id for m in client.models.list()] == [MODEL_ID]


def test_completion_text_has_sources_and_extra_fields(client, served):
    completion = client.chat.completions.create(model=MODEL_ID, messages=[{"role": "user", "content": QUESTION}])
    text = completion.choices[0].message.content
    extra = completion.model_extra
    assert completion.choices[0].finish_reason == "stop"
    assert f"\n\n{SOURCES_HEADING}\n" in text
    assert extra["citations"] and extra["items"] and extra["refused"] is False
    for citation in extra["citations"]:
        assert f"[{citation['id']}] {citation['title']}" in text and citation["quote"] in text


def test_streaming_chunks_add_up_to_the_same_text(client):
    messages = [{"role": "user", "content": QUESTION}]
    whole = client.chat.completions.create(model=MODEL_ID, messages=messages)
    stream = client.chat.completions.create(model=MODEL_ID, messages=messages, stream=True)
    chunks = list(stream)
    text = "".join(c.choices[0].delta.content or "" for c in chunks)
    assert len(chunks) > 2 and text == whole.choices[0].message.content
    assert chunks[-1].choices[0].finish_reason == "stop"
    assert chunks[-1].model_extra["citations"] == whole.model_extra["citations"]


def test_earlier_turns_become_history(client, served):
    client.chat.completions.create(model=MODEL_ID, messages=[
        {"role": "system", "content": "請用繁體中文"},
        {"role": "user", "content": "社會局主辦的項目有哪些？"},
        {"role": "assistant", "content": f"共 8 項\n\n{SOURCES_HEADING}\n[1] …"},
        {"role": "user", "content": "其中哪些已完成？"}])
    call = served[1].snapshot().assistant.calls[-1]
    assert call["question"] == "其中哪些已完成？"
    assert [(t.question, t.answer) for t in call["history"]] == [("社會局主辦的項目有哪些？", "共 8 項")]


def test_a_wrong_key_is_refused(served):
    wrong = OpenAI(base_url=f"{served[0]}/v1", api_key="nope", max_retries=0)
    with pytest.raises(openai.AuthenticationError):
        wrong.models.list()


def test_a_conversation_without_a_question_is_422(client):
    with pytest.raises(openai.UnprocessableEntityError):
        client.chat.completions.create(model=MODEL_ID, messages=[{"role": "system", "content": "hi"}])


TITLE_TASK = """### Task:
Generate a concise title summarizing the chat history.
### Guidelines:
- Keep it short: 2-4 words is best.
### Output:
JSON format: { "title": "your concise title here" }
### Chat History:
<chat_history>
USER: 社會局主辦、仍為B執行中的項目有哪些？
ASSISTANT: 社會局主辦、狀態為B執行中的政策項目共 4 項：…
</chat_history>"""
TAGS_TASK = """### Task:
Generate 1-3 broad tags categorizing the main themes of the chat history.
### Output:
JSON format: { "tags": ["tag1", "tag2", "tag3"] }
### Chat History:
<chat_history>
USER: 社會局主辦的項目有哪些？
</chat_history>"""


def test_usage_counts_the_prompt_and_the_reply(client):
    completion = client.chat.completions.create(model=MODEL_ID, messages=[{"role": "user", "content": QUESTION}])
    usage = completion.usage
    assert usage.prompt_tokens > 0 and usage.completion_tokens > 0
    assert usage.total_tokens == usage.prompt_tokens + usage.completion_tokens
    stream = list(client.chat.completions.create(model=MODEL_ID, messages=[{"role": "user", "content": QUESTION}],
                                                 stream=True))
    assert stream[-1].usage.total_tokens == usage.total_tokens


def test_housekeeping_prompts_get_their_format_not_an_answer(client, served):
    import json

    asked = len(served[1].snapshot().assistant.calls)
    title = client.chat.completions.create(model=MODEL_ID, messages=[{"role": "user", "content": TITLE_TASK}])
    assert json.loads(title.choices[0].message.content) == {"title": "社會局主辦、仍為B執行中的項目有哪些"}
    assert title.usage.prompt_tokens > 0
    tags = client.chat.completions.create(model=MODEL_ID, messages=[{"role": "user", "content": TAGS_TASK}], stream=True)
    text = "".join(c.choices[0].delta.content or "" for c in tags)
    assert set(json.loads(text)) == {"tags"}
    assert len(served[1].snapshot().assistant.calls) == asked, "no policy question was asked"
