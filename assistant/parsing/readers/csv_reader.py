"""CSV (as data.taipei publishes it): UTF-8 or Big5, comma- or tab-separated, one line per record."""

import csv
import io
from typing import ClassVar

from assistant.errors import UnreadableDocumentError
from assistant.parsing.readers.base import Extracted, Reader, cell_text, row_line
from assistant.parsing.readers.text_reader import decode_text


class CsvReader(Reader):
    suffixes: ClassVar[tuple[str, ...]] = (".csv",)
    format_name: ClassVar[str] = "CSV"

    def read(self, data: bytes, max_bytes: int) -> Extracted:
        text, notes = decode_text(data)
        sample = text[:8192]
        delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
        out = Extracted([], [], notes)
        try:
            for number, row in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1):
                out.add(row_line([cell_text(cell) for cell in row]), f"第 {number} 列")
        except csv.Error as exc:
            raise UnreadableDocumentError(f"the CSV cannot be read: {exc}") from None
        return out
