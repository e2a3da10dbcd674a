"""Link a question's words to the gazetteer: which corpus names it mentions, where, and how surely.

Matching runs on the question's `match_key` form, in this order, each step claiming the words it
used so that no word is read twice:
1. KPI and goal codes the records use (DC1.1, EP2, dc 2.1);
2. English names, on word boundaries (Department of Health, items);
3. names contained whole, longest first (都市發展局 before 發展; 資本支出預算達成率 before 預算);
4. names one edit away (都巿發展局, 勞動侷), checked with rapidfuzz and accepted only where the
   changed window is a word of its own: not a word the corpus itself uses (教育部 is not 教育局),
   lined up with the segmenter's word boundaries (社會住宅 is not 社會局), not a particle changed
   (都市發展的 is not 都市發展局), not another organisation's suffix (消防署), and a three-character
   agency only where an agency can stand (before a role word, a particle or the end);
5. documents named by a distinctive part of their title (白皮書, 施政綱要), claimed; read after
   the years, so that a year in a title (107年施政綱要) stays a year;
6. names mentioned in part (青銀換居 for 推動青銀換居) or with a word left out or changed inside them,
   as softer links scored by how much of the name the runs it shares with the question cover. These
   are not claimed: they rank candidates, they do not filter.
"""

import re
from collections.abc import Collection
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel, Levenshtein

from assistant.linking.gazetteer import FRAGMENT_KINDS, VOCABULARY_KINDS, Entry, EntryKind, Gazetteer, entry_keys
from assistant.text.normalize import HAN, match_key, match_key_with_positions
from assistant.text.segment import Segmenter
from assistant.understanding.question import MASK, QuestionText

MIN_EDIT_CHARS = 3  # a two-character name one edit away is any other word
MIN_TITLE_PART = 3  # 報告, 施政 are in many titles; 白皮書, 施政綱要 name one
_CODE = re.compile(r"(?<![a-z0-9.])([a-h]|t)\s?([cplf])\s?(\d{1,2})(?:\s?\.\s?(\d{1,2}))?(?![0-9]|\.\d)")
_PARTICLES = frozenset("的之及與和或是在有了等並且也就而但把被對向從給讓")
# Last characters of organisation names: a name ending in another one of these is another body.
_ORG_SUFFIXES = frozenset("局處會部署院所司館隊團府廳室科組")
# What may follow an agency: a role word, a particle, punctuation or the end.
_AGENCY_SLOT = re.compile(r"主辦|協辦|主責|負責|主政|帶頭|牽頭|領頭|參與|辦理|推動|掛名|當|擔任|作為|的|有|在|和|與|及|或|是|所|共|跟|[、,，?？|（(\s]|$")
_HAN_RUN = re.compile(f"[{HAN}]+")
_CLAUSE_MARK = re.compile(r"[，,、。？?！!；;：:]")


@dataclass(frozen=True)
class Link:
    """One mention of a gazetteer entry in the question."""

    entry: Entry
    start: int  # span in the normalised question text
    end: int
    score: float  # 1.0 for a whole name as printed; less for a typo or a part
    how: str  # code, english, exact, edit, fragment

    @property
    def kind(self) -> EntryKind:
        return self.entry.kind

    @property
    def value(self) -> str:
        return self.entry.value


@dataclass(frozen=True)
class CodeMention:
    code: str  # as the records print it: DC1.1, or a goal code DC1
    start: int
    end: int


