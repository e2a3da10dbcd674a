"""Extractive answers: the few sentences of the top passages that best answer the question, quoted exactly.

Passages are cut into sentences at sentence marks, table cells, paragraph tags, list numbering and
line ends, except where a line only wraps (a line of prose that stops mid-sentence and goes on in the
next, as slides and PDF text print a long sentence) or goes on into the short sub-items nested under
it (an enumeration a slide indents below the bullet introducing it); each sentence keeps its exact
offsets, so its quote is a substring of the original lines. Only
passages holding half the ask's words (weighted) are quoted from. Sentences are scored by the weighted
share of the question's words they hold (counting twice those their passage heading lacks), plus a
little for the heading, the retrieval rank and figures; the best few are kept, at most five and
a few hundred characters of quotes (`AnsweringSettings.max_sentences`, `max_quote_chars`).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from assistant.answering.terms import Term, coverage
from assistant.index.indexed_passage import IndexedPassage
from assistant.text.normalize import match_key, strip_markup

MAX_SENTENCE_CHARS = 160
MIN_SENTENCE_CHARS = 8
MIN_STATEMENT_CHARS = 5  # a piece ending in a sentence mark is a sentence from this length (教育訓練。)
PER_PASSAGE = 3
RELATIVE_FLOOR = 0.4  # a sentence scoring under 40% of the best one is not worth the reader's time
# The share of the question's key terms a passage must hold to be quoted from; also the score of
# "words the heading lacks" when the heading lacks none.
ON_TOPIC = 0.5

_BREAK = re.compile(r"[。！？；!?;\n\t]|<[^<>]*>|(?<=\s)(?=(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|\d{1,2}\.\s))")
# A list item's number (1. 二、 (三)), as against a bullet: a numbered line titles the point below it.
_NUMBER = r"[一二三四五六七八九十]+、|\d{1,3}、|[(（][一二三四五六七八九十\d]+[)）]|\d{1,2}\.(?!\d)"
_NUMBERING = re.compile(_NUMBER)
# A bullet, a dash, list numbering: what a sentence starts with but does not say (`* ` is a bullet, `**` opens bold).
_LEAD = re.compile(rf"^(?:(?:[\s\-–—•·●◆▶➤✓✔\uf000-\uf8ff]|\*(?=\s))+|{_NUMBER})+")
_TRAIL = re.compile(r"[\s\-–—*•·、，,:：]+$")
_CLAUSE = re.compile(r"(?<=[，,、：:])")
_HAS_CONTENT = re.compile(r"[\u3400-\u9fff]{2,}")
_LABEL_MAX = 20
_PHRASE_MARKS = re.compile(r"[，,。；;：:]")
# A line that only wraps: it holds a clause mark (prose, not a label or a table cell) and stops
# without a sentence, clause or list end; the next line goes straight on, with no list marker.
_CLAUSE_MARK = re.compile(r"[，,、]")
_LINE_DONE = re.compile(r"[。！？；!?;：:]\s*$")
_WRAP_GOES_ON = re.compile(r"[\u3400-\u9fff「『（(A-Za-z0-9]")
# Words that give a reason (因, 由於, 主要係, 導致, …故, 考量): an ask for one is answered by them.
# 因應 (respond to) gives none.
_REASON = re.compile(r"因(?!應)|由於|主要係|緣於|導致|致使|以致|所以|[，,]\s*(?:故|爰)|考量|鑑於"
                     r"|受[^，,。；;\s]{1,8}影響")  # 受疫情影響: what it was affected by
_DIGIT = re.compile(r"\d")
# A figure, in digits or in Chinese numerals with a measure word (六成, 兩處, 三場): a line stating one
# says how much, which no label does.
_FIGURE = re.compile(r"\d|[一二兩三四五六七八九十百千萬半]+(?:成|倍|[個項處場次人家件位名座所條])")
# A line break in a sentence's display, and the bullet of a sub-item line it leads into.
_DISPLAY_BREAK = re.compile(r"[ \t]*\n[ \t]*([-–—*•·●◆▶➤✓✔]\s*)?")


@dataclass(frozen=True)
class Sentence:
    """An exact piece of a passage: `passage.text[start:end]`."""

    passage: IndexedPassage
    rank: int
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.passage.text[self.start:self.end]

    @property
    def line(self) -> int:
        """The file line holding the sentence (a passage is whole lines, or a piece of one line)."""
        if self.passage.id.count("#"):
            return self.passage.line
        return self.passage.line + self.passage.text.count("\n", 0, self.start)

    @property
    def end_line(self) -> int:
        """The file line the sentence ends on: later than `line` when it runs on over wrapped lines."""
        return self.line + self.passage.text.count("\n", self.start, self.end)

    @property
    def display(self) -> str:
        """The sentence as one line: a wrap between Chinese characters joins them, a sub-item's bullet
        and any other break become a space. Bold marks the sentence cuts in two (the closing `**`
        after its 。) are dropped, so the quote does not turn the rest of the answer bold."""
        text = _DISPLAY_BREAK.sub(lambda m: " " if m.group(1) else _wrap_joint(self.text, m.start(), m.end()),
                                  self.text)
        return text.replace("**", "") if text.count("**") % 2 else text


def _wrap_joint(text: str, start: int, end: int) -> str:
    before, after = text[start - 1: start], text[end: end + 1]
    return " " if before.isascii() and after.isascii() and before.isalnum() and after.isalnum() else ""


def wraps(text: str, newline: int) -> bool:
    """The line ending at `newline` only wraps: its sentence goes on in the next line."""
    line = text[text.rfind("\n", 0, newline) + 1: newline]
    after = text[newline + 1: text.find("\n", newline + 1) if "\n" in text[newline + 1:] else len(text)]
    if not line.strip() or not after.strip() or not _CLAUSE_MARK.search(line) or _LINE_DONE.search(line):
        return False
    return bool(_WRAP_GOES_ON.match(after.lstrip())) and not _LEAD.match(after.lstrip())


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _is_short_item(text: str) -> bool:
    """A list item too short to say anything alone: a few words, no figures, no clause marks."""
    return 0 < len(text) <= _LABEL_MAX and not _DIGIT.search(text) and not _PHRASE_MARKS.search(text)


def sub_items_end(text: str, end: int) -> int:
    """Where the short sub-items listed under the line ending at `end` stop; `end` when there are none.

    Slides nest an enumeration under the bullet that introduces it (「…可運用項目。」 then
    「 - ① 購買庇護工場商品」, 「 - ② 兒童新樂園設施」): lines indented deeper than that line, each a
    list marker and a few words. Alone each is too short to quote; they are what the line above says.
    """
    line_end = text.find("\n", end)
    rest = text[end:line_end] if line_end != -1 else ""
    if line_end == -1 or (rest.strip() and not _TRAIL.fullmatch(rest)):  # only marks may close the line (**：)
        return end
    depth = _indent(text[text.rfind("\n", 0, end) + 1: line_end])
    result = end
    while line_end != -1:
        next_end = text.find("\n", line_end + 1)
        line = text[line_end + 1: next_end if next_end != -1 else len(text)]
        body = line.lstrip(" \t")
        lead = _LEAD.match(body)
        if _indent(line) <= depth or not lead or not _is_short_item(body[lead.end():].strip()):
            break
        result = line_end + 1 + len(line.rstrip())
        line_end = next_end
    return result


def gives_reason(text: str) -> bool:
    """The sentence states a cause or a consideration (因, 由於, 主要係, …故, 考量)."""
    return bool(_REASON.search(text))


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    piece = text[start:end]
    lead = _LEAD.match(piece)
    if lead:
        start += lead.end()
    trail = _TRAIL.search(text[start:end])
    if trail:
        end = start + trail.start()
    return start, end


def _point_detail_end(text: str, start: int, s: int, e: int) -> int:
    """Where the first bullet under a numbered point that states a figure ends (「2. 罹災者仍有六成未受訓」
    then 「 108年未受訓者計10人，占58.9%。」), else `e`: such a title says what its line shows, and the
    two are quoted together. A title stating no figure is a label and heads its lines instead."""
    lead = _LEAD.match(text[start:e])
    title = text[s:e]
    if not lead or not _NUMBERING.search(lead.group()) or not _FIGURE.search(title) or _LINE_DONE.search(title):
        return e
    following = _next_line(text, e)
    if following is None:
        return e
    line_start, line_end = following
    bullet = _LEAD.match(text[line_start:line_end])
    if not bullet or _NUMBERING.search(bullet.group()) or not _HAS_CONTENT.search(text[line_start:line_end]):
        return e
    return line_start + len(text[line_start:line_end].rstrip())


def _next_line(text: str, position: int) -> tuple[int, int] | None:
    """The start and end of the first non-blank line after the line holding `position`, if any."""
    end = text.find("\n", position)
    while end != -1:
        start, end = end + 1, text.find("\n", end + 1)
        stop = end if end != -1 else len(text)
        if text[start:stop].strip():
            return start, stop
    return None


# A sentence opening with a pointer to part of what the sentence before names (其中, 其餘, 當中).
_PART_OF_BEFORE = re.compile(r"其中|其餘|當中")


def split_sentences(passage: IndexedPassage, rank: int) -> list[Sentence]:
    """The passage's sentences with list markers and bullets trimmed; fragments without content dropped."""
    text, sentences, start = passage.text, [], 0
    breaks = [m for m in _BREAK.finditer(text) if m.group() != "\n" or not wraps(text, m.start())]
    for match in [*breaks, None]:
        end = match.start() if match else len(text)
        if match and match.group() and match.group() in "。！？；!?;":
            end = match.end()
        s, e = _trimmed(text, start, end)
        inside_previous = bool(sentences) and s < sentences[-1].end  # a sub-item of the sentence before
        stated = text[e - 1:e] in "。！？!?" and e - s >= MIN_STATEMENT_CHARS  # 辦理工地觀摩。: short, but said
        if not inside_previous and (e - s >= MIN_SENTENCE_CHARS or stated) and _HAS_CONTENT.search(text[s:e]):
            end_at = max(sub_items_end(text, e), _point_detail_end(text, start, s, e))
            if sentences and _PART_OF_BEFORE.match(text, s) and "\n" not in text[sentences[-1].end:s]:
                # 共計59件。其中計有8件超過10分鐘到場: a sentence about part of what the one before counts, in
                # the same run of text (not a point of its own), is read with it
                sentences[-1] = Sentence(passage, rank, sentences[-1].start, end_at)
            else:
                sentences.append(Sentence(passage, rank, s, end_at))
        start = match.end() if match else len(text)
    return sentences


