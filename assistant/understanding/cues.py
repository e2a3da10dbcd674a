"""What a clause asks for, read from how it is asked: Chinese and English question words.

These patterns describe the language, never a corpus: an interrogative and the classifier after
it tell a count (幾項) from a value (幾場, 幾人, 多少錢), a list (哪些, 列出) from a description (如何,
為什麼), and a breakdown (各局處…各有幾項, 哪個主題最多, by agency). Which record type is counted
or listed is decided later, from the corpus's own nouns.

- count: 幾 / 多少 + a generic classifier (項, 個, 筆, 條), or `how many`, `number of`; a count with a
  dimension word (各局處…幾項, 依主題, `by agency`) is a breakdown once the reader resolves the word;
- group: `哪個 X 最多/最少`, `which X has the most`;
- list: 哪些, 哪幾, 列出, 有什麼, `which`, `list`;
- lookup: 多少, 幾 + another classifier (幾場, 幾%), 什麼時候, 何時, 哪一天, 誰, 哪位, 哪個 + an
  organisation word, 是什麼, `how much`, `when`, `who`, `what is/was …`;
- free: 如何, 怎麼, 為什麼, 原因, 做了什麼, `why`, `how did …`, `what did …`, `describe`; and, when nothing
  else asks, 進度, 情形, 成效, 特色, 嗎, `progress`.
A change (從幾項變成幾項, `from how many to how many`) is a lookup of what the documents state.
The first that fires wins in this order: group, change, count, free (strong), list, lookup, free (weak).
Also read here: a clause that points back (其中, 這些, 裡面, `of these`), one that opens like a
follow-up (那…, …呢？, `what about`), and the words that only ask to show more columns
(順便列出…, 分別是…, `with their …`), and whether it asks for a reason (為什麼, 原因, `why`): an
answer to that quotes the sentences that give one.
"""

import re
from dataclasses import dataclass
from typing import Literal

Cue = Literal["count", "group", "list", "lookup", "free"]

# 從幾項變成幾項: a change the documents state, not a count of rows.
_CHANGE = re.compile(r"從\s*(?:幾|多少)\S{0,3}?\s*(?:變成|變為|變|減為|減成|減少為|減少到|增為|增成|增加為|增加到|調整為|調整成|改為|改成|修正為|修正成)"
                     r"|\bfrom how many\b|\bhow many\b[^?]{0,40}\bto how many\b")
# What changed in number: the noun before 從 (KPI從幾項變成幾項, 行動計畫又從幾項變幾項).
_CHANGED_NOUN = re.compile(r"([^\s,，。?？、的]{2,8}?)(?:又|也|則|都)?(?:是)?從\s*(?:幾|多少)")
# Verbs of adding, removing or altering members of a set (刪除了哪些KPI, 新增幾項): which rows a
# revision touched is what a document says about the revision, not a field of the rows. Not 修正後 /
# 調整前, which name a version of the set.
_SET_CHANGES = (("刪除", "刪掉", "拿掉", "移除", "剔除"), ("新增", "增列", "增設"), ("調高", "提高"), ("調降", "降低"),
                ("修改", "更改", "變更", "改成", "改為", "修正"))
_SET_CHANGED = re.compile("(?:" + "|".join(v for kind in _SET_CHANGES for v in kind if v != "修正") + ")(?![後前])")


def same_change(verb: str) -> tuple[str, ...]:
    """The verbs saying the same change as `verb` (刪除 for 拿掉): a document may word it otherwise."""
    return next((kind for kind in _SET_CHANGES if verb in kind), (verb,))
# 幾 asking a number, not 這幾年, 近幾年, 好幾, 十幾 (a few) nor 哪幾 (which).
_HOW_MANY = r"(?<![這那近前後哪好十])幾"
# A generic classifier after 幾/多少 counts things; any other classifier asks for a quantity. 這幾項 (these
# few) points back and counts nothing.
_COUNT = re.compile(
    rf"(?a)(?:{_HOW_MANY}|(?<!哪)多少)\s*(?:項|個(?!月|人|小時|星期|禮拜|鐘頭|百分點|%)|筆|條|種|列)|項目數|項數|總數|筆數"
    r"|(?:數量|數目|個數)\s*(?:是|有|為|共)?\s*(?:多少|幾)"
    r"|\bhow many\b|\b(?:number|count|total) of\b")