class Linker:
    """Links questions against one gazetteer; built once per index version."""

    def __init__(self, gazetteer: Gazetteer, segmenter: Segmenter, file_texts: dict[str, str],
                 kpi_codes: frozenset[str], goal_codes: frozenset[str], min_fragment_chars: int,
                 min_fragment_share: float):
        self.gazetteer = gazetteer
        self._segmenter = segmenter
        self._corpus_text = "\n".join(file_texts.values())
        self._file_keys = {file: match_key(text) for file, text in file_texts.items()}
        self._kpi_codes, self._goal_codes = kpi_codes, goal_codes
        self._min_fragment, self._min_share = min_fragment_chars, min_fragment_share
        self._english = {vocabulary: _alternation([k for k, ids in gazetteer.english.items()
                                                   if _has_kind(gazetteer, ids, vocabulary)])
                         for vocabulary in (False, True)}
        self._keys = {vocabulary: {k: [i for i in ids if (gazetteer.get(i).kind in VOCABULARY_KINDS) == vocabulary]
                                   for k, ids in gazetteer.keys.items() if _has_kind(gazetteer, ids, vocabulary)}
                      for vocabulary in (False, True)}
        self._lengths = {v: tuple(sorted({len(k) for k in keys}, reverse=True)) for v, keys in self._keys.items()}
        self._edit_keys = [k for k in self._keys[False] if len(k) >= MIN_EDIT_CHARS and _HAN_RUN.fullmatch(k)]

    def codes(self, question: QuestionText) -> list[CodeMention]:
        """KPI and goal codes the corpus has, claimed; `dc 2.1` and `ＤC2.1` are DC2.1."""
        found = []
        for match in question.claim(_CODE):
            letter, kind, number, sub = match.groups()
            code = f"{letter}{kind}{number}".upper() + (f".{sub}" if sub else "")
            if code in self._kpi_codes or code in self._goal_codes:
                found.append(CodeMention(code, match.start(), match.end()))
        return found

    def link_names(self, question: QuestionText) -> list[Link]:
        """Every mention of a name (agency, item, KPI, label, document …) in the unclaimed text, claimed."""
        links = self._english_links(question, False) + self._exact(question, False)
        links += self._edits(question)
        return sorted(links, key=lambda link: (link.start, -link.end))

    def link_title_parts(self, question: QuestionText) -> list[Link]:
        """Documents named by a distinctive part of their title (白皮書, 施政綱要, 績效報告), claimed.

        A part counts when it is at least three characters, no more than half of the titles share it,
        and the documents it names use it at least as often as the others do (施政重點 is in one
        title but all through another document's text: it names no document). Every document whose
        title has the part is linked at that span."""
        titles = [link for link in self.fragments(question, claimed_too=False) if link.kind == "document"]
        spans: dict[tuple[int, int], list[Link]] = {}
        for link in titles:
            spans.setdefault((link.start, link.end), []).append(link)
        documents = sum(1 for e in self.gazetteer.entries if e.kind == "document")
        words = self._vocabulary_spans(question)
        links = []
        for (start, end), found in sorted(spans.items(), key=lambda item: item[0][0] - item[0][1]):
            if end - start < MIN_TITLE_PART or len(found) > documents // 2 or not question.is_free(start, end):
                continue
            if any(s < end and start < e and e - s > end - start for s, e in words):
                continue  # part of a longer schema word (年度施政目標 is not 年度施政 + 目標)
            part = match_key(question.text[start:end])
            named = {link.value for link in found}
            inside = sum(self._file_keys.get(f, "").count(part) for f in named)
            outside = sum(text.count(part) for f, text in self._file_keys.items() if f not in named)
            if outside > inside:
                continue
            question.mask(start, end)
            links += [Link(link.entry, start, end, link.score, "title") for link in found]
        return links

    def link_vocabulary(self, question: QuestionText, start: int = 0, end: int | None = None) -> list[Link]:
        """Schema words (record nouns, field and document-fact words, statuses) within `start`..`end`, claimed.

        Read after the cue readers, so that role and status words they use are theirs."""
        links = self._english_links(question, True, start, end) + self._exact(question, True, start, end)
        return sorted(links, key=lambda link: (link.start, -link.end))

    def _vocabulary_spans(self, question: QuestionText) -> list[tuple[int, int]]:
        """Where schema words occur in the unclaimed text, without claiming them."""
        key, positions = match_key_with_positions(question.masked, keep=MASK)
        keys, lengths = self._keys[True], self._lengths[True]
        return [(positions[i], positions[i + n - 1] + 1) for i in range(len(key)) for n in lengths
                if i + n <= len(key) and key[i:i + n] in keys]

    def _english_links(self, question: QuestionText, vocabulary: bool, start: int = 0,
                       end: int | None = None) -> list[Link]:
        pattern = self._english[vocabulary]
        if pattern is None:
            return []
        links = []
        for match in question.claim(pattern, start, end):
            for eid in english_entries(self.gazetteer.english, match.group(1)):
                entry = self.gazetteer.get(eid)
                if (entry.kind in VOCABULARY_KINDS) == vocabulary:
                    links.append(Link(entry, match.start(1), match.end(1), 1.0, "english"))
        return links

    def _exact(self, question: QuestionText, vocabulary: bool, start: int = 0, end: int | None = None) -> list[Link]:
        masked = question.masked
        window = MASK * start + masked[start:end] + (MASK * (len(masked) - end) if end is not None else "")
        key, positions = match_key_with_positions(window, keep=MASK)
        keys, lengths = self._keys[vocabulary], self._lengths[vocabulary]
        found = [(i, n) for i in range(len(key)) for n in lengths if i + n <= len(key) and key[i:i + n] in keys
                 and not self._crosses_clauses(window[positions[i]:positions[i + n - 1] + 1], keys[key[i:i + n]])]
        accepted: list[tuple[int, int]] = []
        for i, n in sorted(found, key=lambda hit: (-hit[1], hit[0])):
            if all(i + n <= s or i >= s + m for s, m in accepted):
                accepted.append((i, n))
        links = []
        for i, n in accepted:
            first, last = positions[i], positions[i + n - 1] + 1
            question.mask(first, last)
            links += [Link(self.gazetteer.get(eid), first, last, 1.0, "exact") for eid in keys[key[i:i + n]]]
        return links

    def _crosses_clauses(self, span: str, ids: list[int]) -> bool:
        """The question's span holds a mark between clauses (那一項，目標 → 項目) that no printed form of the
        name has: the key runs across two clauses, and names nothing."""
        return bool(_CLAUSE_MARK.search(span)) and not any(_CLAUSE_MARK.search(self.gazetteer.get(i).text) for i in ids)

    def _edits(self, question: QuestionText) -> list[Link]:
        links: list[Link] = []
        text = question.masked
        for run in _HAN_RUN.finditer(text):
            segment = run.group()
            if len(segment) < MIN_EDIT_CHARS - 1:
                continue
            candidates = process.extract(segment, self._edit_keys, scorer=fuzz.partial_ratio, score_cutoff=60,
                                         limit=20)
            best: tuple[int, int, str] | None = None
            for key, _, _ in candidates:
                window = self._edit_window(segment, key, run.start(), question)
                if window and (best is None or len(key) > len(best[2])):
                    best = (*window, key)
            if best:
                start, end, key = best
                question.mask(start, end)
                score = 1.0 - 1.0 / len(key)
                links += [Link(self.gazetteer.get(eid), start, end, score, "edit") for eid in self._keys[False][key]]
        return links

    def _edit_window(self, segment: str, key: str, offset: int, question: QuestionText) -> tuple[int, int] | None:
        """Where in `segment` a window one edit from `key` stands as a word of its own, if anywhere."""
        entries = [self.gazetteer.get(i) for i in self._keys[False][key]]
        is_agency = any(e.kind in ("agency", "city", "placeholder") for e in entries)
        sizes = [len(key)] + ([len(key) - 1, len(key) + 1] if len(key) > MIN_EDIT_CHARS else [])
        for size in sizes:
            if size < MIN_EDIT_CHARS or size > len(segment):
                continue
            for i in range(len(segment) - size + 1):
                window = segment[i:i + size]
                if window == key or Levenshtein.distance(window, key, score_cutoff=1) > 1:
                    continue
                if self._acceptable(window, key, is_agency, question.masked, offset + i, offset + i + size):
                    return offset + i, offset + i + size
        return None

    def _acceptable(self, window: str, key: str, is_agency: bool, text: str, start: int, end: int) -> bool:
        if window in self._corpus_text:
            return False  # the corpus itself uses this word: it is a word, not a typo
        changed = [(a, b) for a, b in zip(window, key) if a != b] if len(window) == len(key) else []
        if any(a in _PARTICLES for a, _ in changed):
            return False
        if is_agency and len(window) == len(key) and window[-1] != key[-1] and window[-1] in _ORG_SUFFIXES:
            return False
        if len(window) <= MIN_EDIT_CHARS and is_agency and not _AGENCY_SLOT.match(text, end):
            return False
        if len(window) <= MIN_EDIT_CHARS and not is_agency:
            return False
        bounds = self._word_bounds(text)
        return start in bounds and end in bounds

    def _word_bounds(self, text: str) -> set[int]:
        bounds, position = {0, len(text)}, 0
        for word in self._segmenter.cut(text):
            found = text.find(word, position)
            if found < 0:
                continue
            bounds.update((found, found + len(word)))
            position = found + len(word)
        return bounds

    def fragments(self, question: QuestionText, start: int = 0, end: int | None = None,
                  claimed_too: bool = True) -> list[Link]:
        """Names sharing a long run of characters with the text within `start`..`end`, scored by the shared
        characters against the name and the text they span; the best link per entry. Nothing is claimed.

        With `claimed_too` the run may cross words other steps claimed (社區防災倉庫 holds the label 防災,
        yet names the item 設置社區防災倉庫); without it only unclaimed text counts."""
        masked = question.text.lower() if claimed_too else question.masked
        window = MASK * start + masked[start:end] + (MASK * (len(masked) - end) if end is not None else "")
        key, positions = match_key_with_positions(window, keep=MASK)
        grams: dict[str, list[int]] = {}
        for i in range(len(key) - 1):
            if MASK not in key[i:i + 2]:
                grams.setdefault(key[i:i + 2], []).append(i)
        candidates = {k for g in grams for k in self.gazetteer.bigrams.get(g, ())}
        links = []
        whole: set[int] = set()  # entries one of whose keys the text holds whole: the exact pass's
        for name in sorted(candidates):  # a set's order changes with the hash seed: answers must not
            length, at = _longest_shared_run(key, name, grams)
            if length == len(name):
                whole.update(self.gazetteer.keys[name])
                continue
            titles = all(self.gazetteer.get(i).kind == "document" for i in self.gazetteer.keys[name])
            if length < self._min_fragment or not _HAN_RUN.search(key[at:at + length]):
                continue
            covered, span = length, (at, at + length)
            if not titles:  # a title is named by one distinctive run; other names by all they share
                covered, span = max((covered, span), _aligned_cover(key, name, self._min_fragment))
                if covered / len(name) < self._min_share:
                    continue
            first, last = positions[span[0]], positions[span[1] - 1] + 1
            # shared characters against both the name and the stretch of text they span (Dice): a name
            # the words hold whole and in order (企業創新家數 in 協助本市企業創新家數) outranks a shorter
            # one sharing as large a part of itself scattered over them (新設企業家數)
            score = 2 * covered / (len(name) + span[1] - span[0])
            # a table's row label named by no more than the shortest part allowed keeps its last character,
            # the head of the noun: 執行 alone is the verb, not 執行率 (人事費占決算 for 人事費占決算比例 says more)
            headless = key[span[1] - 1] != name[-1] and covered <= self._min_fragment
            for eid in self.gazetteer.keys[name]:
                entry = self.gazetteer.get(eid)
                if entry.kind in FRAGMENT_KINDS and not (headless and entry.kind == "table_row"):
                    links.append((eid, Link(entry, first, last, score, "fragment")))
        best: dict[int, Link] = {}
        for eid, link in links:
            if eid not in whole and (eid not in best or link.score > best[eid].score):
                best[eid] = link
        return [best[eid] for eid in sorted(best, key=lambda eid: (-best[eid].score, eid))]


