"""Parser fixtures: the bundled corpus and the lexicon, loaded once for every parser's tests."""

from pathlib import Path

import pytest

from assistant.corpus.lexicon import AgencyLexicon, load_lexicon
from assistant.corpus.manifest import Corpus, load_corpus

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    return load_corpus(CORPUS)


@pytest.fixture(scope="session")
def lexicon() -> AgencyLexicon:
    return load_lexicon()
