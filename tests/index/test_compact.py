"""Models read back from a compact file equal the ones written, without validating them again."""

import pytest

from assistant.corpus.period import Period
from assistant.index.compact import dump_models, load_models
from assistant.index.indexed_passage import IndexedPassage
from assistant.index.record_memory import RecordMemory
from assistant.parsing.models import RECORD_TYPES, ProgressItem

CLASSES = {cls.__name__: cls for cls in (*RECORD_TYPES.values(), IndexedPassage, Period)}


def test_records_and_passages_round_trip(toy_index):
    records = RecordMemory.load(toy_index.records).records
    back = load_models(dump_models([*records, *toy_index.passages]), CLASSES)
    assert back == [*records, *toy_index.passages]
    assert [type(m) for m in back] == [type(m) for m in [*records, *toy_index.passages]]
    assert back[0].label() == records[0].label() and back[0].model_dump() == records[0].model_dump()
    assert back[len(records)].search_text() == toy_index.passages[0].search_text()


def test_a_shared_period_is_stored_once_and_defaults_stay_unset():
    period = Period(year_roc=110, half=1)
    rows = [ProgressItem(file="t", line=n, end_line=n, period=period, series=None, year_roc=110, item_no=n,
                         item_name=None, category=None, domain=None, outline=None, lead_agency=None, target="",
                         work_items="", results="", status_code="A", status_label="已完成") for n in (1, 2)]
    first, second = load_models(dump_models(rows), CLASSES)
    assert first.period is second.period and first.period == period
    assert first.model_fields_set == rows[0].model_fields_set and "co_agencies" not in first.model_fields_set


def test_a_blob_of_another_format_is_refused():
    import marshal

    with pytest.raises(ValueError, match="written as"):
        load_models(marshal.dumps(("compact-0", [], [])), CLASSES)