# What a count counts: the noun right after the classifier (幾項MOU, how many policy items)…
_COUNTED_NOUN = re.compile(
    r"(?a)(?:幾|多少)\s*(?:項|個|筆|條|種|列)\s*([^\s,，。?？、的]{1,8})?"
    r"|\bhow many (?!of\b|are\b|is\b|do\b|does\b|did\b|were\b|was\b)((?:[a-z\-]+ ){0,2}[a-z\-]+)")
# …or, when nothing follows the classifier, the noun before the count word as its topic: 行動計畫剩下幾項,
# 行動計畫有幾個, KPI的數量是多少. Verbs of having, being or remaining may stand between, after an adverb
# (又有, 又是); the reader drops a verb done before them (行動計畫修完剩幾項).
_COUNTED_BEFORE = re.compile(
    r"([^\s,，。?？、的]{2,8}?)(?:(?:又|也|則|都)?(?:總共|一共|共|還有|還剩|剩下|剩|有|是|為)?\s*(?:幾|多少)\s*(?:項|個|筆|條|種)\s*[?？]?\s*$"
    r"|的?(?:數量|數目|個數|總數))")
# A breakdown: 各 / 每個 / 依 / 按 + a dimension word (各局處, 依主題), `哪個 X 最多`, `by / per X`.
# Which field the dimension names is for the reader to resolve against the schema's field words.
# What a list lists: the noun phrase after the list word (哪些施政重點, 列出…KPI), with any modifier
# ending in 的 before its head (哪些跟長照有關的KPI).
_LISTED_NOUN = re.compile(r"(?:哪些|哪幾項|哪幾個|哪一些|有什麼|列出|列舉)\s*((?:[^\s,，。?？、的]{1,10}的)?[^\s,，。?？、的]{1,8})")
# …or before it, as its topic (主要任務有哪些, 施政重點包括哪些).
_LISTED_BEFORE = re.compile(r"([^\s,，。?？、的]{2,8}?)(?:有|是|包括|包含|為)?(?:哪些|哪幾項|哪幾個)")
# …or, in English, the noun phrase between `which` and its verb (which US cities did the mayor visit).
_LISTED_EN = re.compile(r"(?a)\bwhich\s+((?:[a-z][a-z'-]*\s+){0,2}?[a-z][a-z'-]*)\s+(?:did|do|does|are|were|is|was|"
                        r"have|has|had|will|would|can|could)\b")
_GROUP_BY = re.compile(r"(?:各個?|每一?個|依照?|按照?|以)\s*(?P<dim>[\u4e00-\u9fff]{2,4})")
_EXTREME = re.compile(r"哪(?:一)?(?:個|些)\s*(?P<dim>[\u4e00-\u9fff]{2,4}?)\s*(?:的\S{0,8}?)?(?:最(?:多|少)|比較多|較多)")
_GROUP_EN = re.compile(r"(?a)\b(?:by|per|for each|broken down by|grouped by|in each)\s+(?P<dim>[a-z]+(?: [a-z]+)?)")
_EXTREME_EN = re.compile(r"(?a)\bwhich (?P<dim>[a-z]+(?: [a-z]+)?) (?:has|had|have|leads?|with) the (?:most|fewest|least|largest|highest)\b")
# 列出 after an aspect word (有列出目標值的KPI) is a verb of the rows (the KPIs that list targets), not a request.
_LIST = re.compile(
    r"(?a)哪些|哪幾|哪\s*[\d一二兩三四五六七八九十]+\s*(?:項|個|筆|條)|哪一些|哪一項|哪項|哪一?個(?!局|處|機關|單位|部門)|(?<![有已沒未])列(?:出|舉)|列給|列一下|清單"
    r"|有什麼(?:項目|政策|指標|計畫)|\bwhich\b|^\s*list\b|\blist (?:all|the|every|of)\b|\bwhat are the\b|\bname the\b")
