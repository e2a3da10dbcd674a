"""What a question asks to see or to filter on, beyond agency, status and scope.

- measures: which KPI values (目標值, 實際值/達成值, 達成度, 自評燈號, 總得分);
- budget items: rows of the 秘書處 budget and staffing tables, by the words a user types for them;
- KPI filters: met or missed target (達標/未達標), 自評燈號 rating, WCCD;
- progress-table filters: no co-agency (沒有協辦機關), an item number (第31項, #31).
Order matters: `目標達成度` is an achievement, not a target, and `沒有達到目標值` is a filter, not a
request for the target value; each pattern claims its words before the shorter ones run.
"""

import re
from dataclasses import dataclass, field

from assistant.understanding.question import QuestionText

_GAP = r"(?:\d{2,4}年度?|[|\s])*"  # a year (or the mask of a claimed one) inside the phrase: 達成109年目標值
_MISSED = re.compile(
    rf"(?:沒有|沒|未能|未|不)(?:達到|達成|達){_GAP}(?:年度)?目標值?|未達標|沒有?達標|不達標|未達成"
    r"|did not (?:meet|reach|achieve)\w*(?: (?:the|its|their))? targets?|missed(?: (?:the|its|their))? targets?"
    r"|(?:not|never) met|below (?:the )?target|fell short")
_MET = re.compile(
    rf"(?:達成|達到){_GAP}(?:年度)?目標值?|已?達標"
    r"|(?:met|meet|reached|achieved)(?: (?:the|its|their))? targets?|on target")
_RATING = re.compile(
    r"(?:自評燈號|燈號|自評|評等|評分等級|rat(?:ed|ing))[^,，。?？]{0,6}?[「『\"“]?"
    r"(優|良好|良|可|差|不明|excellent|good|fair|poor)(?![a-z])")
_RATING_WORDS = {"良好": "良", "excellent": "優", "good": "良", "fair": "可", "poor": "差"}
_WCCD = re.compile(r"wccd")
_NO_CO = re.compile(r"(?:沒有|無|未有|不含|未列)(?:任何)?協辦(?:機關|單位|局處)?"
                    r"|(?:no|without(?: a| any)?) co-?(?:organi[sz]\w*|agenc\w*)")
_HAS_CO = re.compile(r"有協辦(?:機關|單位|局處)")
_ITEM_NO = re.compile(r"(?a)第\s*(\d{1,3})\s*項(?!目)|#\s*(\d{1,3})(?!\d)|項次\s*(\d{1,3})|\bitem\s*(?:no\.?|#)?\s*(\d{1,3})\b")

_MEASURES: list[tuple[str, re.Pattern[str]]] = [
    ("achievement", re.compile(r"目標達成度|達成度|達成率|achievement(?: rate)?")),
    ("actual", re.compile(r"實際達成值|實際值|達成值|實績|實際|actuals?|achieved value")),
    ("target", re.compile(r"目標值|目標|targets?")),
    ("rating", re.compile(r"自評燈號|燈號|ratings?")),
    ("score", re.compile(r"總得分|得分|加權平均|scores?")),
]

# Words a user types for a row of the 秘書處 tables → the row label as printed (kept if the corpus has it).
_BUDGET_WORDS: list[tuple[str, str]] = [
    (r"人事費占決算(?:比例|比率)?|人事費比例|人事費占比|share of personnel costs?", "人事費占決算比例"),
    (r"人事費|人事成本|personnel (?:costs?|expenses?)", "人事費"),
    (r"約聘僱(?:人員)?|約聘雇(?:人員)?|約聘人員|contract(?:ed)? (?:staff|employees)", "約聘僱人員"),
    (r"技工工友|技工|工友|technicians?|janitors?", "技工工友"),
    (r"警員|police officers?", "警員"),
    (r"職員|civil servants? on staff|officials", "職員"),
    (r"員額|總人數|人數合計|合計|人力|headcount|total staff|staff(?:ing)? (?:total|number)", "合計"),
    (r"預算執行率|執行率|(?:budget )?execution rate", "執行率"),
    (r"決算|final accounts?|actual (?:spending|expenditure)", "決算"),
    (r"預算|budget", "預算"),
]
_BUDGET = [(re.compile(pattern), item) for pattern, item in _BUDGET_WORDS]


@dataclass
class Values:
    measures: list[str] = field(default_factory=list)
    budget_items: list[str] = field(default_factory=list)
    target_met: bool | None = None
    rating: str | None = None
    wccd: bool | None = None
    has_co_agency: bool | None = None
    item_no: int | None = None


def find_filters(question: QuestionText, values: Values) -> None:
    """Claim the filter phrases (met/missed target, rating, WCCD, co-agency, item number) into `values`.

    Runs before the record nouns, so 沒有達成年度目標 is a missed target and not a 年度目標.
    """
    if question.claim_any(_MISSED):
        values.target_met = False
    elif question.claim_any(_MET):
        values.target_met = True
    for match in question.claim(_RATING):
        word = match.group(1)
        values.rating = _RATING_WORDS.get(word, word)
        values.measures.append("rating")
    if question.claim_any(_WCCD):
        values.wccd = True
    if question.claim_any(_NO_CO):
        values.has_co_agency = False
    elif question.claim_any(_HAS_CO):
        values.has_co_agency = True
    for match in question.claim(_ITEM_NO):
        values.item_no = int(next(g for g in match.groups() if g))
        break


def find_measures(question: QuestionText, values: Values, known_budget_items: tuple[str, ...]) -> None:
    """Claim the value words into `values`; budget items only as the corpus prints them."""
    for pattern, item in _BUDGET:
        if question.claim_any(pattern) and item in known_budget_items and item not in values.budget_items:
            values.budget_items.append(item)
    for measure, pattern in _MEASURES:
        if question.claim_any(pattern) and measure not in values.measures:
            values.measures.append(measure)
    return values
