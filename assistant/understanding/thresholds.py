"""Bounds on a numeric field, stated after its field word (達成度超過100%, 實際值低於 50, 得分在90以上) or
before it (more than 120% achievement, 超過100%的達成度);
and its extremes: 達成度最高, the lowest achievement.

The field word is the schema's (the reader links it); this module reads only the comparison beside
it: a comparative (超過, 高於, 低於, 不到, at least …) before the number, or 以上/以下 after it.
"""

import re

from assistant.understanding.models import Superlative, Threshold

_NUMBER = r"(?P<value>-?\d+(?:\.\d+)?)\s*%?"
# The comparatives that may stand before a number (最多 only after the field word: before it, "the most").
_COMPARATIVES_ZH = r"超過|高於|大於|多於|逾|不低於|不少於|至少|低於|小於|少於|不到|未滿|未達|不足|不超過"
_COMPARATIVES_EN = r"over|above|more than|greater than|at least|below|under|less than|at most"
_BEFORE = re.compile(
    rf"^\s*(?:[是為在有])?\s*(?P<op>{_COMPARATIVES_ZH}|最多|(?:is |was |are )?(?:{_COMPARATIVES_EN}))\s*" + _NUMBER)
_AFTER = re.compile(r"^\s*(?:[是為在達有])?\s*" + _NUMBER + r"\s*(?P<op>以上|以下|或以上|或以下|(?:or )?(?:more|less))")
# …or before it, as English words it (more than 120% achievement) and Chinese may (超過100%的達成度).
_BEFORE_FIELD = re.compile(rf"(?P<op>{_COMPARATIVES_ZH}|{_COMPARATIVES_EN})\s*" + _NUMBER + r"\s*(?:的|of )?\s*$")
_OPS = {"超過": ">", "高於": ">", "大於": ">", "多於": ">", "逾": ">", "over": ">", "above": ">", "more than": ">",
        "greater than": ">", "不低於": ">=", "不少於": ">=", "至少": ">=", "at least": ">=", "以上": ">=",
        "或以上": ">=", "more": ">=", "or more": ">=", "低於": "<", "小於": "<", "少於": "<", "不到": "<", "未滿": "<",
        "未達": "<", "不足": "<", "below": "<", "under": "<", "less than": "<", "不超過": "<=", "最多": "<=",
        "at most": "<=", "以下": "<=", "或以下": "<=", "less": "<=", "or less": "<="}


_HIGHEST_AFTER = re.compile(r"^\s*(?:是|為)?\s*(?P<word>最高|最大|最多|最好|最低|最小|最少|最差)")
_HIGHEST_BEFORE = re.compile(r"(?a)\b(?P<word>highest|largest|greatest|best|top|lowest|smallest|least|worst)\s+$")
_MAX_WORDS = frozenset("最高 最大 最多 最好 highest largest greatest best top".split())


def read_superlative(text: str, field: str, start: int, after: int) -> Superlative | None:
    """The extreme asked of the field word at `start`..`after` (達成度最高, the lowest achievement), if any."""
    match = _HIGHEST_AFTER.match(text[after:])
    if match:
        span = text[start:after + match.end()]
    else:
        match = _HIGHEST_BEFORE.search(text[:start])
        if not match:
            return None
        span = text[match.start():after]
    order = "max" if match.group("word") in _MAX_WORDS else "min"
    return Superlative(field=field, order=order, text=span.strip())


def read_threshold(text: str, field: str, start: int, after: int) -> Threshold | None:
    """The bound stated right after the field word at `start`..`after`, or right before it, if any."""
    rest = text[after:]
    match = _BEFORE.match(rest) or _AFTER.match(rest)
    if match:
        span = text[start:after + match.end()]
    else:
        match = _BEFORE_FIELD.search(text[:start])
        if not match:
            return None
        span = text[match.start():after]
    op = _OPS[re.sub(r"^(?:is|was|are) ", "", match.group("op"))]
    return Threshold(field=field, op=op, value=float(match.group("value")), text=span.strip())