# Classifiers a number is asked in (幾場, 多少人): the answer is a figure in that unit.
# A classifier after 幾 or 多少 that measures (幾場, 幾分, 多少趟): any but the generic ones a count uses
# (項, 個, 筆, 條, 種, 列), and not 幾乎 (almost).
_UNITS = r"%|公里|公尺|(?![項個筆條種列乎])[\u4e00-\u9fff]"
_LOOKUP = re.compile(
    rf"(?a)多少|{_HOW_MANY}\s*(?:{_UNITS})"
    r"|什麼時候|何時|哪一天|哪天|哪一年|日期|是誰|誰|哪位|哪一位|哪個(?:局|處|機關|單位|部門)|哪一個(?:局|處|機關|單位)"
    r"|是什麼|為何(?=[?？]?$)|是哪|代碼|數值|數字"
    r"|\bhow much\b|\bhow (?:large|big|high|low|far|long|close)\b|\bwhen\b|\bwho\b|\bwhat (?:is|was|were|are|will be)\b|\bwhich (?:agency|department|bureau|office)\b")
# Nouns and phrases for a reason (原因是什麼: a reason is told, not a value).
_REASON_WORDS = r"原因|理由|緣由|緣故|\breasons?\b|\bwhat caused\b|\bhow come\b"
_FREE_STRONG = re.compile(
    r"(?a)為什麼|為何(?![?？]?$)|如何|怎麼|怎樣|做了什麼|做了哪些|做些什麼|做哪些|哪些事|有何|在做什麼|做什麼"
    r"|(?<!各)(?:寫|說|提|講|談|記載)(?:到|了|到了)?(?:些)?什麼"  # what a text says: 寫了什麼 (各講什麼: display)
    r"|(?<!各)(?:寫|說|講)法(?:是|為)?(?:什麼|為何|如何)"  # …and its noun: 報告的說法是什麼, 寫法為何
    rf"|{_REASON_WORDS}"
    r"|(?:做|進行|辦|推動|走|執行)到(?:了)?(?:哪|什麼程度)"
    r"|\bwhy\b"
    r"|\bhow (?:did|does|do|is|are|was|were|has|have|will|can)\b|\bwhat (?:did|does|has|have|was done|is being done)\b"
    r"|\bdescribe\b|\bexplain\b|\btell me about\b")
# Nouns for an aspect of the rows (進度, 成效, `results`): what they say is asked, not the rows alone.
_ASPECT_NOUNS = r"進度|進展|情形|情況|狀況|成效|現況|內容|說明|介紹|特色|變化|立場|目的|成果|作為|措施|\bstatus of\b|\bresults\b"
_ASPECT = re.compile(rf"(?a){_ASPECT_NOUNS}")
# …or 什麼 after a verb (提出什麼對策, 採取什麼措施), when nothing else asks: what was done is told.
# An aspect noun that modifies a later head (109年成果暨110年主要任務的簡報: a report) asks nothing.
_FREE_WEAK = re.compile(rf"(?a)(?:{_ASPECT_NOUNS})(?![^的]*的)|嗎\s*[?？]?$|\bprogress\b|(?<![是為有])什麼(?!時候|時間|日期)")
_POINTS_BACK = re.compile(
    r"(?a)其中|這些|那些|上述|以上|剛才|前面|裡面|當中|之中|它們|他們|它|[這那]幾項|[這那此該]一?(?:項|筆|件|位|個)|其他"
    r"|\b(?:of|among|from) (?:these|those|them|which)\b|\bthose ones\b|\bof them\b")
