"""Clear cases where the corpus cannot answer, decided from the reading alone.

Only clear cases are flagged here; weak retrieval and empty record queries are the answering
stage's to judge (an agency with no rows is answered with "none", not refused here). Checks:
- the years asked about are outside every document, or outside the documents the question names
  (decided in `scope.resolve`);
- the question is about another city (it opens with 新北市…, or says `in Taichung`, `New Taipei's`)
  and does not also name 臺北;
- nothing in the question ties it to the corpus: no agency, record word, label, KPI, document name,
  or any content word the corpus uses;
- a KPI named together with years in which the corpus has no such KPI, and the documents of those
  years never mention it (112年的失業率);
- a KPI value asked for in a document and year that reports no such value at all (the 107 strategy
  map has no values; 110 E組 and 109–111 D組 have targets but no actuals).
"""

import re

from assistant.text.normalize import normalize
from assistant.understanding import wording
from assistant.understanding.facts import KPI_RECORD_TYPES, CorpusFacts
from assistant.understanding.matching import compact
from assistant.understanding.models import QuestionFilters
from assistant.understanding.scope import matching_kpis
from assistant.understanding.signals import Signals

_CITIES = ("新北市|新北|桃園市|桃園|臺中市|臺中|臺南市|臺南|高雄市|高雄|基隆市|基隆|新竹市|新竹縣|新竹|嘉義市|嘉義縣|"
           "宜蘭縣|花蓮縣|臺東縣|屏東縣|苗栗縣|彰化縣|南投縣|雲林縣|澎湖縣|金門縣|連江縣")
_ENGLISH_CITIES = "new taipei|taoyuan|taichung|tainan|kaohsiung|keelung|hsinchu|chiayi|yilan|hualien|taitung|pingtung"
# The other city must be what the question is about: its first words, or `New Taipei's …`, `in Taichung`.
_OTHER_CITY = re.compile(
    rf"^(?:請問|我想知道|想問)?\s*({_CITIES})"
    rf"|(?:\b(?:in|of|for) )({_ENGLISH_CITIES})(?![a-z])|(?<![a-z])({_ENGLISH_CITIES})(?:'s| city government)")
_TAIPEI = re.compile(r"(?<!新)臺北|(?<!新)北市|本府|(?<!new )taipei")
VALUE_MEASURES = ("target", "actual", "achievement")


def other_city(text: str) -> str | None:
    """The other city a question is about, when it does not also name 臺北."""
    lowered = text.lower()
    match = _OTHER_CITY.search(lowered)
    if not match or _TAIPEI.search(lowered):
        return None
    return next(g for g in match.groups() if g)


def unrelated(signals: Signals) -> bool:
    """No evidence at all that the question is about the corpus."""
    return not signals.evidence


def kpi_not_in_years(s: Signals, facts: CorpusFacts) -> str | None:
    """Years were named with a KPI the corpus has only in other years, and those years' documents never name it."""
    if not s.years or not (s.kpi_name or s.kpi_code):
        return None
    everywhere = set(facts.documents)
    if matching_kpis(s, facts, everywhere, set(s.years)):
        return None
    needle = compact(normalize(s.kpi_name)) if s.kpi_name else (s.kpi_code or "").lower()
    year_files = [f for f, d in facts.documents.items() if set(s.years) & set(d.covers_roc)]
    if any(needle in facts.file_text.get(f, "") for f in year_files):
        return None
    reported: dict[str, set[int]] = {}
    for kpi in matching_kpis(s, facts, everywhere, set()):
        reported.setdefault(kpi.file, set()).add(kpi.year_roc)
    if not reported:
        return None
    return wording.kpi_not_in_years(s.kpi_name or s.kpi_code or "", s.years, reported, facts)


def values_not_reported(s: Signals, filters: QuestionFilters, facts: CorpusFacts) -> str | None:
    """A KPI value asked for where no KPI of that document and year reports that kind of value."""
    measures = [m for m in filters.measures if m in VALUE_MEASURES]
    if not measures or filters.record_type not in KPI_RECORD_TYPES:
        return None
    files = set(filters.files) or {f for rt in KPI_RECORD_TYPES for f in facts.files_with(rt)}
    asked = matching_kpis(s, facts, files, set(filters.years))
    if not asked:
        return None
    pairs = {(k.file, k.year_roc) for k in asked}
    if any(m in k.reported for k in facts.kpis if (k.file, k.year_roc) in pairs for m in measures):
        return None
    where = "、".join(f"{wording.document_label(facts.documents[f])}{y}年" for f, y in sorted(pairs))
    having: dict[str, set[int]] = {}
    for kpi in facts.kpis:
        if any(m in kpi.reported for m in measures):
            having.setdefault(kpi.file, set()).add(kpi.year_roc)
    held = "；".join(f"{wording.document_label(facts.documents[f])}{wording.year_span(ys)}"
                     for f, ys in sorted(having.items()))
    return wording.values_not_reported(measures, where, f"有列出的是：{held}。" if held else "")
