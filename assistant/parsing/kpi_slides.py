"""Record parser for a group's slide deck (002): one `KpiResult` per (year, KPI).

The deck is a text dump with one text box per line and no tabs. Part 1 reports a year's results:
a summary slide lists the year's KPIs, then each KPI has a card (目標值 / 達成值 / 達成度, with the
four scores fused onto the 達成值 line). Part 2 plans the next years: per goal, a header names the
years and each KPI has one line `DC1.1失業率 3.8 3.8 3.8 勞動局`.

Cards that share a slide come out with their text boxes interleaved, so a value is placed on a card
only when the layout or the card's own arithmetic leaves no doubt; anything else is left None and
reported as a warning, never guessed.
"""

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from enum import Enum, auto

from assistant.corpus.lexicon import AgencyLexicon
from assistant.corpus.manifest import Document
from assistant.errors import ParseError
from assistant.parsing.models import KpiResult, provenance
from assistant.parsing.result import ParseResult

PART = re.compile(r"^第(?P<part>[一二])部[份分]$")
RESULTS_YEAR = re.compile(r"(?P<year>\d{3})年度")
GROUP_IN_TITLE = re.compile(r"\((?P<group>[A-Z])\)組")
SUMMARY_HEADING = re.compile(r"^關鍵績效指標\((?P<perspective>.+?)面\)共(?P<count>\d+)項$")
KPI_CODE = re.compile(r"^(?P<code>[A-Z][CPLF]\d+\.\d+)(?![\d.])\s*(?P<rest>.*)$")
SECTION = re.compile(r"^(?P<goal>[A-Z][CPLF]\d+)\.\s*(?P<name>[^\d\s.]\S*)$")
# `DP3 發展重點產業 / 產業局 創`, `7 DC1促進充分就業/勞動局`: the goal's narrative slides name its agency.
GOAL_AGENCY = re.compile(r"(?P<goal>[A-Z][CPLF]\d+)(?![.\d])\s*[\u4e00-\u9fff]+\s*/\s*(?P<agency>[\u4e00-\u9fff]+)")
GOAL_TABLE_HEADER = re.compile(r"策略目標.*關鍵成功因素.*關鍵績效指標.*行動計畫")
GOAL_CELL = re.compile(r"^(?P<goal>[A-Z][CP]\d+)(?![.\d])(?P<name>[\u4e00-\u9fff]+)$")
CJK_ONLY = re.compile(r"^[\u4e00-\u9fff]+$")
TARGET_HEADER = "關鍵績效指標(KPI)"
TARGET_HEADER_END = "相關局處"
TARGET_YEAR = re.compile(r"^(?P<year>\d{3})年$")
SCORE_HEADER = re.compile(r"^創新度\s+挑戰度\s+貢獻度\s+加權平均$")
# The legend gives each rating's lower bound on the weighted score: `●良 (92.5>KPI總得分>=84.5)`.
LEGEND_BAND = re.compile(r"(?P<word>優|良|可)\s*\((?:[\d.]+\s*>\s*)?KPI總得分\s*>=\s*(?P<floor>[\d.]+)\)")
LEGEND_START = "【自評標準】"
LEGEND_TAIL = "者)"
LAMP_WORDS = frozenset({"自評燈號", "自評", "燈號"})
RATINGS = {"優": "優", "良好": "良", "良": "良", "可": "可", "差": "差", "不明": "不明"}
NO_SCORE = "-"
NO_SCORE_RATING = "不明"
TARGET, ACTUAL, ACHIEVEMENT = "目標值", "達成值", "達成度"
PERSPECTIVES = {"C": "顧客", "P": "內部流程", "L": "學習成長", "F": "財務"}
SCORE_COUNT = 4  # 創新度, 挑戰度, 貢獻度, 加權平均
STATUS_NOTE = re.compile(r"^(?P<name>.*?)\s*[(（](?P<note>[^()（）]*)[)）]?\s*$")
MET = "達標"
NUMBER = re.compile(r"(?:(?P<yi>\d+(?:\.\d+)?)億)?(?:(?P<wan>\d+(?:\.\d+)?)萬)?(?P<units>\d+(?:\.\d+)?)?")
ACHIEVEMENT_TOLERANCE = 0.1  # printed 達成度 is rounded or truncated to one or two decimals


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _number(raw: str) -> float | None:
    """`1萬9,754`, `16,512`, `101.3%`, `３` → float; None for anything else (`-`)."""
    text = _nfkc(raw).replace(",", "").strip().removesuffix("%")
    match = NUMBER.fullmatch(text)
    if not text or not match:
        return None
    yi, wan, units = (float(match[g]) if match[g] else 0.0 for g in ("yi", "wan", "units"))
    return yi * 1e8 + wan * 1e4 + units