# A singular demonstrative with a classifier: one row of those before (處理輿情那一項, 這個指標).
_ONE_ROW = re.compile(r"[這那此該]一?(?:項|筆|件|個)(?!目)|\b(?:that|this) one\b")
# A singular 它 (it): after a list or count of an agency's rows, the agency, not the rows (另外它協辦幾項).
_IT = re.compile(r"[它牠](?!們)")
_OPENS_LIKE = re.compile(r"(?a)^(?:那|那麼|那如果|另外|還有|又|再|and\b|what about\b|how about\b|same\b)|呢\s*[?？]?\s*$")
# Words for what is to be done (規劃, 預計, 打算, 精進方向, `plan to`, `will`): a report states its plans for the
# years after its own.
_PLAN = re.compile(r"(?a)規劃|規畫|打算|預計|預定|將(?:會|要)|精進方向|\bplan(?:s|ned|ning)?\b|\bwill\b|\bgoing to\b")
# A figure reached (超標到幾家, 做到多少, 達到多少人): 到 or 達 right before the number asked.
_REACHED = re.compile(r"(?:到|達)了?\s*(?:幾|多少)")
# The assistant's own judgement or forecast, which no document holds: an opinion or estimate asked of "you"
# (你覺得, 您認為, do you think), a request to predict (幫我預測, 推估一下), an extrapolation of a trend
# (照過去趨勢來看), or the odds of an outcome (機會有多大, how likely). A document's own estimate (預計, 預估
# 何時公告) is not one: it is asked of the document, not of the assistant.
_JUDGEMENT = re.compile(
    r"(?a)(?:你|您|妳)(?:個人|自己)?(?:覺得|認為|估計|估算|預估|預測|推估|猜|看好|怎麼看|的看法|的意見|的評價|的預測)"
    r"|幫(?:我|忙)(?:預測|推估|預估|估計|評估|評價|猜)|(?:預測|推估|預估|估計|猜)(?:一下|看看)"
    r"|(?:照|依|依照|按|按照|根據|從)[^，,。？?]{0,15}?趨勢(?:來看|看來|推估|推算|判斷|預測)"
    r"|(?:機會|機率|可能性|勝算)(?:有)?多(?:大|高|少)"
    r"|\b(?:do|would|did) you (?:think|expect|predict|guess|reckon|believe)\b|\bin your (?:opinion|view|judg\w*)\b"
    r"|\byour (?:own )?(?:opinion|view|take|prediction|forecast|guess|assessment)\b|\b(?:predict|forecast|extrapolat\w*)\b"
    r"|\bhow likely\b|\b(?:what are )?the (?:chances|odds)\b")
_REASON = re.compile(rf"(?a)為什麼|為何|怎麼會|(?:怎麼|如何|怎樣)(?:解釋|說明)|\bwhy\b|{_REASON_WORDS}")
# Words that add columns to the rows just asked for (順便, 附上, 分別是哪個局處). 另外 ("besides") opens
# another matter unless a display word follows it (另外附上), and a count, one number for a set, is no
# column of each row unless it is asked per row (各有幾項).
_DISPLAY = re.compile(r"(?a)^(?:另外)?(?:順便|並且?|同時|也|分別|各自|附上|附帶|並附|連同)|各自|分別(?:是|為|由)"
                      r"|各(?:是|為|由)(?:誰|什麼|哪)|^\s*(?:with|along with|showing|and show)\b"
                      # 協辦是誰, 它們的主辦機關是哪些: a role asked of rows, opening the clause, is their column
                      r"|^(?:那)?(?:它們|這些|其)?的?(?:主辦|協辦)(?:機關|單位|局處)?(?:是|為|有)?(?:誰|哪)")
_PER_ROW = re.compile(r"各|分別")

# A clause that only asks again to be shown the rows (請全部列出, 麻煩完整列出來, `list them all`):
# a politeness word, a completeness adverb, the list verb, nothing it lists.
_REPEATS_REQUEST = re.compile(
    r"(?a)^(?:請|麻煩|煩請|幫我|幫忙)?(?:你|您)?(?:幫我)?(?:把(?:它們|這些|那些))?(?:全部|完整|所有|通通|全數|逐一|逐項|一一|詳細)?"
    r"(?:地)?(?:都)?(?:列出|列舉|列一下)(?:來)?(?:給我)?(?:一下)?(?:謝謝)?$"
    r"|^(?:please )?(?:list|show) (?:them|them all|all of them|all|everything)(?: please)?$")