def named_in_part(fragments: list[Link], kind: EntryKind, years: Collection[int] = ()) -> Link | None:
    """The one name of `kind` the fragments cover best, or None when another name is covered as well;
    names printed in `years` first. A name printed with and without an aside (社區社福機構(設施)佈點數, 社區社福機構佈點數) is one name,
    not two rivals: of its forms, the one printed in `years` is named."""
    found = sorted((f for f in fragments if f.kind == kind), key=lambda f: -f.score)
    in_years = [f for f in found if set(years) & set(f.entry.years)]
    found = in_years or found  # a name printed in another year only is no rival (街友脫遊數 in 107, …率 in 109)
    if not found:
        return None
    same = set(entry_keys(found[0].entry))
    rivals = [f for f in found if not same & set(entry_keys(f.entry))]
    if rivals and rivals[0].score >= found[0].score:
        return None
    forms = [f for f in found if f.score == found[0].score and same & set(entry_keys(f.entry))]
    return max(forms, key=lambda f: bool(set(years) & set(f.entry.years)))


def _has_kind(gazetteer: Gazetteer, ids: list[int], vocabulary: bool) -> bool:
    return any((gazetteer.get(i).kind in VOCABULARY_KINDS) == vocabulary for i in ids)


def _alternation(keys: list[str]) -> re.Pattern[str] | None:
    """One pattern for many English names, longest first, on word boundaries, each read in either
    number (`result` for results, `targets` for target)."""
    if not keys:
        return None
    ordered = sorted(keys, key=len, reverse=True)
    return re.compile(r"(?<![a-z0-9])(" + "|".join(map(_either_number, ordered)) + r")(?![a-z0-9])")