def _is_value(token: str) -> bool:
    return token == NO_SCORE or _number(token) is not None


class _Kind(Enum):
    CODE = auto()  # a KPI code opens a card
    LABEL = auto()  # 目標值 / 達成值 / 達成度
    NUMBERS = auto()  # values, perhaps with a rating word fused on
    RATING = auto()  # a rating word on its own
    SECTION = auto()  # `DC1. 促進充分就業`
    FILLER = auto()  # legend, score header, 自評燈號: part of a card, carries nothing
    OTHER = auto()  # names, narrative


@dataclass(frozen=True)
class _Line:
    number: int
    kind: _Kind
    text: str = ""
    tokens: tuple[str, ...] = ()
    rating: str | None = None


def _classify(number: int, raw: str) -> _Line | None:
    """What one text box of part 1 is; None for a blank line."""
    text = _nfkc(raw).strip()
    if not text:
        return None
    if text.startswith(LEGEND_START) or text == LEGEND_TAIL or SCORE_HEADER.match(text):
        return _Line(number, _Kind.FILLER, text)
    if text in (TARGET, ACTUAL, ACHIEVEMENT):
        return _Line(number, _Kind.LABEL, text)
    if SECTION.match(text):
        return _Line(number, _Kind.SECTION, text)
    if KPI_CODE.match(text):
        return _Line(number, _Kind.CODE, text)
    words = [word for word in raw.split() if _nfkc(word) not in LAMP_WORDS]
    rating = words.pop() if words and _nfkc(words[-1]) in RATINGS else None
    if not words:
        return _Line(number, _Kind.RATING if rating else _Kind.FILLER, text, rating=rating)
    if all(_is_value(word) for word in words):
        return _Line(number, _Kind.NUMBERS, text, tuple(words), rating)
    return _Line(number, _Kind.OTHER, text)


@dataclass(frozen=True)
class _Value:
    raw: str
    line: int


@dataclass
class _Card:
    """What one KPI card yields; a field stays None unless it could be placed with certainty."""

    code: str
    line: int
    target: _Value | None = None
    actual: _Value | None = None
    achievement: _Value | None = None
    score: _Value | None = None
    rating: _Value | None = None

    def end_line(self) -> int:
        values = (self.target, self.actual, self.achievement, self.score, self.rating)
        return max([self.line] + [v.line for v in values if v is not None])


@dataclass
class _Segment:
    """The lines from one card's code to the next code: its labels and the numbers after them."""

    code: str
    line: int
    slots: dict[str, list[_Line]] = field(default_factory=lambda: {TARGET: [], ACTUAL: [], ACHIEVEMENT: []})
    labels: Counter = field(default_factory=Counter)
    loose: list[_Line] = field(default_factory=list)
    ratings: list[_Line] = field(default_factory=list)


@dataclass
class _Group:
    """Cards printed together on one slide (or run on without narrative between them)."""

    lines: list[_Line] = field(default_factory=list)
    cards: int = 0
    achievement_labels: int = 0