# A slide's bracketed label on a line of its own (【使命】), its value on the next line.
_BRACKET_LABEL = re.compile(r"^[ \t]*[【\[［〔](?P<label>[^】\]］〕\n]{1,12})[】\]］〕][ \t]*$", re.MULTILINE)


def labelled_values(passage: IndexedPassage, rank: int, terms: list[Term]) -> list[Sentence]:
    """The line after each bracketed label (【使命】 → 為市民服務·替城市創新) whose label holds one of the
    ask's terms: a slide states the value under its label, too short to pass for a sentence alone."""
    found = []
    for match in _BRACKET_LABEL.finditer(passage.text):
        label = match_key(match.group("label"))
        if not any(t.found_in(label) for t in terms if t.in_corpus):
            continue
        start = passage.text.find("\n", match.end())
        while start != -1 and start + 1 < len(passage.text) and passage.text[start + 1] == "\n":
            start += 1  # blank lines between the label and its value
        if start == -1:
            continue
        end = passage.text.find("\n", start + 1)
        s, e = _trimmed(passage.text, start + 1, end if end != -1 else len(passage.text))
        if e > s and _HAS_CONTENT.search(passage.text[s:e]):
            found.append(Sentence(passage, rank, s, e))
    return found


def opening_label(passage: IndexedPassage) -> str:
    """The passage's first line when it is a label over the lines below it: short, no figures or
    clause marks, and a blank line after it (a slide's title above its bullets: 老人日間照顧中心未來布建策略;
    a line that wraps a sentence runs straight on), else ""."""
    lines = strip_markup(passage.text).strip().split("\n")
    first = lines[0].strip()
    if len(lines) < 3 or lines[1].strip() or not "".join(lines[2:]).strip() or len(first) > _LABEL_MAX \
            or _FIGURE.search(first) or _PHRASE_MARKS.search(first):
        return ""
    return first


