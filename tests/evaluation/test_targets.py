import json

import httpx
import pytest

from assistant.answering.contract import Turn
from assistant.errors import EvaluationError
from assistant.evaluation.targets import ApiTarget, LibraryTarget
from tests.evaluation.builders import answer


def api(handler) -> ApiTarget:
    return ApiTarget("http://test", api_key="k3y", transport=httpx.MockTransport(handler))


def test_api_target_posts_the_contract_and_parses_the_answer():
    seen = {}

    def handler(request: httpx.Request) -> httpx.Response:
        seen["path"] = request.url.path
        seen["auth"] = request.headers.get("authorization")
        seen["body"] = json.loads(request.content)
        return httpx.Response(200, json=answer("共 8 項", kind="count").model_dump(mode="json"))

    response = api(handler).ask("其中哪些已完成？", [Turn(question="社會局主辦的項目有哪些?")])
    assert response.answer == "共 8 項" and response.kind == "count"
    assert seen["path"] == "/api/ask" and seen["auth"] == "Bearer k3y"
    assert seen["body"] == {"question": "其中哪些已完成？", "history": [{"question": "社會局主辦的項目有哪些?"}],
                            "mode": "answer"}


@pytest.mark.parametrize("reply, message", [
    (httpx.Response(500, text="boom"), "HTTP 500"),
    (httpx.Response(200, json={"answer": "no kind"}), "not an AnswerResponse"),
    (httpx.Response(200, text="<html>"), "not an AnswerResponse"),
])
def test_api_failures_are_evaluation_errors(reply, message):
    with pytest.raises(EvaluationError, match=message):
        api(lambda request: reply).ask("q", [])


def test_an_unreachable_server_is_an_evaluation_error():
    def handler(request):
        raise httpx.ConnectError("refused", request=request)

    with pytest.raises(EvaluationError, match="cannot reach"):
        api(handler).ask("q", [])


def test_library_target_passes_history_and_answer_mode():
    class Recorder:
        def ask(self, question, history=None, mode="answer", filters=None):
            self.call = (question, history, mode)
            return answer("ok", kind="free")

    recorder = Recorder()
    LibraryTarget(recorder).ask("q2", [Turn(question="q1")])
    assert recorder.call == ("q2", [Turn(question="q1")], "answer")
    LibraryTarget(recorder).ask("q", [])
    assert recorder.call == ("q", None, "answer")
