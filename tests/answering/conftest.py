"""Answering fixtures: the real `Assistant` and its sources, requests read against the toy corpus, a
fake OpenAI-compatible LLM server on 127.0.0.1, and a citation check that reads the files from disk."""

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from assistant.answering.context import Request, Sources
from assistant.answering.contract import AnswerResponse
from assistant.config import Settings
from tests.fakes import FakeLLM

PROJECT = Path(__file__).resolve().parents[2]
CORPUS = PROJECT / "corpus"


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings(corpus_dir=CORPUS, index_dir=PROJECT / "indexes")


@pytest.fixture(scope="session")
def assistant(real_index, settings: Settings):
    from assistant.answering.service import Assistant

    return Assistant(real_index, settings)


@pytest.fixture(scope="session")
def sources(assistant) -> Sources:
    """The real corpus's sources: for tests of what is quoted from the real documents' lines."""
    return assistant.sources


@pytest.fixture(scope="session")
def toy_request(toy_assistant) -> Callable[..., Request]:
    """`toy_request(question)`: the first ask of a question read against the toy corpus, ready to answer."""
    from assistant.answering.citations import Citations
    from assistant.understanding.reading import read_question

    def make(question: str, **filters: object) -> Request:
        reading = read_question(question, [], toy_assistant.sources.vocabulary)[0]
        if filters:
            reading.understanding = reading.understanding.model_copy(
                update={"filters": reading.filters.model_copy(update=filters)})
        return Request(toy_assistant.sources, reading, Citations(toy_assistant.sources.documents))

    return make


@pytest.fixture(scope="session")
def file_lines(toy_settings) -> dict[str, list[str]]:
    """Every corpus file's physical lines (the real and the toy corpus), read straight from disk (not
    through the code under test)."""
    lines = {}
    for path in [*CORPUS.glob("*.txt"), *toy_settings.corpus_dir.glob("*.txt")]:
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