def sub_heading(sentence: Sentence) -> str:
    """The label a sentence is listed under inside its passage, or "": the nearest line above it that
    is a label (short, no clause or sentence mark, no figure unless numbered: 「2. 罹災者仍有六成未受訓」
    titles its point), with only list items between
    (「1.臺北市勞動檢查處降災策略」 over its bullets 「 辦理工地觀摩。」). A slide names what its points are
    about once, above them."""
    text = sentence.passage.text
    position = text.rfind("\n", 0, sentence.start) + 1
    while position > 0:
        start = text.rfind("\n", 0, position - 1) + 1
        line = strip_markup(text[start:position - 1]).strip()
        position = start
        if not line:
            continue
        lead = _LEAD.match(line)
        body = line[lead.end():].strip() if lead else line
        numbered = bool(lead and _NUMBERING.search(lead.group()))  # 「2. 罹災者仍有六成…」 titles its point
        if body and len(body) <= _LABEL_MAX and (numbered or not _FIGURE.search(body)) \
                and not _PHRASE_MARKS.search(body) and not _LINE_DONE.search(body) and _HAS_CONTENT.search(body):
            return body
        if not lead:
            return ""  # prose, not a list item: nothing above heads this sentence
    return ""


def passage_context(sentence: Sentence) -> str:
    """The default heading of a sentence: everything its passage's context says."""
    return sentence.passage.context