_PLURAL_END = re.compile(r"(?<=[a-z]{3})(?<![sui])s$")  # results, targets; not status, analysis, bus, miss
_ACRONYM_PLURAL = re.compile(r"(?<=[A-Z]{2})s$")  # MOUs, KPIs
_SINGULAR_END = re.compile(r"[a-z]{3}(?<![sy])$")  # target, item; not policy (policies), class


def may_be_plural(word: str) -> bool:
    """An English word whose final s may be a plural's (targets, MOUs), not its stem's (status, miss)."""
    return bool(_ACRONYM_PLURAL.search(word) or _PLURAL_END.search(word.lower()))


def _either_number(key: str) -> str:
    """A pattern for an English name whose last word may be singular or plural, and whose words may be
    joined by a hyphen where the name has a space (an internal-process KPI: a compound modifier)."""
    if _PLURAL_END.search(key):
        return _hyphen_or_space(re.escape(key[:-1])) + "s?"
    if _SINGULAR_END.search(key):
        return _hyphen_or_space(re.escape(key)) + "s?"
    return _hyphen_or_space(re.escape(key))


def _hyphen_or_space(pattern: str) -> str:
    return pattern.replace(r"\ ", r"[ \-]")


def english_entries(english: dict[str, list[int]], typed: str) -> list[int]:
    """The entries of an English name as typed and in its other number (targets: target's too)."""
    spellings = dict.fromkeys((typed, typed.replace("-", " ")))  # internal-process: internal process
    forms = [form for t in spellings for form in ((t, f"{t}s", t[:-1]) if t.endswith("s") else (t, f"{t}s"))]
    return list(dict.fromkeys(eid for form in forms for eid in english.get(form, ())))