def _read_groups(lines: list[_Line]) -> list[_Group]:
    """Cut part 1 into card groups: a group closes at the first narrative line after its last 達成度."""
    groups: list[_Group] = []
    current: _Group | None = None
    for line in lines:
        if line.kind is _Kind.CODE and current is None:
            current = _Group()
            groups.append(current)
        if current is None:
            continue
        if line.kind is _Kind.OTHER and current.achievement_labels >= current.cards:
            current = None
            continue
        current.lines.append(line)
        current.cards += line.kind is _Kind.CODE
        current.achievement_labels += line.kind is _Kind.LABEL and line.text == ACHIEVEMENT
    return groups


def _segments(group: _Group) -> list[_Segment]:
    """One segment per card code. Interleaved cards leave a code with no labels of its own, so only a
    group with no 達成值 at all is dropped: its code is a mention (`DP5.1…(負向指標)`), not a card."""
    segments: list[_Segment] = []
    pending: str | None = None
    for line in group.lines:
        if line.kind is _Kind.CODE:
            segments.append(_Segment(KPI_CODE.match(line.text)["code"], line.number))
            pending = None
            continue
        segment = segments[-1]
        if line.kind is _Kind.LABEL:
            pending = line.text
            segment.labels[pending] += 1
        elif line.kind is _Kind.NUMBERS:
            (segment.slots[pending] if pending else segment.loose).append(line)
            pending = None
        elif line.kind is _Kind.RATING:
            segment.ratings.append(line)
        elif line.kind is _Kind.OTHER:
            pending = None
    return segments if any(s.labels[ACTUAL] for s in segments) else []


def _split_actual(line: _Line) -> tuple[_Value | None, _Value | None]:
    """The 達成值 line: `547 95 93 95 93.9` is actual + four scores, `85 85 85 -` is scores only."""
    tokens = line.tokens
    if len(tokens) == 1:
        return _Value(tokens[0], line.number), None
    if len(tokens) == SCORE_COUNT + 1:
        return _Value(tokens[0], line.number), _Value(tokens[-1], line.number)
    if len(tokens) == SCORE_COUNT:
        return None, _Value(tokens[-1], line.number)
    raise ValueError(f"L{line.number}: 達成值 line {line.text!r} is neither a value nor a value and {SCORE_COUNT} scores")


def _consistent(target: _Value, actual: _Value, achievement: _Value) -> bool:
    """達成度 is actual/target (or target/actual for a negative indicator) in percent."""
    t, a, r = _number(target.raw), _number(actual.raw), _number(achievement.raw)
    if t is None or a is None or r is None or t == 0 or a == 0:
        return False
    return min(abs(100 * a / t - r), abs(100 * t / a - r)) <= ACHIEVEMENT_TOLERANCE


def _single(line: _Line) -> _Value | None:
    return _Value(line.tokens[0], line.number) if len(line.tokens) == 1 else None


def _fill_direct(segment: _Segment, warnings: list[str]) -> _Card:
    """A card whose own segment holds at most one value per label."""
    card = _Card(segment.code, segment.line)
    scores: list[_Value] = []
    for label, slot in segment.slots.items():
        if not slot:
            continue
        if label == ACTUAL:
            try:
                card.actual, score = _split_actual(slot[0])
            except ValueError as exc:
                warnings.append(f"{segment.code}: {exc}")
                continue
            scores += [score] if score else []
        elif (value := _single(slot[0])) is None:
            warnings.append(f"L{slot[0].number}: {segment.code} {label} line {slot[0].text!r} is not one value")
        elif label == TARGET:
            card.target = value
        else:
            card.achievement = value
    for line in segment.loose:
        if len(line.tokens) == SCORE_COUNT:
            scores.append(_Value(line.tokens[-1], line.number))
        else:
            warnings.append(f"L{line.number}: {segment.code} numbers {line.text!r} follow no label, not placed")
    if len(scores) == 1:
        card.score = scores[0]
    elif len(scores) > 1:
        lines = ", ".join(f"L{s.line}" for s in scores)
        warnings.append(f"{segment.code}: several score lines ({lines}); 加權平均 left empty")
    if card.target and card.actual and card.achievement and not _consistent(card.target, card.actual, card.achievement):
        warnings.append(
            f"L{card.achievement.line}: {segment.code} 達成度 {card.achievement.raw} does not match "
            f"目標值 {card.target.raw} and 達成值 {card.actual.raw}"
        )
    return card


