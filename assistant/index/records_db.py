"""Records in SQLite: one table per record type, with real columns, so a user can open the file.

List fields (協辦, KPI 主責) and the period are stored as JSON text for display, and every agency role is also a
row of `record_agencies(record_type, record_id, role, agency)`, so exact agency matches are plain SQL.
"""

import json
import shutil
import sqlite3
import types
import typing
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel

from assistant.errors import QueryError
from assistant.index.indexed_passage import RECORD_AGENCY_FIELDS
from assistant.index.parts import load_records
from assistant.parsing.models import RECORD_TYPES, Record

_SQL_TYPES = {int: "INTEGER", float: "REAL", str: "TEXT", bool: "INTEGER"}
_BASE_COLUMNS = ("file", "line", "end_line")


def table_name(record_type: str) -> str:
    return f"{record_type}s"


def _sql_type(annotation: object) -> str:
    """SQLite column type for a pydantic field annotation (Optional unwrapped; lists and literals as TEXT)."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
    return _SQL_TYPES.get(annotation, "TEXT")  # type: ignore[arg-type]


def _is_json(annotation: object) -> bool:
    """Stored as JSON text: lists (協辦) and nested models (the period)."""
    return typing.get_origin(annotation) is list or (isinstance(annotation, type) and issubclass(annotation, BaseModel))


def _columns(cls: type[Record]) -> list[tuple[str, str]]:
    return [(name, _sql_type(field.annotation)) for name, field in cls.model_fields.items()]


@dataclass(frozen=True)
class Condition:
    """`field op value` over one record table; agency fields match through `record_agencies`."""

    field: str
    value: object
    op: str = "="


def _insert(db: sqlite3.Connection, records: Iterable[Record], first_id: int) -> None:
    for record_id, record in enumerate(records, start=first_id):
        data = record.model_dump(mode="json")
        names = list(data)
        values = [json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v
                  for v in data.values()]
        marks = ", ".join("?" * (len(names) + 1))
        quoted = ", ".join(f'"{n}"' for n in names)
        db.execute(f"INSERT INTO {table_name(record.record_type)} (id, {quoted}) VALUES ({marks})",
                   [record_id, *values])
        for role in RECORD_AGENCY_FIELDS:
            value = data.get(role)
            for agency in value if isinstance(value, list) else [value] if value else []:
                db.execute("INSERT INTO record_agencies VALUES (?, ?, ?, ?)",
                           (record.record_type, record_id, role, agency))


def write_records(path: Path, records: Iterable[Record]) -> None:
    """Create a fresh database at `path` (which must not exist yet) holding `records`."""
    db = sqlite3.connect(path)
    try:
        db.execute("CREATE TABLE record_agencies (record_type TEXT, record_id INTEGER, role TEXT, agency TEXT)")
        db.execute("CREATE INDEX record_agencies_lookup ON record_agencies (agency, role, record_type)")
        for record_type, cls in RECORD_TYPES.items():
            columns = ", ".join(f'"{name}" {sql}' for name, sql in _columns(cls))
            db.execute(f"CREATE TABLE {table_name(record_type)} (id INTEGER PRIMARY KEY, {columns})")
        _insert(db, records, 1)
        db.commit()
    finally:
        db.close()


def update_records(path: Path, base: Path, files: Sequence[str], records: Iterable[Record]) -> None:
    """A new database at `path`: a copy of `base` without the rows of `files`, plus `records`.

    An index update rewrites only the documents it changes (writing 60k records afresh takes 5 s).
    New rows are numbered after the highest id, so within a file and line they keep their order,
    and every query returns what it would from a database written afresh."""
    shutil.copyfile(base, path)
    db = sqlite3.connect(path)
    try:
        for record_type in RECORD_TYPES:
            table = table_name(record_type)
            for start in range(0, len(files), 500):
                chunk = list(files[start : start + 500])
                marks = ", ".join("?" * len(chunk))
                db.execute(f"DELETE FROM record_agencies WHERE record_type = ? AND record_id IN "
                           f"(SELECT id FROM {table} WHERE file IN ({marks}))", [record_type, *chunk])
                db.execute(f"DELETE FROM {table} WHERE file IN ({marks})", chunk)
        last = max(db.execute(f"SELECT coalesce(max(id), 0) FROM {table_name(t)}").fetchone()[0] for t in RECORD_TYPES)
        _insert(db, records, last + 1)
        db.commit()
    finally:
        db.close()


class RecordStore:
    """Read-only, exact queries over the records database."""

    def __init__(self, path: Path):
        self.path = path
        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._db.row_factory = sqlite3.Row

    def close(self) -> None:
        self._db.close()

    def all_records(self) -> list[Record]:
        """Every record of the version, from the compact files the build writes beside the database
        (`parts.py`): much faster than reading every row into pydantic."""
        return load_records(self.path.parent)

    def query(self, record_type: str, conditions: Sequence[Condition] = ()) -> list[Record]:
        """Every record of `record_type` satisfying all conditions, in source order (file, line)."""
        cls = RECORD_TYPES.get(record_type)
        if cls is None:
            raise QueryError(f"unknown record type {record_type!r}; known: {', '.join(RECORD_TYPES)}")
        table = table_name(record_type)
        where, params = [], []
        for condition in conditions:
            if condition.field in RECORD_AGENCY_FIELDS:
                if condition.field not in cls.model_fields:
                    return []
                where.append("id IN (SELECT record_id FROM record_agencies WHERE record_type = ? "
                             "AND role = ? AND agency = ?)")
                params += [record_type, condition.field, condition.value]
            elif condition.field in cls.model_fields or condition.field in _BASE_COLUMNS:
                if condition.op not in ("=", "<=", ">=", "<", ">", "IS"):
                    raise QueryError(f"unsupported operator {condition.op!r}")
                where.append(f'"{condition.field}" {condition.op} ?')
                params.append(condition.value)
            else:
                return []
        sql = f"SELECT * FROM {table}" + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY file, line, id"
        rows = self._db.execute(sql, params).fetchall()
        return [self._to_record(cls, row) for row in rows]

    @staticmethod
    def _to_record(cls: type[Record], row: sqlite3.Row) -> Record:
        data = {key: row[key] for key in row.keys() if key != "id"}
        for name, field in cls.model_fields.items():
            if _is_json(field.annotation) and isinstance(data.get(name), str):
                data[name] = json.loads(data[name])
        return cls.model_validate(data)

    def count(self, record_type: str) -> int:
        if record_type not in RECORD_TYPES:
            raise QueryError(f"unknown record type {record_type!r}")
        return self._db.execute(f"SELECT count(*) FROM {table_name(record_type)}").fetchone()[0]
