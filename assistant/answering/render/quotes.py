"""Answers in the documents' own words: the few sentences of the best passages that answer the ask.

Sentences are chosen by `extractive.select` over the passages `gather.passages.retrieve` returns,
scored on the ask's words weighted by rarity; a row's results count for more than its plans, and its
latest results for more than its first; for an ask why, the sentences that give a reason count for
more. An ask about one row as a whole (東環段捷運的進度, 成立青年局做了哪些準備: every word it says
about its subject is in the row's name) is answered by the row's results whole, in order, not by a
few sentences of them. Each quote is exact and cited, grouped under the row or heading it comes from.
"""

from assistant.answering.citations import escape_source_brackets as plain
from assistant.answering.composed import Composed
from assistant.answering.context import Request
from assistant.answering.contract import AnswerKind
from assistant.answering.extractive import MAX_SENTENCE_CHARS, Sentence, figure_in, gives_reason, labelled_values, \
    opening_label, select, split_sentences, sub_heading
from assistant.answering.gather.passages import Retrieved, named_records
from assistant.answering.gather.records import row_name
from assistant.answering.language import agency_label, pick, status_label
from assistant.answering.terms import Term, TermWeights
from assistant.index.indexed_passage import IndexedPassage, years_named_in, years_spoken_of
from assistant.linking.gazetteer import VOCABULARY_KINDS
from assistant.linking.linker import Link
from assistant.parsing.models import PerformanceGoal, ProgressItem, Record
from assistant.text.normalize import match_key
from assistant.understanding.cues import asked_unit, same_change

# Where a sentence sits in its row: what was done beats what was planned.
CELL_BONUS = {"results": 0.3, "target": 0.1, "work_items": 0.0, "strategy": 0.0, "future": -0.15}
# The columns that state what is to be done next (未來精進方向): an ask for plans is answered from them.
PLAN_FIELDS = ("future",)
RECENCY_BONUS = 0.1  # results are listed oldest first; for progress, the latest matter most
# An ask for a row's progress (進度, 辦理情形) wants where things stand now: the latest results count
# for about as much as holding the ask's words.
PROGRESS_RECENCY = 1.0


def _heading(request: Request, sentence: Sentence) -> str:
    """What heads a sentence once quoted, for judging what it adds: a row's context (its name and
    agencies head its cells), or elsewhere only the passage's section heading. The rest of such a
    context lists the records the passage holds (a table's rows), which the answer does not show."""
    passage = sentence.passage
    if isinstance(request.sources.row_at(passage.file, sentence.line), (ProgressItem, PerformanceGoal)):
        return passage.context
    return " ".join(_headings(sentence))


def _headings(sentence: Sentence) -> list[str]:
    """The section heading a sentence sits under and the label its point is listed under, if another."""
    section, sub = section_heading(sentence.passage), sub_heading(sentence)
    return [h for h in (section, sub if match_key(sub) not in match_key(section) else "") if h]


def section_heading(passage: IndexedPassage) -> str:
    """The heading a passage's sentences sit under: its context's section, or the label that opens it."""
    return passage.context.split(" | ")[0].strip() if passage.context else opening_label(passage)


def _source(request: Request, sentence: Sentence) -> str:
    """Where a quote comes from, in words: its row (item, lead, status), or its document and heading."""
    passage, lang = sentence.passage, request.lang
    row = request.sources.row_at(passage.file, sentence.line)
    title = request.sources.title(passage.file)
    if isinstance(row, ProgressItem):
        if row.item_no is not None:
            name = row.label()
        else:
            guess = pick(lang, f"，依位置推測為#{row.item_no_inferred}", f", #{row.item_no_inferred} by position") \
                if row.item_no_inferred else ""
            name = pick(lang, f"L{row.line}（項目名稱缺漏{guess}）", f"L{row.line} (item name lost{guess})")
        lead = pick(lang, f"{row.lead_agency}主辦", f"led by {agency_label(request.sources.lexicon, row.lead_agency, lang)}") \
            if row.lead_agency else pick(lang, "主辦欄空白", "lead agency blank")
        return (" | " if lang == "en" else "｜").join([name, lead, status_label(row.status_code, row.status_label, lang)])
    if isinstance(row, PerformanceGoal):
        return f"《{title}》{pick(lang, '：', ': ')}{row.goal}"
    heading = " > ".join(_headings(sentence))
    return f"《{title}》" + (f"{pick(lang, '：', ': ')}{heading}" if heading else "")


