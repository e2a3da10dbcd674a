"""Read a question into an `Understanding`: intent, filters, follow-up, out-of-scope verdict.

    understand(question, history, facts) -> Understanding

Deterministic and lexicon based: no LLM, no retrieval; a few milliseconds once `CorpusFacts` is
built. The steps: read what the question states (`signals.py`); if it is a follow-up, lay it over
the previous turn's reading (`followup.py`); classify the intent (`intent.py`); resolve which
documents and record type it is about (`scope.py`); assemble the filters; flag clear out-of-scope
cases (`out_of_scope.py`).

Filters that select rows (status, met/missed target, rating) apply to list and count questions
only: in a free question "完成" describes the work, it does not select rows. The status applies to
the progress table only (a KPI has no 辦理等級; 達標 is its filter). An agency with no
role word gets the role `lead` in list and count questions over the progress table, because that
is how council liaisons ask ("社會局的項目有哪些" means the items it leads), and `kpi` in KPI lists.
"""

from collections.abc import Sequence

from assistant.answering.contract import Turn
from assistant.config import Settings
from assistant.errors import QueryError
from assistant.understanding import followup, out_of_scope, wording
from assistant.understanding import intent as intents
from assistant.understanding.facts import KPI_RECORD_TYPES, CorpusFacts
from assistant.understanding.models import Intent, QuestionFilters, Understanding
from assistant.understanding.question import ascii_lower
from assistant.understanding.scope import Scope, kpi_context, resolve
from assistant.understanding.signals import Signals, english_topics, read_signals

MAX_HISTORY = 8
# The same limit as the retriever's and the API's default: reading is linear in the length, but a
# 100 kB paste is not a question.
MAX_QUESTION_CHARS: int = Settings.model_fields["max_question_chars"].default
_SUBJECT_OF = {"progress_item": "item", "strategy_kpi": "kpi", "kpi_result": "kpi", "performance_goal": "goal"}


def understand(question: str, history: Sequence[Turn] | None, facts: CorpusFacts) -> Understanding:
    """How `question` reads, given the earlier turns of the conversation (oldest first)."""
    return _read(question, list(history or [])[-MAX_HISTORY:], facts)[0]


def _read(question: str, history: list[Turn], facts: CorpusFacts) -> tuple[Understanding, Intent]:
    """The understanding and the intent it had before any out-of-scope verdict."""
    if not question or not question.strip():
        raise QueryError("the question is empty")
    if len(question) > MAX_QUESTION_CHARS:
        raise QueryError(f"the question is {len(question)} characters long; the limit is {MAX_QUESTION_CHARS}")
    signals = read_signals(question, facts)
    cue = intents.classify(ascii_lower(signals.text.text), has_subject=bool(signals.nouns),
                           has_row_filter=_has_row_filter(signals),
                           has_kpi=bool(signals.kpi_code or signals.kpi_name))
    prior = _prior(history, facts) if history else None
    follow_up = prior is not None and followup.is_follow_up(signals)
    if follow_up:
        signals = followup.merge(followup.signals_from_filters(prior.filters, signals), signals)
    intent: Intent = cue or (prior.intent if follow_up and prior.intent else "free")
    scope = resolve(signals, facts, intent)
    filters = _filters(signals, scope, intent)
    reason = out_of_scope.kpi_not_in_years(signals, facts) or scope.conflict or _out_of_scope(
        signals, filters, facts, follow_up)
    understanding = Understanding(
        question=question, normalized=signals.text.text, language=signals.text.language,
        intent="out_of_scope" if reason else intent, filters=filters, follow_up=follow_up,
        out_of_scope_reason=reason)
    return understanding, intent


def _prior(history: list[Turn], facts: CorpusFacts) -> followup.PriorReading | None:
    """The previous turn's reading: from its stored filters, else by reading its question again."""
    turn = history[-1]
    stored = followup.parse_turn_filters(turn.filters)
    if stored is not None and stored.intent is not None:
        return stored
    try:
        reread, base_intent = _read(turn.question, history[:-1], facts)
    except QueryError:  # an unreadable earlier turn leaves nothing to follow up on, but is no error now
        return stored
    return followup.PriorReading(stored.filters if stored else reread.filters, base_intent)


def _has_row_filter(s: Signals) -> bool:
    """Something that selects rows, so that 哪些 asks for a list rather than a description."""
    v = s.values
    return bool(s.status or (s.role and s.agencies) or s.labels.category or s.labels.outline or s.goal_code
                or v.wccd or v.rating or v.target_met is not None
                or v.has_co_agency is not None or v.item_no)


def _role(s: Signals, agency: str | None, intent: Intent, scope: Scope) -> str | None:
    if agency is None:
        return None
    kpi = kpi_context(s) or scope.record_type in KPI_RECORD_TYPES
    if s.role == "lead":
        return "kpi" if kpi else "lead"
    if s.role:
        return s.role
    if intent in ("list", "count"):
        if kpi:
            return "kpi"
        if scope.record_type in (None, "progress_item"):
            return "lead"
    return None


def _subject(s: Signals, intent: Intent, record_type: str | None) -> str | None:
    if intent not in ("list", "count"):
        return None
    for noun in ("kpi", "item", "goal"):
        if noun in s.nouns:
            return noun
    return _SUBJECT_OF.get(record_type or "")


def _filters(s: Signals, scope: Scope, intent: Intent) -> QuestionFilters:
    agency = s.agencies[0].name if s.agencies else None
    selects = intent in ("list", "count")
    v = s.values
    return QuestionFilters(
        agency=agency,
        agency_role=_role(s, agency, intent, scope),
        status=s.status if selects and scope.record_type in (None, "progress_item") else None,
        years=sorted(s.years),
        files=scope.files,
        record_type=scope.record_type,
        kpi_code=s.kpi_code,
        kpi_name=s.kpi_name,
        group=s.group or s.labels.theme,
        category=s.labels.category,
        outline=s.labels.outline,
        topic=list(dict.fromkeys([*s.topic, *english_topics(s)])),
        subject=_subject(s, intent, scope.record_type),
        goal_code=s.goal_code,
        goal_name=s.labels.goal_name,
        measures=v.measures,
        budget_items=v.budget_items if scope.record_type == "budget_figure" else [],
        target_met=v.target_met if selects else None,
        rating=v.rating if selects else None,
        wccd=v.wccd,
        has_co_agency=v.has_co_agency,
        item_no=v.item_no,
    )


def _out_of_scope(s: Signals, filters: QuestionFilters, facts: CorpusFacts, follow_up: bool) -> str | None:
    city = out_of_scope.other_city(s.text.text)
    if city:
        return wording.other_city(city)
    if not follow_up and out_of_scope.unrelated(s):
        return wording.unrelated(facts)
    return out_of_scope.values_not_reported(s, filters, facts)