def _fill_interleaved(segments: list[_Segment], warnings: list[str]) -> list[_Card]:
    """Cards whose text boxes interleave: place (target, actual, 達成度) blocks in card order only when
    there is one complete block per card and each block's 達成度 checks out against its own values.
    Score lines that float between the blocks are never placed."""
    cards = [_Card(s.code, s.line) for s in segments]
    codes = "/".join(s.code for s in segments)
    pooled = {label: [line for s in segments for line in s.slots[label]] for label in (TARGET, ACTUAL, ACHIEVEMENT)}
    blocks: list[tuple[_Value, _Value, _Value | None, _Value]] = []
    if all(len(lines) == len(cards) for lines in pooled.values()):
        for target_line, actual_line, achievement_line in zip(*pooled.values(), strict=True):
            target, achievement = _single(target_line), _single(achievement_line)
            try:
                actual, score = _split_actual(actual_line)
            except ValueError:
                break
            if not (target and actual and achievement and _consistent(target, actual, achievement)):
                break
            blocks.append((target, actual, score, achievement))
    if len(blocks) == len(cards):
        for card, (target, actual, score, achievement) in zip(cards, blocks, strict=True):
            card.target, card.actual, card.score, card.achievement = target, actual, score, achievement
        warnings.append(
            f"{codes} share a slide: 目標值/達成值/達成度 placed in the order the cards are printed, "
            "each 達成度 checked against its own 目標值 and 達成值"
        )
    else:
        warnings.append(f"{codes} share a slide and their values cannot be told apart; 目標值/達成值/達成度 left empty")
    loose = [line for s in segments for line in s.loose]
    if loose:
        lines = ", ".join(f"L{line.number} {line.text!r}" for line in loose)
        warnings.append(f"{codes} share a slide; score lines {lines} cannot be assigned to one card, 加權平均 left empty")
    return cards


def _bands(legend: str | None) -> list[tuple[float, str]]:
    """The legend's rating floors, highest first; empty when the deck prints no legend."""
    if legend is None:
        return []
    return sorted(((float(m["floor"]), m["word"]) for m in LEGEND_BAND.finditer(legend)), reverse=True)


def _band(card: _Card, bands: list[tuple[float, str]]) -> str | None:
    """The rating the legend gives the card's weighted score: a printed `-` is 不明 (缺項無法統計)."""
    if card.score is None or not bands:
        return None
    if card.score.raw == NO_SCORE:
        return NO_SCORE_RATING
    score = _number(card.score.raw)
    return next((word for floor, word in bands if score >= floor), "差") if score is not None else None


def _assign_ratings(cards: list[_Card], segments: list[_Segment], bands: list[tuple[float, str]],
                    warnings: list[str]) -> None:
    """Fused ratings go with the value they are printed on; floating ones only where no doubt is left.

    Floating words are placed when they are all the same word and there is one per unrated card, or
    when, word by word, exactly as many unrated cards fall in that word's score band as the word is printed.
    """
    owner = {v.line: card for card in cards for v in (card.target, card.actual, card.achievement) if v}
    floating: list[_Value] = []
    for segment in segments:
        for label_lines in segment.slots.values():
            for line in label_lines:
                if line.rating and (card := owner.get(line.number)) and card.rating is None:
                    card.rating = _Value(line.rating, line.number)
                elif line.rating:
                    floating.append(_Value(line.rating, line.number))
        floating += [_Value(line.rating, line.number) for line in segment.ratings + segment.loose if line.rating]
    unrated = [card for card in cards if card.rating is None]
    words = [RATINGS[_nfkc(v.raw)] for v in floating]
    if not floating:
        return
    if not unrated:
        lines = ", ".join(f"L{v.line} {v.raw}" for v in floating)
        warnings.append(f"rating words {lines} are left over: every card beside them already has one")
        return
    if len(set(words)) == 1 and len(words) == len(unrated):
        for card, value in zip(unrated, floating, strict=True):
            card.rating = value
        return
    by_band = {card.code: _band(card, bands) for card in unrated}
    if None not in by_band.values() and all(
        Counter(by_band.values())[word] == count for word, count in Counter(words).items()
    ):
        for value, word in zip(floating, words, strict=True):
            card = next(c for c in unrated if by_band[c.code] == word and c.rating is None)
            card.rating = value
        return
    codes = "/".join(card.code for card in unrated)
    lines = ", ".join(f"L{v.line} {v.raw}" for v in floating)
    warnings.append(f"{codes}: rating words {lines} cannot be assigned with certainty, left empty")


