"""The 辦理等級 a question filters on: A (已完成或例行性業務) or B (執行中).

Completion is any of 完成, 做完, 辦完, 完工, 結案 or 結束. Negated completion (未完成, 還沒做完, not yet
completed; not 有沒有完成, which asks whether) and work still going on (仍在執行, 還在做) are B, claimed
before 完成 is read as A. Bare letters count only next to a status word or label (`B執行中`, `status A`,
`狀態為A`, `A級`), since A–H are also theme letters. The reader applies the status only to list and count questions: in a free
question, 完成 describes the work ("蓋好了嗎", "什麼時候完成"), it does not select rows.
"""

import re

from assistant.understanding.question import QuestionText

_DONE = r"(?:完成|做完|辦完|完工|結案|結束)"
_B = re.compile(
    rf"(?a)b\s*執行中|(?:尚|還|仍)?(?:未|(?<!有)沒有?|不)(?:全部|全數|完全)?{_DONE}|(?:仍|還|尚)(?:在|為|屬)?(?:執行|進行|辦理|推動)中?|(?:仍|還|尚)在(?:做|辦|跑)"
    r"|執行中|進行中|辦理中|推動中"
    r"|in progress|ongoing|on-going|under ?way|unfinished|incomplete|not (?:yet )?(?:completed?|finished|done)"
    r"|\bstill\b|(?:status|level|grade)\s*(?:of\s*)?\(?b\b|(?:狀態|等級|辦理等級)\s*(?:仍|還|尚|目前)?\s*(?:為|是|=|:)?\s*b(?![a-z])"
    r"|(?<![a-z])b\s*級")
_A = re.compile(
    rf"(?a)a\s*已完成或例行性業務|已經?{_DONE}|{_DONE}|例行性?"
    r"|\bcompleted?\b|\bdone\b|\bfinished\b|\broutine\b"
    r"|(?:status|level|grade)\s*(?:of\s*)?\(?a\b|(?:狀態|等級|辦理等級)\s*(?:已經?|目前)?\s*(?:為|是|=|:)?\s*a(?![a-z])"
    r"|(?<![a-z])a\s*級")


def find_status(question: QuestionText, start: int = 0, end: int | None = None) -> str | None:
    """"A", "B", or None when the text (within `start`..`end`) names neither (or both)."""
    has_b = question.claim_any(_B, start, end)
    has_a = question.claim_any(_A, start, end)
    if has_a == has_b:
        return None
    return "A" if has_a else "B"
