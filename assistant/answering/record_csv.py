"""Records as CSV for machine readers (`GET /api/records?format=csv`): every field by its name, and per
row what a reader needs to check it: the period as a label, the file, the lines, and the quote that a
citation of the row would show (an exact piece of its line).

Columns: the fields of the records' models in order (`record_type`, `file`, `line`, `end_line`,
`period`, `series`, then the type's own fields), then `quote`. Lists are joined with 、; a BOM leads
so spreadsheet applications read UTF-8.
"""

import csv
import io
from collections.abc import Mapping

from assistant.answering.citations import Citations
from assistant.answering.record_quotes import cite_record
from assistant.corpus.manifest import Document
from assistant.parsing.models import Record

QUOTE_COLUMN = "quote"
BASE_COLUMNS = ["record_type", "file", "line", "end_line", "period", "series"]


def _cell(value: object) -> object:
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return "" if value is None else value


def quote_of(record: Record, documents: Mapping[str, Document]) -> str:
    """The quote a citation of `record` shows, checked against its line like every citation."""
    citations = Citations(documents)
    return citations.get(cite_record(citations, documents[record.file], record)).quote


def records_csv(records: list[Record], documents: Mapping[str, Document]) -> str:
    rows = []
    for record in records:
        row = record.fields()
        row["period"] = record.period.label
        row[QUOTE_COLUMN] = quote_of(record, documents)
        rows.append(row)
    fields = [key for row in rows for key in row if key not in BASE_COLUMNS and key != QUOTE_COLUMN]
    columns = [*BASE_COLUMNS, *dict.fromkeys(fields), QUOTE_COLUMN]
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.DictWriter(out, columns, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(row.get(k)) for k in columns})
    return out.getvalue()
