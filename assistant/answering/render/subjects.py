"""Name what a list or count asked for, in words: 「社會局主辦、狀態為B執行中的政策項目」.

Built from the filters and the records that answered, never from a list of documents: the noun is
the schema's word for the record type, a status is printed as the records print it, a theme or
group by its own name, the document by its title. The same phrase heads the answer, fills the
draft template and says what a zero result means.
"""

from assistant.answering.citations import escape_source_brackets
from assistant.answering.context import Request
from assistant.answering.gather.records import is_about
from assistant.answering.language import agency_label, pick, status_label, year_span
from assistant.linking.schema import GOAL_TYPE, load_schema
from assistant.parsing.models import Record

_ROLE_ZH = {"lead": "主辦", "co": "協辦", "lead_or_co": "主辦或協辦"}
_ROLE_EN = {"lead": "led by", "co": "co-organised by", "lead_or_co": "led or co-organised by"}


def noun(request: Request, record_type: str) -> str:
    """The schema's word for the rows: its first Chinese noun, or its first English one."""
    words = request.sources.vocabulary.schema.nouns.get(record_type, ())
    chinese = [w for w in words if not w.isascii()]
    english = [w for w in words if w.isascii()]
    if request.lang == "en":
        return english[0] if english else "figures"
    return chinese[0] if chinese else "數字"


def _status(request: Request, records: list[Record]) -> str:
    label = next((getattr(r, "status_label", None) for r in records if getattr(r, "status_code", None)
                  == request.filters.status), None)
    if label is None:
        label = next((r.status_label for r in request.sources.memory.of_type("progress_item")
                      if r.status_code == request.filters.status), "")
    return status_label(request.filters.status, label, request.lang)


def _progress(request: Request, records: list[Record]) -> str:
    f, lang = request.filters, request.lang
    agency = agency_label(request.sources.lexicon, f.agency, lang) if f.agency else ""
    role = f.agency_role if f.agency_role in _ROLE_ZH else "lead"
    parts: list[str] = []
    if lang == "en":
        if f.agency and f.with_agencies and f.agency_role == "lead":  # 社會局主辦、衛生局協辦
            others = [agency_label(request.sources.lexicon, a, lang) for a in f.with_agencies]
            parts.append(f"led by {agency} with {' and '.join(others)} as co-organiser")
        elif f.agency and f.with_agencies:
            names = [agency, *(agency_label(request.sources.lexicon, a, lang) for a in f.with_agencies)]
            parts.append(f"involving {' and '.join(names)} together (lead or co-organiser)")
        elif f.agency:
            parts.append(f"{_ROLE_EN[role]} {agency}")
        if f.status:
            parts.append(f"with status {_status(request, records)}")
        for label, value in (("category", f.category), ("outline", f.outline), ("domain", f.domain)):
            if value:
                parts.append(f"in {label} 「{value}」")
        if f.has_co_agency is not None:
            parts.append("with a co-organiser" if f.has_co_agency else "with no co-organiser")
        parts += _lacking(request, "progress_item")
        if f.item_nos:
            parts.append("numbered " + ", ".join(f"#{n}" for n in f.item_nos))
        parts += [f"whose name contains 「{n}」" for n in f.names]
        parts += _about_en(f.about, records)
        return " ".join([noun(request, "progress_item"), *parts])
    if f.agency and f.with_agencies and f.agency_role == "lead":
        others = [agency_label(request.sources.lexicon, a, lang) for a in f.with_agencies]
        parts.append(f"{agency}主辦、{'與'.join(others)}協辦")
    elif f.agency and f.with_agencies:
        names = [agency, *(agency_label(request.sources.lexicon, a, lang) for a in f.with_agencies)]
        parts.append(f"{'與'.join(names)}共同參與（主辦或協辦）")
    elif f.agency:
        parts.append(f"{agency}{_ROLE_ZH[role]}")
    if f.status:
        parts.append(f"狀態為{_status(request, records)}")
    for label, value in (("類別", f.category), ("綱要", f.outline), ("領域", f.domain)):
        if value:
            parts.append(f"{label}為「{value}」")
    if f.has_co_agency is not None:
        parts.append("有協辦機關" if f.has_co_agency else "沒有協辦機關")
    parts += _lacking(request, "progress_item")
    if f.item_nos:
        parts.append("編號" + "、".join(f"#{n}" for n in f.item_nos))
    parts += [f"名稱含「{n}」" for n in f.names]
    parts += _about_zh(f.about, records)
    return ("、".join(parts) + "的" if parts else "") + noun(request, "progress_item")


def _about_zh(about: list[str], records: list[Record]) -> list[str]:
    """名稱或目標提及「X」: where the rows say it, their names or targets (goals), or only their other text."""
    if not about:
        return []
    where = "名稱或目標" if _named_about(about, records) else "工作項目或辦理情形"
    return [f"{where}提及{'或'.join(_quoted(subject) for subject in about)}"]


def _about_en(about: list[str], records: list[Record]) -> list[str]:
    if not about:
        return []
    where = "names, targets or goals" if _named_about(about, records) else "work items or results"
    return [f"whose {where} mention {' or '.join(_quoted(subject) for subject in about)}"]


def _quoted(subject: str) -> str:
    """「新聞聯絡人」: a subject in quotes, each of its words quoted when it must hold them all (「新聞」「訓練」)."""
    return "".join(f"「{word}」" for word in subject.split())