def _read_cards(lines: list[_Line], bands: list[tuple[float, str]], warnings: list[str]) -> dict[str, _Card]:
    """Every card of part 1, keyed by code; a code carded twice keeps its first card."""
    cards: dict[str, _Card] = {}
    for group in _read_groups(lines):
        segments = _segments(group)
        if not segments:
            continue
        if any(len(slot) > 1 for s in segments for slot in s.slots.values()):
            filled = _fill_interleaved(segments, warnings)
        else:
            filled = [_fill_direct(s, warnings) for s in segments]
        _assign_ratings(filled, segments, bands, warnings)
        for card in filled:
            if card.code in cards:
                warnings.append(f"L{card.line}: second card for {card.code}, ignored")
            else:
                cards[card.code] = card
    return cards


def _after_code(raw: str, code: str) -> str:
    """The printed text after a leading KPI code (NFKC maps a code's characters one to one)."""
    return raw.strip()[len(code) :].strip()


def _unclosed(text: str) -> bool:
    return text.count("(") + text.count("（") > text.count(")") + text.count("）")


@dataclass
class _Listed:
    """A KPI as the year's summary slide lists it, with its `(達標)` flag or its note."""

    code: str
    text: str
    line: int
    end_line: int
    perspective: str

    def name_and_note(self) -> tuple[str, str | None]:
        """`事業單位設置哺(集)乳室… (達標)` → name and `達標`; a paren that is no status stays in the name."""
        match = STATUS_NOTE.match(self.text)
        if match and (match["note"] == MET or "，" in match["note"] or "," in match["note"]):
            return match["name"], match["note"]
        return self.text, None


def _read_summary(doc: Document, start: int, end: int, warnings: list[str]) -> list[_Listed]:
    """The KPI list under the `關鍵績效指標（顧客面）共5項` headings, checked against the stated counts."""
    listed: list[_Listed] = []
    stated: dict[str, tuple[int, int]] = {}
    perspective: str | None = None
    for number in range(start, end + 1):
        raw = doc.line(number)
        text = _nfkc(raw).strip()
        if heading := SUMMARY_HEADING.match(text):
            perspective = heading["perspective"]
            stated[perspective] = (int(heading["count"]), number)
        elif perspective is None or not text:
            continue
        elif (kpi := KPI_CODE.match(text)) and kpi["rest"]:
            listed.append(_Listed(kpi["code"], _after_code(raw, kpi["code"]), number, number, perspective))
        elif listed and _unclosed(listed[-1].text):
            listed[-1].text += raw.strip()
            listed[-1].end_line = number
        else:
            break
    for name, (count, number) in stated.items():
        parsed = sum(item.perspective == name for item in listed)
        if parsed != count:
            warnings.append(f"L{number}: the summary states {count} {name}面 KPIs, {parsed} were read")
    return listed


def _goal_names_from_sections(lines: list[_Line]) -> dict[str, str]:
    """Part 1's section titles `DC1. 促進充分就業`, the first one per goal."""
    names: dict[str, str] = {}
    for line in lines:
        if line.kind is _Kind.SECTION:
            match = SECTION.match(line.text)
            names.setdefault(match["goal"], match["name"])
    return names


