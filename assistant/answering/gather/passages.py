"""Passages as a source: hybrid retrieval restricted to what the ask linked, plus the rows it named.

The query is the ask as typed, widened by the corpus names it linked (so an English ask about a
linked agency or KPI also searches the Chinese name) and by content words carried over from earlier
asks. Retrieval is restricted to the documents and years the ask names, and to the periods it is about
(`periods.period_scope`); with an agency, passages
about that agency are tried first. Rows the ask names (a 政策項目 by name or number, a 年度目標)
come first, ahead of retrieval, because the ask said which row it means.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from assistant.answering.context import Request
from assistant.answering.gather.periods import period_scope
from assistant.index.filters import PassageFilter
from assistant.index.indexed_passage import IndexedPassage
from assistant.parsing.models import Record
from assistant.text.normalize import match_key
from assistant.understanding.question import MASK, QuestionText
from assistant.understanding.years import find_year_mentions

if TYPE_CHECKING:  # the retriever module imports llama-index, which takes seconds
    from assistant.index.retriever import SearchHit

# Link kinds whose printed names widen the query.
_QUERY_KINDS = frozenset({"agency", "item", "kpi", "goal", "category", "outline", "domain", "theme", "table_row",
                          "performance_goal", "heading", "perspective"})


@dataclass(frozen=True)
class Retrieved:
    passages: list[IndexedPassage]  # named rows first, then retrieval order
    named: bool  # the passages are the rows the ask named, not search results
    dense: float  # the best dense similarity among the hits (0 when none)


def query_words(request: Request) -> list[str]:
    """What retrieval and sentence scoring look for: content words, linked names, and the names and
    content words its filters carry (stated, or carried over from earlier asks)."""
    reading = request.reading
    words = [t.text for t in reading.terms]
    words += [link.entry.text for link in reading.links if link.kind in _QUERY_KINDS]
    words += [link.entry.text for link in reading.fragments[:2] if link.kind in _QUERY_KINDS]
    f = request.filters
    # the names the ask's filters hold, its own or carried over (為什麼沒達標, after a question naming a KPI)
    words += [w for w in (f.kpi_name, f.goal_name, *f.items, *f.rows, *f.topic) if w and w not in words]
    return list(dict.fromkeys(w for w in words if w))


def _query(request: Request) -> str:
    """The ask as typed, widened by `query_words`. An English ask's years are left out: they are the
    filter on the documents' periods, and the Chinese text prints 2023 only inside names (2023城市…
    圓桌會議), so as search words they find those passages, not the year's. The years are the ones the
    question's own year reader claims."""
    text = request.text
    if request.lang == "en" and request.filters.years:
        question = QuestionText(text)
        find_year_mentions(question)  # masks each year it reads
        text = "".join(char for char, seen in zip(question.text, question.masked) if seen != MASK)
    extra = [w for w in query_words(request) if match_key(w) not in match_key(text)]
    return " ".join([text, *extra]) if extra else text


def named_records(request: Request) -> list[Record] | None:
    """The rows the ask names by number or by exact name, in the documents of the periods it asks
    about (the latest, unless it names one), or None when it names none. An ask that points back at
    the rows listed before (它們的成果是什麼) names those rows."""
    f = request.filters
    if _points_back_at_rows(request):
        from assistant.answering.gather.records import select  # records builds on this module's scope

        return select(request, f.record_type or "progress_item")
    if not f.item_nos and not f.items and not (f.goal_name and f.record_type == "performance_goal"):
        return None
    memory = request.sources.memory
    keys = {match_key(i) for i in f.items}
    scope = period_scope(request.sources, f).files
    rows: list[Record] = [r for r in memory.of_type("progress_item") if r.file in scope
                          and ((r.item_no in f.item_nos or r.item_no_inferred in f.item_nos)
                               or (keys and match_key(r.item_name or "") in keys))]
    if f.goal_name and f.record_type == "performance_goal":
        rows += [r for r in memory.of_type("performance_goal")
                 if r.file in scope and match_key(f.goal_name) in match_key(r.goal)]
    return rows


def _points_back_at_rows(request: Request) -> bool:
    """The ask narrows the rows an earlier ask listed and asks about them in words (它們的辦理情形如何),
    adding no subject of its own."""
    understanding, f = request.understanding, request.filters
    return understanding.narrows and f.record_type in ("progress_item", "performance_goal") \
        and not any(not t.aspect for t in request.reading.terms) \
        and request.reading.intent in ("lookup", "free")


def named_rows(request: Request) -> list[IndexedPassage] | None:
    """The passages of the rows the ask names (`named_records`), or None when it names none."""
    rows = named_records(request)
    if rows is None:
        return None
    return [p for row in rows for p in request.sources.passages_between(row.file, row.line, row.end_line)]


