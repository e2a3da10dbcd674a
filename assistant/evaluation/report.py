"""An eval run as data: written as JSON (for `--compare` and machines) and as one self-contained HTML page."""

import json
import subprocess
import time
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError

from assistant.config import PROJECT_ROOT
from assistant.errors import EvaluationError
from assistant.evaluation.baselines import BaselineResult, BaselineSummary
from assistant.evaluation.html import render_html
from assistant.evaluation.scoring import QuestionResult
from assistant.evaluation.summary import Summary

REPORT_FORMAT = 1
DEFAULT_REPORT_DIR = PROJECT_ROOT / "evals" / "reports"


class BaselineRun(BaseModel):
    description: str
    build_s: float | None = Field(None, description="time to build the baseline's index in this run")
    summary: dict[str, BaselineSummary]
    results: list[BaselineResult]


class EvalReport(BaseModel):
    format: int = REPORT_FORMAT
    created_at: str
    dataset: str
    subset: str | None = None
    target: str = Field(description="library, or the API URL")
    k: int
    index_version: str | None = None
    git_commit: str | None = None
    summary: dict[str, Summary] = Field(description="per question type, then `overall`")
    results: list[QuestionResult]
    baselines: dict[str, BaselineRun] = Field(default_factory=dict)

    @property
    def failed(self) -> list[QuestionResult]:
        return [r for r in self.results if not r.ok]


def now_stamp() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S%z")


def git_commit(root: Path = PROJECT_ROOT) -> str | None:
    """The checkout's commit, for telling reports apart; None outside a git checkout."""
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True,
                             text=True, timeout=5, check=True)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None


def write_report(report: EvalReport, out_dir: Path) -> tuple[Path, Path]:
    """Write `<timestamp>.json` and `<timestamp>.html` into `out_dir`; never overwrite an earlier run."""
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = time.strftime("%Y%m%d-%H%M%S")
    candidate, n = stem, 1
    while (out_dir / f"{candidate}.json").exists() or (out_dir / f"{candidate}.html").exists():
        n += 1
        candidate = f"{stem}-{n}"
    json_path, html_path = out_dir / f"{candidate}.json", out_dir / f"{candidate}.html"
    json_path.write_text(report.model_dump_json(indent=1), encoding="utf-8")
    html_path.write_text(render_html(report), encoding="utf-8")
    return json_path, html_path


def load_report(path: Path) -> EvalReport:
    """A report written by `write_report`; `EvaluationError` if it is missing or not one."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return EvalReport.model_validate(data)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, ValidationError) as exc:
        raise EvaluationError(f"{path} is not a readable eval report: {exc}") from exc