def _goal_agencies(lines: list[_Line], lexicon: AgencyLexicon, warnings: list[str]) -> dict[str, str]:
    """Each goal's agency from its narrative slide titles (`DP3 發展重點產業 / 產業局`), when they agree."""
    seen: dict[str, set[str]] = {}
    for line in lines:
        for match in GOAL_AGENCY.finditer(line.text):
            agency = lexicon.canonical(match["agency"])
            if agency is None:
                warnings.append(f"L{line.number}: agency {match['agency']!r} of {match['goal']} is not in the lexicon")
            else:
                seen.setdefault(match["goal"], set()).add(agency)
    agencies: dict[str, str] = {}
    for goal, names in seen.items():
        if len(names) == 1:
            agencies[goal] = names.pop()
        else:
            warnings.append(f"{goal}: slide titles name several agencies {sorted(names)}, agency left empty")
    return agencies


def _goal_names_from_table(doc: Document, start: int) -> dict[str, str]:
    """Part 2's goal table: a goal cell is `DC3完善創業` plus the wrapped lines right under it.

    Later slides repeat the goals with other wraps (`DP4友善` / `就業環境`), so the first cell wins.
    """
    header = next((n for n in range(start, len(doc.lines) + 1) if GOAL_TABLE_HEADER.search(doc.line(n))), None)
    names: dict[str, str] = {}
    if header is None:
        return names
    for number in range(header + 1, len(doc.lines) + 1):
        cell = GOAL_CELL.match(_nfkc(doc.line(number)).strip())
        if not cell or cell["goal"] in names:
            continue
        parts = [cell["name"]]
        for follow in range(number + 1, len(doc.lines) + 1):
            text = _nfkc(doc.line(follow)).strip()
            if not CJK_ONLY.match(text):
                break
            parts.append(text)
        names[cell["goal"]] = "".join(parts)
    return names


@dataclass
class _Context:
    """What every record of the document shares."""

    doc: Document
    group: str
    lexicon: AgencyLexicon
    bands: list[tuple[float, str]]
    warnings: list[str]


def _result_record(ctx: _Context, year: int, item: _Listed, card: _Card | None,
                   goal_names: dict[str, str], agencies: dict[str, str]) -> KpiResult:
    """The summary's KPI filled from its card; the card's span is the record's span."""
    name, note = item.name_and_note()
    goal = item.code.split(".")[0]
    found = card or _Card(item.code, item.line)

    def number(value: _Value | None) -> float | None:
        return _number(value.raw) if value else None

    record = KpiResult(
        **provenance(ctx.doc),
        line=found.line,
        end_line=found.end_line() if card else item.end_line,
        group=ctx.group,
        year_roc=year,
        kpi_code=item.code,
        kpi_name=name,
        goal_code=goal,
        goal_name=goal_names.get(goal),
        perspective=PERSPECTIVES.get(item.code[1]),
        target=number(found.target),
        target_raw=found.target.raw if found.target else None,
        actual=number(found.actual),
        actual_raw=found.actual.raw if found.actual else None,
        achievement=number(found.achievement),
        achievement_raw=found.achievement.raw if found.achievement else None,
        rating=RATINGS[_nfkc(found.rating.raw)] if found.rating else None,
        rating_raw=found.rating.raw if found.rating else None,
        score=number(found.score),
        agency=agencies.get(goal),
        value_line=found.actual.line if found.actual else None,
    )
    _check_result(ctx, record, card, note)
    return record


def _check_result(ctx: _Context, record: KpiResult, card: _Card | None, note: str | None) -> None:
    """Say what is missing or contradictory, so an empty field is never mistaken for a value."""
    label = f"L{record.line}: {record.label()}"
    if note and note != MET:
        ctx.warnings.append(f"{label}: the summary notes {note!r}")
    if note == MET and record.achievement is not None and record.achievement < 100:
        ctx.warnings.append(f"{label}: the summary says {MET} but the card's 達成度 is {record.achievement_raw}")
    if card is None:
        ctx.warnings.append(f"{label}: no card found, only the summary entry")
        return
    fields = ((TARGET, card.target), (ACTUAL, card.actual), (ACHIEVEMENT, card.achievement),
              ("加權平均", card.score), ("自評燈號", card.rating))
    if missing := [name for name, value in fields if value is None]:
        ctx.warnings.append(f"{label}: no {'/'.join(missing)} placed")
    band = _band(card, ctx.bands)
    if record.rating and band and band != record.rating:
        ctx.warnings.append(
            f"{label}: rating {record.rating_raw} but the legend gives {band} for score {card.score.raw}"
        )


