"""Split a question into its asks: 「消防局主辦的有幾項？其中已完成幾項？」 is two counts.

A question is cut into pieces at sentence marks (？。！；), clause marks (，、) and before a disjunction
of clauses (或是, 或者; a bare 或 also joins words within a name: A已完成或例行性業務), and in English at
`?`, `;` and `, and` before a new question word. Pieces are then put back together:
- a piece that asks nothing (no question cue, or one that ends in a localizer: 「…的施政成果中，」)
  is context for the next piece that does
  (「請問市政白皮書那份一覽表裡，工務局主辦的政策項目有哪些？」 is one ask), and when it points back or
  opens like a follow-up (「那這些當中，…」), so does the ask;
- at a clause mark, two pieces are two asks only when each has its own cue (「主辦幾項、協辦又有
  幾項」); otherwise they are one (「預算、決算跟執行率各是多少」);
- a piece that only asks to show more columns of the rows just asked for (「順便列出各自的主辦機關」,
  「分別是哪個局處主辦、辦理等級是什麼」) is part of the ask before it, as its display;
- a clause opening with a disjunction after a list or count (「哪些沒達標，或是根本沒有數據」,
  「哪幾個沒達標或是沒有數據」) is an alternative: its own list or count, of the same scope, whose rows
  join the first's; before the ask (「已完成或執行中的項目有哪些」) it is context, as any piece is;
- trailing pieces that ask nothing belong to the last ask, and a piece that only asks again to
  list (「請全部列出」) is the list before it;
Each ask keeps its span of the normalised question, so links and cues are read per ask.
"""

import re
from dataclasses import dataclass, field, replace

from assistant.linking.terms import INTERROGATIVES
from assistant.understanding.cues import ClauseCues, asks_whether_any, read_cues, repeats_request, says_where
from assistant.understanding.question import ascii_lower

_STRONG = re.compile(r"[？?！!。；;\n]+")
# `and` opens a new question before a question word, or before a verb of being put ahead of its subject
# (and are any completed, and was the target met); before a predicate it only adds to the same rows'
# description (items that list X and are still in progress).
# A disjunction of clauses (或是, 或者); a bare 或 also joins words within a name (A已完成或例行性業務).
_OR_CLAUSE = r"或是|或者"
_WEAK = re.compile(rf"[，,、]|(?<=[\u4e00-\u9fff])(?={_OR_CLAUSE})|\s+(?=and (?:how|what|which|who|when|where|why|list)\b"
                   r"|and (?:is|are|was|were) (?:there|it|its|the|this|that|these|those|they|any|all|each|some|a|an|"
                   r"their)\b)")


@dataclass
class Piece:
    start: int
    end: int
    cues: ClauseCues
    after_strong: bool  # the piece before it ended at a sentence mark


@dataclass
class AskSpan:
    """One ask: the span it reads, its cues, and the spans that only ask for display columns."""

    start: int
    end: int
    cues: ClauseCues
    display: list[tuple[int, int]] = field(default_factory=list)

    def spans(self) -> list[tuple[int, int]]:
        return [(self.start, self.end), *self.display]


def _pieces(text: str) -> list[Piece]:
    pieces: list[Piece] = []
    position, after_strong = 0, True
    for sentence in [*_STRONG.finditer(text), None]:
        end = sentence.start() if sentence else len(text)
        start = position
        for clause in [*_WEAK.finditer(text, position, end), None]:
            clause_end = clause.start() if clause else end
            piece = text[start:clause_end]
            if piece.strip(" ,，、()（）"):
                pieces.append(Piece(start, clause_end, read_cues(ascii_lower(piece)), after_strong))
                after_strong = False
            start = clause.end() if clause else end
        position = sentence.end() if sentence else len(text)
        after_strong = True
    return pieces


