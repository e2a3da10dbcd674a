"""PDF (pdfplumber): ruled tables as rows of cells, other text as lines, page by page in reading order.

A cell's text wraps inside the cell; the wrapped pieces are joined without a space, except between
two Latin letters (a word wrap at a space), because CJK text and numbers break anywhere. A PDF
without a text layer (a scan) or with a password is refused with the reason.

PDFs written by fpdf2 (and other tools) with an embedded CFF CJK font (Noto Sans CJK) carry their
character-code → CID map as an embedded CMap stream. pdfminer only looks such a CMap up by name
among its bundled ones, finds none, and decodes no character at all (0 of 112 rows of the 000
table); treating the codes as CIDs gives the right text but wrong widths, so text drifts into the
next cell (0 of 112 identical). `_read_embedded_cmaps` reads such a font's codes as identity and
re-keys its widths through the embedded CMap; every other font goes the usual way.
"""

import io
import re
from functools import cache
from typing import ClassVar

from assistant.errors import UnreadableDocumentError
from assistant.parsing.readers.base import Extracted, Reader, cell_text, row_line

_WRAP = re.compile(r"(?<=[A-Za-z])\n(?=[A-Za-z])")


_CID_CHARS = re.compile(rb"begincidchar(.*?)endcidchar", re.S)
_CID_RANGES = re.compile(rb"begincidrange(.*?)endcidrange", re.S)
_CID_CHAR = re.compile(rb"<([0-9A-Fa-f]+)>\s*(\d+)")
_CID_RANGE = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(\d+)")


def parse_encoding_cmap(data: bytes) -> dict[int, int]:
    """An embedded Encoding CMap's character codes → CIDs (its `cidchar` and `cidrange` entries)."""
    pairs: dict[int, int] = {}
    for block in _CID_CHARS.findall(data):
        pairs.update((int(code, 16), int(cid)) for code, cid in _CID_CHAR.findall(block))
    for block in _CID_RANGES.findall(data):
        for low, high, first in _CID_RANGE.findall(block):
            start = int(low, 16)
            pairs.update((start + n, int(first) + n) for n in range(int(high, 16) - start + 1))
    return pairs


@cache
def _read_embedded_cmaps() -> None:
    """Make pdfminer read CID fonts whose Encoding is an embedded CMap stream (see the module docstring).

    pdfminer keys a font's ToUnicode map by character code but its widths by CID; with the codes
    read as identity, we re-key the widths by code through the embedded CMap."""
    from pdfminer.cmapdb import IdentityCMap
    from pdfminer.pdffont import PDFCIDFont
    from pdfminer.pdftypes import PDFStream, resolve1

    original_init = PDFCIDFont.__init__

    def __init__(self: PDFCIDFont, rsrcmgr: object, spec: dict, strict: bool = False) -> None:  # type: ignore[no-untyped-def]
        original_init(self, rsrcmgr, spec, strict)
        encoding = resolve1(spec.get("Encoding"))
        code2cid = parse_encoding_cmap(encoding.get_data()) if isinstance(encoding, PDFStream) else {}
        if code2cid:
            self.cmap = IdentityCMap(WMode=0)
            self.widths = {code: self.widths[cid] for code, cid in code2cid.items() if cid in self.widths}

    PDFCIDFont.__init__ = __init__  # type: ignore[method-assign]


def join_wrapped(text: str | None) -> str:
    """A PDF cell's wrapped lines as one line (see the module docstring)."""
    if not text:
        return ""
    return cell_text(_WRAP.sub(" ", text).replace("\n", ""))


def _unreadable(exc: Exception) -> UnreadableDocumentError:
    """The error for a PDF pdfminer cannot open; pdfplumber wraps pdfminer's own exception."""
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
    if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
        return UnreadableDocumentError("the PDF is encrypted with a password; upload an unprotected copy")
    return UnreadableDocumentError(f"the file is not a readable PDF ({type(cause).__name__})")


def _inside(obj: dict, boxes: list[tuple[float, float, float, float]]) -> bool:
    middle_x, middle_y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= middle_x <= x1 and top <= middle_y <= bottom for x0, top, x1, bottom in boxes)


class PdfReader(Reader):
    suffixes: ClassVar[tuple[str, ...]] = (".pdf",)
    format_name: ClassVar[str] = "PDF"

    def read(self, data: bytes, max_bytes: int) -> Extracted:
        import pdfplumber

        _read_embedded_cmaps()
        try:
            pdf = pdfplumber.open(io.BytesIO(data))
            pages = list(pdf.pages)
        except Exception as exc:  # pdfminer raises PSSyntaxError, PDFSyntaxError … for damage
            raise _unreadable(exc) from None
        out = Extracted([])
        try:
            for number, page in enumerate(pages, start=1):
                if not page.chars:
                    out.notes.append(f"page {number} has no text layer (a scanned image?), skipped")
                    continue
                self._read_page(page, number, out)
        except Exception as exc:
            raise _unreadable(exc) from None
        finally:
            pdf.close()
        if not any(line.strip() for line in out.lines):
            raise UnreadableDocumentError("the PDF has no text layer (a scanned image?); upload a PDF with text "
                                          "or the table as XLSX/CSV")
        return out

    @staticmethod
    def _read_page(page: object, number: int, out: Extracted) -> None:
        """The page's table rows and the text lines outside its tables, ordered top to bottom."""
        tables = page.find_tables()  # type: ignore[attr-defined]
        boxes = [table.bbox for table in tables]
        pieces: list[tuple[float, str, str]] = []
        for table_no, table in enumerate(tables, start=1):
            for row_no, (row, cells) in enumerate(zip(table.rows, table.extract()), start=1):
                top = row.bbox[1]
                pieces.append((top, row_line([join_wrapped(c) for c in cells]), f"第 {number} 頁表 {table_no} 第 {row_no} 列"))
        outside = page.filter(lambda obj: obj.get("object_type") != "char" or not _inside(obj, boxes))  # type: ignore[attr-defined]
        for line in outside.extract_text_lines():
            pieces.append((line["top"], cell_text(line["text"]), f"第 {number} 頁"))
        for _, text, location in sorted(pieces, key=lambda piece: piece[0]):
            out.add(text, location)
