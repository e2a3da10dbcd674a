"""Free-text answers: hybrid retrieval, a weak-evidence check, then a few quoted sentences with citations."""

from typing import TYPE_CHECKING

from assistant.answering.citations import escape_source_brackets
from assistant.answering.composed import Composed
from assistant.answering.context import Request
from assistant.answering.contract import AnswerKind
from assistant.answering.evidence import assess, key_terms
from assistant.answering.extractive import Sentence, select, split_sentences
from assistant.answering.language import agency_label, pick, status_label
from assistant.answering.refusal import weak_evidence
from assistant.answering.terms import TermWeights, coverage, squash
from assistant.index.filters import PassageFilter
from assistant.parsing.models import PerformanceGoal, ProgressItem

if TYPE_CHECKING:  # the retriever module imports llama-index, which takes seconds
    from assistant.index.indexed_passage import IndexedPassage
    from assistant.index.retriever import SearchHit

SEARCH_K = 8
SENTENCE_PASSAGES = 5
# Where a sentence sits in its row: what was done beats what was planned.
CELL_BONUS = {"results": 0.3, "target": 0.1, "work_items": 0.0, "strategy": 0.0, "future": -0.15}
RECENCY_BONUS = 0.1  # 000 results are listed oldest first; for progress, the latest matter most


def _query(request: Request) -> str:
    """The question, plus topic words carried over from earlier turns that it does not repeat."""
    text = request.text
    extra = [t for t in request.filters.topic if t and t not in text]
    return " ".join([text, *extra]) if request.understanding.follow_up and extra else text


def search(request: Request) -> list["SearchHit"]:
    """Hybrid search scoped by the reading; the agency scope is dropped if it leaves nothing."""
    from assistant.index.retriever import HybridSearcher  # imports llama-index (seconds): only when searching

    f = request.filters
    covered = request.sources.covered_years()
    base = dict(files=frozenset(f.files) or None, years=frozenset(y for y in f.years if y in covered) or None)
    searcher = HybridSearcher(request.sources.index)
    query = _query(request)
    if f.agency:
        hits = searcher.search(query, SEARCH_K, PassageFilter(**base, agencies=frozenset([f.agency])))
        if hits:
            return hits
    return searcher.search(query, SEARCH_K, PassageFilter(**base))


def _source(request: Request, sentence: Sentence) -> str:
    """Where a quote comes from, in words: the 000 item or 004 goal it belongs to, or the passage's heading."""
    passage, lang = sentence.passage, request.lang
    row = request.sources.row_at(passage.file, sentence.line)
    title = request.document(passage.file).info.title
    if isinstance(row, ProgressItem):
        if row.item_no is not None:
            name = f"#{row.item_no} {row.item_name}"
        else:
            guess = pick(lang, f"，依位置推測為#{row.item_no_inferred}", f", #{row.item_no_inferred} by position") \
                if row.item_no_inferred else ""
            name = pick(lang, f"L{row.line}（項目名稱缺漏{guess}）", f"L{row.line} (item name lost{guess})")
        if row.lead_agency:
            english = agency_label(request.sources.lexicon, row.lead_agency, lang)
            lead = pick(lang, f"{row.lead_agency}主辦", f"led by {english}")
        else:
            lead = pick(lang, "主辦欄空白", "lead agency blank")
        return (" | " if lang == "en" else "｜").join([name, lead, status_label(row.status_code, lang)])
    if isinstance(row, PerformanceGoal):
        return f"《{title}》{pick(lang, '：', ': ')}{row.goal}"
    heading = passage.context.split(" | ")[0].strip() if passage.context else ""
    return f"《{title}》" + (f"{pick(lang, '：', ': ')}{heading}" if heading else "")


def cell_bonus(request: Request, sentence: Sentence) -> float:
    """Favour a row's results (辦理情形, 達成效益) over its targets and plans (未來精進方向)."""
    record = request.sources.row_at(sentence.passage.file, sentence.line)
    if not isinstance(record, (ProgressItem, PerformanceGoal)):
        return 0.0
    text = squash(sentence.text)
    for field, value in CELL_BONUS.items():
        cell = squash(getattr(record, field, None) or "")
        position = cell.find(text) if text else -1
        if position >= 0:
            chronological = field == "results" and isinstance(record, ProgressItem)
            return value + (RECENCY_BONUS * position / len(cell) if chronological else 0.0)
    return 0.0


def _item_passages(request: Request) -> list["IndexedPassage"] | None:
    """The passages of the 000 row the question names by number (第31項), or None when it names none."""
    number = request.filters.item_no
    if number is None:
        return None
    rows = [r for r in request.sources.index.records.query("progress_item")
            if isinstance(r, ProgressItem) and number in (r.item_no, r.item_no_inferred)]
    return [p for row in rows for p in request.sources.index.passages
            if p.file == row.file and p.line <= row.line <= p.end_line]


def _no_such_item(request: Request) -> Composed:
    number = request.filters.item_no
    headline = pick(request.lang, f"市政白皮書一覽表中沒有編號#{number}的政策項目，無法回答。",
                    f"The white-paper table has no item #{number}, so this cannot be answered.")
    return Composed(kind="refusal", refused=True, headline=headline, subject=request.understanding.question,
                    reason=pick(request.lang, f"一覽表中沒有編號#{number}的政策項目", f"the table has no item #{number}"))


def _sentences(request: Request, weights: TermWeights) -> tuple[list[Sentence], bool] | Composed:
    """Candidate sentences (and whether they are all on topic), or a refusal when the evidence is weak."""
    named = _item_passages(request)
    if named is not None:
        if not named:
            return _no_such_item(request)
        return [s for rank, passage in enumerate(named) for s in split_sentences(passage, rank)], True
    hits = search(request)
    terms = weights.terms(_query(request))
    evidence = assess(hits, terms)
    if not hits or evidence.weak:
        return weak_evidence(request, evidence if hits else None)
    if request.lang == "en":  # BM25 over English words is noise: passages with the key terms, then dense order
        keys = key_terms(terms)
        hits = sorted(hits, key=lambda h: (-coverage(keys, squash(f"{h.passage.context}\n{h.passage.text}")),
                                           -h.dense_score))
    return [s for rank, hit in enumerate(hits[:SENTENCE_PASSAGES]) for s in split_sentences(hit.passage, rank)], False


def answer_free(request: Request, weights: TermWeights, kind: AnswerKind = "free") -> Composed:
    """Quote the few sentences that best answer the question, or refuse when the evidence is weak."""
    found = _sentences(request, weights)
    if isinstance(found, Composed):
        return found
    sentences, named = found
    chosen = select(sentences, weights.terms(_query(request)), wants_number=kind == "lookup",
                    bonus=lambda s: cell_bonus(request, s), all_on_topic=named)
    if not chosen:
        return weak_evidence(request, None)
    lines, facts, current = [], [], None
    for sentence in chosen:
        number = request.citations.cite(sentence.passage.file, sentence.line, sentence.line, sentence.text)
        source, quoted = escape_source_brackets(_source(request, sentence)), escape_source_brackets(sentence.text)
        if source != current:
            lines.append(f"**{source}**")
            current = source
        lines.append(f"- 「{quoted}」[{number}]")
        facts.append(f"「{quoted}」[{number}]")
    headline = pick(request.lang, "語料中的相關記載如下（原文摘錄）：", "The documents say (quoted as printed):")
    return Composed(kind=kind, refused=False, headline=headline, lines=lines, draft_facts=facts,
                    subject=request.understanding.question)