@dataclass(frozen=True)
class _TargetLine:
    code: str
    name: str
    values: list[str]
    agency_raw: str


def _split_target_line(raw: str, count: int) -> _TargetLine | None:
    """`DC1.1失業率 3.8 3.8 3.8 勞動局`: code and name, `count` values, the agency last."""
    tokens = raw.split()
    if len(tokens) < count + 2:
        return None
    head, values, agency = tokens[: -count - 1], tokens[-count - 1 : -1], tokens[-1]
    code = KPI_CODE.match(_nfkc(head[0]))
    name = _after_code(" ".join(head), code["code"]) if code else ""
    if not name or any(_number(value) is None for value in values):
        return None
    return _TargetLine(code["code"], name, values, agency)


def _read_targets(ctx: _Context, start: int, goal_names: dict[str, str]) -> list[KpiResult]:
    """Part 2's target tables: a `關鍵績效指標(KPI)` header names the years, then one line per KPI."""
    records: list[KpiResult] = []
    years: list[int] = []
    state: str | None = None
    for number in range(start, len(ctx.doc.lines) + 1):
        raw = ctx.doc.line(number)
        text = _nfkc(raw).strip()
        if text == TARGET_HEADER:
            years, state = [], "header"
        elif state == "header":
            if year := TARGET_YEAR.match(text):
                years.append(int(year["year"]))
            elif text == TARGET_HEADER_END:
                state = "rows"
        elif state == "rows" and text:
            if not KPI_CODE.match(text):
                state = None
                continue
            row = _split_target_line(raw, len(years)) if years else None
            if row is None:
                ctx.warnings.append(f"L{number}: target line {text!r} does not fit the years {years}, skipped")
                continue
            records += _target_records(ctx, number, years, row, goal_names)
    return records


def _target_records(ctx: _Context, number: int, years: list[int], row: _TargetLine,
                    goal_names: dict[str, str]) -> list[KpiResult]:
    """One record per year of a target line; the values stay raw beside their NFKC parse."""
    agency = ctx.lexicon.canonical(_nfkc(row.agency_raw))
    if agency is None:
        ctx.warnings.append(f"L{number}: {row.code} agency {row.agency_raw!r} is not in the lexicon")
    goal = row.code.split(".")[0]
    return [
        KpiResult(
            **provenance(ctx.doc),
            line=number,
            end_line=number,
            group=ctx.group,
            year_roc=year,
            kpi_code=row.code,
            kpi_name=row.name,
            goal_code=goal,
            goal_name=goal_names.get(goal),
            perspective=PERSPECTIVES.get(row.code[1]),
            target=_number(value),
            target_raw=value,
            agency=agency,
            value_line=number,
        )
        for year, value in zip(years, row.values, strict=True)
    ]


TABLE_KPI = re.compile(r"(?<![\w.])(?P<code>[A-Z][CPLF]\d+\.\d+)(?![\d.])\s*(?P<name>[\u4e00-\u9fff][^\s]*)")
NEXT_TABLE = "策略目標"


def _kpis_in_goal_table(doc: Document, start: int) -> dict[str, tuple[int, str]]:
    """KPI codes listed in part 2's goal table, with their first line and name.

    The table runs from its header to the next table, whose header starts with 策略目標 again.
    A KPI listed here but given no target line is still one of that year's KPIs.
    """
    header = next((n for n in range(start, len(doc.lines) + 1) if GOAL_TABLE_HEADER.search(doc.line(n))), None)
    listed: dict[str, tuple[int, str]] = {}
    if header is None:
        return listed
    for number in range(header + 1, len(doc.lines) + 1):
        text = _nfkc(doc.line(number)).strip()
        if text.startswith(NEXT_TABLE):
            break
        for match in TABLE_KPI.finditer(text):
            listed.setdefault(match["code"], (number, match["name"]))
    return listed