def repeats_request(text: str) -> bool:
    """The clause only repeats the request to list what the ask before it asks for."""
    return bool(_REPEATS_REQUEST.search(text.strip(" ,，、.。!！?？")))


@dataclass(frozen=True)
class ClauseCues:
    intent: Cue | None
    counted: str | None  # the noun a count counts, as typed (幾項MOU → MOU); for a list, what it lists
    counted_leads: bool  # the counted noun stands before the count word (行動計畫剩下幾項), not after it
    asks_change: bool  # 從幾項變成幾項: a number before and after, as a document states it
    set_changed: str | None  # 刪除了哪些KPI: the verb, when the ask is which members a revision added or removed
    dimensions: tuple[str, ...]  # words that may name a breakdown's dimension
    extreme: bool  # 哪個 X 最多: the top group is the answer
    points_back: bool
    points_back_to_one: bool  # the only word pointing back is a singular 它
    points_at_one_row: bool  # 那一項, 這個: one of the rows before, which the ask may name in part
    opens_like_follow_up: bool
    display_only: bool  # asks only to show more columns of the rows already asked for
    asks_reason: bool = False  # 為什麼, 原因, why: the answer is the documents' stated reasons
    asks_manner: bool = False  # 如何, 做了什麼, why, or an aspect noun (進度, 成效): a description, not rows alone
    asks_plan: bool = False  # 規劃, 預計, 打算, `plan to`: what is to be done, which a report states for later years
    asks_reached: bool = False  # 最後超標到幾家, 做到多少: the figure reached, an outcome
    asks_judgement: bool = False  # 你覺得…做得最差, 幫我預測: the assistant's own opinion or forecast


def group_dimensions(text: str) -> list[str]:
    """Words that may name a breakdown's dimension, in order; the reader keeps those that name a field."""
    found = [m.group("dim") for pattern in (_EXTREME, _EXTREME_EN, _GROUP_BY, _GROUP_EN) for m in pattern.finditer(text)]
    return list(dict.fromkeys(found))


def asks_extreme(text: str) -> bool:
    """哪個 X 最多 / which X has the most: a breakdown whose answer is its top group."""
    return bool(_EXTREME.search(text) or _EXTREME_EN.search(text))


def _counted(text: str) -> tuple[str | None, bool]:
    """The counted noun and whether it leads the count word."""
    match = _COUNTED_NOUN.search(text)
    noun = (match.group(1) or match.group(2)) if match else None
    if noun:
        return noun.strip(), False
    before = _COUNTED_BEFORE.search(text)
    return (before.group(1), True) if before else (None, False)


def _listed(text: str) -> str | None:
    match = _LISTED_NOUN.search(text) or _LISTED_BEFORE.search(text) or _LISTED_EN.search(text)
    return match.group(1) if match else None


