"""Records as real PostgreSQL tables, one per record type (the schema is in migrations/), read per version.

Column names are the record models' field names (`table_name` as for SQLite), so a record row is
written and read from its model; agency lists are `text[]` with a GIN index, so `主辦=社會局` and
`協辦=社會局` are plain indexed SQL. `PostgresRecordStore` answers `RecordStore.query` over one index
version: the rows of that version's parts, in source order (file, line, then parse order; names compared
bytewise, as SQLite does).
"""

import types
import typing
from collections.abc import Sequence

import psycopg
from psycopg.types.json import Jsonb
from pydantic import BaseModel

from assistant.errors import QueryError
from assistant.index.indexed_passage import RECORD_AGENCY_FIELDS
from assistant.index.records_db import Condition, table_name
from assistant.parsing.models import RECORD_TYPES, Record
from assistant.storage.postgres.database import Database

BASE_COLUMNS = ("file", "line", "end_line")
_OPERATORS = ("=", "<=", ">=", "<", ">", "IS")


def _scalar(annotation: object) -> object:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
    return annotation


def is_list(annotation: object) -> bool:
    return typing.get_origin(_scalar(annotation)) is list


def is_json(annotation: object) -> bool:
    """Stored as jsonb: nested models (the period)."""
    scalar = _scalar(annotation)
    return isinstance(scalar, type) and issubclass(scalar, BaseModel)


def sql_type(annotation: object) -> str:
    """The column type a field is stored as (what the migrations declare; tests compare the two)."""
    scalar = _scalar(annotation)
    if typing.get_origin(scalar) is list:
        return "text[]"
    if is_json(annotation):
        return "jsonb"
    return {int: "integer", float: "double precision", bool: "boolean"}.get(scalar, "text")  # type: ignore[call-overload]


def columns(cls: type[Record]) -> list[str]:
    return list(cls.model_fields)


def quoted(name: str) -> str:
    return f'"{name}"'


def insert_records(conn: psycopg.Connection, part_id: int, records: Sequence[Record]) -> None:
    """Write one part's records, each into its type's table, numbered in parse order."""
    by_type: dict[str, list[tuple[int, Record]]] = {}
    for ordinal, record in enumerate(records):
        by_type.setdefault(record.record_type, []).append((ordinal, record))
    for record_type, rows in by_type.items():
        cls = RECORD_TYPES[record_type]
        names = columns(cls)
        sql = (f"COPY {table_name(record_type)} (part_id, ordinal, {', '.join(map(quoted, names))}) FROM STDIN")
        with conn.cursor().copy(sql) as copy:
            for ordinal, record in rows:
                data = record.model_dump(mode="json")
                values = [Jsonb(data[n]) if is_json(cls.model_fields[n].annotation) else data[n] for n in names]
                copy.write_row([part_id, ordinal, *values])


def _to_record(cls: type[Record], names: list[str], row: tuple) -> Record:
    return cls.model_validate(dict(zip(names, row)))


class PostgresRecordStore:
    """`RecordStore`'s queries over the records of one index version in PostgreSQL."""

    def __init__(self, database: Database, version_id: int):
        self.database = database
        self.version_id = version_id

    def close(self) -> None:
        """The pool belongs to the storage; nothing to release per version."""

    def _condition(self, cls: type[Record], condition: Condition) -> tuple[str, list] | None:
        """SQL for one condition, or None when no record of this type can satisfy it."""
        field = condition.field
        if isinstance(condition.value, str) and "\x00" in condition.value:
            return None  # a database text never holds NUL, so nothing equals it
        if field in RECORD_AGENCY_FIELDS:
            if field not in cls.model_fields:
                return None
            if is_list(cls.model_fields[field].annotation):
                return f"r.{quoted(field)} @> ARRAY[%s]::text[]", [condition.value]
            return f"r.{quoted(field)} = %s", [condition.value]
        if field not in cls.model_fields and field not in BASE_COLUMNS:
            return None
        if condition.op not in _OPERATORS:
            raise QueryError(f"unsupported operator {condition.op!r}")
        annotation = cls.model_fields[field].annotation if field in cls.model_fields else int
        value = condition.value
        column = f"r.{quoted(field)}"
        if condition.op == "IS":
            return f"{column} IS NOT DISTINCT FROM %s", [value]
        if is_json(annotation) or is_list(annotation):
            column = f"{column}::text"  # as SQLite compares the stored JSON text
        elif _scalar(annotation) is bool:
            value = bool(value)
        return f"{column} {condition.op} %s", [value]

    def all_records(self) -> list[Record]:
        """Every record of this version, type by type, each in source order (what `RecordMemory.load` holds)."""
        return [record for record_type in RECORD_TYPES for record in self.query(record_type)]

    def query(self, record_type: str, conditions: Sequence[Condition] = ()) -> list[Record]:
        """Every record of `record_type` in this version satisfying all conditions, in source order."""
        cls = RECORD_TYPES.get(record_type)
        if cls is None:
            raise QueryError(f"unknown record type {record_type!r}; known: {', '.join(RECORD_TYPES)}")
        where, params = ["m.version_id = %s"], [self.version_id]
        for condition in conditions:
            sql = self._condition(cls, condition)
            if sql is None:
                return []
            where.append(sql[0])
            params += sql[1]
        names = columns(cls)
        select = ", ".join(f"r.{quoted(n)}" for n in names)
        sql = (f"SELECT {select} FROM {table_name(record_type)} r JOIN version_members m ON m.part_id = r.part_id "
               f"WHERE {' AND '.join(where)} ORDER BY r.file COLLATE \"C\", r.line, m.position, r.ordinal")
        with self.database.connection() as conn:
            rows = conn.execute(sql, params).fetchall()
        return [_to_record(cls, names, row) for row in rows]

    def count(self, record_type: str) -> int:
        if record_type not in RECORD_TYPES:
            raise QueryError(f"unknown record type {record_type!r}")
        with self.database.connection() as conn:
            row = conn.execute(f"SELECT count(*) FROM {table_name(record_type)} r JOIN version_members m "
                               "ON m.part_id = r.part_id WHERE m.version_id = %s", [self.version_id]).fetchone()
        return int(row[0]) if row else 0
