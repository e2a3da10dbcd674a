"""Record queries from FIELD=VALUE pairs: aliases, spellings and numbers."""


import pytest

from assistant.errors import QueryError
from assistant.index.record_search import find_records
from assistant.index.records_db import Condition
from assistant.index.store import open_index


@pytest.fixture
def store(shared_settings, fake_embedder):
    index = open_index(shared_settings, show_progress=False, embedder=fake_embedder)
    yield index.records
    index.close()


def test_chinese_aliases_and_status_labels_match_the_store(store):
    expected = store.query("progress_item", [Condition("lead_agency", "社會局"), Condition("status_code", "B")])
    assert expected, "the corpus has 社會局-led rows still in progress"
    for status in ("B", "b", "B執行中"):
        assert find_records(store, [("主辦", "社會局"), ("status", status)]) == expected


def test_agency_variants_are_one_agency(store):
    canonical = find_records(store, [("主辦", "產業發展局")])
    assert canonical and find_records(store, [("主辦", "產業局")]) == canonical


def test_numbers_compare_as_numbers(store):
    [item] = find_records(store, [("項次", "33")])
    assert item.item_no == 33
    with pytest.raises(QueryError, match="item_no"):
        find_records(store, [("項次", "abc")])


def test_without_type_every_type_with_the_fields_is_searched(store):
    by_file = find_records(store, [("file", "004_d9643f6566d7e10e.txt")])
    assert {r.record_type for r in by_file} == {"budget_figure", "performance_goal"}
    only_budget = find_records(store, [("file", "004_d9643f6566d7e10e.txt"), ("type", "budget_figure")])
    assert only_budget and {r.record_type for r in only_budget} == {"budget_figure"}


def test_unknown_fields_and_types_are_query_errors(store):
    with pytest.raises(QueryError):
        find_records(store, [("colour", "red")])
    with pytest.raises(QueryError):
        find_records(store, [("type", "spaceship")])
