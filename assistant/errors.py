"""Every exception the assistant raises on purpose, in one tree.

    AssistantError
    ├── CorpusError          a document or the manifest cannot be read
    │   ├── ManifestError    the manifest is missing, malformed, or names a missing file
    │   ├── DocumentNotFoundError   no document of that name is in the corpus (HTTP 404)
    │   └── UploadError      a new document is refused (empty, not text, bad name, bad manifest fields: 422)
    │       ├── DuplicateDocumentError   its name, title or (series, period) is taken, or it would replace
    │       │                            an official (bundled) document (409)
    │       ├── DocumentTooLargeError    the document is over `max_upload_bytes` (413)
    │       ├── UnreadableDocumentError  the file is not what its format says: corrupt, encrypted, no text (422)
    │       └── NoRecordsError           the file gives no records for the kind it declares (422)
    ├── ParseError           a document does not have the shape its parser expects
    ├── SearchIndexError     an index is missing, corrupted or stale and cannot be rebuilt
    ├── DatabaseError        the PostgreSQL backend cannot be used (never shows the URL's password)
    │   ├── DatabaseUnavailableError  down, unreachable, refused the login, or lost mid-request (HTTP 503)
    │   ├── SchemaError      the schema is older or newer than this release and cannot be migrated here
    │   └── ReadOnlyDatabaseError     a change was asked of a server whose role may only read (HTTP 503)
    ├── CitationError        a quote is not at the lines it would cite (a bug; such a citation is never served)
    ├── TemplateError        a prompt template in prompts/ is missing or uses an unknown placeholder
    ├── QueryError           a question or filter is not acceptable (empty, too long, unknown field)
    │   ├── QuestionTooLongError  the question is longer than `max_question_chars` (HTTP 413)
    │   └── LineRangeError   asked for lines a document does not have (HTTP 404)
    └── EvaluationError      a dev set, eval report or eval target cannot be used
"""


class AssistantError(Exception):
    """Base class: catch this to handle any expected failure of the assistant."""


class CorpusError(AssistantError):
    """A document or the manifest cannot be read."""


class ManifestError(CorpusError):
    """The manifest is missing, malformed, or inconsistent with the corpus folder."""


class DocumentNotFoundError(CorpusError):
    """No document of that name is in the corpus."""


class UploadError(CorpusError):
    """A new document is refused before it touches the corpus: nothing was written."""


class DuplicateDocumentError(UploadError):
    """A document of that name, title or (series, period) is already in the corpus (or being added),
    or the upload would replace an official document."""


class DocumentTooLargeError(UploadError):
    """The new document is larger than `max_upload_bytes`."""


class UnreadableDocumentError(UploadError):
    """The file cannot be read as its format: a damaged container, a password, no text layer."""


class NoRecordsError(UploadError):
    """The file gives no records for its declared kind: the kind is wrong, or the table is not there."""


class ParseError(AssistantError):
    """A document does not have the shape its parser expects."""


class SearchIndexError(AssistantError):
    """An index is missing, corrupted or stale, and could not be rebuilt."""


class DatabaseError(AssistantError):
    """The PostgreSQL backend cannot be used; the message names the server, never the password."""


class DatabaseUnavailableError(DatabaseError):
    """The database is down or unreachable, refused the login, or the connection was lost mid-request."""


class SchemaError(DatabaseError):
    """The database schema is not the one this release uses, and this server may not or cannot migrate it."""


class ReadOnlyDatabaseError(DatabaseError):
    """This server's database role may only read: uploads and builds go to a server with the owner role."""


class CitationError(AssistantError):
    """A quote is not an exact substring of the lines it would cite."""


class TemplateError(AssistantError):
    """A prompt template is missing, unreadable, or uses a placeholder its caller does not fill."""


class QueryError(AssistantError):
    """A question, search query or record filter is not acceptable."""


class LineRangeError(QueryError):
    """The requested lines lie outside the document."""


class QuestionTooLongError(QueryError):
    """The question is longer than the configured limit; a distinct type so HTTP can answer 413."""


class EvaluationError(AssistantError):
    """A dev set or eval report cannot be read, or the system under evaluation cannot be reached."""
