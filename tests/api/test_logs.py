"""Server logs: JSON lines at the configured level, with extra fields and tracebacks, and no secret."""

import json
import logging
import logging.config

from api.logs import REDACTED, JsonFormatter, log_config
from assistant.config import Settings

API_KEY = "k-4f1c-do-not-log"
LLM_KEY = "l-9b2e-do-not-log"


def _record(message: str, *args: object, **extra: object) -> logging.LogRecord:
    record = logging.makeLogRecord({"name": "api.test", "levelno": logging.WARNING, "levelname": "WARNING",
                                    "msg": message, "args": args})
    record.__dict__.update(extra)
    return record


def test_a_record_is_one_json_line_with_its_extra_fields():
    line = JsonFormatter([]).format(_record("rebuilding %s", "the index", event="index_damaged", problems=["x"]))
    entry = json.loads(line)
    assert "\n" not in line
    assert entry["level"] == "WARNING" and entry["logger"] == "api.test"
    assert entry["message"] == "rebuilding the index"
    assert entry["event"] == "index_damaged" and entry["problems"] == ["x"] and entry["time"]


def test_a_traceback_is_kept_in_the_line():
    try:
        raise RuntimeError("boom")
    except RuntimeError as exc:
        record = _record("failed")
        record.exc_info = (type(exc), exc, exc.__traceback__)
    entry = json.loads(JsonFormatter([]).format(record))
    assert "RuntimeError: boom" in entry["exception"]


def test_configured_keys_and_bearer_tokens_never_appear():
    settings = Settings(api_key=API_KEY, llm_api_key=LLM_KEY)
    formatter = JsonFormatter(log_config(settings)["formatters"]["json"]["secrets"])
    line = formatter.format(_record("auth %s and %s, header Authorization: Bearer some-other-token",
                                    API_KEY, LLM_KEY, settings=repr({"key": API_KEY})))
    assert API_KEY not in line and LLM_KEY not in line and "some-other-token" not in line
    assert line.count(REDACTED) >= 4


def test_the_server_config_logs_at_the_configured_level(capsys):
    logging.config.dictConfig(log_config(Settings(log_level="warning")))
    try:
        logging.getLogger("assistant.index.store").info("hidden")
        logging.getLogger("uvicorn.access").warning("shown")
        lines = [json.loads(line) for line in capsys.readouterr().err.splitlines()]
    finally:
        logging.config.dictConfig({"version": 1, "disable_existing_loggers": False,
                                   "root": {"handlers": [], "level": "WARNING"}})
    assert [entry["message"] for entry in lines] == ["shown"]
