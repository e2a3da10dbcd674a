"""Everything one question says on its own, before history and scope resolution.

Detectors run in a fixed order on one `QuestionText`, each claiming the words it used:
KPI codes and names → quoted and named labels → agencies → years → row filters (met target,
rating, WCCD, no co-agency, item number) → document hints, groups and record nouns → measures and
budget rows → status → role → English glossary → topic words. The order is what keeps a KPI name's
完成 from becoming a status and 沒有達成年度目標 from becoming a 年度目標.
"""

import re
from dataclasses import dataclass, field

from assistant.understanding import english
from assistant.understanding.agencies import AgencyMention
from assistant.understanding.facts import CorpusFacts
from assistant.understanding.kpi import find_codes, find_name, find_name_in_terms
from assistant.understanding.labels import Labels, find_labels
from assistant.understanding.question import QuestionText
from assistant.understanding.roles import find_role
from assistant.understanding.status import find_status
from assistant.understanding.topics import known_words, topic_words
from assistant.understanding.values import Values, find_filters, find_measures
from assistant.understanding.years import find_years

# Document names → document kind. 策略地圖 is weaker: the group decks have strategy maps too.
_DOCUMENTS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"市政白皮書|白皮書|辦理情形|一覽表|white[- ]?paper"), "progress_table"),
    (re.compile(r"施政綱要"), "strategy_map"),
    (re.compile(r"績效報告|施政計畫"), "performance_report"),
]
_MAP = re.compile(r"策略地圖|strategy map")
_GROUP = re.compile(r"(?a)(?<![a-z])\(?([a-h])\)?\s*組|\bgroup\s*\(?([a-h])\b|\btheme\s*([a-ht])\b|主題\s*([a-ht])(?![a-z])")
# Record nouns: what a list or count enumerates. 政策項目 also names the progress table.
_NOUNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(?a)關鍵績效指標|績效指標|\bkpis?\b|指標|\bindicators?\b"), "kpi"),
    (re.compile(r"(?a)策略目標|年度目標|施政目標|\b(?:strategic |annual )?goals?\b|\bobjectives?\b"), "goal"),
    (re.compile(r"(?a)政策項目|項目|\bitems?\b|\bprojects?\b"), "item"),
]
_POLICY_ITEM = re.compile(r"政策項目")


@dataclass
class Signals:
    """What a question states. Empty or None means "not stated", so history may fill it."""

    text: QuestionText
    kpi_code: str | None = None
    goal_code: str | None = None
    kpi_name: str | None = None
    labels: Labels = field(default_factory=Labels)
    agencies: list[AgencyMention] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    kinds: set[str] = field(default_factory=set)
    weak_map: bool = False
    group: str | None = None
    nouns: set[str] = field(default_factory=set)
    values: Values = field(default_factory=Values)
    status: str | None = None
    role: str | None = None
    english_terms: list[str] = field(default_factory=list)
    topic: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)

    @property
    def states_scope(self) -> bool:
        """The question names its own document, year, group, KPI or label."""
        return bool(self.years or self.kinds or self.weak_map or self.group or self.labels.theme
                    or self.kpi_code or self.goal_code or self.kpi_name or self.labels.category
                    or self.labels.outline or self.labels.goal_name)

    @property
    def has_content(self) -> bool:
        """Anything beyond role, status and intent words: an agency, a scope, a label or a topic."""
        return bool(self.agencies or self.states_scope or self.topic)


def read_signals(question: str, facts: CorpusFacts) -> Signals:
    text = QuestionText(question)
    signals = Signals(text)
    codes = find_codes(text, facts)
    signals.kpi_code, signals.goal_code = codes.kpi_code, codes.goal_code
    signals.kpi_name = find_name(text, facts)
    signals.labels = find_labels(text, facts)
    signals.agencies = facts.agency_finder.find(text)
    signals.years = find_years(text)
    find_filters(text, signals.values)
    if text.claim_any(_POLICY_ITEM):
        signals.nouns.add("item")
        signals.kinds.add("progress_table")
    for pattern, kind in _DOCUMENTS:
        if text.claim_any(pattern):
            signals.kinds.add(kind)
    signals.weak_map = text.claim_any(_MAP)
    for match in text.claim(_GROUP):
        signals.group = next(g for g in match.groups() if g).upper()
        break
    for pattern, noun in _NOUNS:
        if text.claim_any(pattern):
            signals.nouns.add(noun)
    find_measures(text, signals.values, facts.budget_items)
    signals.status = find_status(text)
    signals.role = find_role(text)
    if text.language == "en":
        signals.english_terms = english.find_terms(text.masked)
        if signals.kpi_name is None:
            signals.kpi_name = find_name_in_terms(signals.english_terms, facts)
    signals.topic = topic_words(text, facts.segmenter, facts.vocabulary)
    signals.evidence = _evidence(signals, facts)
    return signals


_STRUCTURAL_TERMS = frozenset("政策項目 目標值 實際值 關鍵績效指標 kpi 指標 策略目標 市政白皮書 辦理情形".split())


def english_topics(signals: Signals) -> list[str]:
    """Glossary words that describe a subject (not the structural words a reader already used)."""
    return [t for t in signals.english_terms if t not in _STRUCTURAL_TERMS]


def _evidence(signals: Signals, facts: CorpusFacts) -> list[str]:
    """What ties the question to the corpus; empty means it names nothing the corpus holds.

    Generous on purpose (a status or role word counts): only a question with none of these is refused.
    """
    found = [m.name for m in signals.agencies]
    found += [v for v in (signals.kpi_code, signals.goal_code, signals.kpi_name, signals.labels.category,
                          signals.labels.outline, signals.labels.theme, signals.labels.goal_name, signals.group) if v]
    found += sorted(signals.kinds) + sorted(signals.nouns) + signals.values.budget_items
    found += [w for w in (signals.status, signals.role) if w]
    v = signals.values
    if v.wccd or v.rating or v.target_met is not None or v.has_co_agency is not None or v.item_no:
        found.append("row filter")
    found += signals.english_terms
    found += known_words(signals.topic, facts.vocabulary)
    return found