def search(request: Request, k: int) -> list["SearchHit"]:
    """Hybrid search scoped by the ask; the agency scope is dropped if it leaves nothing. Once per ask:
    several sources ask for the same retrieval."""
    key = ("search", k, request.filters.model_dump_json())
    if key not in request.memo:
        request.memo[key] = _search(request, k)
    return request.memo[key]


def _search(request: Request, k: int) -> list["SearchHit"]:
    from assistant.index.retriever import HybridSearcher  # imports llama-index (seconds): only when searching

    f = request.filters
    covered = request.sources.vocabulary.covered_years
    scope = period_scope(request.sources, f).files
    files = frozenset(f.files) & scope if f.files else scope
    base = dict(files=files or None, years=frozenset(y for y in f.years if y in covered) or None)
    searcher = HybridSearcher(request.sources.index)
    query = _query(request)
    if f.agency:
        hits = searcher.search(query, k, PassageFilter(**base, agencies=frozenset([f.agency])))
        if hits:
            return hits
    return searcher.search(query, k, PassageFilter(**base))


def figure_passages(request: Request) -> list[IndexedPassage]:
    """For a free ask about one KPI in given years (為什麼沒達標, after naming the KPI and year), or about
    the KPIs an earlier ask of the question found (哪些沒達標？原因是什麼？), the
    passages other than the record's own that print that KPI-year's target and actual together, each
    with the passages around it.

    A slide deck explains a result on the slide that shows it: the analysis and the measures beside
    「目標值 6.00 實際值 7.05」 are about that KPI-year, though they rarely repeat its name."""
    from assistant.answering.gather.records import kpi_named_in_part, select  # records builds on this module

    f = request.filters
    narrowed = request.understanding.narrows and f.subject == "kpi"  # 哪些沒達標？原因是什麼？: those rows
    if request.reading.intent != "free" or not f.years:
        return []
    if not (f.kpi_code or f.kpi_name or narrowed):
        named = kpi_named_in_part(request)  # 長者搭乘大眾運輸的使用人次成長率: a word left out of the name
        if named is None:
            return []
        f = f.model_copy(update={"kpi_name": named})
    identity = f if narrowed and not (f.kpi_code or f.kpi_name) else \
        f.model_copy(update={"target_met": None, "rating": None, "thresholds": [], "superlative": None})
    found: dict[str, IndexedPassage] = {}
    for record in select(request, "kpi_result", identity):
        target, actual = getattr(record, "target_raw", None), getattr(record, "actual_raw", None)
        if not target or not actual:
            continue
        passages = request.sources.passages_by_file.get(record.file, [])
        shown = False
        for at, passage in enumerate(passages):
            own = passage.line <= record.end_line and record.line <= passage.end_line  # the figures themselves
            if not own and target in passage.text and actual in passage.text:
                shown = True
                for near in passages[max(at - 1, 0): at + 2]:  # a slide's text runs over a few passages
                    found.setdefault(near.id, near)
        if not shown:
            for passage in _text_above_table(request, record, passages):
                found.setdefault(passage.id, passage)
    return sorted(found.values(), key=lambda p: (p.file, p.line))


def _text_above_table(request: Request, record: Record, passages: list[IndexedPassage]) -> list[IndexedPassage]:
    """The passages between the KPI table before the record's and the record's own: where a deck prints a
    result only in the table that closes its slides, the text above that table is what explains it."""
    tables = {r.line for t in ("kpi_result",) for r in request.sources.memory.of_type(t) if r.file == record.file}
    own = [at for at, p in enumerate(passages) if p.line <= record.end_line and record.line <= p.end_line]
    if not own:
        return []
    above = []
    for passage in reversed(passages[:own[0]]):
        if any(passage.line <= line <= passage.end_line for line in tables):
            break
        above.append(passage)
    return above[::-1]


def retrieve(request: Request) -> Retrieved:
    """The passages to quote from: the named rows, else those printing the figures of the KPI-year a
    free ask is about, else the top of retrieval."""
    named = named_rows(request) or figure_passages(request)
    if named:
        return Retrieved(named, True, 1.0)
    hits = search(request, request.sources.settings.search_k)
    return Retrieved([h.passage for h in hits], False, max((h.dense_score for h in hits), default=0.0))


def theme_passages(request: Request, records: list[Record]) -> list[IndexedPassage]:
    """The passages of the records' files whose heading names one of their themes (五、強化社會支持):
    what a document says of a theme as a whole (its stated totals) sits in that theme's section.
    Every passage of those files when the records carry no theme."""
    files = {r.file for r in records}
    themes = {getattr(r, "theme_name", None) for r in records} - {None}
    return [p for p in request.sources.index.passages
            if p.file in files and (not themes or any(t in p.context for t in themes))]
