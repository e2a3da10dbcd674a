"""The real Assistant answers the same over both backends (same corpus, same embedder): the records it
holds in memory, and every answer of each kind, field for field. Questions written here, one or two per
kind and script; the dev and first-sight sets are compared by hand (evals/compare_backends.py)."""

import pytest

from assistant.answering.contract import Turn
from assistant.answering.service import Assistant
from assistant.index.store import served_settings

QUESTIONS = [
    ("工務局主辦的項目有哪些？", None),
    ("文化局協辦的有哪些", None),
    ("有幾項KPI未達標？", None),
    ("112年下半年有多少項目執行中", None),
    ("青年局的籌備進度如何", None),
    ("為什麼捷運環狀線延後", None),
    ("What does the Department of Social Welfare lead?", None),
    ("那協辦的呢？", [Turn(question="社會局主辦的項目有哪些？")]),
    ("臺北市的人口有多少", None),
]


@pytest.fixture(scope="module")
def assistants(pg_index, folder_index, pg_read_settings, shared_settings):
    return (Assistant(folder_index, served_settings(shared_settings, folder_index)),
            Assistant(pg_index, served_settings(pg_read_settings, pg_index)))


def test_the_assistant_holds_the_same_records(assistants):
    embedded, postgres = assistants
    assert postgres.sources.memory.records == embedded.sources.memory.records and embedded.sources.memory.records


@pytest.mark.parametrize("question, history", QUESTIONS, ids=[q for q, _ in QUESTIONS])
def test_answers_are_identical(assistants, question, history):
    embedded, postgres = (a.ask(question, history=history).model_dump(mode="json") for a in assistants)
    assert postgres == embedded
    assert embedded["answer"]
