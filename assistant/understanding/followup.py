"""Follow-up questions: reuse the previous turn's reading, overriding only what the new question states.

The server keeps no state; the client sends earlier turns back as `Turn`s. The previous reading
comes from `Turn.filters` when the client kept it, else from reading `Turn.question` again (with the
turns before it, so a chain of follow-ups works). `Turn.filters` is the previous response's
`filters`: the whole `Understanding.model_dump(mode="json")` (with `intent` and a `filters` object),
or just a `QuestionFilters` dump. Unknown keys are ignored; a dump with no known key, or one that
does not validate, is ignored too, and the question is read again instead.

A question is a follow-up when it points back (其中, 這些, of these) or, having no subject of its own
(no topic words), either opens like one (那…, 呢？, what about, and the …) or states nothing but
role, status or intent words ("哪些還在執行中？"). A full new question is read on its own.
"""

import re
from dataclasses import dataclass, fields, replace

from pydantic import ValidationError

from assistant.understanding.agencies import AgencyMention
from assistant.understanding.labels import Labels
from assistant.understanding.models import Intent, QuestionFilters
from assistant.understanding.signals import Signals
from assistant.understanding.values import Values

_POINTS_BACK = re.compile(r"(?a)其中|這些|那些|上述|以上|剛才|前面|\b(?:of|among) (?:these|those|them)\b|\bthose ones\b")
_OPENS_LIKE = re.compile(r"(?a)^(?:那|那麼|那如果|另外|還有|and\b|what about\b|how about\b|same\b)|呢\s*\??$")
_RECORD_KINDS = {"progress_item": "progress_table", "strategy_kpi": "strategy_map",
                 "budget_figure": "performance_report", "performance_goal": "performance_report"}


@dataclass(frozen=True)
class PriorReading:
    """The previous turn's filters and its intent before any out-of-scope verdict."""

    filters: QuestionFilters
    intent: Intent | None


def parse_turn_filters(data: dict | None) -> PriorReading | None:
    """The reading stored in `Turn.filters`, or None when absent or unusable."""
    if not isinstance(data, dict) or not data:
        return None
    inner = data.get("filters") if isinstance(data.get("filters"), dict) else data
    known = {k: v for k, v in inner.items() if k in QuestionFilters.model_fields}
    if not known:
        return None
    try:
        filters = QuestionFilters.model_validate(known)
    except ValidationError:
        return None
    intent = data.get("intent")
    return PriorReading(filters, intent if intent in ("list", "count", "lookup", "free") else None)


def is_follow_up(signals: Signals) -> bool:
    text = signals.text.text.lower()
    if _POINTS_BACK.search(text):
        return True
    return not signals.topic and (bool(_OPENS_LIKE.search(text)) or not signals.has_content)


def signals_from_filters(filters: QuestionFilters, base: Signals) -> Signals:
    """The previous reading as if a question had stated it (on the new question's text)."""
    role = {"kpi": "lead"}.get(filters.agency_role or "", filters.agency_role)
    kinds = {_RECORD_KINDS[filters.record_type]} if filters.record_type in _RECORD_KINDS else set()
    nouns = {filters.subject} if filters.subject else set()
    if filters.record_type in ("strategy_kpi", "kpi_result"):
        nouns.add("kpi")
    return Signals(
        text=base.text,
        kpi_code=filters.kpi_code,
        goal_code=filters.goal_code,
        kpi_name=filters.kpi_name,
        labels=Labels(category=filters.category, outline=filters.outline, goal_name=filters.goal_name,
                      performance_goal=filters.record_type == "performance_goal"),
        agencies=[AgencyMention(filters.agency, -1, -1, "history")] if filters.agency else [],
        years=list(filters.years),
        kinds=kinds,
        group=filters.group,
        nouns=nouns,
        values=Values(measures=list(filters.measures), budget_items=list(filters.budget_items),
                      target_met=filters.target_met, rating=filters.rating, wccd=filters.wccd,
                      has_co_agency=filters.has_co_agency, item_no=filters.item_no),
        status=filters.status,
        role=role,
        topic=list(filters.topic),
        evidence=["history"],
    )


def _stated(value: object) -> bool:
    return value is not None and value != [] and value != set() and value is not False


def _merge_fields(prior, new):
    """Field by field: the new value where the new question states one, else the prior value."""
    return replace(prior, **{f.name: getattr(new, f.name) for f in fields(new) if _stated(getattr(new, f.name))})


def merge(prior: Signals, new: Signals) -> Signals:
    """The prior reading with everything the new question states laid over it."""
    merged = _merge_fields(prior, new)
    merged.text = new.text
    merged.labels = _merge_fields(prior.labels, new.labels)
    merged.values = _merge_fields(prior.values, new.values)
    merged.evidence = [*prior.evidence, *new.evidence]
    merged.english_terms = new.english_terms
    return merged
