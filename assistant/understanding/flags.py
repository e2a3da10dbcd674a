"""Row filters a question states in words, beyond agency, status and years.

- met or missed target (達標, 未達標, 沒有達到目標值, `did not meet its target`);
- a 自評燈號 rating (燈號為「優」, `rated good`);
- rows with or without a co-agency (沒有協辦機關, `without a co-organiser`);
- an item number (第31項, #31, `item 31`);
- a name filter: what a row's name must contain (名稱有「青年」, 名稱有提到長照, `named … with "youth"`);
- what rows must be about (跟長照有關的, 與托育相關, 關於捷運的, 「智慧城市」相關): `about_phrases`.
Order matters: `沒有達到目標值` is a filter, not a request for the target value, so these run
before field words are read; each pattern claims its words.
"""

import re
from dataclasses import dataclass, field

from assistant.understanding.question import QuestionText

_GAP = r"(?:\d{2,4}年度?的?|[|\s]|的)*"  # a year (or the mask of a claimed one) inside the phrase: 達成109年的目標值
_MISSED = re.compile(
    rf"(?:沒有|沒|未能|未|不)(?:達到|達成|達){_GAP}(?:年度)?目標值?|未達標|沒有?達標|不達標"
    # the target left unsaid (幾項沒達到, 沒達成的): a negated verb of reaching with no figure after it
    r"|(?:未|沒有?|未能)(?:達成|達到)(?![率度\d０-９])"
    r"|(?:did not|didn't|failed to|fails? to) (?:meet|reach|achieve|hit)\w*(?: (?:the|its|their))?(?: [\w|()]+){0,3}? targets?"
    r"|\bmiss(?:ed|es|ing)?(?: (?:the|its|their))?(?: [\w|()]+){0,3}? targets?"
    # the target left unsaid, as the rows are what was missed (which KPIs did the group miss in 2020)
    r"|\bmiss(?:ed|es)?(?=\s*(?:[?.,;]|$|(?:in|for|during|by)\b))"
    # came in under, fell below, stayed short of (the) target: any verb of ending up, then a word of falling short
    r"|\b(?:under|below|short of)(?: (?:the|its|their))?(?: [\w|()]+){0,2}? targets?"
    r"|(?:not|never) met|fell short")
# Whether a target was met, asked A-not-A or with 是否 (有沒有達到目標, 是否達標): a question about
# the rows, not a filter on them; claimed first so that its 沒有達到目標 is not read as one.
_WHETHER = re.compile(rf"(?:有沒有|有無|是否|是不是|有否)(?:全部|全都|都|均|皆)*(?:有)?(?:達到|達成|達){_GAP}(?:年度)?(?:目標值?|標)"
                      # …or closed by the yes/no particle 嗎 (有達到目標嗎, 達標了嗎)
                      rf"|(?:有|已經?)?(?:達到|達成|達){_GAP}(?:年度)?(?:目標值?|標)了?\s*[嗎吗]"
                      # …or of a figure the ask states (有沒有達到80%, 有守住3.8%嗎): the target it names
                      r"|(?:有沒有|有無|是否|是不是)(?:有)?(?:達到|達成|守住|維持在?)\s*-?\d+(?:\.\d+)?\s*%?"
                      r"|(?:有|已經?)?(?:達到|達成|守住|維持在?)\s*-?\d+(?:\.\d+)?\s*%?(?:以[上下])?了?\s*[嗎吗]"
                      # …or with the target left unsaid (有沒有達到？, 達成了嗎)
                      r"|(?:有沒有|有無|是否|是不是)(?:達到|達成)(?![率度\d０-９])|(?:有|已經?)?(?:達到|達成)了?\s*[嗎吗]")
_MET = re.compile(
    rf"(?:有|已)?(?:達成|達到){_GAP}(?:年度)?目標值?|已?達標|(?:有|已)(?:達成|達到)(?![率度\d０-９])"
    r"|(?:met|meet|reached|achieved)(?: (?:the|its|their))?(?: [\w|]+){0,2}? targets?|on target")
# A verb of reaching just before a target word (有達到周轉率目標嗎, `did it hit its turnover target`):
# whether the target was reached is asked, which the results answer beside the target.
_REACH_BEFORE = re.compile(r"(?:達到|達成|\bhit|\breach(?:ed)?|\bmeet|\bmet|\bachieved?)"
                           r"(?:[^\s,，。?？的]{0,4}|(?: [a-z]+){0,3})\s*$")  # a measure word may stand between
