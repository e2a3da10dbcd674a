"""Server logs: one JSON object per line on stderr, at `log_level` (INFO by default), with no secret in them.

Every record carries time, level, logger and message, any `extra={...}` fields, and the traceback
if there is one. The configured keys (`api_key`, `llm_api_key`) and anything sent as a bearer
token are replaced by `***` in the finished line, whatever logged them. Nothing here logs request
headers or bodies; uvicorn's access log gives method, path and status. `log_config` is handed to
uvicorn, which applies it in every worker process.
"""

import json
import logging
import re
from datetime import UTC, datetime

from assistant.config import Settings

_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "color_message", "taskName"}
_BEARER = re.compile(r"(?i)(bearer\s+)[^\s'\"]+")
REDACTED = "***"


class JsonFormatter(logging.Formatter):
    """A record as one line of JSON, with secrets redacted."""

    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if s]

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname, "logger": record.name, "message": record.getMessage()}
        entry.update({k: v for k, v in vars(record).items() if k not in _STANDARD})
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return self.redact(json.dumps(entry, ensure_ascii=False, default=str))

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, REDACTED)
        return _BEARER.sub(rf"\g<1>{REDACTED}", text)


def log_config(settings: Settings) -> dict:
    """`logging.config.dictConfig` for the server: our loggers and uvicorn's, all as JSON on stderr."""
    level = settings.log_level
    secrets = [s.get_secret_value() for s in (settings.api_key, settings.llm_api_key) if s is not None]
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": JsonFormatter, "secrets": secrets}},
        "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}},
        "root": {"handlers": ["stderr"], "level": level},
        "loggers": {name: {"handlers": [], "level": level, "propagate": True}
                    for name in ("uvicorn", "uvicorn.error", "uvicorn.access")},
    }
