"""Two eval reports side by side: every figure with its change, and which questions flipped."""

from pydantic import BaseModel

from assistant.evaluation.report import EvalReport
from assistant.evaluation.summary import METRICS, Metric


class Delta(BaseModel):
    scope: str
    metric: Metric
    a: float | None
    b: float | None

    @property
    def change(self) -> float | None:
        return None if self.a is None or self.b is None else self.b - self.a

    @property
    def improved(self) -> bool | None:
        """True if B is better than A, False if worse, None if equal or not comparable."""
        change = self.change
        if not change:
            return None
        return (change > 0) == self.metric.higher_is_better


class Flips(BaseModel):
    fixed: list[str]  # failed in A, passed in B
    broken: list[str]  # passed in A, failed in B
    only_a: list[str]
    only_b: list[str]


def deltas(a: EvalReport, b: EvalReport) -> list[Delta]:
    """Every metric of every scope (question type or overall) that either report defines."""
    scopes = list(dict.fromkeys([*a.summary, *b.summary]))
    rows = []
    for scope in scopes:
        sa = a.summary[scope].model_dump() if scope in a.summary else {}
        sb = b.summary[scope].model_dump() if scope in b.summary else {}
        for metric in METRICS:
            va, vb = sa.get(metric.key), sb.get(metric.key)
            if va is not None or vb is not None:
                rows.append(Delta(scope=scope, metric=metric, a=va, b=vb))
    return rows


def flips(a: EvalReport, b: EvalReport) -> Flips:
    ok_a = {r.id: r.ok for r in a.results}
    ok_b = {r.id: r.ok for r in b.results}
    both = [i for i in ok_a if i in ok_b]
    return Flips(
        fixed=[i for i in both if not ok_a[i] and ok_b[i]],
        broken=[i for i in both if ok_a[i] and not ok_b[i]],
        only_a=[i for i in ok_a if i not in ok_b],
        only_b=[i for i in ok_b if i not in ok_a],
    )
