"""ODS spreadsheets (odfpy): every table, one line per row, repeated empty rows and cells collapsed."""

import io
from typing import ClassVar

from assistant.errors import UnreadableDocumentError
from assistant.parsing.readers.base import Extracted, Reader, cell_text, open_zip, row_line

# A repeat count above this on a non-empty cell or row is a damaged (or hostile) file.
_MAX_REPEAT = 10_000


def _cells(row: object, teletype: object, table_ns: str) -> list[str]:
    cells: list[str] = []
    for cell in row.childNodes:  # type: ignore[attr-defined]
        if cell.qname[1] not in ("table-cell", "covered-table-cell"):
            continue
        text = " ".join(teletype.extractText(p) for p in cell.childNodes if p.qname[1] == "p")  # type: ignore[attr-defined]
        repeat = int(cell.attributes.get((table_ns, "number-columns-repeated"), 1))
        if text.strip() and repeat > _MAX_REPEAT:
            raise UnreadableDocumentError("the ODS repeats one cell too often to be a real table")
        cells.extend([cell_text(text)] * (repeat if text.strip() else min(repeat, 1)))
    return cells


class OdsReader(Reader):
    suffixes: ClassVar[tuple[str, ...]] = (".ods",)
    format_name: ClassVar[str] = "ODS"

    def read(self, data: bytes, max_bytes: int) -> Extracted:
        from odf import teletype
        from odf.namespaces import TABLENS
        from odf.opendocument import load
        from odf.table import Table, TableRow

        open_zip(data, self.format_name, max_bytes)
        try:
            document = load(io.BytesIO(data))
        except Exception as exc:  # odfpy raises KeyError, XML errors … for damage
            raise UnreadableDocumentError(f"the file is not a readable ODS spreadsheet ({type(exc).__name__})") \
                from None
        out = Extracted([])
        for table in document.spreadsheet.getElementsByType(Table):
            name = table.getAttribute("name")
            number = 0
            for row in table.getElementsByType(TableRow):
                line = row_line(_cells(row, teletype, TABLENS))
                repeat = int(row.attributes.get((TABLENS, "number-rows-repeated"), 1))
                if line and repeat > _MAX_REPEAT:
                    raise UnreadableDocumentError("the ODS repeats one row too often to be a real table")
                for _ in range(repeat if line else 1):  # a run of empty rows becomes one blank line
                    number += 1
                    out.add(line, f"工作表「{name}」第 {number} 列")
                if not line:
                    number += repeat - 1
        while out.lines and not out.lines[-1]:
            out.lines.pop()
            out.locations.pop()
        return out
