"""Every exception the assistant raises on purpose, in one tree.

    AssistantError
    ├── CorpusError          a document or the manifest cannot be read
    │   └── ManifestError    the manifest is missing, malformed, or names a missing file
    ├── ParseError           a document does not have the shape its parser expects
    ├── SearchIndexError     an index is missing, corrupted or stale and cannot be rebuilt
    └── QueryError           a question or filter is not acceptable (empty, too long, unknown field)
"""


class AssistantError(Exception):
    """Base class: catch this to handle any expected failure of the assistant."""


class CorpusError(AssistantError):
    """A document or the manifest cannot be read."""


class ManifestError(CorpusError):
    """The manifest is missing, malformed, or inconsistent with the corpus folder."""


class ParseError(AssistantError):
    """A document does not have the shape its parser expects."""


class SearchIndexError(AssistantError):
    """An index is missing, corrupted or stale, and could not be rebuilt."""


class QueryError(AssistantError):
    """A question, search query or record filter is not acceptable."""
