import pytest


@pytest.fixture(scope="session")
def vocabulary(toy_assistant):
    return toy_assistant.sources.vocabulary
