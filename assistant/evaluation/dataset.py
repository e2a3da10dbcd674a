"""Load and validate the dev question set (`evals/dev.jsonl`, format in evals/README.md).

The gold answers are checked against the corpus by `evals/check_dev_set.py`; this module only
checks the shape, so a malformed line is reported with its line number instead of failing mid-run.
"""

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assistant.errors import EvaluationError

QuestionType = Literal["list", "count", "lookup", "free", "unanswerable"]
QUESTION_TYPES: tuple[str, ...] = ("list", "count", "lookup", "free", "unanswerable")

# A fast, varied slice for CI and `--subset ci`: every type, every script, short names, a typo, follow-ups.
CI_SUBSET: tuple[str, ...] = (
    "list-001", "list-002", "list-004", "list-005", "list-009", "list-016", "list-029", "list-036",
    "count-001", "count-002", "count-004", "count-010",
    "lookup-001", "lookup-005", "lookup-006", "lookup-009", "lookup-013",
    "free-001", "free-002", "free-003",
    "unans-001", "unans-002", "unans-003",
)


class Location(BaseModel):
    """A corpus line: what evidence and expected items point at."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    file: str
    line: int = Field(ge=1)


class ExpectedItem(Location):
    item_no: int | None = None
    kpi_code: str | None = None


class HistoryTurn(BaseModel):
    question: str = Field(min_length=1)


class DevQuestion(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")

    id: str = Field(min_length=1)
    type: QuestionType
    question: str = Field(min_length=1)
    history: list[HistoryTurn] = Field(default_factory=list)
    expected_items: list[ExpectedItem] = Field(default_factory=list)
    expected_count: int | None = None
    expected_counts: list[int] = Field(
        default_factory=list, description="every number a compound count asks for, one per part, in order")
    expected_values: list[str] = Field(default_factory=list)
    must_contain: list[str] = Field(default_factory=list)
    evidence: list[Location] = Field(default_factory=list)
    expect_refusal: bool = False
    notes: str = ""

    @property
    def answerable(self) -> bool:
        return not self.expect_refusal

    @property
    def counts(self) -> list[int]:
        """The numbers a count answer must state: every part's, or the single expected count."""
        if self.expected_counts:
            return list(self.expected_counts)
        return [self.expected_count if self.expected_count is not None else len(self.expected_items)]

    @property
    def needles(self) -> list[str]:
        """Strings a correct answer must contain: `must_contain`, plus `expected_values` for lookups."""
        extra = self.expected_values if self.type == "lookup" else []
        return list(dict.fromkeys([*self.must_contain, *extra]))

    @property
    def retrieval_targets(self) -> list[Location]:
        """The lines retrieval should surface: the expected items for list/count, else the evidence."""
        if self.type in ("list", "count") and self.expected_items:
            return [Location(file=i.file, line=i.line) for i in self.expected_items]
        return list(self.evidence)

    @property
    def search_query(self) -> str:
        """What a history-less retriever is given: earlier questions, then this one."""
        return " ".join([*(t.question for t in self.history), self.question])


def load_dev_set(path: Path) -> list[DevQuestion]:
    """Every question in `path`, in file order; `EvaluationError` naming the first bad line."""
    try:
        raw_lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise EvaluationError(f"cannot read the dev set {path}: {exc}") from exc
    questions: list[DevQuestion] = []
    seen: set[str] = set()
    for number, raw in enumerate(raw_lines, start=1):
        if not raw.strip():
            continue
        try:
            question = DevQuestion.model_validate(json.loads(raw))
        except (json.JSONDecodeError, ValidationError) as exc:
            raise EvaluationError(f"{path}:{number}: not a valid dev question ({exc})") from exc
        if question.id in seen:
            raise EvaluationError(f"{path}:{number}: duplicate id {question.id!r}")
        seen.add(question.id)
        questions.append(question)
    if not questions:
        raise EvaluationError(f"the dev set {path} has no questions")
    return questions


def select(questions: list[DevQuestion], spec: str | None) -> list[DevQuestion]:
    """The questions named by `spec`: comma-separated ids, id prefixes, types, or `ci`; all if None.

    `list,lookup-00` keeps every list question and lookup-001…009. A term matching nothing is an
    error, so a typo never silently shrinks the run.
    """
    if not spec:
        return questions
    wanted: set[str] = set()
    for term in (t.strip() for t in spec.split(",")):
        if not term:
            continue
        if term == "ci":
            matched = {q.id for q in questions if q.id in CI_SUBSET}
        elif term in QUESTION_TYPES:
            matched = {q.id for q in questions if q.type == term}
        else:
            matched = {q.id for q in questions if q.id.startswith(term)}
        if not matched:
            raise EvaluationError(f"--subset term {term!r} matches no question")
        wanted |= matched
    return [q for q in questions if q.id in wanted]
