"""Every record of one index version, held in memory with the indexes questions filter on.

SQLite (`records_db`) stays the file format and the export; a question never queries it row by
row. The records are read once per index version and indexed by record type, file and agency role,
so a list question costs a few set operations whatever the corpus size. A record's id is its
position in `records`, stable for the life of the index version.

`load` reads the records from the compact files the build writes per document beside the database
(`parts.py`, `compact.py`): at 100× the corpus, reading 60k records from SQLite into pydantic took
6–9 s of start-up, the compact files take about half a second.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from assistant.index.compact import gc_paused
from assistant.index.indexed_passage import RECORD_AGENCY_FIELDS
from assistant.index.records_db import RecordStore
from assistant.parsing.models import RECORD_TYPES, Record

_TYPE_ORDER = {record_type: n for n, record_type in enumerate(RECORD_TYPES)}


def record_agencies(record: Record, role: str) -> list[str]:
    """The canonical agencies of one role field of a record (a list field or a single name)."""
    value = getattr(record, role, None)
    if isinstance(value, list):
        return value
    return [value] if value else []


def memory_order(records: Iterable[Record]) -> list[Record]:
    """The records as `RecordMemory.load` returns them: by record type, then file and line, ties kept
    in the given order (the order `records_db` numbers them in)."""
    return sorted(records, key=lambda r: (_TYPE_ORDER[r.record_type], r.file, r.line))


@dataclass
class RecordMemory:
    """Records by id, with postings by record type, file and (agency, role field)."""

    records: list[Record]
    by_type: dict[str, list[int]] = field(default_factory=dict)
    by_file: dict[str, list[int]] = field(default_factory=dict)
    by_agency: dict[tuple[str, str], list[int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        by_type: dict[str, list[int]] = defaultdict(list)
        by_file: dict[str, list[int]] = defaultdict(list)
        by_agency: dict[tuple[str, str], list[int]] = defaultdict(list)
        roles = {cls: [r for r in RECORD_AGENCY_FIELDS if r in cls.model_fields] for cls in RECORD_TYPES.values()}
        with gc_paused():
            for rid, record in enumerate(self.records):
                by_type[record.record_type].append(rid)
                by_file[record.file].append(rid)
                for role in roles.get(type(record), RECORD_AGENCY_FIELDS):
                    for agency in record_agencies(record, role):
                        by_agency[(agency, role)].append(rid)
        self.by_type, self.by_file, self.by_agency = dict(by_type), dict(by_file), dict(by_agency)

    @classmethod
    def load(cls, store: RecordStore) -> "RecordMemory":
        """Every record of the store's index version, by record type, each in source order (file, line),
        as `store.query` gives them (the store reads them the fastest way it has: `all_records`)."""
        return cls(memory_order(store.all_records()))

    def of_type(self, record_type: str) -> list[Record]:
        return [self.records[i] for i in self.by_type.get(record_type, ())]

    def ids_of_type(self, record_type: str) -> Sequence[int]:
        return self.by_type.get(record_type, ())

    def with_agency(self, agency: str, roles: Iterable[str]) -> set[int]:
        """Ids of the records where `agency` fills one of the `roles` fields."""
        found: set[int] = set()
        for role in roles:
            found.update(self.by_agency.get((agency, role), ()))
        return found

    def get(self, rid: int) -> Record:
        return self.records[rid]

    def id_of(self, record: Record) -> int:
        """The id of a record read from this memory (identity first, then equality)."""
        for rid in self.by_file.get(record.file, ()):
            candidate = self.records[rid]
            if candidate is record or candidate == record:
                return rid
        raise KeyError(f"record {record.label()} at {record.file}:{record.line} is not in this index")
