"""One normal form for every passage and query, so that the same words match however they were typed.

The corpus mixes full-width and ASCII forms (`３`, `Ｄ`, `％`), 台 and 臺, HTML and markdown markup,
and spaces that line wrapping left inside words (`總金 牌數`, `速處 輿情 反映`). Indexing and querying
both go through `normalize`, so it must be cheap: every pattern is compiled once, at import.

Tabs and newlines are structure (table cells, lines), not wrapping, so a whitespace run that holds
one survives as a single tab or newline; only runs of plain spaces are dropped between two CJK characters.
"""

import re
import unicodedata
from functools import lru_cache

# Ideographs (with extension A and compatibility forms), and with them CJK punctuation such as 、。「」.
HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK = r"\u3000-\u303f" + HAN

_BLOCK_TAG = re.compile(r" *(?:</?(?:p|br|div|li|ul|ol|tr|td|th|table)\b[^<>]*> *)+", re.IGNORECASE)
_INLINE_TAG = re.compile(r"</?(?:b|i|u|em|strong|sup|sub|span|font)\b[^<>]*>", re.IGNORECASE)
_BOLD = re.compile(r"\*\*")
_HEADING = re.compile(r"^[ \t]*#{1,6}(?:[ \t]+|$)", re.MULTILINE)
_ESCAPE = re.compile(r"\\([*_#\[\]()`\\-])")
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
# Full-width letters, digits and the signs used inside numbers and codes (`３`, `Ｄ`, `％`, `．`),
# one character for one. CJK punctuation such as ， stays: `1,000，2,000` is two numbers, not one.
_FULL_ALNUM = {
    chr(code): chr(code - 0xFEE0)
    for code in range(0xFF10, 0xFF5B) if chr(code - 0xFEE0).isalnum()
}
_WIDTH = str.maketrans(
    {**_FULL_ALNUM, "％": "%", "．": ".", "－": "-", "＋": "+", "／": "/", "～": "~", "\u3000": " ", "\u2212": "-"}
)

# Variant forms of one character that Taiwan writes both ways (台/臺, 櫃檯/櫃臺/櫃台, 祕書/秘書, 裏/裡,
# 計劃/計畫, 規劃/規畫): one form each. 巿 (an archaic character the input methods offer beside 市) is a
# look-alike typed for 市 (臺北巿, 都巿發展局): no modern text means it.
_VARIANTS = str.maketrans({"台": "臺", "檯": "臺", "祕": "秘", "裏": "裡", "劃": "畫", "巿": "市"})

_NEWLINE_RUN = re.compile(r"\s*\n\s*")
_TAB_RUN = re.compile(r"[^\S\n]*\t[^\S\n]*")
_SPACE_RUN = re.compile(r"[^\S\n\t]+")
_CJK_GAP = re.compile(rf"(?<=[{CJK}]) (?=[{CJK}])")


def fold_width(text: str) -> str:
    """Full-width ASCII to ASCII without changing the length, so match offsets still fit the input."""
    return text.translate(_WIDTH)


def strip_markup(text: str) -> str:
    """Remove HTML tags, markdown emphasis, heading marks and escapes, keeping the text they wrap.

    Paragraph-level tags (`<p>`, `<br>`) become one space so that paragraphs do not run into each
    other; inline tags (`<b>`, `<sup>1</sup>`, `<sub>2.5</sub>`) vanish and leave their text in place.
    """
    # Each pattern only runs where its marker occurs: most text (and all normalised text, which
    # question reading matches whole corpora of) has none, and a scan of every position is the cost.
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    if "<" in text:
        text = _BLOCK_TAG.sub(" ", text)
        text = _INLINE_TAG.sub("", text)
    if "**" in text:
        text = _BOLD.sub("", text)
    if "#" in text:
        text = _HEADING.sub("", text)
    if " " not in text:
        return text
    # _EDGE_SPACES, cell by cell: spaces at the ends of every line and around every tab.
    return "\n".join("\t".join(cell.strip(" ") for cell in line.split("\t")) for line in text.split("\n"))


def normalize(text: str) -> str:
    """The search form of `text`: NFKC, markup stripped, variants folded (台→臺), wrap spaces between CJK removed.

    Idempotent: `normalize(normalize(x)) == normalize(x)`. Spaces between Latin words and numbers
    are kept (`DC1.1失業率 3.8 3.8`); a space between two CJK characters is taken for a wrap
    artefact and removed (`總金 牌數` → `總金牌數`).
    """
    text = unicodedata.normalize("NFKC", text)
    for char in _INVISIBLE:  # str.replace scans in C; translate looks every character up in a dict
        if char in text:
            text = text.replace(char, "")
    text = strip_markup(text).translate(_VARIANTS)
    if "\n" in text:
        text = _NEWLINE_RUN.sub("\n", text)
    if "\t" in text:
        text = _TAB_RUN.sub("\t", text)
    text = _SPACE_RUN.sub(" ", text).strip()
    return _CJK_GAP.sub("", text) if " " in text else text


# What name matching compares: ideographs, ASCII letters and digits, and the `%` and `.` inside
# figures and codes (3.8%, DC1.1); punctuation, spaces and markup are not part of a name.
_KEY_CHAR = re.compile(rf"[{HAN}A-Za-z0-9%.]")
_NOT_KEY_CHAR = re.compile(rf"[^{HAN}A-Za-z0-9%.]+")


@lru_cache(maxsize=1 << 16)
def match_key(text: str) -> str:
    """The form names are compared in: `normalize`d, lowercased, only name characters kept.

    Memoised: the same record names, passages and sentences are compared question after question.

    `資本支出預算達成率(EF1.1)` and `資本支出預算 達成率（EF1.1）` share one key, so a question matches a
    record's name however either was punctuated or wrapped.
    """
    return _NOT_KEY_CHAR.sub("", normalize(text).lower())


def match_key_with_positions(text: str, keep: str = "") -> tuple[str, list[int]]:
    """`match_key` of already-normalised `text`, and for each key character its index in `text`,
    so a name found in the key can be mapped back to the span of the question it came from.

    Characters in `keep` survive too: a caller keeps its mask character, so that no name matches
    across a span something else has already claimed."""
    chars, positions = [], []
    for index, char in enumerate(text):
        lowered = char.lower()
        if len(lowered) == 1 and (_KEY_CHAR.match(lowered) or lowered in keep):
            chars.append(lowered)
            positions.append(index)
    return "".join(chars), positions