def read_cues(text: str) -> ClauseCues:
    """The cues of one clause (normalised, lowercased ASCII)."""
    intent: Cue | None
    extreme = asks_extreme(text)
    if extreme:
        intent = "group"
    elif _CHANGE.search(text):
        intent = "lookup"
    elif _COUNT.search(text):
        intent = "count"
    elif _FREE_STRONG.search(text):
        intent = "free"
    elif _LIST.search(text):
        intent = "list"
    elif _LOOKUP.search(text):
        intent = "lookup"
    elif _FREE_WEAK.search(text):
        intent = "free"
    else:
        intent = None
    changes = bool(_CHANGE.search(text))
    if intent == "count":
        counted, leads = _counted(text)
    elif changes:
        before = _CHANGED_NOUN.search(text)
        counted, leads = (before.group(1) if before else None), True
    else:
        counted, leads = _listed(text) if intent == "list" else None, False
    return ClauseCues(
        intent=intent,
        counted=counted,
        counted_leads=leads,
        asks_change=changes,
        set_changed=(found.group() if (found := _SET_CHANGED.search(text)) else None),
        dimensions=tuple(group_dimensions(text)),
        extreme=extreme,
        points_back=bool(_POINTS_BACK.search(text)),
        points_back_to_one=bool(_IT.search(text)) and not _POINTS_BACK.search(_IT.sub("", text)),
        points_at_one_row=bool(_ONE_ROW.search(text)),
        opens_like_follow_up=bool(_OPENS_LIKE.search(text.strip())),
        display_only=bool(_DISPLAY.search(text.strip())) and (intent != "count" or bool(_PER_ROW.search(text))),
        asks_reason=bool(_REASON.search(text)),
        asks_manner=bool(_FREE_STRONG.search(text) or _ASPECT.search(text)),
        asks_plan=bool(_PLAN.search(text)),
        asks_reached=bool(_REACHED.search(text)) and not _PLAN.search(text),
        asks_judgement=bool(_JUDGEMENT.search(text)),
    )


_WHICH_AGENCY = re.compile(
    r"(?a)哪(?:一)?(?:個|些)?\s*(?:局處|局|處|機關|單位|部門|會)|由誰|是誰|誰(?:負責|主辦|協辦|主責)|哪位"
    # 主辦機關是哪個, 協辦單位為何: a body asked for by its role noun
    r"|(?:機關|單位|局處|部門)\s*(?:是|為)?\s*(?:哪一?個|哪些|何者|為何|是什麼)"
    r"|\bwhich (?:agenc\w*|department\w*|bureau\w*|office\w*)|\bwho\b")


_ASKED_UNIT = re.compile(rf"(?:{_HOW_MANY}|多少)\s*({_UNITS})")
# Units every date also holds (112年, 6月): a figure in them says nothing about the count asked for.
_DATE_UNITS = frozenset({"年", "月"})


# Who presented a document: an interrogative for a person, then, in the same clause, a verb of
# presenting it (由誰上臺報告, 哪位局長簡報的, who gave the presentation, who presented it).
_WHO_PRESENTED = re.compile(r"(?a)(?:誰|哪一?位)[^，,。;；？?]{0,8}?(?:報告|簡報|主講)"
                            r"|\bwho\b[^?.;]{0,30}?\b(?:presented|presents|present|delivered|gave|giving)\b")


def asks_presenter(text: str) -> bool:
    """The clause asks who presented (報告者): 是由誰上臺報告的, who gave the presentation."""
    return bool(_WHO_PRESENTED.search(text.lower()))


def asked_unit(text: str) -> str | None:
    """The classifier a number is asked in (實際辦了幾場 → 場), if any and not a date's unit."""
    found = _ASKED_UNIT.search(text)
    return found.group(1) if found and found.group(1) not in _DATE_UNITS else None


# A noun phrase closed by a localizer (一覽表中, 報告裡, 計畫內, 綱要底下) is a place: it says where
# the rows are, not what is listed or counted.
_PLACE_RUN = re.compile(r"[^\s,，。?？、的]+")
_CLOSED_BY_LOCALIZER = re.compile(r"(?:當中|之中|中|裡|裏|內|上|底下|之下|下面)$")


def closed_by_localizer(phrase: str) -> bool:
    """The phrase ends in a localizer (一覽表中, 這個綱要底下): it says where, not what."""
    return bool(_CLOSED_BY_LOCALIZER.search(phrase.strip()))


# English puts the place first, as a prepositional phrase: `For the D group's 2019 results, …`.
_OPENS_WITH_PLACE = re.compile(r"(?a)^\s*(?:for|in|among|within|across|under|regarding|as for|of)\b")