def _aligned_cover(text: str, name: str, min_run: int) -> tuple[int, tuple[int, int]]:
    """(characters of `name` matched, span in `text`) where `name` lines up best with a stretch of
    `text` as long as itself, counting runs of at least `min_run` shared in order.

    A name is often mentioned with a word left out or changed inside it (長者搭乘大眾運輸的使用人次成長率
    for 長者搭乘大眾運輸工具使用人次成長率): its two runs cover most of it, though neither alone does."""
    if len(name) > len(text):
        return 0, (0, 0)
    aligned = fuzz.partial_ratio_alignment(name, text)
    slack = len(name) // 4 + 1  # the words left in or out shift the name's end past the aligned stretch
    start = max(0, aligned.dest_start - slack)
    window = text[start:aligned.dest_end + slack]
    runs = [(op.dest_start, op.dest_end) for op in Indel.opcodes(name, window)
            if op.tag == "equal" and op.dest_end - op.dest_start >= min_run]
    if not runs:
        return 0, (0, 0)
    covered = sum(end - start for start, end in runs)
    return covered, (start + runs[0][0], start + runs[-1][1])


def _longest_shared_run(text: str, name: str, grams: dict[str, list[int]]) -> tuple[int, int]:
    """(length, start in `text`) of the longest substring `text` and `name` share, grown from the
    bigrams they share (`grams`: bigram → its positions in `text`)."""
    best, best_at = 0, 0
    for j in range(len(name) - 1):
        for i in grams.get(name[j:j + 2], ()):
            n = 2
            while i + n < len(text) and j + n < len(name) and text[i + n] == name[j + n]:
                n += 1
            if n > best:
                best, best_at = n, i
    return best, best_at
