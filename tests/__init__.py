"""Test suite; a package so that `tests.fakes` imports cleanly and `tests/api` never shadows the `api` package."""
