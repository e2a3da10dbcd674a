"""Neither the API key nor the LLM key ever appears in a log record or a response body, whatever
the request: good and bad auth, an LLM call, an LLM failure, a client error and a server error."""

import logging
import time

from api.holder import IndexHolder
from assistant.answering.service import Assistant
from tests.fakes import FakeEmbedder

API_KEY = "api-key-3f9c1b7e-do-not-log"
LLM_KEY = "llm-key-8d2a6c4f-do-not-log"
SECRETS = (API_KEY, LLM_KEY)


class ExplodingAssistant(Assistant):
    """The real Assistant, except one question crashes it (a server error must not leak secrets either)."""

    def ask(self, question, *args, **kwargs):
        if question == "爆炸":
            raise RuntimeError(f"boom with settings {self.settings!r}")
        return super().ask(question, *args, **kwargs)


def test_no_secret_reaches_a_log_record_or_a_response(make_settings, running, fake_llm, caplog):
    caplog.set_level(logging.DEBUG)  # everything, including httpx/openai request logging
    settings = make_settings(api_key=API_KEY, llm_api_key=LLM_KEY, llm_base_url=fake_llm.url, llm_timeout_s=0.5)
    holder = IndexHolder(settings, embedder=FakeEmbedder(), assistant_factory=ExplodingAssistant)
    good = {"Authorization": f"Bearer {API_KEY}"}
    question = {"question": "社會局主辦、仍為B執行中的項目有哪些？"}
    with running(settings, holder=holder, raise_server_exceptions=False) as client:
        fake_llm.reply = "社會局仍在執行的項目見[1]。"
        exchanges = [
            client.post("/api/ask", json=question, headers=good),  # phrased by the LLM
            client.post("/api/ask", json=question),  # no key
            client.post("/api/ask", json=question, headers={"Authorization": f"Bearer {API_KEY}x"}),  # wrong key
            client.post("/api/ask", json={"question": 42}, headers=good),  # client error
            client.post("/api/ask", json={"question": "爆炸"}, headers=good),  # server error
            client.get("/readyz"), client.get("/openapi.json"),
        ]
        fake_llm.delay = 2.0  # the LLM times out: the extractive answer is served with a note
        exchanges.append(client.post("/api/ask", json=question, headers=good))
        time.sleep(0.1)
    assert [r.status_code for r in exchanges] == [200, 401, 401, 422, 500, 200, 200, 200]
    assert len(fake_llm.requests) == 2
    assert fake_llm.reply not in exchanges[-1].json()["answer"], "the slow LLM's reply was not waited for"
    bodies = [r.text for r in exchanges] + [str(dict(r.headers)) for r in exchanges]
    formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")  # with tracebacks and their locals' reprs
    records = [f"{formatter.format(r)} {r.args!r}" for r in caplog.records]
    assert any("boom" in text for text in records), "the server error was logged (so the check saw it)"
    for secret in SECRETS:
        assert not [text for text in records if secret in text], f"{secret} was logged"
        assert not [text for text in bodies if secret in text], f"{secret} was sent back"