def is_label(sentence: Sentence, heading: str | None = None) -> bool:
    """A heading, category or item-name cell (short, no figures, no clause marks), or a repeat of the
    heading the reader sees above it (`heading`, by default the passage's context). The heading
    already says it; quoting it answers nothing."""
    text = sentence.text
    if len(text) <= _LABEL_MAX and not _FIGURE.search(text) and not _PHRASE_MARKS.search(text):
        return True
    return match_key(text) in match_key(sentence.passage.context if heading is None else heading)


def figure_in(unit: str) -> re.Pattern[str]:
    """A figure in `unit` (22場, 1,200 人, 3.5%)."""
    return re.compile(rf"\d[\d,.]*\s*(?:[萬千百億])?\s*{re.escape(unit)}")


# A count, then a colon, then its members listed (簽署8項雙邊或多邊MOU：3月與基輔市…、8月與濱松市…).
_ANNOUNCES_MEMBERS = re.compile(r"[\d一二兩三四五六七八九十]+\s*[項個件場處名位則次所]\S{0,16}?[：:][^：:]*、[^：:]*、")


def _window(sentence: Sentence, terms: list[Term], figure: re.Pattern[str] | None = None,
            limit: int = MAX_SENTENCE_CHARS, members_limit: int = 0) -> Sentence:
    """A long sentence cut down to its best run of clauses, at most `limit` characters long; with
    `figure`, a run holding that figure (the number the ask asks for) first. A sentence listing the
    members a count announces is kept whole up to `members_limit`: none of them is cut off."""
    if sentence.end - sentence.start <= limit:
        return sentence
    text = sentence.text
    if len(text) <= members_limit and _ANNOUNCES_MEMBERS.search(text):
        return sentence
    cuts = [0, *(m.start() for m in _CLAUSE.finditer(text) if 0 < m.start() < len(text)), len(text)]
    best, best_span = -1.0, (0, min(len(text), limit))
    for i in range(len(cuts) - 1):
        j = i + 1
        while j + 1 < len(cuts) and cuts[j + 1] - cuts[i] <= limit:
            j += 1
        if cuts[j] - cuts[i] > limit:
            continue
        piece = text[cuts[i]:cuts[j]]
        score = coverage(terms, match_key(piece)) + (0.1 if _DIGIT.search(piece) else 0.0) \
            + (2.0 if figure is not None and figure.search(piece) else 0.0)  # above any share of words
        if score > best:
            best, best_span = score, (cuts[i], cuts[j])
    s, e = _trimmed(sentence.passage.text, sentence.start + best_span[0], sentence.start + best_span[1])
    return Sentence(sentence.passage, sentence.rank, s, e)


def score(sentence: Sentence, terms: list[Term], wants_number: bool, heading: str | None = None) -> float:
    """How well the sentence answers: the question's words it holds, counting twice those its
    heading (`heading`, by default the passage's context) lacks.

    Words the heading already has (the item or goal the passage is about) need not be repeated by
    the sentence, so a results sentence that says only 「558則」 under the heading 「速處輿情反映」
    still scores; when the heading has every word, that half is a flat ON_TOPIC.
    """
    heading = match_key(sentence.passage.context if heading is None else heading)
    text = match_key(sentence.text)
    open_terms = [t for t in terms if t.text not in heading]
    added = coverage(open_terms, text) if open_terms else ON_TOPIC
    figures = (0.1 if wants_number else 0.05) if _DIGIT.search(sentence.text) else 0.0
    return (0.5 * coverage(terms, text) + 0.5 * added + 0.25 * coverage(terms, heading)
            + 0.15 / (sentence.rank + 1) + figures)


