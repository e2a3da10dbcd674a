"""String helpers for matching question text against names from the records.

Names and questions differ in punctuation, spacing and parentheses (`各機關(基金)資本支出預算達成率`
vs `資本支出預算達成率(EF1.1)`), so matching runs on a compact form: ideographs, ASCII letters and
digits only, lowercased. `compact_with_positions` keeps where each compact character came from, so a
match can be masked in the question.
"""

import re

_KEEP = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaffA-Za-z0-9%]")
_PARENTHESIS = re.compile(r"[(（][^()（）]*[)）]")
_NUMBERING = re.compile(r"^[一二三四五六七八九十百\d]+[、.]\s*")


def compact(text: str) -> str:
    """Ideographs, ASCII letters and digits of `text`, lowercased; everything else dropped."""
    return "".join(c for c in text if _KEEP.match(c)).lower()


def compact_with_positions(text: str, keep: str = "") -> tuple[str, list[int]]:
    """`compact(text)` and, for each of its characters, the index it came from in `text`.

    Characters in `keep` survive too: the reader keeps its mask character, so that a name never
    matches across a span another detector has already claimed.
    """
    chars, positions = [], []
    for index, char in enumerate(text):
        if _KEEP.match(char) or char in keep:
            chars.append(char.lower())
            positions.append(index)
    return "".join(chars), positions


def name_keys(name: str) -> tuple[str, ...]:
    """Compact forms a question may use for `name`: as printed, and without parenthesised asides."""
    keys = [compact(name), compact(_PARENTHESIS.sub("", name))]
    return tuple(dict.fromkeys(k for k in keys if k))


def strip_numbering(label: str) -> str:
    """`十七、提升社會住宅服務` → `提升社會住宅服務`; other text unchanged."""
    return _NUMBERING.sub("", label.strip())


def grams(text: str, size: int) -> set[str]:
    """Every substring of `text` of length `size`."""
    return {text[i : i + size] for i in range(len(text) - size + 1)}


def longest_common_substring(a: str, b: str) -> tuple[int, int]:
    """(length, start in `a`) of the longest substring shared by `a` and `b`; (0, 0) when none."""
    best, best_end = 0, 0
    previous = [0] * (len(b) + 1)
    for i, char in enumerate(a, start=1):
        current = [0] * (len(b) + 1)
        for j, other in enumerate(b, start=1):
            if char == other:
                current[j] = previous[j - 1] + 1
                if current[j] > best:
                    best, best_end = current[j], i
        previous = current
    return best, best_end - best
