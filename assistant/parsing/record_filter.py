"""Exact, field-based filtering of records: what `assistant records --where` runs.

Agency values match any spelling in the lexicon (社會局, 都發局 …); list fields match
if any element matches; other fields compare as text.
"""

from assistant.corpus.lexicon import load_lexicon
from assistant.errors import QueryError
from assistant.parsing.models import FIELD_ALIASES, RECORD_TYPES, Record

AGENCY_FIELDS = frozenset({"lead_agency", "co_agencies", "agencies", "agency"})
KNOWN_FIELDS = frozenset({"record_type", "file", "line"}) | {
    name for cls in RECORD_TYPES.values() for name in cls.model_fields
}


def parse_where(conditions: list[str]) -> list[tuple[str, str]]:
    """Turn `FIELD=VALUE` strings into (field, value) pairs, resolving Chinese aliases."""
    parsed = []
    for condition in conditions:
        name, sep, value = condition.partition("=")
        name, value = name.strip(), value.strip()
        if not sep or not name or not value:
            raise QueryError(f"filter {condition!r} must look like FIELD=VALUE, e.g. 主辦=社會局")
        field = FIELD_ALIASES.get(name, name)
        if field not in KNOWN_FIELDS:
            raise QueryError(f"unknown field {name!r}; known: {', '.join(sorted(KNOWN_FIELDS | FIELD_ALIASES.keys()))}")
        parsed.append((field, value))
    return parsed


def _matches(record: Record, field: str, value: str) -> bool:
    data = record.fields()
    if field not in data:
        return False
    actual = data[field]
    if field in AGENCY_FIELDS:
        value = load_lexicon().canonical(value) or value
    if isinstance(actual, list):
        return value in [str(v) for v in actual]
    return str(actual) == value


def filter_records(records: list[Record], conditions: list[tuple[str, str]]) -> list[Record]:
    """Records satisfying every condition, in corpus order."""
    return [r for r in records if all(_matches(r, f, v) for f, v in conditions)]
