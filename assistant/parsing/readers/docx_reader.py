"""DOCX (python-docx): paragraphs and tables in document order; a merged table cell is read once."""

import io
from typing import ClassVar

from assistant.errors import UnreadableDocumentError
from assistant.parsing.readers.base import Extracted, Reader, cell_text, open_zip, row_line


class DocxReader(Reader):
    suffixes: ClassVar[tuple[str, ...]] = (".docx",)
    format_name: ClassVar[str] = "DOCX"

    def read(self, data: bytes, max_bytes: int) -> Extracted:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        open_zip(data, self.format_name, max_bytes)
        try:
            document = docx.Document(io.BytesIO(data))
        except Exception as exc:  # python-docx raises KeyError, ValueError, XML errors … for damage
            raise UnreadableDocumentError(f"the file is not a readable DOCX document ({type(exc).__name__})") \
                from None
        out = Extracted([])
        paragraphs = tables = 0
        for child in document.element.body.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p":
                paragraphs += 1
                out.add(cell_text(Paragraph(child, document).text), f"第 {paragraphs} 段")
            elif tag == "tbl":
                tables += 1
                for number, row in enumerate(Table(child, document).rows, start=1):
                    cells, seen = [], set()
                    for cell in row.cells:  # a horizontally merged cell appears once per grid column
                        if id(cell._tc) not in seen:
                            seen.add(id(cell._tc))
                            cells.append(cell_text(" ".join(p.text for p in cell.paragraphs)))
                    out.add(row_line(cells), f"表 {tables} 第 {number} 列")
        if not any(line.strip() for line in out.lines):
            raise UnreadableDocumentError("the DOCX has no text (only images or empty paragraphs?)")
        return out
