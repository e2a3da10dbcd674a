"""Readers turn an uploaded file of any accepted format into text lines the parsers read.

`reader_for(name)` picks the reader by the file's suffix; see `base.Reader`.
"""

from assistant.parsing.readers.base import ACCEPTED_SUFFIXES, Extracted, Reader, reader_for

__all__ = ["ACCEPTED_SUFFIXES", "Extracted", "Reader", "reader_for"]