def _field_words(fields: list[str], record_type: str) -> list[tuple[str, str]]:
    """(Chinese word, English word) the schema calls each field of `record_type` in `fields`."""
    words = load_schema().fields.get(record_type, {})
    named = [field.split(".", 1)[1] for field in fields if field.split(".", 1)[0] == record_type]
    return [(next((w for w in words[n] if not w.isascii()), n), next((w for w in words[n] if w.isascii()), n))
            for n in named if n in words]


def _lacking(request: Request, record_type: str) -> list[str]:
    """沒有實際值 / with no actual reported: the fields the rows report nothing in."""
    return [pick(request.lang, f"沒有{zh}", f"with no {en} reported")
            for zh, en in _field_words(request.filters.lacking, record_type)]


def _unchanged(request: Request, record_type: str) -> list[str]:
    """目標值各年相同 / with the same target each year: the fields that held one value through the years."""
    return [pick(request.lang, f"{zh}各年相同", f"with the same {en} each year")
            for zh, en in _field_words(request.filters.unchanged, record_type)]


def _named_about(about: list[str], records: list[Record]) -> bool:
    """Whether the rows are about the subject by name or target (else they only mention it)."""
    return not records or all(is_about(r, about) for r in records)


def _group_name(request: Request, records: list[Record]) -> str:
    """The theme or group as the records name it: 優化產業勞動 (theme D), or D組 for a group deck."""
    f = request.filters
    if not f.group:
        return ""
    theme = next((r.theme_name for r in records if getattr(r, "theme_code", None) == f.group), None)
    if theme:
        return pick(request.lang, f"「{theme}」", f"theme 「{theme}」 ({f.group})")
    return pick(request.lang, f"{f.group}組", f"group {f.group}")


# A catalogue KPI's responsibility shared or not (has_co_agency), said of the agency asked about, or of
# any agency when the ask names none.
_SHARED_EN = {True: " together with another agency", False: " alone"}
_SHARED_ZH = {True: "與其他局處共同", False: "單獨"}
_SHARED_BY_ANY_EN = {True: "with more than one responsible agency", False: "with one responsible agency"}
_SHARED_BY_ANY_ZH = {True: "由多個局處共同主責", False: "由單一局處主責"}


def _kpis(request: Request, record_type: str, records: list[Record]) -> str:
    f, lang = request.filters, request.lang
    years = f.years or sorted({y for r in records if (y := getattr(r, "year_roc", None)) is not None})
    when = year_span(years, lang)
    agency = agency_label(request.sources.lexicon, f.agency, lang) if f.agency else ""
    what = noun(request, record_type)
    group = _group_name(request, records)
    parts: list[str] = []
    if lang == "en":
        if f.goal_code or f.goal_name:
            parts.append(f"under goal {f.goal_code or f.goal_name}")
        if f.agency:
            parts.append(f"with {agency} responsible{_SHARED_EN.get(f.has_co_agency, '')}")
        elif f.has_co_agency is not None:
            parts.append(_SHARED_BY_ANY_EN[f.has_co_agency])
        if f.perspective:
            parts.append(f"in the {'/'.join(f.perspective)} perspective")
        if f.wccd:
            parts.append("marked WCCD")
        if f.target_met is not None:
            parts.append("that met their target" if f.target_met else "that did not meet their target")
        if f.rating:
            parts.append(f"rated 「{f.rating}」")
        parts += _lacking(request, record_type) + _unchanged(request, record_type)
        parts += [f"with {c.text}" for c in f.year_compare]
        parts += _about_en(f.about, records)
        parts += [f"with {text}" for text in dict.fromkeys(t.text for t in f.thresholds)]
        parts += [f"with the {f.superlative.text}"] if f.superlative else []
        return " ".join(p for p in (when, group, what, *parts) if p)
    if f.goal_code or f.goal_name:
        parts.append(f"策略目標{f.goal_code or ''}{'「' + f.goal_name + '」' if f.goal_name else ''}之下")
    if f.agency:
        parts.append(f"{agency}{_SHARED_ZH.get(f.has_co_agency, '')}主責")
    elif f.has_co_agency is not None:
        parts.append(_SHARED_BY_ANY_ZH[f.has_co_agency])
    if f.perspective:
        parts.append(f"{'、'.join(f.perspective)}構面")
    if f.wccd:
        parts.append("屬WCCD指標")
    if f.target_met is not None:
        parts.append("達成目標值" if f.target_met else "未達目標值")
    if f.rating:
        parts.append(f"自評燈號為「{f.rating}」")
    parts += _lacking(request, record_type) + _unchanged(request, record_type)
    parts += [c.text for c in f.year_compare]
    parts += _about_zh(f.about, records)
    parts += list(dict.fromkeys(t.text for t in f.thresholds))
    parts += [f.superlative.text] if f.superlative else []
    return when + group + ("、".join(parts) + "的" if parts else "") + what


def describe(request: Request, record_type: str, records: list[Record]) -> str:
    """The asked-for set as a noun phrase in the answer language (names in it escaped as source text)."""
    return escape_source_brackets(_describe(request, record_type, records))


def _describe(request: Request, record_type: str, records: list[Record]) -> str:
    if record_type == "progress_item":
        return _progress(request, records)
    if record_type in ("strategy_kpi", "kpi_result", GOAL_TYPE):
        return _kpis(request, record_type, records)
    files = sorted({r.file for r in records}) or request.filters.files
    title = "、".join(f"《{request.sources.title(f)}》" for f in files)
    return pick(request.lang, f"{title}的{noun(request, record_type)}", f"the {noun(request, record_type)} of {title}")