_RATING = re.compile(
    r"(?:自評燈號|燈號|自評|評等|評分等級|rat(?:ed|ing))[^,，。?？]{0,6}?[「『\"“]?"
    r"(優|良好|良|可|差|不明|excellent|good|fair|poor)(?![a-z])"
    # a rating quoted alone names itself: 拿到「優」的有幾項; so does one with its scorecard mark (★優, ●(良)),
    # and one a verb of being rated or receiving takes (評為優, 拿到良)
    r"|[「『“](優|良好|良|可|差)[」』”]|[★●▲×]\s*[(（]?(優|良好|良|可|差)"
    r"|(?:評為|評定為|拿到|獲得|得到)[「『“]?(優|良好|良|可|差)(?=[的之等」』”，,。?？\s]|$)"
    # English puts the rating before its noun: an 'excellent' (★) self-rating
    r"|(?<![a-z])(excellent|good|fair|poor)['\"”’]?\s*(?:\([^()]{0,6}\)\s*)?(?:self-?)?rat(?:ing|ed)\b")
_RATING_WORDS = {"良好": "良", "excellent": "優", "good": "良", "fair": "可", "poor": "差"}
_NO_CO = re.compile(r"(?:沒有|無|未有|不含|未列)(?:任何)?(?:其他)?(?:協辦|合作)(?:機關|單位|局處)?"
                    r"|(?:no|without(?: a| any)?) co-?(?:organi[sz]\w*|agenc\w*)")
_HAS_CO = re.compile(r"有協辦(?:機關|單位|局處)|有其他(?:局處|機關|單位)協辦|(?:with|has|have) (?:a )?co-?(?:organi[sz]\w*|agenc\w*)")
# 第31項, 第30到34項, 第30、31項, 項次30-34, #30–34, items 30 to 34: the 政策項目 numbers asked about; a range
# gives every number in it, a list each of its numbers. A number followed by 年 or a unit is no item's.
_RANGE_JOIN = r"(?:到|至|~|～|-|–|—|\s+to\s+|\s+through\s+)"
_LIST_JOIN = r"(?:、|,|，|和|及|與|跟|或|\s+and\s+|\s+or\s+)"
_ITEM_NUMBERS = rf"\d{{1,3}}(?:\s*(?:{_RANGE_JOIN}|{_LIST_JOIN})\s*(?:第|#)?\s*\d{{1,3}}(?![\d年.%]))*"
_ITEM_NO = re.compile(rf"(?a)第\s*({_ITEM_NUMBERS})\s*項(?!目)|#\s*({_ITEM_NUMBERS})(?!\d)|項次\s*({_ITEM_NUMBERS})"
                      rf"|\bitems?\s*(?:nos?\.?|#)?\s*({_ITEM_NUMBERS})\b")
_NUMBER_OR_JOIN = re.compile(rf"(?a)\d+|{_RANGE_JOIN}")
# 名稱有「X」 / 名稱有提到X / 名字裡有X / named … "X": the name must contain X.
_NAMED = re.compile(
    r"(?:項目名稱|名稱|名字|標題)(?:中|裡|裡面|上)?(?:有|含|包含|帶有|出現)?(?:寫到|提到|提及|出現|包含|含有|含|有)(?:「|『|\")?"
    r"(?P<zh>[\u4e00-\u9fffA-Za-z0-9]{1,12}?)(?:」|』|\")?(?=的|字|這|兩個字|[,，、?？]|$)"
    r"|\b(?:named|called|whose names? (?:contains?|mentions?|includes?))\s+(?:\"|')?(?P<en>[^\"',?]{1,30})")