def on_topic(passage: IndexedPassage, keys: list[Term]) -> bool:
    """The passage (heading and text) holds at least half the question's key terms."""
    return coverage(keys, match_key(f"{passage.context}\n{passage.text}")) >= ON_TOPIC


def select(sentences: list[Sentence], terms: list[Term], wants_number: bool = False,
           bonus: Callable[[Sentence], float] = lambda s: 0.0, lift: Callable[[Sentence], float] = lambda s: 0.0,
           all_on_topic: bool = False,
           topical_group: Callable[[IndexedPassage], object] | None = None,
           max_sentences: int = 6, max_chars: int = 560, topic: list[Term] | None = None,
           heading: Callable[[Sentence], str] = passage_context,
           figure: re.Pattern[str] | None = None, window: int = MAX_SENTENCE_CHARS,
           members_window: int = 0) -> list[Sentence]:
    """The best few sentences of on-topic passages, in reading order (by passage rank, then position).

    `bonus` lets the caller favour some sentences by where they sit (a row's results over its plans).
    `lift` ranks some sentences first without raising the floor the others must reach (a stated
    reason leads; the facts beside it stay worth reading).
    At most PER_PASSAGE come from one passage, so an answer drawing on several rows shows each.
    `all_on_topic` skips the topic check, for passages the question named (a row by its number).
    `topical_group` maps a passage to the row it is part of: a row is on topic as a whole when any of
    its parts is (a long row's latest results sit in a part that may not repeat the ask's words).
    `topic`: the terms that say what the ask is about (its nouns, names and codes), when they differ
    from the scoring terms (which also hold its verbs): a passage is on topic if it holds half of them.
    `heading`: what the reader sees above a sentence once quoted. A passage's context also lists the
    names of every record it holds (a table passage lists its rows); those head a sentence only when
    the answer shows them above it, so the caller says what it shows.
    `figure`: the figure the ask asks for (22場 for 幾場); a long sentence is cut around it.
    `window`: the longest piece of one sentence quoted; `members_window`: the longest sentence listing the
    members a count announces that is quoted whole.
    """
    terms = [t for t in terms if t.in_corpus]  # a word the corpus never uses only dilutes the shares
    keys = [t for t in topic if t.in_corpus] if topic is not None else terms
    keys = keys or terms
    topical = {s.passage.id for s in sentences if all_on_topic or on_topic(s.passage, keys)}
    if topical_group is not None:
        groups = {topical_group(s.passage) for s in sentences if s.passage.id in topical} - {None}
        topical |= {s.passage.id for s in sentences if topical_group(s.passage) in groups}
    scored = []
    for sentence in sentences:
        shown = heading(sentence)
        if sentence.passage.id in topical and not is_label(sentence, shown):
            sentence = _window(sentence, terms, figure, window, members_window)
            base = score(sentence, terms, wants_number, shown) + bonus(sentence)
            # a passage headed by everything the ask is about (a slide titled by it) is the answer: its
            # points are not cut at PER_PASSAGE
            titled = coverage(keys, match_key(shown)) == 1.0
            # …and one whose own printed title says so (not the names of the records it holds) answers first
            answers = titled and coverage(keys, match_key(" ".join(
                h for h in (opening_label(sentence.passage), sub_heading(sentence)) if h))) == 1.0
            scored.append((base + lift(sentence), base, sentence, titled, answers))
    # a lifted sentence (a stated reason) leads; then the points of a passage its own title says is about
    # everything the ask is about; the others fill what room is left
    scored.sort(key=lambda entry: (entry[0] <= entry[1], not entry[4], -entry[0]))
    floor = max(entry[1] for entry in scored) * RELATIVE_FLOOR if scored else 0.0
    chosen: list[Sentence] = []
    seen: list[str] = []
    per_passage: dict[str, int] = {}
    total = 0
    for value, _, sentence, titled, _ in scored:
        if value < floor:
            continue
        key = match_key(sentence.text)
        length = sentence.end - sentence.start
        if any(key in other or other in key for other in seen) or total + length > max_chars \
                or (per_passage.get(sentence.passage.id, 0) == PER_PASSAGE and not titled):
            continue
        chosen.append(sentence)
        seen.append(key)
        per_passage[sentence.passage.id] = per_passage.get(sentence.passage.id, 0) + 1
        total += length
        if len(chosen) == max_sentences:
            break
    return sorted(chosen, key=lambda s: (s.rank, s.start))
