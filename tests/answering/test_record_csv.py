"""Records as CSV: field names kept, the period as its label, and each row's checked quote."""

import csv
import io

from assistant.answering.record_csv import BASE_COLUMNS, records_csv


def test_every_row_has_its_period_lines_and_an_exact_quote(toy_index, toy_assistant, file_lines):
    records = toy_index.records.query("progress_item")
    text = records_csv(records, toy_assistant.sources.documents)
    assert text.startswith("\ufeff")
    reader = csv.DictReader(io.StringIO(text.removeprefix("\ufeff")))
    assert reader.fieldnames[:len(BASE_COLUMNS)] == BASE_COLUMNS and reader.fieldnames[-1] == "quote"
    assert "lead_agency" in reader.fieldnames and "status_code" in reader.fieldnames, "field names, not labels"
    rows = list(reader)
    assert len(rows) == len(records)
    for row in rows:
        assert row["period"] == "110年上半年"
        assert row["quote"] in file_lines[row["file"]][int(row["line"]) - 1]
    assert rows[1]["co_agencies"] == "教育局、社會局", "lists joined with 、"
