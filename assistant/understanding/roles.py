"""Which role an agency plays in the rows asked for: 主辦, 協辦, either, or KPI 主責.

This module only reads the role words of a clause. Taking part (參與, `involved`) is either role,
unless a role word says which (作為協辦單位參與 is 協辦). A negated role (不是主辦, `not the lead`) rules
that role out, so 「有掛名協辦（不是主辦）」 is 協辦 alone. A role word attached to other agencies in
general (還有其他局處一起協辦, `other agencies co-organise`) does not say what the named agency does:
it asks for rows that have such an agency at all, and is read as a flag. The reader turns `lead`
into `kpi` for KPI questions, and gives an agency with no role word the role its record type has.
"""

import re
from dataclasses import dataclass

from assistant.understanding.flags import adds_rows
from assistant.understanding.question import QuestionText

_OTHERS_CO = re.compile(
    r"(?a)(?:其他|別的|另外的?|其餘)(?:的)?(?:局處|機關|單位|部門)?\s*(?:一起|共同|參與|幫忙)?\s*(?:協辦|配合|參與)"
    r"|(?:有|還有)(?:其他)?(?:局處|機關|單位)(?:一起|共同)?(?:協辦|參與)"
    # …or joined to the named agency in its own role (跟其他局處一起列為主責): the role word stays its own
    r"|(?:跟|和|與|同)(?:其他|別的|其餘|另外的?)(?:的)?(?:局處|機關|單位|部門)\s*(?:一起|共同|一同|聯合)"
    r"|\b(?:together|jointly) with (?:other|another) (?:agenc\w+|departments?|bureaus?)\b"
    # …or bodies counted two or more (兩個以上局處共同主責, 不是單一局處負責, more than one agency)
    r"|(?:兩|二|2|多|數)個?以上的?(?:局處|機關|單位|部門)\s*(?:一起|共同|一同|聯合)?"
    r"|(?:不是|並非|非)由?單一的?(?:局處|機關|單位|部門)"
    r"|\bmore than one (?:agenc\w+|departments?|bureaus?)\b|\b(?:several|multiple) (?:agencies|departments|bureaus)\b"
    r"|\b(?:other|another|more) (?:agenc\w+|departments?|bureaus?)\b[^?.,]{0,20}?\b(?:co-?organi[sz]\w*|assist\w*|involved)")
# 沒有 negates, but 有沒有 asks whether (警察局有沒有主辦的項目: is it the lead of any).
_NOT_LEAD = re.compile(r"(?a)(?:不是|並非|非|不含|(?<!有)沒有|而不是|而非)(?:擔任)?主辦"
                       r"|\b(?:not|rather than|instead of) (?:as )?(?:the )?(?:lead|leader)\b|\bnot leading\b")
_NOT_CO = re.compile(r"(?a)(?:不是|並非|非|不含)(?:擔任)?協辦|\bnot (?:as )?(?:a |the )?co-?organi[sz]\w*")
_EITHER = re.compile(
    r"(?a)主辦(?:或|及|與|和|、|/|或是|跟)協辦|主協辦|協辦(?:或|及|與|和|、|/|跟)主辦|\blead or co-?\w*")
# Taking part in general (參與, 涉及, involved): either role, unless a role word says which
# (作為協辦單位參與: as co-organiser).
_TAKES_PART = re.compile(r"(?a)參與|涉及|有份|有關的|\b(?:involved|participat\w*|take part)")
# Named agencies working together (教育局和文化局一起負責, jointly): rows that involve every one of them.
_JOINT = re.compile(r"(?a)一起|共同|合作|聯合|一同|都有參與|同時參與|\bjointly\b|\btogether\b|\bboth\b")
_CO = re.compile(r"(?a)協辦|協助辦理|配合辦理|co-?organi[sz]\w*|co-?agenc\w*|co-?lead\w*|\bassist\w*|supporting agenc\w*")
_LEAD = re.compile(r"(?a)主辦|主責|負責|主政|帶頭|牽頭|領頭|led by|\bled\b|\blead(?:s|ing)?\b|\bresponsible\b|\bin charge\b")


@dataclass(frozen=True)
class RoleWords:
    role: str | None  # lead, co, lead_or_co
    others_co: bool  # other agencies co-organise (rows that have a co-agency)
    joint: bool = False  # the named agencies work together: a row must involve each of them


def find_role(question: QuestionText, start: int = 0, end: int | None = None) -> RoleWords:
    """The role words of the unclaimed text within `start`..`end`; claims them."""
    # every match is claimed; one in a clause that adds such rows (跟其他局處共同負責的也算) keeps no row out
    others = list(question.claim(_OTHERS_CO, start, end))
    others_co = any(not adds_rows(question.text, m.start()) for m in others)
    not_lead = question.claim_any(_NOT_LEAD, start, end)
    not_co = question.claim_any(_NOT_CO, start, end)
    either = question.claim_any(_EITHER, start, end)
    takes_part = question.claim_any(_TAKES_PART, start, end)
    has_co = question.claim_any(_CO, start, end) or (not_lead and not others_co)
    has_lead = question.claim_any(_LEAD, start, end) or not_co
    joint = question.claim_any(_JOINT, start, end)
    if not_lead:
        has_lead = False
    if not_co:
        has_co = False
    if takes_part and not (has_co or has_lead or not_lead or not_co):
        either = True
    if either or (has_co and has_lead) or (joint and not not_lead and not not_co):
        return RoleWords("lead_or_co", others_co, joint)
    if has_co:
        return RoleWords("co", others_co, joint)
    return RoleWords("lead" if has_lead else None, others_co, joint)


# Two named agencies, each in its own role: 社會局主辦、衛生局協辦; 都發局有哪些項目協辦單位是地政局.
# …the role word right after the agency (after an adverb and 有: 也有協辦, 亦為協辦), or after a verb casting it
# in the role (列為, 作為, 當, 擔任)
_ROLE_AFTER = re.compile(r"\s*(?:也|亦|還|都)?(?:有)?\s*(?:的|擔任|作為|列為|列作|當作?|為)?\s*(主辦|協辦)")
_CO_BEFORE = re.compile(r"協辦(?:單位|機關|局處)?\s*(?:是|為|有|包含|包括|含)?\s*$")
_JOINED = re.compile(r"\s*(?:和|及|與|、|跟|或|以及|,|，)?\s*")


def paired_roles(text: str, spans: list[tuple[int, int]]) -> tuple[int, int] | None:
    """(lead, co): which of two named agencies (their spans, in text order) the ask's words make the
    lead and which a co-organiser of the same rows, or None. Agencies joined by 和, 、 or nothing share
    one role (社會局和衛生局協辦的); an agency with no role word of its own beside one a co-organiser's
    is the lead whose rows are meant (都發局有哪些項目協辦單位是地政局)."""
    if len(spans) != 2 or _JOINED.fullmatch(text, spans[0][1], spans[1][0]):
        return None

    def own(start: int, end: int) -> str | None:
        after = _ROLE_AFTER.match(text, end)
        if after:
            return "lead" if after.group(1) == "主辦" else "co"
        return "co" if _CO_BEFORE.search(text, max(0, start - 8), start) else None

    first, second = own(*spans[0]), own(*spans[1])
    if second == "co" and first in ("lead", None):
        return 0, 1
    if first == "co" and second in ("lead", None):
        return 1, 0
    return None
