"""Carry the subject of earlier asks (and earlier turns) into an ask that does not restate it.

Inside one question every ask inherits from the ask before it what it does not state itself:
「教育局主辦幾項、協辦又有幾項」 counts 教育局's co-organised rows, 「108年目標值？109到111年的呢？」
keeps the KPI. Across turns the same happens when the new question reads as a follow-up: it points
back (其中, 這些), opens like one (那…, …呢？), or states no subject of its own (「哪幾項仍在執行？」).

What is inherited:
- the subject: agency and role, record type, documents, years, group, KPI, goal, labels, named
  items and table rows, content words, fields to show;
- the row conditions (status, met target, rating, WCCD, co-agency) only when the ask narrows the
  earlier set (其中, of these): 「達標幾項、沒達標幾項」 are siblings, not a chain.
An inherited slot that contradicts what the ask states is dropped: documents that cover none of the
stated years, a period (a half year) where the ask names its own year or document, a record type the
stated years or noun rule out.

The previous turn's reading comes from `Turn.filters` when the client kept it (the previous
response's `filters`), else from reading `Turn.question` again.
"""

from pydantic import ValidationError

from assistant.linking.vocabulary import SUBJECT_TYPES
from assistant.understanding.models import QuestionFilters, Understanding

SUBJECT_FIELDS = ("agency", "with_agencies", "agency_role", "record_type", "subject", "files", "years", "periods", "group", "kpi_code",
                  "kpi_name", "goal_code", "goal_name", "category", "outline", "domain", "perspective", "items",
                  "names", "about", "rows", "tables", "topic", "item_nos", "measures", "show", "facts")
CONDITION_FIELDS = ("status", "target_met", "rating", "wccd", "has_co_agency", "lacking", "unchanged", "year_compare", "thresholds", "superlative")


def parse_turn_filters(data: dict | None) -> Understanding | None:
    """The reading stored in `Turn.filters` (a response's `filters`), or None when absent or unusable."""
    if not isinstance(data, dict) or not data:
        return None
    try:
        return Understanding.model_validate({k: v for k, v in data.items() if k in Understanding.model_fields})
    except ValidationError:
        pass
    inner = data.get("filters") if isinstance(data.get("filters"), dict) else data
    known = {k: v for k, v in inner.items() if k in QuestionFilters.model_fields}
    if not known:
        return None
    try:
        filters = QuestionFilters.model_validate(known)
    except ValidationError:
        return None
    intent = data.get("intent") if data.get("intent") in ("list", "count", "group", "lookup", "free") else "list"
    return Understanding(question="", normalized="", language="zh", intent=intent, filters=filters)


def _stated(value: object, name: str) -> bool:
    """The slot holds something: a False counts where the slot's default is None (target_met=False, a
    target missed), not where False is the default (compare)."""
    if value is False:
        return QuestionFilters.model_fields[name].default is None
    return value is not None and value != []


def inherit(stated: QuestionFilters, prior: QuestionFilters, narrows: bool,
            covering: dict[str, frozenset[int]], type_years: dict[str, frozenset[int]]) -> QuestionFilters:
    """`stated` with the slots it leaves open taken from `prior`.

    `covering`: file → years it covers; `type_years`: record type → years it has rows for; used to
    drop inherited documents, record types and subjects the stated years rule out."""
    fields = SUBJECT_FIELDS + (CONDITION_FIELDS if narrows else ())
    merged = stated.model_dump()
    taken: set[str] = set()
    for name in fields:
        if not _stated(merged[name], name) and _stated(getattr(prior, name), name):
            merged[name] = getattr(prior, name)
            taken.add(name)
    years = set(stated.years)
    if years and "files" in taken:
        merged["files"] = [f for f in merged["files"] if years & covering.get(f, frozenset())]
    if "periods" in taken and (years or stated.files):
        merged["periods"] = []  # 112年下半年 then 在107年施政綱要裡: a half of another year is not inherited
    if "subject" in taken and merged["subject"] and years and not years & {
            y for t in SUBJECT_TYPES[merged["subject"]] for y in type_years.get(t, frozenset())}:
        merged["subject"] = None  # KPI的…？另外它112年發布了幾則新聞稿？: no KPI is reported in the years asked
    if "record_type" in taken and merged["record_type"]:
        rt = merged["record_type"]
        if (years and not years & type_years.get(rt, frozenset())) or (stated.subject and stated.subject != prior.subject):
            merged["record_type"] = None
            if merged.get("agency_role") == "kpi" and "agency_role" in taken:
                merged["agency_role"] = None
    if narrows and stated.agency and prior.agency and stated.agency != prior.agency:
        if stated.agency_role == "lead" and prior.agency_role != "lead":
            # 協辦的那些裡面，由都發局主辦的: a row has one lead, so the earlier agency is in it as a co-organiser
            merged["with_agencies"] = list(dict.fromkeys([*stated.with_agencies, *prior.with_agencies, prior.agency]))
        else:
            # 這些裡面有跟資訊局合作的: among the rows before, those the new agency also takes part in
            merged["agency"], merged["agency_role"] = prior.agency, prior.agency_role
            merged["with_agencies"] = list(dict.fromkeys([*prior.with_agencies, *stated.with_agencies, stated.agency]))
    if stated.kpi_code and "kpi_name" in taken and stated.kpi_code != prior.kpi_code:
        merged["kpi_name"] = None  # a new code names a new KPI
    if stated.kpi_name and "kpi_code" in taken and stated.kpi_name != prior.kpi_name:
        merged["kpi_code"] = None
    return QuestionFilters.model_validate(merged)
