"""Understanding fixtures: the vocabulary of the toy corpus (tests/toy), and a reader over it.

Reading is checked against what a corpus holds, so the tests read their own small questions against
a small corpus of their own, never the dev set's questions against the bundled documents.
"""

from collections.abc import Callable

import pytest

from assistant.answering.contract import Turn
from assistant.linking.vocabulary import CorpusVocabulary
from assistant.understanding.reading import Reading, read_question


@pytest.fixture(scope="session")
def vocabulary(toy_assistant) -> CorpusVocabulary:
    return toy_assistant.sources.vocabulary


@pytest.fixture(scope="session")
def read(vocabulary) -> Callable[..., list[Reading]]:
    """read(question, *earlier_questions_or_turns) -> the readings of its asks."""

    def _read(question: str, *history: str | Turn) -> list[Reading]:
        turns = [h if isinstance(h, Turn) else Turn(question=h) for h in history]
        return read_question(question, turns, vocabulary)

    return _read
