"""What kind of answer a question wants: list, count, lookup or free text.

Rules, in order (the first that fires wins):
1. count: 幾項 / 幾個 / 多少項 / 項目數 / how many … items|KPIs (not 幾場, 幾人, 幾個月: those ask a value);
2. list: 哪些 / 哪一項 / 列出 / which / list, but only with something to enumerate: a record noun
   (項目, KPI, 指標, 策略目標, items) or a row filter (status, agency role, 類別, 綱要, WCCD, rating …).
   Without one, 哪些 asks for a description (做了哪些事, 有哪些成果) and falls through;
3. free, strong cues: 為什麼 / 如何 / 怎麼 / 做了什麼 / why / how did / what did / what progress;
4. lookup: a value word (目標值, 實際值, 達成值, 達成度, 預算, 決算, 執行率, 多少, 幾%, 幾人, 什麼時候,
   what was the … rate/target/value, how much);
5. free, weak cues: 進度, 情形, 嗎, 內容 …;
6. no cue at all: a record noun with a row filter (社會局主辦的項目) is a list; a KPI code or name
   is a lookup; otherwise nothing (the caller falls back to free, or to the previous turn's intent).
Out of scope is decided elsewhere (`out_of_scope.py`), on top of this reading.
"""

import re

from assistant.understanding.models import Intent

_COUNT = re.compile(
    r"(?a)(?:幾|多少)(?:項|個(?!月|人|小時|星期|禮拜|鐘頭|百分點|%))|項目數|項數|總數|筆數"
    r"|how many(?: \w+){0,3} (?:items?|kpis?|indicators?|goals?|projects?|policies|rows?|entries)"
    r"|(?:number|count|total) of(?: \w+){0,3} (?:items?|kpis?|indicators?|goals?|projects?|policies|rows?)")
_LIST = re.compile(r"(?a)哪些|哪幾|哪一項|哪一些|哪個項目|哪項|列出|列舉|清單|有什麼項目|\bwhich\b|^\s*list\b|\blist (?:all|the|every)\b")
_FREE_STRONG = re.compile(
    r"(?a)為什麼|為何|如何|怎麼|怎樣|做了什麼|做了哪些|做些什麼|做了那些|哪些事|有何(?:作為|措施|進展)"
    r"|\bwhy\b|\bhow (?:did|does|do|is|are|was|were|has|have|will|can)\b|\bwhat (?:did|does|has|have|was done|is being done)\b"
    r"|\bwhat progress\b|\bdescribe\b|\bexplain\b|\btell me about\b")
_LOOKUP = re.compile(
    r"(?a)目標值|實際值|達成值|達成度|達成率|實績|預算|決算|執行率|人事費|員額|多少|幾%|幾成|幾(?:人|場|座|則|次|家|件|位|所|處|戶|床|元|萬)"
    r"|什麼時候|何時|哪一天|哪天|日期|哪一年|是幾"
    r"|\bhow much\b|\bwhen\b|\bwhat (?:was|is|were|are|will be)\b.*\b(?:rates?|targets?|actuals?|values?|budgets?|costs?"
    r"|amounts?|numbers?|figures?|percentages?|shares?|counts?|totals?|ratios?|dates?)\b|\b(?:target|actual) (?:value|for)\b")
_FREE_WEAK = re.compile(r"(?a)進度|情形|情況|狀況|現況|嗎|內容|成果|規劃|計畫|措施|作為|有結果|(?<!in )\bprogress\b|\bstatus of\b")


def classify(text: str, *, has_subject: bool, has_row_filter: bool, has_kpi: bool) -> Intent | None:
    """The intent a question's own words ask for, or None when they say nothing about it.

    `text` is the normalised question, lowercased. `has_subject`: a record noun was read;
    `has_row_filter`: a filter that selects rows was read; `has_kpi`: a KPI code or name was read.
    """
    if _COUNT.search(text):
        return "count"
    if _LIST.search(text) and (has_subject or has_row_filter):
        return "list"
    if _FREE_STRONG.search(text):
        return "free"
    if _LOOKUP.search(text):
        return "lookup"
    if _FREE_WEAK.search(text):
        return "free"
    if has_subject and has_row_filter:
        return "list"
    if has_kpi:
        return "lookup"
    return None
