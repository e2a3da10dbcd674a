"""Exact record queries from `FIELD=VALUE` pairs, over the index's record store (exported as CSV by
`assistant.answering.record_csv`).

The field names and aliases are those of `assistant records --where` (主辦, 協辦, status, 類別 …).
Agency values accept any spelling; `status` accepts `B` or `B執行中`; numbers compare as numbers.
Without a `type`, every record type that has all the named fields is searched.
"""

import math
import re
import types
import typing
from collections.abc import Iterable

from assistant.corpus.lexicon import load_lexicon
from assistant.errors import QueryError
from assistant.index.indexed_passage import RECORD_AGENCY_FIELDS
from assistant.index.records_db import Condition, RecordStore
from assistant.parsing.models import FIELD_ALIASES, RECORD_TYPES, Record

_BASE_FIELDS = frozenset({"file", "line", "end_line"})
KNOWN_FIELDS = frozenset({"record_type"}) | _BASE_FIELDS | {
    name for cls in RECORD_TYPES.values() for name in cls.model_fields
}
_STATUS = re.compile(r"^([AB])(?:已完成或例行性業務|執行中)?$", re.IGNORECASE)
INT_MIN, INT_MAX = -(2**63), 2**63 - 1  # SQLite's INTEGER; beyond it sqlite3 raises OverflowError
_INTEGER = re.compile(r"[+-]?[0-9]{1,19}")  # ASCII digits only: int() would also take '٣' and '1_0'
_DECIMAL = re.compile(r"[+-]?(?:[0-9]{1,309}(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,4})?")
_BOOLEANS = {"true": 1, "1": 1, "false": 0, "0": 0}


def _scalar_type(annotation: object) -> object:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return next((a for a in typing.get_args(annotation) if a is not type(None)), str)
    return annotation


def field_kinds() -> dict[str, object]:
    """Each field a filter can name, with the type its values are read as (`str` where record types differ)."""
    kinds: dict[str, set[object]] = {"record_type": {str}, "file": {str}, "line": {int}, "end_line": {int}}
    for cls in RECORD_TYPES.values():
        for name, info in cls.model_fields.items():
            kinds.setdefault(name, set()).add(_scalar_type(info.annotation))
    return {name: next(iter(found)) if len(found) == 1 else str for name, found in kinds.items()}


def _coerce(record_type: str, field: str, value: str) -> object:
    """`value` as the field's type; an integer must fit SQLite's 64 bits and a number must be finite."""
    if field in _BASE_FIELDS:
        kind: object = str if field == "file" else int
    else:
        kind = _scalar_type(RECORD_TYPES[record_type].model_fields[field].annotation)
    if kind is bool:
        if value.lower() not in _BOOLEANS:
            raise QueryError(f"{field} must be true or false, not {value[:40]!r}")
        return _BOOLEANS[value.lower()]
    if kind is int:
        if not _INTEGER.fullmatch(value) or not INT_MIN <= int(value) <= INT_MAX:
            raise QueryError(f"{field} must be a whole number between {INT_MIN} and {INT_MAX}, not {value[:40]!r}")
        return int(value)
    if kind is float:
        if not _DECIMAL.fullmatch(value) or not math.isfinite(float(value)):
            raise QueryError(f"{field} must be a finite number, not {value[:40]!r}")
        return float(value)
    return value


def split_where(conditions: Iterable[str]) -> list[tuple[str, str]]:
    """`FIELD=VALUE` strings (as typed on the command line) as (name, value) pairs."""
    pairs = []
    for condition in conditions:
        name, sep, value = condition.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise QueryError(f"filter {condition!r} must look like FIELD=VALUE, e.g. 主辦=社會局")
        pairs.append((name.strip(), value.strip()))
    return pairs


def _field(name: str) -> str:
    """The record field a user's name means (主辦 → lead_agency); unknown names are a `QueryError`."""
    field = FIELD_ALIASES.get(name, name)
    if field not in KNOWN_FIELDS:
        raise QueryError(f"unknown field {name!r}; known: {', '.join(sorted(KNOWN_FIELDS | FIELD_ALIASES.keys()))}")
    return field


def _normalise(field: str, value: str) -> str:
    if field in RECORD_AGENCY_FIELDS:
        return load_lexicon().canonical(value) or value
    if field == "status_code" and (match := _STATUS.match(value.strip())):
        return match.group(1).upper()
    return value


def find_records(store: RecordStore, pairs: Iterable[tuple[str, str]]) -> list[Record]:
    """Records matching every pair, in source order; unknown fields or record types are a `QueryError`."""
    parsed = [(_field(name.strip()), value.strip()) for name, value in pairs]
    if any(not value for _, value in parsed):
        raise QueryError("every filter needs a value, e.g. 主辦=社會局")
    wanted = [v for f, v in parsed if f == "record_type"]
    fields = [(f, _normalise(f, v)) for f, v in parsed if f != "record_type"]
    for record_type in wanted:
        if record_type not in RECORD_TYPES:
            raise QueryError(f"unknown record type {record_type!r}; known: {', '.join(RECORD_TYPES)}")
    types_ = wanted[:1] if len(set(wanted)) == 1 else [] if wanted else list(RECORD_TYPES)
    matches: list[Record] = []
    for record_type in types_:
        known = RECORD_TYPES[record_type].model_fields.keys() | _BASE_FIELDS
        if any(f not in known for f, _ in fields):
            continue
        conditions = [Condition(f, _coerce(record_type, f, v)) for f, v in fields]
        matches.extend(store.query(record_type, conditions))
    return matches