# 跟/與/和 X 有關|相關, 關於/有關 X 的: what the rows are about; X may be a hyphenated word (i-Voting,
# e-Bike). (An English subject would be matched
# against Chinese rows; English asks keep to their linked names.)
_ABOUT = re.compile(
    r"(?:跟|與|和|同)(?P<with>[\u4e00-\u9fffA-Za-z0-9](?:[\u4e00-\u9fffA-Za-z0-9]|-(?=[A-Za-z0-9])){0,11}?)(?:有關|相關)"
    r"|(?:有關於|關於|有關)(?P<of>[\u4e00-\u9fffA-Za-z0-9](?:[\u4e00-\u9fffA-Za-z0-9]|-(?=[A-Za-z0-9])){0,11}?)的"
    # …or with no preposition, a quoted subject, or one opening its phrase before 相關: 「智慧城市」相關項目,
    # 的長照相關計畫 (a bare X有關 is rare, and 有關鍵 is no relation word)
    r"|[「『“\"](?P<quoted>[^「」『』“”\"]{1,12})[」』”\"](?:有關|相關)"
    r"|(?:^|(?<=[的裡中內，,、\s]))(?P<bare>(?:(?![的跟與和同])[\u4e00-\u9fffA-Za-z0-9]){2,8}?)相關(?!局處|機關|單位|部門)")
_QUOTED = re.compile(r"[「『“\"]([^「」『』“”\"|]{1,40})[」』”\"]")


@dataclass
class Flags:
    target_met: bool | None = None
    rating: str | None = None
    has_co_agency: bool | None = None
    item_nos: list[int] = field(default_factory=list)
    names: list[str] = field(default_factory=list)


