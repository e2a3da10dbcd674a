"""Reject questions the assistant cannot read, with a message a person can act on.

Every interface (CLI, HTTP, evals) goes through `Assistant.ask`, so checking here once means a
100 kB paste, a binary blob or a stray control character fails the same way everywhere.
"""

import unicodedata

from pydantic import ValidationError

from assistant.errors import QueryError, QuestionTooLongError
from assistant.understanding.models import QuestionFilters

_ALLOWED_CONTROLS = frozenset("\t\n\r")


def check_question(question: object, max_chars: int, what: str = "the question") -> str:
    """The question, stripped, if it is non-empty readable text within the length limit."""
    if not isinstance(question, str):
        raise QueryError(f"{what} must be text, not {type(question).__name__}")
    if len(question) > max_chars:
        raise QuestionTooLongError(f"{what} is {len(question):,} characters long; the limit is {max_chars:,}")
    for position, char in enumerate(question):
        category = unicodedata.category(char)
        if (category == "Cc" and char not in _ALLOWED_CONTROLS) or category in ("Cs", "Co") or \
                char in "\ufffd\ufffe\uffff":
            raise QueryError(f"{what} contains an unreadable character (U+{ord(char):04X}) at position "
                             f"{position + 1}; send plain text")
    stripped = question.strip()
    if not stripped:
        raise QueryError(f"{what} is empty")
    return stripped


def check_filters(filters: object) -> dict:
    """Client-given filter overrides, validated against `QuestionFilters` (unknown fields are refused)."""
    if filters is None:
        return {}
    if not isinstance(filters, dict):
        raise QueryError("filters must be an object of QuestionFilters fields")
    unknown = sorted(set(filters) - set(QuestionFilters.model_fields))
    if unknown:
        raise QueryError(f"unknown filter field(s): {', '.join(unknown)}; "
                         f"known: {', '.join(QuestionFilters.model_fields)}")
    try:
        QuestionFilters.model_validate(filters)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise QueryError(f"invalid filters: {problems}") from exc
    return dict(filters)