def asks_plan(request: Request) -> bool:
    """The ask asks what is to be done (規劃, 打算, `plan to`)."""
    return request.reading.ask is not None and request.reading.ask.cues.asks_plan


def asks_progress(request: Request) -> bool:
    return any(m.endswith(".results") for m in request.filters.measures)


def cell_bonus(request: Request, sentence: Sentence, progress: bool = False) -> float:
    """Favour a row's results over its targets and plans, and (for progress) its latest results; when the
    ask names one of those columns (推動策略, 未來精進方向), that column."""
    record = request.sources.row_at(sentence.passage.file, sentence.line)
    if not isinstance(record, (ProgressItem, PerformanceGoal)):
        return 0.0
    text = match_key(sentence.text)
    # 未來精進方向是什麼: a column the ask names answers, unless it is the results, favoured anyway
    named = {m.split(".", 1)[1] for m in request.filters.measures if m.startswith(f"{record.record_type}.")}
    if asks_plan(request) and not named:
        named = set(PLAN_FIELDS)  # 未來打算怎麼精進: the column of what is to be done next answers
    if "target" in named and request.reading.ask is not None and request.reading.ask.cues.asks_reason:
        named.add("results")  # 已超過目標，為什麼還是執行中: why it stands so against its target is in what was done
    asked = named & (CELL_BONUS.keys() - {"results"})
    for field, value in CELL_BONUS.items():
        cell = match_key(getattr(record, field, None) or "")
        position = cell.find(text) if text else -1
        if position >= 0 and asked:  # 有達到目標嗎: the target and the results are both asked
            return request.sources.settings.asked_cell_bonus if field in named else 0.0
        if position >= 0:
            chronological = field == "results" and isinstance(record, ProgressItem)
            recency = PROGRESS_RECENCY if progress else RECENCY_BONUS
            return value + (recency * position / len(cell) if chronological else 0.0)
    return 0.0


def topic_terms(request: Request, weights: TermWeights) -> list[Term]:
    """What the ask is about: its content words, the codes it names, and the names it named whole."""
    reading = request.reading
    named = [link.entry.text for link in reading.links if link.how in ("exact", "edit", "semantic")
             and link.kind not in ("agency", "city", "placeholder", "document", "group")]
    codes = [c for c in (request.filters.kpi_code, request.filters.goal_code) if c]
    carried = [w for w in request.filters.topic if w not in reading.words]
    subject = [t.text for t in reading.terms if not t.aspect] or [t.text for t in reading.terms]
    change = list(same_change(reading.set_change)) if changes_a_set(request) else []
    return weights.weigh([*subject, *codes, *named, *carried, *change])  # 刪除了哪些KPI: passages saying 刪除


def changes_a_set(request: Request) -> str | None:
    """The verb of a change to a set of records the ask asks about (刪除了哪些KPI); a change to anything
    else (新增了哪些可扣抵的地方) is only a word of what is asked about."""
    f = request.filters
    return request.reading.set_change if f.subject or f.record_type else None


def ask_terms(request: Request, weights: TermWeights) -> list[Term]:
    """What sentences are scored on: the ask's own words, the names it named whole, and (for an English
    ask) the Chinese names its phrases linked to. A name mentioned only in part is left out: its full
    name heads the row, it is not repeated by the row's sentences."""
    reading = request.reading
    named = [link.entry.text for link in reading.links if link.how in ("exact", "edit", "semantic")
             and link.kind not in ("agency", "city", "placeholder", "document", "group")]
    carried = [w for w in request.filters.topic if w not in reading.words]
    return weights.weigh([*reading.words, *named, *carried])


def ranks_by_retrieval(lang: str, terms: list[Term], links: list[Link]) -> bool:
    """Retrieval's ranking says what is on topic when the ask's words cannot: none is a corpus word, or
    the ask is in English words alone and names nothing the corpus holds (its words, where the corpus
    has them at all, are in other passages' English; the dense half of retrieval crosses the languages)."""
    names = [link for link in links if link.kind not in ("agency", "city", "placeholder", "group", "document",
                                                          *VOCABULARY_KINDS)]
    english_only = lang == "en" and all(t.text.isascii() for t in terms) and not names
    return not any(t.in_corpus for t in terms) or english_only


