import sqlite3
from pathlib import Path

import pytest

from assistant.corpus.manifest import load_corpus
from assistant.errors import QueryError
from assistant.index.records_db import Condition, RecordStore, update_records, write_records
from assistant.parsing.pipeline import parse_corpus

PROJECT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def parsed():
    return parse_corpus(load_corpus(PROJECT / "corpus"))


@pytest.fixture(scope="module")
def store(parsed, tmp_path_factory):
    path = tmp_path_factory.mktemp("db") / "records.sqlite"
    write_records(path, parsed.records)
    yield RecordStore(path)


def test_every_record_is_stored_once(parsed, store):
    for record_type in {r.record_type for r in parsed.records}:
        expected = sum(r.record_type == record_type for r in parsed.records)
        assert store.count(record_type) == expected


def test_records_round_trip_unchanged(parsed, store):
    for record_type in {r.record_type for r in parsed.records}:
        expected = sorted((r for r in parsed.records if r.record_type == record_type), key=lambda r: (r.file, r.line))
        assert store.query(record_type) == expected


def test_exact_agency_and_status_query_matches_a_python_filter(parsed, store):
    expected = [r for r in parsed.records if r.record_type == "progress_item"
                and r.lead_agency == "社會局" and r.status_code == "B"]
    got = store.query("progress_item", [Condition("lead_agency", "社會局"), Condition("status_code", "B")])
    assert got == expected
    assert got, "社會局 leads items still in progress"


def test_co_agency_lists_match_any_member(parsed, store):
    got = store.query("progress_item", [Condition("co_agencies", "產業發展局")])
    assert got == [r for r in parsed.records if r.record_type == "progress_item" and "產業發展局" in r.co_agencies]
    assert any(r.line == 114 for r in got), "L114 lists 產業局, a variant of 產業發展局"


def test_year_range_query(store):
    got = store.query("budget_figure", [Condition("year_roc", 111, ">=")])
    assert got and {r.year_roc for r in got} == {111, 112}


def test_database_opens_with_plain_sqlite(store):
    db = sqlite3.connect(store.path)
    tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"progress_items", "strategy_kpis", "kpi_results", "record_agencies"} <= tables
    assert db.execute("SELECT count(*) FROM progress_items WHERE status_code='A'").fetchone()[0] == 34


def test_unknown_record_type_is_a_query_error(store):
    with pytest.raises(QueryError):
        store.query("weather")


def test_an_updated_copy_answers_as_a_database_written_afresh(parsed, tmp_path):
    """Replacing one document's rows and adding another's gives the rows, order and agency matches of
    a database written from the new set of records."""
    table, kpis = "000_a326a7c91818490c.txt", "001_f78f01ac8dc70682.txt"
    write_records(tmp_path / "base.sqlite", [r for r in parsed.records if r.file != table])
    update_records(tmp_path / "updated.sqlite", tmp_path / "base.sqlite", [kpis],
                   [r for r in parsed.records if r.file == table])
    write_records(tmp_path / "fresh.sqlite", [r for r in parsed.records if r.file != kpis])
    updated, fresh = RecordStore(tmp_path / "updated.sqlite"), RecordStore(tmp_path / "fresh.sqlite")
    for record_type in {r.record_type for r in parsed.records}:
        assert updated.query(record_type) == fresh.query(record_type)
    assert updated.count("strategy_kpi") == 0 and updated.count("progress_item") > 0
    for agency in ("社會局", "產業發展局"):
        for role in ("lead_agency", "co_agencies"):
            condition = [Condition(role, agency)]
            assert updated.query("progress_item", condition) == fresh.query("progress_item", condition)
