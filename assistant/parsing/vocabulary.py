"""Words our data defines, for the segmenter's user dictionary: KPI names, item names, categories.

Without them jieba splits a KPI name such as 長青樂齡 or an item's key phrase into fragments that
match unrelated text.
"""

import re

from assistant.parsing.models import Record

_NUMBERING = re.compile(r"^[\d一二三四五六七八九十百]+[、.．]\s*")
_SPLIT = re.compile(r"[\s，,、。；;：:（）()「」『』/／]+")
MAX_TERM_CHARS = 12
MIN_TERM_CHARS = 2


def record_terms(records: list[Record]) -> list[str]:
    """Distinct short names from the records' name fields, in first-seen order."""
    terms: dict[str, None] = {}
    for record in records:
        data = record.fields()
        for field in ("item_name", "category", "kpi_name", "goal_name", "theme_name", "item", "goal"):
            value = data.get(field)
            if not isinstance(value, str):
                continue
            for piece in _SPLIT.split(_NUMBERING.sub("", value.strip())):
                if MIN_TERM_CHARS <= len(piece) <= MAX_TERM_CHARS and not piece.isascii():
                    terms[piece] = None
    return list(terms)