def choose(request: Request, retrieved: Retrieved, weights: TermWeights, wants_number: bool) -> list[Sentence]:
    """The best sentences of the retrieved passages for this ask; for an ask about one row as a whole,
    that row's results.

    When none of the ask's words is a word of the corpus (an English ask that links no name), the
    ranking is retrieval's own (dense similarity carries across languages): every retrieved passage
    is on topic and sentences are scored by rank and figures."""
    documents = compared_documents(request, retrieved)
    most = request.sources.settings.sentence_passages
    passages = [p for file in documents for p in [q for q in retrieved.passages if q.file == file][:most]] \
        if documents else retrieved.passages[: None if retrieved.named else most]
    if not wants_number:
        row = whole_row_subject(request, retrieved)
        whole = row_results(request, row) if row is not None else []
        if whole:
            return whole
    passages = _with_context(request, [*passages, *(p for p in _plan_passages(request) if p not in passages)])
    change = changes_a_set(request)
    if change:  # 刪除了哪些KPI: only a passage saying so (刪除, 拿掉…) answers; none does, then nothing is quoted
        verbs = [match_key(v) for v in same_change(change)]
        passages = [p for p in passages if any(v in match_key(p.text) for v in verbs)]
    sentences = [s for rank, passage in enumerate(passages) for s in split_sentences(passage, rank)]
    planned: list[Sentence] = []
    if request.filters.years:
        sentences = [s for s in sentences if _speaks_of(request, s, set(request.filters.years))]
        planned = _plans_named(request, sentences)
        if planned:  # 提到113年打算做哪些事: a year after the documents' own is told by the sentences naming it
            sentences = planned
    terms = ask_terms(request, weights)
    by_rank = ranks_by_retrieval(request.lang, terms, request.reading.links) or bool(planned)
    progress = asks_progress(request) and not wants_number  # 實際辦了幾場 asks a figure, not where things stand

    def row_of(passage: IndexedPassage) -> object:
        row = request.sources.row_at(passage.file, passage.line)
        return (row.file, row.line) if row is not None else None

    settings = request.sources.settings
    reason = request.reading.ask is not None and request.reading.ask.cues.asks_reason

    unit = asked_unit(request.reading.understanding.normalized) if wants_number else None
    figure = figure_in(unit) if unit else None

    def bonus(sentence: Sentence) -> float:
        found = figure is not None and figure.search(sentence.text) is not None
        return cell_bonus(request, sentence, progress) + (settings.asked_unit_bonus if found else 0.0)

    def lift(sentence: Sentence) -> float:
        return settings.reason_bonus if reason and gives_reason(sentence.text) else 0.0

    def best(candidates: list[Sentence], most: int, chars: int) -> list[Sentence]:
        return select(candidates, terms, wants_number=wants_number, bonus=bonus, lift=lift,
                      all_on_topic=retrieved.named or by_rank, topical_group=row_of, max_sentences=most,
                      max_chars=chars, topic=topic_terms(request, weights),
                      heading=lambda sentence: _heading(request, sentence), figure=figure,
                      window=settings.reason_quote_chars if reason else MAX_SENTENCE_CHARS,
                      members_window=settings.enumeration_quote_chars)

    named = named_records(request) if retrieved.named else None
    rows: dict[object, list[Record]] = {}
    for record in named or []:  # an item is a row; a goal's records are parts of one goal
        if isinstance(record, (ProgressItem, PerformanceGoal)):
            key = (record.file, record.line) if isinstance(record, ProgressItem) else (record.file, row_name(record))
            rows.setdefault(key, []).append(record)
    only_rows = bool(rows) and sum(map(len, rows.values())) == len(named or [])  # every named record is a row
    if only_rows:
        # rows named: a passage that also holds a neighbouring row (a short table's) quotes only theirs
        sentences = [s for s in sentences if any(s.passage.file == r.file and r.line <= s.line <= r.end_line
                                                 for parts in rows.values() for r in parts)]
    if only_rows and len(rows) > 1:
        # several rows asked about: each answers for itself
        most = max(1, settings.max_sentences // len(rows))
        chars = max(MAX_SENTENCE_CHARS, settings.max_quote_chars // len(rows))  # room for one sentence at least
        return [s for parts in rows.values() for s in best([s for s in sentences if any(
            s.passage.file == r.file and r.line <= s.line <= r.end_line for r in parts)], most, chars)]
    labelled = [v for rank, passage in enumerate(passages) for v in labelled_values(passage, rank, terms)]
    if labelled:  # 【使命】 then its value: the value answers, before any sentence merely near it
        unique: dict[str, Sentence] = {}
        for value in labelled:  # the same value under the same label in two places is quoted once, first
            unique.setdefault(match_key(value.text), value)
        return list(unique.values())[: settings.max_sentences]
    if documents:  # 請對照E組報告和白皮書: each document answers for itself
        return [s for file in documents for s in best([s for s in sentences if s.passage.file == file],
                                                       settings.max_sentences, settings.max_quote_chars)]
    return best(sentences, settings.max_sentences, settings.max_quote_chars)


def _speaks_of(request: Request, sentence: Sentence, asked: set[int]) -> bool:
    """A sentence naming its document's years, none of them asked (112年度…簽署8項 for 111年), is
    another year's; one naming none may be of any. A year the document does not cover (113年…規劃) is a
    plan, of which any sentence may speak."""
    covered = sorted(request.sources.vocabulary.covers(sentence.passage.file))
    return not asked & set(covered) or bool(asked & set(years_spoken_of(sentence.text, covered)))


def _plan_passages(request: Request) -> list[IndexedPassage]:
    """The passages of the ask's documents naming an asked year after the years the document covers: its
    plans for that year, gathered whether or not retrieval ranked them."""
    later = _plan_years(request)
    named = {file: years for file, years in later.items() if years & request.sources.years_named(file)}
    return [p for p in request.sources.index.passages
            if p.file in named and named[p.file] & years_named_in(p.text)] if named else []


def _plans_named(request: Request, sentences: list[Sentence]) -> list[Sentence]:
    """The sentences naming an asked year after their document's years (113年度將…, in a 112 report): the
    document's plans for that year. Empty when no year asked is such a year."""
    later = _plan_years(request)
    return [s for s in sentences if later.get(s.passage.file, set()) & years_named_in(s.text)]


def _plan_years(request: Request) -> dict[str, set[int]]:
    """Per document of the ask's scope, the asked years after every year it covers, where no document in
    scope covers any asked year: years only plans speak of. An ask naming a covered year too (112年是多少？
    113年目標呢) is answered from what the documents report, plans among it."""
    vocabulary = request.sources.vocabulary
    files = request.filters.files or list(vocabulary.documents)
    asked = set(request.filters.years)
    if not asked or asked & {y for file in files for y in vocabulary.covers(file)}:
        return {}
    return {file: later for file in files
            if (covered := vocabulary.covers(file)) and (later := {y for y in asked if y > max(covered)})}


def compared_documents(request: Request, retrieved: Retrieved) -> list[str]:
    """The documents an ask names to be answered from side by side (109年E組報告和112年白皮書各提到什麼),
    when it names two or more and no row: each gets its own quotes, so neither crowds out the other."""
    files = request.filters.files
    return list(files) if len(files) > 1 and not retrieved.named else []


def whole_row_subject(request: Request, retrieved: Retrieved) -> Record | None:
    """The one row with results that the ask is about as a whole, or None.

    That is a row the ask named (by number or full name) and says nothing more about, or the one row
    of its document whose name holds every subject word of the ask (or, when it has none, the agency
    it names: 成立青年局 for 青年局的籌備進度), or a named row whose progress the ask asks. What a row
    did, asked in words its results use, is its results too: of a row named (成立青年局做了哪些籌備工作)
    or of the one row whose name holds the agency asked about (青年局…做了哪些籌備工作). An ask for
    another of the row's columns (its target, its lead agency) or for a detail its results do not hold
    is answered sentence by sentence."""
    if any(not m.endswith(".results") for m in request.filters.measures):
        return None
    agencies = [match_key(link.entry.text) for link in request.reading.links if link.kind == "agency"]
    # Its subject words; an ask naming only an agency (青年局的籌備進度) is about the row whose name holds it
    subject = [match_key(t.text) for t in request.reading.terms if not t.aspect] or agencies
    asks_done = request.reading.ask is not None and request.reading.ask.cues.asks_manner

    def holds_subject(row: Record) -> bool:
        return bool(getattr(row, "results", None)) and all(word in match_key(row_name(row)) for word in subject)

    def did(row: Record) -> bool:
        return asks_done and bool(subject) and all(word in match_key(getattr(row, "results", None) or "")
                                                   for word in subject)

    if retrieved.named:
        named = named_records(request) or []
        if len(named) != 1 or not getattr(named[0], "results", None):
            return None
        # 成立青年局的籌備工作進展到哪: where the named row stands is its results, whatever else the ask says
        row = named[0]
        return row if holds_subject(row) or asks_progress(request) or did(row) else None
    if not subject:
        return None

    def fits(row: Record) -> bool:
        return holds_subject(row) or (did(row) and any(a in match_key(row_name(row)) for a in agencies))

    rows: list[Record] = []
    for passage in retrieved.passages:
        rows += [r for r in request.sources.rows_between(passage.file, passage.line, passage.end_line)
                 if r not in rows and fits(r)]
    if len(rows) != 1:
        return None
    row = rows[0]
    others = [r for r in request.sources.rows.get(row.file, ()) if r.line != row.line and fits(r)]
    return None if others else row


def row_results(request: Request, row: Record) -> list[Sentence]:
    """The row's results cell (for an ask for plans, the cell of what is next, where the row has one),
    sentence by sentence in its order, up to `max_row_quote_chars`."""
    field = "results"
    if asks_plan(request):
        field = next((name for name in PLAN_FIELDS if getattr(row, name, None)), field)
    cell = match_key(getattr(row, field, None) or "")
    parts = request.sources.passages_between(row.file, row.line, row.end_line)
    chosen: list[Sentence] = []
    seen: set[str] = set()
    total, budget = 0, request.sources.settings.max_row_quote_chars
    for sentence in (s for rank, part in enumerate(parts) for s in split_sentences(part, rank)):
        key = match_key(sentence.text)
        if not key or key not in cell or key in seen:
            continue
        total += sentence.end - sentence.start
        if total > budget:
            break
        seen.add(key)
        chosen.append(sentence)
    return chosen


def _with_context(request: Request, passages: list[IndexedPassage]) -> list[IndexedPassage]:
    """Each passage followed, once, by the rest of its row (a long row is cut into parts) or, outside
    rows, by its neighbours under the same heading (a section is cut into passages too)."""
    out: list[IndexedPassage] = []
    seen: set[str] = set()
    for passage in passages:
        row = request.sources.row_at(passage.file, passage.line)
        parts = [passage]
        if row is not None:
            parts += request.sources.passages_between(row.file, row.line, row.end_line)
        else:
            parts += request.sources.neighbours(passage)
        for part in parts:
            if part.id not in seen:
                seen.add(part.id)
                out.append(part)
    return out


def render_quotes(request: Request, chosen: list[Sentence], kind: AnswerKind) -> Composed:
    lines, facts, current = [], [], None
    by_title: dict[str, list[str]] = {}
    for sentence in chosen:
        number = request.citations.cite(sentence.passage.file, sentence.line, sentence.end_line, sentence.text)
        source = plain(_source(request, sentence))
        if source != current:
            lines.append(f"**{source}**")
            current = source
        lines.append(f"- 「{plain(sentence.display)}」[{number}]")
        facts.append(f"「{plain(sentence.display)}」[{number}]")
        by_title.setdefault(request.sources.title(sentence.passage.file), []).append(f"「{sentence.display}」")
    headline = pick(request.lang, "語料中的相關記載如下（原文摘錄）：", "The documents say (quoted as printed):")
    press = [pick(request.lang, f"《{title}》記載：{''.join(quotes)}", f"《{title}》 states: {' '.join(quotes)}")
             for title, quotes in by_title.items()]
    return Composed(kind=kind, refused=False, headline=headline, lines=lines, draft_facts=facts, press=press,
                    subject=request.understanding.question)
