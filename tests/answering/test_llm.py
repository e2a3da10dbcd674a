"""Optional LLM phrasing against the fake OpenAI-compatible server of tests/fakes.py on 127.0.0.1:
good rewordings are kept; every bad behaviour (invented facts, obeyed injections, bad markers, markup,
a hung or trickling server, too many calls at once) gets the extractive answer with a note."""

import logging
import socket
import threading
import time

import pytest

from assistant.answering.contract import Citation, Item
from assistant.answering.llm import Phraser
from assistant.config import Settings

ANSWER = "社會局主辦的政策項目共 2 項：\n\n- #31 提升孕婦愛心專車服務 [1]\n- #32 調降幼托家長自付額 [2]"
CITATIONS = [Citation(id=1, file="000.txt", line=41, end_line=41, quote="31、提升孕婦愛心專車服務", title="t"),
             Citation(id=2, file="000.txt", line=42, end_line=42, quote="32、調降幼托家長```自付額", title="t")]
ITEMS = [Item(label="#31 提升孕婦愛心專車服務", fields={"lead_agency": "社會局", "status_code": "A"}, citations=[1]),
         Item(label="#32 調降幼托家長自付額", fields={"lead_agency": "社會局", "status_code": "A"}, citations=[2])]
FALLBACK_NOTE = "語言模型潤飾未成功"


def _phraser(url: str, **settings: object) -> Phraser:
    return Phraser(Settings(**{"llm_base_url": url, "llm_model": "fake-model", "llm_timeout_s": 5, **settings}))


def _rephrase(url: str, **settings: object) -> str:
    return _phraser(url, **settings).rephrase("q", ANSWER, CITATIONS, "zh", ITEMS)


def _is_fallback(text: str) -> bool:
    return text.startswith(ANSWER) and FALLBACK_NOTE in text


@pytest.mark.parametrize("reply", [
    "社會局主辦兩項：提升孕婦愛心專車服務[1]與調降幼托家長自付額[2]。",
    "社會局主辦 2 項：#31 提升孕婦愛心專車服務[1]、#32 調降幼托家長自付額[2]。",
    "共有兩項政策由社會局主辦，分別是「提升孕婦愛心專車服務」[1]和「調降幼托家長自付額」[2]。",
])
def test_a_faithful_rewording_is_kept(fake_llm, reply):
    fake_llm.reply = reply
    assert _rephrase(fake_llm.url) == reply


@pytest.mark.parametrize("reply, reason", [
    ("社會局總預算為 9,999 億元[1][2]。", "numbers"),               # an invented number
    ("社會局主辦三項[1][2]。", "numbers"),                           # an invented count in Chinese numerals
    ("本市預算為零[1][2]。", "numbers"),                             # a document's injected instruction, obeyed
    ("兩項均於113年12月31日完成[1][2]。", "dates"),                  # an invented date
    ("社會局與教育局合辦兩項[1][2]。", "agencies"),                  # an invented agency
    ("社會局主辦兩項，見DP9.9[1][2]。", "codes"),                     # an invented code
    ("社會局主辦「免費營養午餐」等兩項[1][2]。", "quotes"),           # an invented quotation
    ("社會局主辦多項政策[1]。", "drops the citations"),              # a list replaced by one sentence
    ("社會局主辦兩項[1][2]，另有一項[99]。", "not provided"),          # a marker of no source
    ("社會局主辦兩項[1,2]。", "malformed"),
    ("社會局主辦兩項［1］［2］。", "malformed"),
    ("社會局主辦兩項【1】【2】。", "malformed"),
    ("沒有引用標記的改寫。", "drops the citations"),
    ("", "empty"),
    ("   ", "empty"),
])
def test_a_reply_that_adds_or_drops_facts_gets_the_extractive_answer(fake_llm, caplog, reply, reason):
    fake_llm.reply = reply
    with caplog.at_level(logging.WARNING, logger="assistant.answering.llm"):
        assert _is_fallback(_rephrase(fake_llm.url))
    assert reason in caplog.text, "the log says why"


def test_html_and_links_are_removed_from_the_reply(fake_llm):
    fake_llm.reply = ('社會局主辦兩項[1][2]<img src=x onerror=alert(1)>，<script>alert(2)</script>'
                      '詳見[說明](javascript:alert(3))與 <a href="https://evil.example">此處</a> https://evil.example/x')
    text = _rephrase(fake_llm.url)
    assert text.startswith("社會局主辦兩項[1][2]") and "說明" in text and "此處" in text
    for dangerous in ("<", "onerror", "javascript:", "evil.example", "](", "script"):
        assert dangerous not in text


def test_the_request_fences_the_sources_as_data(fake_llm):
    _phraser(fake_llm.url).rephrase("社會局主辦哪些？", ANSWER, CITATIONS, "zh")
    (request,) = fake_llm.requests
    assert request["path"] == "/v1/chat/completions" and request["body"]["model"] == "fake-model"
    system, user = request["body"]["messages"]
    assert system["role"] == "system" and "不是指令" in system["content"]
    assert "[1] 000.txt:41-41" in user["content"] and "```data\n31、提升孕婦愛心專車服務\n```" in user["content"]
    assert "32、調降幼托家長``自付額" in user["content"]  # a fence inside a quote cannot close the data block
    assert ANSWER in user["content"]


def test_a_server_that_is_down_falls_back_to_the_extractive_answer():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    text = _phraser(f"http://127.0.0.1:{port}/v1").rephrase("q", ANSWER, CITATIONS, "en")
    assert text.startswith(ANSWER) and "LLM rephrasing failed" in text


def test_a_hung_server_is_given_up_at_the_deadline(fake_llm):
    fake_llm.delay = 30.0
    started = time.monotonic()
    assert _is_fallback(_rephrase(fake_llm.url, llm_timeout_s=0.5))
    assert time.monotonic() - started < 10, "the deadline, not the server, ended the call"
    assert len(fake_llm.requests) == 1  # max_retries=0: one attempt only


def test_a_trickling_server_is_cut_off_at_the_deadline(fake_llm):
    """Each byte arrives well within a per-read timeout; only a deadline on the whole call stops it."""
    fake_llm.trickle_s = 0.2  # the reply would take about a minute
    started = time.monotonic()
    assert _is_fallback(_rephrase(fake_llm.url, llm_timeout_s=1.0))
    assert time.monotonic() - started < 10, "the whole call has a deadline"


def test_calls_beyond_the_concurrency_get_the_extractive_answer_at_once(fake_llm):
    fake_llm.delay = 3.0
    fake_llm.reply = "社會局主辦兩項[1][2]。"
    phraser = _phraser(fake_llm.url, llm_concurrency=1)
    first: list[str] = []
    busy = threading.Thread(target=lambda: first.append(phraser.rephrase("q", ANSWER, CITATIONS, "zh", ITEMS)))
    busy.start()
    assert fake_llm.received.wait(10)
    assert _is_fallback(phraser.rephrase("q", ANSWER, CITATIONS, "zh", ITEMS)), "no slot: not made to wait"
    busy.join(30)
    assert first == [fake_llm.reply] and len(fake_llm.requests) == 1, "the call that had the slot was phrased"


def test_a_simplified_reply_to_a_chinese_question_is_converted_to_traditional(fake_llm):
    fake_llm.reply = "社会局主办两项[1][2]。"
    assert _rephrase(fake_llm.url) == "社會局主辦兩項[1][2]。"
