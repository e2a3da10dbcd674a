"""Hand-made dev questions and answers: the fake "models" the scorer is tested on."""

from pathlib import Path

from assistant.answering.contract import AnswerResponse, Citation, Item
from assistant.evaluation.dataset import DevQuestion

PROJECT = Path(__file__).resolve().parents[2]
PROGRESS = "000_a326a7c91818490c.txt"
SECRETARIAT = "004_d9643f6566d7e10e.txt"


def question(**fields) -> DevQuestion:
    """A dev question with sensible defaults for the fields a test does not care about."""
    base = {"id": "t-001", "type": "list", "question": "q", "evidence": [], "expect_refusal": False}
    return DevQuestion.model_validate({**base, **fields})


def cite(corpus_lines: dict[str, list[str]], n: int, file: str, line: int, end_line: int | None = None,
         quote: str | None = None) -> Citation:
    """A citation whose quote is, by default, the first 12 characters of the cited line (valid)."""
    text = corpus_lines[file][line - 1]
    return Citation(id=n, file=file, line=line, end_line=end_line or line,
                    quote=text.strip()[:12] if quote is None else quote, title="t")


def answer(text: str = "", *, kind: str = "list", refused: bool = False, items: list[Item] | None = None,
           citations: list[Citation] | None = None) -> AnswerResponse:
    return AnswerResponse(question="q", answer=text, kind=kind, refused=refused, filters={},
                          items=items or [], citations=citations or [])


def listed(corpus_lines: dict[str, list[str]], file: str, lines: list[int]) -> tuple[list[Item], list[Citation]]:
    """A list answer's items, one per line, each citing its own row."""
    citations = [cite(corpus_lines, n, file, line) for n, line in enumerate(lines, start=1)]
    items = [Item(label=f"row {line}", fields={}, citations=[c.id]) for line, c in zip(lines, citations)]
    return items, citations
