"""Answers in the documents' own words: the few sentences of the best passages that answer the ask.

Sentences are chosen by `extractive.select` over the passages `gather.passages.retrieve` returns,
scored on the ask's words weighted by rarity; a row's results count for more than its plans, and its
latest results for more than its first. Each quote is exact and cited, grouped under the row or
heading it comes from.
"""

from assistant.answering.composed import Composed
from assistant.answering.context import Request
from assistant.answering.contract import AnswerKind
from assistant.answering.extractive import Sentence, select, split_sentences
from assistant.answering.gather.passages import Retrieved
from assistant.answering.language import agency_label, pick, status_label
from assistant.answering.terms import Term, TermWeights
from assistant.index.indexed_passage import IndexedPassage
from assistant.parsing.models import PerformanceGoal, ProgressItem
from assistant.text.normalize import match_key

# Where a sentence sits in its row: what was done beats what was planned.
CELL_BONUS = {"results": 0.3, "target": 0.1, "work_items": 0.0, "strategy": 0.0, "future": -0.15}
RECENCY_BONUS = 0.1  # results are listed oldest first; for progress, the latest matter most
# An ask for a row's progress (進度, 辦理情形) wants where things stand now: the latest results count
# for about as much as holding the ask's words.
PROGRESS_RECENCY = 1.0


def _source(request: Request, sentence: Sentence) -> str:
    """Where a quote comes from, in words: its row (item, lead, status), or its document and heading."""
    passage, lang = sentence.passage, request.lang
    row = request.sources.row_at(passage.file, sentence.line)
    title = request.sources.title(passage.file)
    if isinstance(row, ProgressItem):
        if row.item_no is not None:
            name = f"#{row.item_no} {row.item_name}"
        else:
            guess = pick(lang, f"，依位置推測為#{row.item_no_inferred}", f", #{row.item_no_inferred} by position") \
                if row.item_no_inferred else ""
            name = pick(lang, f"L{row.line}（項目名稱缺漏{guess}）", f"L{row.line} (item name lost{guess})")
        lead = pick(lang, f"{row.lead_agency}主辦", f"led by {agency_label(request.sources.lexicon, row.lead_agency, lang)}") \
            if row.lead_agency else pick(lang, "主辦欄空白", "lead agency blank")
        return (" | " if lang == "en" else "｜").join([name, lead, status_label(row.status_code, row.status_label, lang)])
    if isinstance(row, PerformanceGoal):
        return f"《{title}》{pick(lang, '：', ': ')}{row.goal}"
    heading = passage.context.split(" | ")[0].strip() if passage.context else ""
    return f"《{title}》" + (f"{pick(lang, '：', ': ')}{heading}" if heading else "")


def asks_progress(request: Request) -> bool:
    return any(m.endswith(".results") for m in request.filters.measures)


def cell_bonus(request: Request, sentence: Sentence, progress: bool = False) -> float:
    """Favour a row's results over its targets and plans, and (for progress) its latest results."""
    record = request.sources.row_at(sentence.passage.file, sentence.line)
    if not isinstance(record, (ProgressItem, PerformanceGoal)):
        return 0.0
    text = match_key(sentence.text)
    for field, value in CELL_BONUS.items():
        cell = match_key(getattr(record, field, None) or "")
        position = cell.find(text) if text else -1
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
    return weights.weigh([*subject, *codes, *named, *carried])


def ask_terms(request: Request, weights: TermWeights) -> list[Term]:
    """What sentences are scored on: the ask's own words, the names it named whole, and (for an English
    ask) the Chinese names its phrases linked to. A name mentioned only in part is left out: its full
    name heads the row, it is not repeated by the row's sentences."""
    reading = request.reading
    named = [link.entry.text for link in reading.links if link.how in ("exact", "edit", "semantic")
             and link.kind not in ("agency", "city", "placeholder", "document", "group")]
    carried = [w for w in request.filters.topic if w not in reading.words]
    return weights.weigh([*reading.words, *named, *carried])


def choose(request: Request, retrieved: Retrieved, weights: TermWeights, wants_number: bool) -> list[Sentence]:
    """The best sentences of the retrieved passages for this ask.

    When none of the ask's words is a word of the corpus (an English ask that links no name), the
    ranking is retrieval's own (dense similarity carries across languages): every retrieved passage
    is on topic and sentences are scored by rank and figures."""
    passages = retrieved.passages[: None if retrieved.named else request.sources.settings.sentence_passages]
    passages = _with_whole_rows(request, passages)
    sentences = [s for rank, passage in enumerate(passages) for s in split_sentences(passage, rank)]
    terms = ask_terms(request, weights)
    by_rank = not any(t.in_corpus for t in terms)
    progress = asks_progress(request)

    def row_of(passage: IndexedPassage) -> object:
        row = request.sources.row_at(passage.file, passage.line)
        return (row.file, row.line) if row is not None else None

    settings = request.sources.settings
    return select(sentences, terms, wants_number=wants_number, bonus=lambda s: cell_bonus(request, s, progress),
                  all_on_topic=retrieved.named or by_rank, topical_group=row_of,
                  max_sentences=settings.max_sentences, max_chars=settings.max_quote_chars,
                  topic=topic_terms(request, weights))


def _with_whole_rows(request: Request, passages: list[IndexedPassage]) -> list[IndexedPassage]:
    """Each passage followed by the other parts of its row, once: a long row is cut into parts."""
    out: list[IndexedPassage] = []
    seen: set[str] = set()
    for passage in passages:
        row = request.sources.row_at(passage.file, passage.line)
        parts = [passage]
        if row is not None:
            parts += [p for p in request.sources.index.passages if p.file == row.file
                      and p.line <= row.end_line and p.end_line >= row.line]
        for part in parts:
            if part.id not in seen:
                seen.add(part.id)
                out.append(part)
    return out


def render_quotes(request: Request, chosen: list[Sentence], kind: AnswerKind) -> Composed:
    lines, facts, current = [], [], None
    by_title: dict[str, list[str]] = {}
    for sentence in chosen:
        number = request.citations.cite(sentence.passage.file, sentence.line, sentence.line, sentence.text)
        source = _source(request, sentence)
        if source != current:
            lines.append(f"**{source}**")
            current = source
        lines.append(f"- 「{sentence.text}」[{number}]")
        facts.append(f"「{sentence.text}」[{number}]")
        by_title.setdefault(request.sources.title(sentence.passage.file), []).append(f"「{sentence.text}」")
    headline = pick(request.lang, "語料中的相關記載如下（原文摘錄）：", "The documents say (quoted as printed):")
    press = [pick(request.lang, f"《{title}》記載：{''.join(quotes)}", f"《{title}》 states: {' '.join(quotes)}")
             for title, quotes in by_title.items()]
    return Composed(kind=kind, refused=False, headline=headline, lines=lines, draft_facts=facts, press=press,
                    subject=request.understanding.question)