def plan_asks(text: str) -> list[AskSpan]:
    """The asks of a normalised question, in order; at least one."""
    asks: list[AskSpan] = []
    pending: int | None = None  # start of context pieces waiting for a piece that asks
    pending_cues = read_cues("")  # the cues of the first of them
    displaying = False  # the last piece asked for display columns: 「分別是哪個局處主辦、辦理等級是什麼」
    attaches = False  # the pending pieces open with a display word after a list or count
    pieces = _pieces(text)
    for at, piece in enumerate(pieces):
        cues = piece.cues
        if says_where(ascii_lower(text[piece.start:piece.end]).strip()) and at + 1 < len(pieces) \
                and not pieces[at + 1].after_strong:
            cues = replace(cues, intent=None)  # 「E組109年的施政成果中，有哪些KPI沒達標」: where the next clause asks
        previous = asks[-1] if asks else None
        if previous and previous.cues.intent in ("list", "group") \
                and repeats_request(ascii_lower(text[piece.start:piece.end])):
            continue  # 「…有哪些？請全部列出。」: the same list, asked again
        if previous and pending is None and not piece.after_strong and _CONTRAST.match(text, piece.start):
            previous.end = piece.end  # 「哪些不是單一局處負責，而是兩個以上局處共同主責」: one predicate, said twice
            continue
        if previous and pending is None and not piece.after_strong and cues.intent is None \
                and previous.cues.intent in ("list", "count", "group") and _ALTERNATIVE.match(text, piece.start):
            # 「哪些沒達標，或是根本沒有數據」: rows meeting another condition, asked as the rows before were
            asks.append(AskSpan(piece.start, piece.end, replace(cues, intent=previous.cues.intent)))
            continue
        whole_sentence = piece.after_strong and (at + 1 == len(pieces) or pieces[at + 1].after_strong)
        if cues.intent is None and whole_sentence and _ASKS_ABOUT.search(text[piece.start:piece.end]) \
                and (asks or at + 1 < len(pieces)):
            # 「職員有幾人？約聘僱呢？」, 「那教育局呢？裡面還在執行的有幾項？」: a sentence of its own that
            # follows up asks again, of its subject (the ask before, or the previous turn's)
            asks.append(AskSpan(piece.start, piece.end, cues))
            continue
        yes_or_no = cues.intent is None or (cues.intent == "free" and not (cues.asks_manner or cues.asks_reason))
        if yes_or_no and whole_sentence and previous is not None \
                and previous.cues.intent in ("list", "count", "group") \
                and asks_whether_any(ascii_lower(text[piece.start:piece.end])):
            # 「…有哪些？有沒有已經完成的？」, 「…有幾項？有已經完成的嗎？」: whether any of the rows just asked
            # for qualify, asked of them (a 嗎 alone makes it a yes-or-no question, not a description)
            asks.append(AskSpan(piece.start, piece.end, replace(cues, points_back=True)))
            continue
        if cues.intent is None and whole_sentence and asks and _is_question(text, piece):
            # 「…主責哪些KPI？跟它112年…的年度目標有什麼對得上的地方？」: a sentence of its own asking with an
            # interrogative, though no cue says how to answer, is an ask of its own
            asks.append(AskSpan(piece.start, piece.end, replace(cues, intent="free")))
            continue
        if cues.intent is None:
            if pending is None:
                # 「…有哪些，附上年度目標」: at the end of the question, columns to show; before another
                # ask (「另外它主政的E組報告中，共有幾項」), that ask's context
                attaches = cues.display_only and previous is not None \
                    and previous.cues.intent in ("list", "count", "group")
                pending, pending_cues = piece.start, cues
            continue
        start = piece.start if pending is None else pending
        if pending is not None:  # 「那這些當中，有教育局協辦的有哪些」: its context opens it and points back
            cues = replace(cues, points_back=cues.points_back or pending_cues.points_back,
                           points_at_one_row=cues.points_at_one_row or pending_cues.points_at_one_row,
                           opens_like_follow_up=cues.opens_like_follow_up or pending_cues.opens_like_follow_up)
        pending = None
        continues_display = displaying and not piece.after_strong and cues.intent in ("list", "lookup")
        if previous and (cues.display_only or continues_display) and start == piece.start \
                and previous.cues.intent in ("list", "count", "group"):
            if cues.intent == "free":
                # 「…有哪些？各自的辦理情形如何？」: how each row fares is asked of those rows, row by row
                asks.append(AskSpan(start, piece.end, replace(cues, points_back=True)))
                displaying = False
                continue
            previous.display.append((piece.start, piece.end))
            displaying = True
            continue
        displaying = False
        if previous and not piece.after_strong and start == piece.start and previous.cues.intent == cues.intent \
                and not _asks_again(cues):
            previous.end = piece.end  # 「目標值跟達成值、各是多少」: one ask cut by a clause mark
            continue
        asks.append(AskSpan(start, piece.end, cues))
    if pending is not None:
        if asks and attaches:
            asks[-1].display.append((pending, len(text)))
        elif asks:
            asks[-1].end = len(text)
        else:
            asks.append(AskSpan(pending, len(text), read_cues(ascii_lower(text[pending:]))))
    if not asks:
        asks.append(AskSpan(0, len(text), read_cues(ascii_lower(text))))
    return asks


# 不是A，而是B: the clause after 而是 restates what the clause before denied, for the same rows.
_CONTRAST = re.compile(r"\s*(?:而是|而非|but rather\b)")
# A clause opening with a disjunction (或是…, or …): an alternative to the clause before.
_ALTERNATIVE = re.compile(rf"\s*(?:{_OR_CLAUSE}|或|or\b)")
# A sentence that is a question by its closing particle alone (約聘僱呢？), not context (另外它主政的…).
_ASKS_ABOUT = re.compile(r"呢\s*[?？]?\s*$")


def _is_question(text: str, piece: Piece) -> bool:
    """The piece is a whole sentence closed by a question mark and holding an interrogative."""
    sentence = text[piece.start:piece.end]
    return bool(re.match(r"\s*[?？]", text[piece.end:])) and any(word in sentence for word in INTERROGATIVES)


def _asks_again(cues: ClauseCues) -> bool:
    """A second clause with the same cue is its own ask when it is a count or points back (其中…幾項)."""
    return cues.intent in ("count", "group", "lookup", "list") or cues.points_back