def _untargeted_records(ctx: _Context, year: int, listed: dict[str, tuple[int, str]], targeted: set[str],
                        goal_names: dict[str, str]) -> list[KpiResult]:
    """Records with no target for the goal-table KPIs that no target line covers."""
    records = []
    for code, (number, name) in listed.items():
        if code in targeted:
            continue
        goal = code.split(".")[0]
        ctx.warnings.append(f"L{number}: {year}年 {code} {name} is listed in the goal table but has no target line")
        records.append(KpiResult(
            **provenance(ctx.doc), line=number, end_line=number, group=ctx.group, year_roc=year, kpi_code=code,
            kpi_name=name, goal_code=goal, goal_name=goal_names.get(goal), perspective=PERSPECTIVES.get(code[1]),
        ))
    return records


def _part_starts(doc: Document) -> dict[str, int]:
    starts: dict[str, int] = {}
    for number, raw in enumerate(doc.lines, start=1):
        if match := PART.match(_nfkc(raw).strip()):
            starts.setdefault(match["part"], number)
    if set(starts) != {"一", "二"} or starts["一"] > starts["二"]:
        raise ParseError(f"{doc.file}: no 第一部份 / 第二部份 (results, then tasks) found")
    return starts


def _group_letter(doc: Document) -> str:
    if doc.info.group:
        return doc.info.group
    title = next((m for raw in doc.lines[:10] if (m := GROUP_IN_TITLE.search(_nfkc(raw)))), None)
    if title is None:
        raise ParseError(f"{doc.file}: no group letter in the manifest or the title")
    return title["group"]


def parse(doc: Document, lexicon: AgencyLexicon) -> ParseResult:
    """Part 1's results, one record per summary KPI, then part 2's targets, one record per year and KPI."""
    starts = _part_starts(doc)
    part1 = range(starts["一"], starts["二"])
    year = next((int(m["year"]) for n in part1 if (m := RESULTS_YEAR.search(doc.line(n)))), None)
    if year is None:
        raise ParseError(f"{doc.file}: part 1 names no 年度")
    warnings: list[str] = []
    listed = _read_summary(doc, part1.start, part1.stop - 1, warnings)
    if not listed:
        raise ParseError(f"{doc.file}: no 關鍵績效指標 summary in part 1")
    lines = [line for n in part1 if (line := _classify(n, doc.line(n))) is not None]
    legend = next((line.text for line in lines if line.text.startswith(LEGEND_START)), None)
    ctx = _Context(doc, _group_letter(doc), lexicon, _bands(legend), warnings)
    cards = _read_cards([line for line in lines if line.number > listed[-1].end_line], ctx.bands, warnings)
    goal_names = _goal_names_from_sections(lines)
    agencies = _goal_agencies(lines, lexicon, warnings)
    records = [_result_record(ctx, year, item, cards.pop(item.code, None), goal_names, agencies) for item in listed]
    for code, card in cards.items():
        warnings.append(f"L{card.line}: card {code} is not in the {year}年 KPI summary, skipped")
    table_goals = _goal_names_from_table(doc, starts["二"])
    targets = _read_targets(ctx, starts["二"], table_goals)
    if targets:
        first_year = min(r.year_roc for r in targets)
        targeted = {r.kpi_code for r in targets if r.year_roc == first_year}
        targets += _untargeted_records(ctx, first_year, _kpis_in_goal_table(doc, starts["二"]), targeted, table_goals)
    seen: set[tuple[int, str]] = {(r.year_roc, r.kpi_code) for r in records}
    for record in targets:
        key = (record.year_roc, record.kpi_code)
        if key in seen:
            warnings.append(f"L{record.line}: a second {record.year_roc}年 {record.kpi_code}, skipped")
        else:
            seen.add(key)
            records.append(record)
    return ParseResult(records=records, warnings=warnings)
