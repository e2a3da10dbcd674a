"""Records in PostgreSQL: one real table per record type whose columns are the model's fields, read
back exactly as the SQLite file holds them, and queried by the same filters with the same results."""

import pytest

from assistant.index.record_search import find_records
from assistant.index.records_db import Condition, table_name
from assistant.parsing.models import RECORD_TYPES
from assistant.storage.postgres.records import sql_type

FILTERS = [[("主辦", "社會局")], [("協辦", "社會局")], [("主責", "文化局")], [("status", "B"), ("主辦", "教育局")],
           [("年度", "109")], [("type", "kpi_result"), ("agency", "勞動局")], [("wccd", "true")],
           [("item_no", "33")], [("table", "預算")], [("kpi_code", "DC1.1")], [("file", "004_d9643f6566d7e10e.txt")],
           [("line", "43")], [("target", "540")]]


def test_every_record_table_has_a_column_of_the_models_type_for_each_field(pg_index):
    with pg_index.database.connection() as conn:
        for record_type, cls in RECORD_TYPES.items():
            rows = conn.execute("SELECT column_name, format_type(a.atttypid, a.atttypmod) FROM "
                                "information_schema.columns c JOIN pg_attribute a ON a.attname = c.column_name "
                                "AND a.attrelid = c.table_name::regclass WHERE c.table_name = %s",
                                [table_name(record_type)]).fetchall()
            columns = dict(rows)
            assert {n: columns.get(n) for n in cls.model_fields} == \
                {n: sql_type(f.annotation) for n, f in cls.model_fields.items()}, \
                f"{record_type}: a model field changed without a migration"


@pytest.mark.parametrize("record_type", list(RECORD_TYPES))
def test_records_read_back_as_sqlite_holds_them(pg_index, folder_index, record_type):
    assert pg_index.records.query(record_type) == folder_index.records.query(record_type)
    assert pg_index.records.count(record_type) == folder_index.records.count(record_type) > 0


@pytest.mark.parametrize("pairs", FILTERS, ids=lambda pairs: "&".join(f"{k}={v}" for k, v in pairs))
def test_filters_find_what_they_find_in_sqlite(pg_index, folder_index, pairs):
    expected = find_records(folder_index.records, pairs)
    assert find_records(pg_index.records, pairs) == expected
    assert expected, "each filter finds something"


def test_comparison_operators_and_unknown_fields(pg_index, folder_index):
    for condition in (Condition("year_roc", 110, "<="), Condition("achievement", 100.0, ">"),
                      Condition("item_no", None, "IS")):
        for record_type in RECORD_TYPES:
            assert pg_index.records.query(record_type, [condition]) == \
                folder_index.records.query(record_type, [condition])
    assert pg_index.records.query("progress_item", [Condition("kpi_code", "DC1.1")]) == []
