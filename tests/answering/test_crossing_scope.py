"""Which tables a crossing of a named row and column is read from."""

import pytest

import assistant.answering.asks as asks
from assistant.answering.gather.grid import CrossingCell


@pytest.fixture
def report_table(toy_request, monkeypatch):
    """A passage of the toy report's table, the one table whose crossing answers (every other document
    has none), and the crossing it answers: `服務面修訂前是多少`."""
    probe = toy_request("預算執行率是多少")
    passage = next(p for p in probe.sources.index.passages if p.file == "toy_report.txt" and "\t" in p.text)
    printed = probe.sources.documents[passage.file].lines[passage.line - 1].strip()
    cell = CrossingCell(passage.line, passage.line, printed.split("\t")[0], printed.split("\t")[-1], "1", printed)
    report = probe.sources.documents[passage.file].lines
    monkeypatch.setattr(asks, "crossing_cells", lambda lines, names, run, share: [cell] if lines is report else [])
    assert asks._crossing(toy_request("服務面修訂前是多少")) is not None
    return passage


def test_a_table_crossing_answers_for_an_agency_only_where_the_table_speaks_for_or_mentions_it(
        toy_request, report_table):
    present = next(iter(report_table.agencies), None)
    absent = next(a for a in ("社會局", "工務局", "教育局") if a not in report_table.agencies)
    assert asks._crossing(toy_request("服務面修訂前是多少", agency=absent)) is None  # another agency's table
    if present:
        assert asks._crossing(toy_request("服務面修訂前是多少", agency=present)) is not None


def test_an_ask_naming_an_item_reads_only_the_tables_of_the_items_document(toy_request, report_table):
    # 擴大長者共餐據點 is a row of the progress table: the report's table does not answer for it
    assert asks._crossing(toy_request("擴大長者共餐據點那一項，服務面修訂前是多少")) is None
