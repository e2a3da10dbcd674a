"""Answering fixtures: sources over the real index, hand-made readings, the real `Assistant`, a fake
OpenAI-compatible LLM server on 127.0.0.1, and a citation check that reads the files from disk."""

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from assistant.answering.context import Request, Sources
from assistant.answering.contract import AnswerResponse
from assistant.config import Settings
from assistant.corpus.lexicon import load_lexicon
from assistant.corpus.manifest import load_corpus
from assistant.text.normalize import normalize
from assistant.understanding.models import QuestionFilters, Understanding
from tests.fakes import FakeLLM

PROJECT = Path(__file__).resolve().parents[2]
CORPUS = PROJECT / "corpus"


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings(corpus_dir=CORPUS, index_dir=PROJECT / "indexes")


@pytest.fixture(scope="session")
def sources(real_index) -> Sources:
    return Sources(real_index, {d.file: d for d in load_corpus(CORPUS).documents}, load_lexicon())


@pytest.fixture(scope="session")
def make_request(sources: Sources) -> Callable[..., Request]:
    """`make_request(intent, question="…", lang="zh", **filters)`: a request read by hand, not by `understand`."""

    def make(intent: str, question: str = "（測試問題）", lang: str = "zh", **filters: object) -> Request:
        understanding = Understanding(question=question, normalized=normalize(question), language=lang,
                                      intent=intent, filters=QuestionFilters(**filters))
        return Request(sources, understanding)

    return make


@pytest.fixture(scope="session")
def assistant(real_index, settings: Settings):
    from assistant.answering.service import Assistant

    return Assistant(real_index, settings)


@pytest.fixture(scope="session")
def file_lines() -> dict[str, list[str]]:
    """Every corpus file's physical lines, read straight from disk (not through the code under test)."""
    lines = {}
    for path in CORPUS.glob("*.txt"):
        text = path.read_text(encoding="utf-8").split("\n")
        lines[path.name] = text[:-1] if text and text[-1] == "" else text
    return lines


@pytest.fixture(scope="session")
def assert_cited(file_lines: dict[str, list[str]]) -> Callable[[AnswerResponse], None]:
    """Every quote is at its lines, every marker has a citation, and numbers run 1, 2, … by first use."""
    import re

    def check(response: AnswerResponse) -> None:
        ids = [c.id for c in response.citations]
        assert ids == list(range(1, len(ids) + 1))
        for c in response.citations:
            text = "\n".join(file_lines[c.file][c.line - 1:c.end_line])
            assert c.quote and c.quote in text, f"[{c.id}] {c.quote!r} not at {c.file}:{c.line}-{c.end_line}"
        markers = [int(m) for m in re.findall(r"\[(\d+)\]", response.answer)]
        assert set(markers) <= set(ids)
        first_use = list(dict.fromkeys(markers))
        assert first_use == ids[:len(first_use)]
        for item in response.items:
            assert set(item.citations) <= set(ids)

    return check


@pytest.fixture
def fake_llm() -> Iterator[FakeLLM]:
    """A fake OpenAI-compatible LLM server on 127.0.0.1 (tests/fakes.py); set its reply and behaviour."""
    with FakeLLM.serving() as llm:
        yield llm
