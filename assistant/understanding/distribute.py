"""A count (or list) asked of each of several coordinated things is one count (or list) per thing.

「KPI跟行動計畫各剩下幾項？」 asks two numbers, 「D組108年和E組109年的策略地圖各有幾項KPI？」 two, and
`how many strategic goals, KPIs and policy priorities does theme F have?` three. The question is
rewritten into one sentence per thing before it is planned, so each is an ask of its own with the rest
of the clause (「行動計畫剩下幾項」), and the asks that follow the first inherit its scope as any later
ask does. A list asked of each (工務局和社會局各有哪些項目) is distributed alike. Values are not:
「預算、決算跟執行率各是多少」 asks the values of one table, whose rows one ask answers together.
"""

import re

from assistant.understanding.question import detect_language

_COORDINATOR = r"(?:以及|跟|和|與|及|、)"
_SENTENCE = re.compile(r"[^。?？!！;；\n]+")
_ITEM = r"[^,，。?？!！;；\s各]+?"
# 〈things joined by 跟/和/、〉〈a head they share, after 的〉〈a localizer and a comma〉各〈the count or list asked
# of each〉: E組109年的成果和D組108年的成果裡，各有哪些KPI沒有達標
_EACH_ZH = re.compile(
    rf"(?P<items>{_ITEM}(?:{_COORDINATOR}{_ITEM})+)(?P<shared>的[^,，。?？!！;；\s各]{{1,8}}?)?"
    r"(?P<place>(?:裡|中|內|當中|之中)?[,，]\s*)?各"
    r"(?P<rest>[^,，。?？!！;；]*?(?:(?:幾|多少)\s*[項個筆條種]|哪些|哪幾)[^,，。?？!！;；]*)$")
_ITEM_SPLIT = re.compile(_COORDINATOR)
# how many 〈A, B and C〉〈the verb phrase they share〉
_EACH_EN = re.compile(
    r"(?i)(?P<pre>\bhow many )(?P<items>[a-z][\w\-]*(?: [\w\-]+){0,3}(?:, [a-z][\w\-]*(?: [\w\-]+){0,3})*,? and "
    r"[a-z][\w\-]*(?: [\w\-]+){0,3}?)(?P<rest> (?:does|do|did|are|were|is|was|has|have|had|in|under|for|at)\b[^?]*)")
_ITEM_SPLIT_EN = re.compile(r",? and |, ")
_MOST_ITEMS = 6  # more things than this in one clause is a name with commas, not a list to count each of


def distribute_each(text: str) -> str:
    """`text` (normalised) with every count or list asked of each of several things written as one per thing."""
    return _distribute_en(text) if detect_language(text) == "en" else _distribute_zh(text)


def _distribute_zh(text: str) -> str:
    out, position = [], 0
    for sentence in _SENTENCE.finditer(text):
        match = _EACH_ZH.search(sentence.group())
        items = _ITEM_SPLIT.split(match.group("items")) if match else []
        if not match or not 2 <= len(items) <= _MOST_ITEMS or not all(items):
            continue
        items = _sharing_the_last_object(items)
        before = sentence.group()[:match.start()]
        shared, place, rest = match.group("shared") or "", match.group("place") or "", match.group("rest")
        # an item already holding the head they share (A組的報告和B組的報告) takes it once
        asks = "？".join(f"{before if n == 0 else ''}{item}{'' if shared and item.endswith(shared[1:]) else shared}"
                        f"{place}{rest}" for n, item in enumerate(items))
        out.append(text[position:sentence.start()] + asks)
        position = sentence.end()
    return "".join(out) + text[position:] if out else text


def _sharing_the_last_object(items: list[str]) -> list[str]:
    """Coordinated verbs sharing the object only the last one states (達成跟沒達成109年目標): an earlier
    item that the last holds, with words after it there, takes those words (達成109年目標)."""
    last = items[-1]
    shared = []
    for item in items[:-1]:
        at = last.find(item)
        shared.append(item + last[at + len(item):] if at >= 0 and at + len(item) < len(last) else item)
    return [*shared, last]


def _distribute_en(text: str) -> str:
    match = _EACH_EN.search(text)
    if not match:
        return text
    items = [i.strip() for i in _ITEM_SPLIT_EN.split(match.group("items")) if i.strip()]
    if not 2 <= len(items) <= _MOST_ITEMS or any(re.search(r"(?i)\bhow many\b", i) for i in items):
        return text
    asks = "? ".join(f"{match.group('pre') if n == 0 else 'how many '}{item}{match.group('rest')}"
                     for n, item in enumerate(items))
    return text[:match.start()] + asks + text[match.end():]

