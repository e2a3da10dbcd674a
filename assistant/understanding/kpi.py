"""KPI codes and names in a question, checked against the KPIs the corpus holds.

Codes (`DC2.1`, `ＥＰ5.1` after width folding, `dp3.1`) are read case-insensitively; a code without
its `.n` (`DP3`) is a 策略目標 code. Action-plan codes (`DP3.4.1`) are not KPI codes.

Names match on the compact form (see `matching.py`): a KPI name contained in the question wins;
otherwise the longest stretch shared with a KPI name counts when it is at least 4 characters,
60% of the name, and names only that KPI (`資本支出預算達成率` for `各機關(基金)資本支出預算達成率`;
but `預算執行率` ends a dozen KPI names, so it names none). The matched stretch is claimed, so words
inside a KPI name (完成, 預算) are not read again as status or scope.
"""

import re
from dataclasses import dataclass

from assistant.understanding.facts import GRAM, CorpusFacts
from assistant.understanding.matching import compact_with_positions, grams, longest_common_substring, name_keys
from assistant.understanding.question import MASK, QuestionText

_CODE = re.compile(r"(?<![a-z0-9.])([a-ht][cplf])(\d{1,2})(?:\.(\d{1,2}))?(?!\.?\d)")
MIN_NAME_CHARS = 3
MIN_SHARED_CHARS = 4
MIN_SHARED_SHARE = 0.6


@dataclass(frozen=True)
class KpiCodes:
    kpi_code: str | None = None
    goal_code: str | None = None


def find_codes(question: QuestionText, facts: CorpusFacts) -> KpiCodes:
    """The first KPI code and the first goal code the corpus knows, claimed in the question."""
    kpi_code = goal_code = None
    for match in question.claim(_CODE):
        prefix, number, sub = match.group(1).upper(), match.group(2), match.group(3)
        if sub is not None and kpi_code is None and f"{prefix}{number}.{sub}" in facts.kpi_codes:
            kpi_code = f"{prefix}{number}.{sub}"
        elif sub is None and goal_code is None and f"{prefix}{number}" in facts.goal_codes:
            goal_code = f"{prefix}{number}"
    return KpiCodes(kpi_code, goal_code)


def find_name(question: QuestionText, facts: CorpusFacts) -> str | None:
    """The KPI name the question refers to (as a record prints it), or None.

    Every KPI name contained in the question is claimed (the longest is returned), so that none
    of their words is read again; a partial match is tried only when no name is contained.
    """
    text, positions = compact_with_positions(question.masked, keep=MASK)
    contained = sorted(((text.find(key), key) for key in facts.kpi_keys
                        if len(key) >= MIN_NAME_CHARS and key in text), key=lambda hit: (-len(hit[1]), hit[0]))
    claimed: list[tuple[int, int]] = []
    for start, key in contained:
        end = start + len(key)
        if all(end <= s or start >= e for s, e in claimed):
            claimed.append((start, end))
            question.mask(positions[start], positions[end - 1] + 1)
    if contained:
        return _printed(contained[0][1], facts)
    best: tuple[int, float, int, str] | None = None  # (shared chars, share of the name, start, key)
    for key in {key for gram in grams(text, GRAM) for key in facts.key_grams.get(gram, ())}:
        shared, start = longest_common_substring(text, key)
        share = shared / len(key)
        if (shared >= MIN_SHARED_CHARS and share >= MIN_SHARED_SHARE and (best is None or (shared, share) > best[:2])
                and _names_one_kpi(text[start : start + shared], facts)):
            best = (shared, share, start, key)
    if best is None:
        return None
    shared, _, start, key = best
    question.mask(positions[start], positions[start + shared - 1] + 1)
    return _printed(key, facts)


def _printed(key: str, facts: CorpusFacts) -> str:
    """One printed name for a key, the same every time (documents differ in punctuation)."""
    return min(facts.kpi_keys[key], key=lambda name: (len(name), name))


def _names_one_kpi(fragment: str, facts: CorpusFacts) -> bool:
    """True when every KPI name containing `fragment` is the same name, give or take a parenthesis."""
    names = {name for key, names in facts.kpi_keys.items() if fragment in key for name in names}
    return len({name_keys(name)[-1] for name in names}) == 1


def find_name_in_terms(terms: list[str], facts: CorpusFacts) -> str | None:
    """A KPI name given exactly by a glossary term (an English question's `unemployment rate` → 失業率)."""
    for term in terms:
        if term in facts.kpi_keys:
            return _printed(term, facts)
    return None