def quoted(text: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of every quoted phrase: a quote names something exactly."""
    return [(m.start(1), m.end(1), m.group(1)) for m in _QUOTED.finditer(text)]


# about / related to / regarding + a subject: in English, the subject is English words rows never hold.
_ABOUT_EN = re.compile(r"(?a)\b(?:related to|relating to|about|regarding|concerning|to do with)\s+(?:the\s+)?[a-z]")


def asks_about_in_english(text: str, start: int = 0, end: int | None = None) -> bool:
    """An English ask says what its rows are about (items related to housing). Rows hold Chinese, so
    such a subject cannot filter them; the passages that say it answer instead."""
    return bool(_ABOUT_EN.search(text, start, len(text) if end is None else end))


def about_phrases(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """(start, end, text) of each subject a phrase says the rows are about (跟長照有關 → 長照); a
    subject of several (托育或長照) gives each. Not claimed: the words stay in the question, and an
    agency named this way (跟社會局有關) is the reader's to take as an agency instead."""
    found = []
    for match in _ABOUT.finditer(text, start, len(text) if end is None else end):
        group = next(g for g in ("with", "of", "quoted", "bare") if match.group(g))
        offset = match.start(group)
        for part in re.finditer(r"[^、或]+", match.group(group)):
            if part.group().strip():
                found.append((offset + part.start(), offset + part.end(), part.group().strip()))
    return found


# A verb of judging, negated, whose object is the whether (沒辦法判定是否達標, cannot tell whether): the clause
# reports that nobody can tell, it does not ask.
_CANNOT_TELL = re.compile(r"(?:沒辦法|無法|不能|難以|無從)\s*(?:判定|判斷|評定|評估|確定|確認|得知|知道)\s*$"
                          r"|\b(?:cannot|can't|could not|unable to) (?:tell|judge|determine|assess)\s*$")


def asks_whether_met(text: str) -> bool:
    """The clause asks whether a target was met (有沒有達到目標, 有達到目標嗎), not for the rows that did, nor
    says that nobody can tell (沒辦法判定是否達標)."""
    return any(not _CANNOT_TELL.search(text[:m.start()]) for m in _WHETHER.finditer(text))


# A negation just before a field word (沒有實際值, 無達成度, 缺目標值), not the A-not-A of a question
# (有沒有實際值): rows that report nothing in that field.
_LACKS_BEFORE = re.compile(r"(?:(?<!有)沒有|(?<!有)沒|(?<![有])無|缺少?|尚無|未列|未有)(?:任何)?\s*$|\b(?:no|without(?: an?| any)?)\s+$")


# A field word followed by a denial of change (目標值從頭到尾都沒調整, 目標不變, target stayed the same):
# the rows whose value in it is one through the years asked.
_UNCHANGED_AFTER = re.compile(
    r"^[^,，。?？]{0,8}?(?:都|皆|均|一直|始終|完全)?(?:沒有?|未|不曾|從未|從沒)(?:有)?(?:調整|改變|變動|變更|變|修改|修正|更動)"
    r"|^[^,，。?？]{0,6}?(?:維持)?(?:不變|都一樣|一樣|相同|一致)"
    r"|^\s*(?:(?:was|were|stayed|remained|kept) )?(?:unchanged|the same|constant|never changed)\b")


# A field word after a year and before a comparison with another year: 111年目標值訂得比110年還低.
_YEAR_BEFORE = re.compile(r"(?<!\d)(\d{2,3})\s*年度?的?\s*$")
_THAN_YEAR = re.compile(r"^\s*(?:訂得|定得|設得|訂|是|為)?\s*比\s*(\d{2,3})\s*年度?的?\s*(?:還|更|要)?\s*(低|少|小|高|多|大)")
_LOWER = frozenset("低少小")


def compare_years(text: str, start: int, end: int) -> tuple[int, int, str, str] | None:
    """(year, than year, < or >, the phrase typed) when the field word at `start`..`end` is compared
    between two years (111年目標值訂得比110年還低), else None."""
    before, after = _YEAR_BEFORE.search(text[:start]), _THAN_YEAR.match(text[end:])
    if not (before and after):
        return None
    op = "<" if after.group(2) in _LOWER else ">"
    return int(before.group(1)), int(after.group(1)), op, text[before.start():end + after.end()]


def unchanged_after(text: str, end: int) -> bool:
    """A denial of change follows the field word ending at `end`: its value is to be the same each year."""
    return bool(_UNCHANGED_AFTER.search(text[end:end + 16]))


# A clause that adds rows rather than keeping some (沒有項目名稱的那幾列也要算進去, 含沒有名稱的列).
_INCLUDES = re.compile(r"也|含|包括|包含|連同|一併|算進|\binclud\w*|\bas well\b")
_CLAUSE_MARK = re.compile(r"[,，。?？;；!！()（）]")


def adds_rows(text: str, at: int) -> bool:
    """The clause around `at` adds rows to those asked for rather than keeping some (…也要算進去,
    包含與其他機關共同負責的): what it names is no condition on the rows."""
    start = max((m.end() for m in _CLAUSE_MARK.finditer(text, 0, at)), default=0)
    end = next((m.start() for m in _CLAUSE_MARK.finditer(text, at)), len(text))
    return bool(_INCLUDES.search(text[start:end]))


def lacks_before(text: str, at: int) -> bool:
    """A negation stands just before `at`, where a field word starts, in a clause that does not add rows
    (…的那幾列也要算進去): rows reporting nothing there."""
    return bool(_LACKS_BEFORE.search(text[max(0, at - 12):at])) and not adds_rows(text, at)


def reached_before(text: str, at: int) -> bool:
    """A verb of reaching stands just before `at`, where a target word starts: the ask is whether the
    target was reached, not only what it was."""
    return bool(_REACH_BEFORE.search(text[max(0, at - 24):at]))


def item_numbers(text: str) -> list[int]:
    """The numbers of a list or range of item numbers as typed (30到34 → 30…34; 30、32 → 30, 32)."""
    numbers: list[int] = []
    ranged = False
    for piece in _NUMBER_OR_JOIN.findall(text):
        if not piece.isdigit():
            ranged = True
            continue
        number = int(piece)
        if ranged and numbers and numbers[-1] < number:
            numbers += range(numbers[-1] + 1, number + 1)
        else:
            numbers.append(number)
        ranged = False
    return numbers


def find_flags(question: QuestionText, start: int = 0, end: int | None = None) -> Flags:
    """Claim the filter phrases within `start`..`end`."""
    flags = Flags()
    if question.claim_any(_WHETHER, start, end):
        pass  # asked, not a filter: the figures answer it (asks_whether_met)
    elif question.claim_any(_MISSED, start, end):
        flags.target_met = False
    elif question.claim_any(_MET, start, end):
        flags.target_met = True
    for match in question.claim(_RATING, start, end):
        word = next(g for g in match.groups() if g)
        flags.rating = _RATING_WORDS.get(word, word)
    if question.claim_any(_NO_CO, start, end):
        flags.has_co_agency = False
    elif question.claim_any(_HAS_CO, start, end):
        flags.has_co_agency = True
    for match in question.claim(_ITEM_NO, start, end):
        flags.item_nos += [n for n in item_numbers(next(g for g in match.groups() if g)) if n not in flags.item_nos]
    for match in question.claim(_NAMED, start, end):
        flags.names.append(question.text[match.start("zh"):match.end("zh")] if match.group("zh")
                           else match.group("en").strip())
    return flags
