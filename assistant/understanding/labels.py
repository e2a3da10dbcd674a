"""Named parts of the documents: 類別 and 綱要 of the progress table, themes, 策略目標 and 年度目標.

A quoted label (「性別友善」, 「十七、提升社會住宅服務」, 「發展重點產業」) is compared with every
kind of label the corpus prints, with or without its numbering; the word 類別 or 綱要 nearby decides
a tie. Unquoted text counts only where it cannot be an ordinary phrase: a numbered 類別 as printed,
a 類別 or 綱要 name next to that word, a theme name (優化產業勞動), or a 秘書處 年度目標.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.text.normalize import normalize
from assistant.understanding.facts import CorpusFacts
from assistant.understanding.matching import compact, strip_numbering
from assistant.understanding.question import QuestionText

_QUOTED = re.compile(r"[「『“\"']([^「」『』“”\"'|]{1,40})[」』”\"']")
_CATEGORY_WORD = re.compile(r"類別|category")
_OUTLINE_WORD = re.compile(r"(?<!施政)綱要|outline")
_GOAL_WORD = re.compile(r"策略目標|strategic goal")
MIN_UNQUOTED_CHARS = 3


@dataclass
class Labels:
    category: str | None = None
    outline: str | None = None
    theme: str | None = None  # letter
    goal_name: str | None = None
    performance_goal: bool = False  # goal_name is a 秘書處 年度目標


@lru_cache(maxsize=16)
def _keyed(labels: tuple[str, ...]) -> tuple[tuple[str, str, str, str], ...]:
    """For each label as printed: (label, compact key without numbering, search form, search form
    without numbering); the search form is normalised and lowercased like the question."""
    keyed = []
    for label in labels:
        searched = normalize(label).lower()
        keyed.append((label, compact(strip_numbering(searched)), searched, strip_numbering(searched)))
    return tuple(keyed)


def _claim_first(question: QuestionText, needles: list[tuple[str, str]]) -> str | None:
    """Claim the first needle (text, value) found in the unclaimed text; return its value."""
    text = question.masked
    for needle, value in needles:
        start = text.find(needle)
        if start >= 0:
            question.mask(start, start + len(needle))
            return value
    return None


def find_labels(question: QuestionText, facts: CorpusFacts) -> Labels:
    labels = Labels()
    text = question.masked
    prefer_category = bool(_CATEGORY_WORD.search(text))
    prefer_outline = bool(_OUTLINE_WORD.search(text))
    for match in _QUOTED.finditer(text):
        if _assign(labels, compact(strip_numbering(match.group(1))), facts, prefer_outline):
            question.mask(match.start(), match.end())
    categories = _keyed(facts.categories)
    if labels.category is None:
        needles = [(full, label) for label, _, full, _ in categories]
        if prefer_category:
            needles += [(core, label) for label, _, _, core in categories if len(core) >= MIN_UNQUOTED_CHARS]
        labels.category = _claim_first(question, needles)
    if labels.outline is None and prefer_outline:
        outlines = sorted(_keyed(facts.outlines), key=lambda k: -len(k[3]))
        labels.outline = _claim_first(question, [(core, label) for label, _, _, core in outlines if len(core) >= 2])
    if labels.theme is None:
        themes = _keyed(tuple(facts.themes))
        labels.theme = _claim_first(question, [(full, facts.themes[label]) for label, _, full, _ in themes])
    if labels.goal_name is None:
        goal = _claim_first(question, [(full, label) for label, _, full, _ in _keyed(facts.performance_goals)])
        labels.goal_name, labels.performance_goal = goal, goal is not None
    if labels.goal_name is None and _GOAL_WORD.search(question.masked):
        goals = sorted(_keyed(tuple(facts.goal_names)), key=lambda k: -len(k[2]))
        labels.goal_name = _claim_first(
            question, [(full, label) for label, _, full, _ in goals if len(full) >= MIN_UNQUOTED_CHARS])
    question.claim_any(_CATEGORY_WORD)
    question.claim_any(_OUTLINE_WORD)
    return labels


def _assign(labels: Labels, key: str, facts: CorpusFacts, prefer_outline: bool) -> bool:
    """Give a quoted label to the first kind of label it names exactly; False if it names none."""
    if not key:
        return False
    def named(labels: tuple[str, ...]) -> list[str]:
        return [label for label, compact_key, _, _ in _keyed(labels) if compact_key == key]

    categories, outlines = named(facts.categories), named(facts.outlines)
    themes = [facts.themes[name] for name in named(tuple(facts.themes))]
    performance, goals = named(facts.performance_goals), named(tuple(facts.goal_names))
    if outlines and (prefer_outline or not categories) and labels.outline is None:
        labels.outline = outlines[0]
    elif categories and labels.category is None:
        labels.category = categories[0]
    elif themes and labels.theme is None:
        labels.theme = themes[0]
    elif performance and labels.goal_name is None:
        labels.goal_name, labels.performance_goal = performance[0], True
    elif goals and labels.goal_name is None:
        labels.goal_name = goals[0]
    else:
        return False
    return True
