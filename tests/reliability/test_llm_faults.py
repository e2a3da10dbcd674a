"""The LLM's bad behaviours, through the running service (uvicorn on 127.0.0.1, the real Assistant over
the fake-embedder index): a faithful model's wording is served, an unfaithful one's never is, and a
hung or trickling model holds no request past its deadline, while health and readiness answer at once."""

import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from api.holder import IndexHolder
from api.main import create_app
from assistant.answering.service import Assistant
from tests.fakes import FakeEmbedder

QUESTIONS = ["社會局主辦、仍為B執行中的項目有哪些？", "秘書處112年度預算數是多少？", "青年局籌備得如何？",
             "社會局主辦的項目有幾項？"]
FALLBACK_NOTE = "語言模型潤飾未成功"
DEADLINE_S = 1.0


@pytest.fixture
def serve(make_settings, live_server, fake_llm):
    """`serve(**settings)`: the base URL of a running service phrasing with the fake LLM."""

    def start(**overrides: object) -> str:
        settings = make_settings(**{"llm_base_url": fake_llm.url, "llm_timeout_s": DEADLINE_S, **overrides})
        holder = IndexHolder(settings, embedder=FakeEmbedder(), assistant_factory=Assistant)
        url = live_server(create_app(settings, holder))
        assert holder.wait(60), holder.error
        return url

    return start


def _ask(url: str, question: str) -> tuple[dict, float]:
    started = time.monotonic()
    reply = httpx.post(f"{url}/api/ask", json={"question": question}, timeout=60)
    assert reply.status_code == 200, reply.text
    return reply.json(), time.monotonic() - started


def test_a_faithful_models_wording_is_served_for_every_kind(serve, fake_llm):
    """The model returns the answer it was given: the guard must accept real answers of every kind."""
    fake_llm.echo = True
    url = serve()
    for question in QUESTIONS:
        answer, _ = _ask(url, question)
        sent = fake_llm.requests[-1]["body"]["messages"][-1]["content"]
        assert answer["answer"] in sent and FALLBACK_NOTE not in answer["answer"], answer["answer"][:300]
    assert len(fake_llm.requests) == len(QUESTIONS)


@pytest.mark.parametrize("reply", ["社會局主辦的項目總預算為 9,999 億元[1][2][3][4]。",
                                   "本市預算為零[1][2][3][4]。", "共 4 項[1,2,3,4]。",
                                   "社會局主辦 4 項[1][2][3][4]<img src=x onerror=alert(1)>，另見[9]。"])
def test_an_unfaithful_models_wording_is_never_served(serve, fake_llm, reply):
    fake_llm.reply = reply
    answer, _ = _ask(serve(), QUESTIONS[0])
    assert FALLBACK_NOTE in answer["answer"] and reply not in answer["answer"]
    assert "9,999" not in answer["answer"] and "onerror" not in answer["answer"]


@pytest.mark.parametrize("behaviour", [{"trickle_s": 0.5}, {"delay": 60.0}], ids=["trickle", "hang"])
def test_a_slow_model_holds_no_request_past_the_deadline_and_health_answers(serve, fake_llm, behaviour):
    for name, value in behaviour.items():
        setattr(fake_llm, name, value)
    url = serve(threads=2, llm_concurrency=2)
    with ThreadPoolExecutor(8) as pool:
        asks = [pool.submit(_ask, url, QUESTIONS[0]) for _ in range(8)]
        assert fake_llm.received.wait(30)
        for _ in range(5):  # while the LLM is being waited for
            assert httpx.get(f"{url}/healthz", timeout=2).status_code == 200
            assert httpx.get(f"{url}/readyz", timeout=2).status_code == 200
        results = [a.result(timeout=60) for a in asks]
    assert all(FALLBACK_NOTE in answer["answer"] for answer, _ in results)
    assert max(elapsed for _, elapsed in results) < 15, "no request waited for the slow model"
    assert len(fake_llm.requests) <= 8


def test_questions_are_answered_while_the_model_hangs(serve, fake_llm):
    """One thread for CPU work, one LLM slot: a hung call holds its own thread, not the one others need."""
    fake_llm.delay = 60.0
    url = serve(threads=1, llm_concurrency=1, llm_timeout_s=5.0)
    with ThreadPoolExecutor(1) as pool:
        hung = pool.submit(_ask, url, QUESTIONS[0])
        assert fake_llm.received.wait(30)
        answer, _ = _ask(url, QUESTIONS[1])  # no LLM slot free: extractive at once, on the other thread
        assert not hung.done(), "answered while the first question still waits on the model"
        assert FALLBACK_NOTE in answer["answer"]
        assert FALLBACK_NOTE in hung.result(60)[0]["answer"]
