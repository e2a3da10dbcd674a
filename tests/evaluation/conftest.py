"""Evaluation fixtures (the real index comes from tests/conftest.py)."""

import pytest

from assistant.evaluation.scoring import read_corpus_lines
from tests.evaluation.builders import PROJECT


@pytest.fixture(scope="session")
def corpus_lines() -> dict[str, list[str]]:
    return read_corpus_lines(PROJECT / "corpus")