# A sentence in which the asker reports what they read or heard (我看摘要寫達標, 聽說…, I read that …)
# says why they ask; its words need not be the corpus's.
# So does one in which the asker says what they will do with the answer (我要給議員辦公室對照,
# 我們要寫新聞稿): their purpose, not a further ask.
_REPORTED = re.compile(r"(?a)(?:^|(?<=[。？?！!；;，,\s]))(?:我們?(?:看到|看|讀到|聽說|聽到|記得|印象中)|聽說|據說|有人說|報導說|新聞說"
                       r"|我們?(?:要|想要|需要|得|打算|準備)(?:拿|給|用|寫|做|轉|提供|放|附|交))"
                       r"|\bi (?:read|heard|saw) (?:that|in)\b")
_SENTENCE_END = re.compile(r"[。？?！!；;\n]")


def reported_spans(text: str) -> list[tuple[int, int]]:
    """The spans of `text`, each to its sentence's end, where the asker reports what they read or heard
    and asks nothing (我看摘要寫達標，後面又說有一項沒達到): why they ask, in words of their own."""
    spans = []
    for match in _REPORTED.finditer(text):
        end = _SENTENCE_END.search(text, match.end())
        stop = end.start() if end else len(text)
        if read_cues(text[match.start():stop]).intent is None:
            spans.append((match.start(), stop))
    return spans


def says_where(text: str) -> bool:
    """The clause ends in a localizer, or opens with an English preposition, and asks nothing outright
    (E組109年的施政成果中, 一覽表裡, `in the 2019 report`): it says where the next clause asks, though
    an aspect noun in it (成果, results) reads like a question."""
    return (closed_by_localizer(text) or bool(_OPENS_WITH_PLACE.match(text))) \
        and not any(p.search(text) for p in (_COUNT, _FREE_STRONG, _LIST, _LOOKUP))


def names_a_place(text: str, start: int) -> bool:
    """The run of words from `start` to the next mark or 的 ends in a localizer (列出一覽表中…)."""
    run = _PLACE_RUN.match(text, start)
    return bool(run and closed_by_localizer(run.group()))


_COMPARE = re.compile(r"(?a)比較|對照|相比|相較|改變|變動|變更|異動|差異|\bcompar\w*|\bchanged?\b|\bdifferen\w*")


def asks_comparison(text: str) -> bool:
    """The clause compares (比較…哪些改變了, `what changed between`)."""
    return bool(_COMPARE.search(text))


# Whether any exist (有沒有…的, 有…的嗎, 是…嗎, are there any), or whether they all are (是不是全部都由…主辦,
# 是否都已完成): asked of a set, answered by its rows that are.
_WHETHER_ANY = re.compile(r"(?a)有沒有|有無|是否|是不是|(?:有|是)\S*[嗎吗]\s*[?？]?\s*$|^\s*(?:are|is|do|does) there\b")


def asks_whether_any(text: str) -> bool:
    """The clause asks whether any exist, or whether all are (有沒有已經完成的, 這些裡面有跟資訊局合作的嗎,
    是不是都由工務局主辦)."""
    return bool(_WHETHER_ANY.search(text))


# Which of two bodies, asked as alternatives before a role (是衛生局還是社會局負責, 由教育局或是文化局主辦):
# the bodies are the choices offered, not rows' agencies to filter by.
_EITHER_AGENCY = re.compile(r"[局處會](?:\s*(?:還是|或是)\s*)[^\s，,。;；？?]{1,12}?[局處會]\s*(?:在|來|負責|主辦|主責|協辦|主政)")


def asks_which_of_agencies(text: str) -> bool:
    """The clause offers bodies as alternatives and asks which of them holds a role (是衛生局還是社會局負責)."""
    return bool(_EITHER_AGENCY.search(text))


def asks_agency(text: str) -> bool:
    """The clause asks which agency (哪個局處主辦, 由誰負責, `which department leads`, 是A還是B負責)."""
    return bool(_WHICH_AGENCY.search(text)) or asks_which_of_agencies(text)


def lookup_cue(text: str) -> bool:
    """The clause asks for a value (多少, 何時, 誰 …), whatever else it asks."""
    return bool(_LOOKUP.search(text))


def list_cue(text: str) -> bool:
    return bool(_LIST.search(text))
