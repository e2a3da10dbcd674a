"""Plain text, Markdown and TSV: UTF-8 as is, Big5 (cp950) converted; lines are the document's own."""

import re
from typing import ClassVar

from assistant.errors import UnreadableDocumentError
from assistant.parsing.readers.base import Extracted, Reader

# Control characters other than tab, newline, carriage return and form feed mark binary data.
_BINARY = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode_text(data: bytes) -> tuple[str, list[str]]:
    """The text and notes on any conversion: UTF-8 as is, else Big5 (cp950) converted.

    A UTF-8 byte-order mark is dropped (it would otherwise sit inside line 1 of every citation).
    """
    notes: list[str] = []
    try:
        text = data.decode("utf-8")
        if text.startswith("\ufeff"):
            text = text[1:]
            notes.append("removed the UTF-8 byte-order mark")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp950")
        except UnicodeDecodeError:
            raise UnreadableDocumentError("the document is neither UTF-8 nor Big5 (cp950) text") from None
        notes.append("converted from Big5 (cp950) to UTF-8")
    if _BINARY.search(text):
        raise UnreadableDocumentError("the document contains control characters: it looks binary, not text")
    if not text.strip():
        raise UnreadableDocumentError("the document is empty")
    return text, notes


class TextReader(Reader):
    suffixes: ClassVar[tuple[str, ...]] = (".txt", ".md", ".tsv")
    format_name: ClassVar[str] = "text"
    binary: ClassVar[bool] = False

    def read(self, data: bytes, max_bytes: int) -> Extracted:
        text, notes = decode_text(data)
        lines = [line.removesuffix("\r") for line in text.split("\n")]
        if lines and lines[-1] == "":
            lines.pop()
        return Extracted(lines, [], notes)
