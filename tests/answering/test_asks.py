"""Answering one ask: a later ask's own words, refused alone, are asked again of the subject before."""

from dataclasses import replace

from assistant.answering import asks
from assistant.answering.composed import Composed


def _refusal() -> Composed:
    return Composed(kind="refusal", refused=True, headline="x", rule="unknown_subject")


def test_an_ask_refused_for_its_words_alone_is_asked_again_with_the_words_before(toy_request, monkeypatch):
    seen = []

    def own(request, weights):
        seen.append(list(request.filters.topic))
        return _refusal() if len(seen) == 1 else Composed(kind="free", refused=False, headline="ok")

    monkeypatch.setattr(asks, "_answer_own", own)
    request = toy_request("又多了哪些選址？", topic=["選址"])
    request = replace(request, reading=replace(request.reading, earlier_topic=["防災倉庫"]))
    assert not asks.answer_ask(request, None).refused
    assert seen == [["選址"], ["防災倉庫", "選址"]]


def test_no_second_asking_with_words_the_corpus_lacks_or_without_words_before(toy_request, monkeypatch):
    monkeypatch.setattr(asks, "_answer_own", lambda request, weights: _refusal())
    request = toy_request("又多了哪些選址？", topic=["選址"])
    assert asks.answer_ask(request, None).refused  # nothing before to ask of
    lacking = replace(request, reading=replace(request.reading, earlier_topic=["飛天魔毯"]))
    calls = []
    monkeypatch.setattr(asks, "_answer_own", lambda request, weights: calls.append(1) or _refusal())
    assert asks.answer_ask(lacking, None).refused and len(calls) == 1  # a subject the corpus lacks adds nothing
