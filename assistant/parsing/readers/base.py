"""The reader interface: bytes of one format in, text lines (tables as tab-separated rows) out.

Tables come out as one line per row with the cells joined by tabs, exactly the shape of the text
dumps in `corpus/`, so the same table repair and record parsers read a spreadsheet, a DOCX table or
a PDF table. Each line of a converted document remembers where it is in the original (sheet and
row, page and row), because a citation must point at something a person can open.
"""

import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import ClassVar

from assistant.errors import UnreadableDocumentError, UploadError

# Characters that would break a tab-separated row: tabs and line breaks inside a cell.
_CELL_BREAKS = re.compile(r"[\t\r\n\v\f\u2028\u2029]+")
# A zip member may expand to at most this many times the upload limit (zip bombs).
MAX_EXPANSION = 20


@dataclass
class Extracted:
    """A document's text, where each line is in the original, and what the reader changed or skipped.

    `locations` is empty for text formats (the line number is the location) and otherwise has one
    entry per line, in Traditional Chinese for the person reading a citation.
    """

    lines: list[str]
    locations: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(line + "\n" for line in self.lines)

    def add(self, line: str, location: str) -> None:
        self.lines.append(line)
        self.locations.append(location)


def cell_text(value: object) -> str:
    """A cell as one line of text: line breaks and tabs inside it become single spaces."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return _CELL_BREAKS.sub(" ", str(value)).strip()


def row_line(cells: list[str]) -> str:
    """A table row as a line: cells joined by tabs, trailing empty cells dropped."""
    while cells and not cells[-1]:
        cells = cells[:-1]
    return "\t".join(cells)


def open_zip(data: bytes, format_name: str, max_bytes: int) -> zipfile.ZipFile:
    """The zip container of an XLSX/ODS/DOCX file, refused if corrupt or if it would expand too far."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        archive.testzip()
    except (zipfile.BadZipFile, EOFError, ValueError, OSError) as exc:
        raise UnreadableDocumentError(f"the file is not a readable {format_name} (damaged zip container: {exc})") \
            from None
    expanded = sum(member.file_size for member in archive.infolist())
    if expanded > MAX_EXPANSION * max_bytes:
        raise UnreadableDocumentError(f"the {format_name} would expand to {expanded:,} bytes; refused")
    return archive


class Reader:
    """One file format. Subclasses set `suffixes` and `format_name` and implement `read`."""

    suffixes: ClassVar[tuple[str, ...]]
    format_name: ClassVar[str]
    binary: ClassVar[bool] = True

    def read(self, data: bytes, max_bytes: int) -> Extracted:
        """The document's lines; `UnreadableDocumentError` if the file cannot be read as this format."""
        raise NotImplementedError


def _readers() -> list[Reader]:
    from assistant.parsing.readers.csv_reader import CsvReader
    from assistant.parsing.readers.docx_reader import DocxReader
    from assistant.parsing.readers.ods_reader import OdsReader
    from assistant.parsing.readers.pdf_reader import PdfReader
    from assistant.parsing.readers.text_reader import TextReader
    from assistant.parsing.readers.xlsx_reader import XlsxReader

    return [TextReader(), CsvReader(), XlsxReader(), OdsReader(), DocxReader(), PdfReader()]


ACCEPTED_SUFFIXES = (".txt", ".md", ".tsv", ".csv", ".xlsx", ".ods", ".docx", ".pdf")


def reader_for(name: str) -> Reader:
    """The reader for a file name's suffix, or `UploadError` naming the accepted ones."""
    lowered = name.lower()
    for reader in _readers():
        if lowered.endswith(reader.suffixes):
            return reader
    raise UploadError(f"{name!r}: unsupported format; accepted: {', '.join(ACCEPTED_SUFFIXES)}")
