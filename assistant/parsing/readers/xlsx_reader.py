"""XLSX workbooks (openpyxl): every sheet, one line per row; merged cells keep their value in the first cell."""

import io
import warnings
from typing import ClassVar

from assistant.errors import UnreadableDocumentError
from assistant.parsing.readers.base import Extracted, Reader, cell_text, open_zip, row_line


class XlsxReader(Reader):
    suffixes: ClassVar[tuple[str, ...]] = (".xlsx",)
    format_name: ClassVar[str] = "XLSX"

    def read(self, data: bytes, max_bytes: int) -> Extracted:
        from openpyxl import load_workbook

        open_zip(data, self.format_name, max_bytes)
        try:
            with warnings.catch_warnings():  # openpyxl warns about styles and extensions it ignores
                warnings.simplefilter("ignore")
                book = load_workbook(io.BytesIO(data), read_only=False, data_only=True)
        except Exception as exc:  # openpyxl raises KeyError, ValueError, InvalidFileException … for damage
            raise UnreadableDocumentError(f"the file is not a readable XLSX workbook ({type(exc).__name__})") \
                from None
        out = Extracted([])
        for sheet in book.worksheets:
            for merged in sorted(sheet.merged_cells.ranges, key=lambda r: (r.min_row, r.min_col)):
                first = cell_text(sheet.cell(merged.min_row, merged.min_col).value)
                out.notes.append(f"工作表「{sheet.title}」: merged cells {merged.coord} (「{first[:20]}」): the "
                                 "value is kept in the first cell, the other cells are read as empty")
            for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
                out.add(row_line([cell_text(v) for v in row]), f"工作表「{sheet.title}」第 {number} 列")
        while out.lines and not out.lines[-1]:
            out.lines.pop()
            out.locations.pop()
        return out
