"""Understanding fixtures: the facts of the real corpus, read once per test session.

The facts come from the real index (built on first use, like `tests/index`'s `real_index`), because
reading a question is checking it against what the corpus holds; a toy corpus would test a toy.
"""

import pytest

from assistant.answering.contract import Turn
from assistant.config import Settings
from assistant.understanding.facts import CorpusFacts
from assistant.understanding.models import Understanding
from assistant.understanding.reader import understand
from tests.understanding.files import PROJECT


@pytest.fixture(scope="session")
def facts() -> CorpusFacts:
    from assistant.index.store import open_index

    index = open_index(Settings(corpus_dir=PROJECT / "corpus", index_dir=PROJECT / "indexes"), show_progress=False)
    yield CorpusFacts.from_index(index)
    index.close()


@pytest.fixture(scope="session")
def read(facts):
    """read(question, *earlier_questions_or_turns) -> Understanding."""

    def _read(question: str, *history: str | Turn) -> Understanding:
        turns = [h if isinstance(h, Turn) else Turn(question=h) for h in history]
        return understand(question, turns, facts)

    return _read
