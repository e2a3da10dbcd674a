"""Answer one ask: gather candidates from every source its links point to, rank them, render, or refuse.

Sources are tried from the most exact to the least, and a weaker one answers only where a stronger
one has nothing: the records the ask selects (lists, counts, breakdowns); a document's statements
about itself; the record that holds the asked value (a KPI's target, a table figure, a row's lead
agency), found by its name or, failing that, through the passages retrieval ranks first; a total
the documents state; and the passages themselves, quoted. The intent decides how the answer is
rendered, not where it comes from: a lookup whose subject is a row of the progress table is
answered from that row even when a word of it (預算) is also a table label elsewhere.
"""

import re
from dataclasses import replace

from assistant.answering import refusal
from assistant.answering.citations import escape_source_brackets as plain
from assistant.answering.composed import Composed
from assistant.answering.context import Request
from assistant.answering.contract import Item
from assistant.answering.gather.catalogue import gather_facts
from assistant.answering.gather.counterparts import counterparts
from assistant.answering.gather.crosslingual import cross_links, english_phrases
from assistant.answering.gather.grid import crossing_cells
from assistant.answering.gather.passages import Retrieved, retrieve, theme_passages
from assistant.answering.gather.periods import period_scope
from assistant.answering.gather.records import (candidate_types, kpi_named_in_part, kpi_named_in_scope, named_among,
                                                row_name, select)
from assistant.answering.gather.stated import asked_column, stated_totals, table_cells, table_totals
from assistant.answering.language import agency_label, join_words, pick, year_span
from assistant.answering.record_quotes import cite_record
from assistant.answering.render.facts import render_facts
from assistant.answering.render.groups import render_groups
from assistant.answering.render.listing import render_records, unit_line, units
from assistant.answering.render.quotes import asks_plan, asks_progress, changes_a_set, choose, render_quotes
from assistant.answering.render.subjects import describe
from assistant.answering.render.values import ITEM_FIELDS, KPI_MEASURES, asked_measures, catalogue_only, \
    item_fields, kpi_values, table_values
from assistant.answering.terms import TermWeights
from assistant.corpus.series import series_versions
from assistant.index.record_memory import record_agencies
from assistant.index.indexed_passage import IndexedPassage
from assistant.linking.gazetteer import VOCABULARY_KINDS, same_but_asides
from assistant.linking.schema import GOAL_TYPE
from assistant.linking.vocabulary import KPI_TYPES
from assistant.parsing.models import BudgetFigure, KpiResult, PerformanceGoal, ProgressItem, Record, StrategyKpi
from assistant.text.normalize import match_key
from assistant.understanding.cues import asked_unit
from assistant.understanding.flags import asks_whether_met
from assistant.understanding.followup import CONDITION_FIELDS
from assistant.understanding.models import QuestionFilters

# A figure, in digits or in words (三項, 兩場).
_FIGURE = re.compile(r"\d|[一二兩三四五六七八九十百千]+\s*[項個件場次人家處條座名份]")
# Link kinds that name the subject of an ask other than a document.
_SUBJECT_LINKS = frozenset({"item", "kpi", "goal", "table_row", "table", "performance_goal", "category", "outline",
                            "domain"})


def answer_ask(request: Request, weights: TermWeights) -> Composed:
    """The composed answer (or refusal) for one ask; an ask after another in the same question whose own
    words the corpus does not speak of alone (又多了哪些地方可以用點數) is asked again with the words of
    the ask before (敬老卡) before it is refused: it says more of that subject."""
    composed = _answer_own(request, weights)
    earlier = request.reading.earlier_topic
    grounded = request.sources.vocabulary.terms.grounded
    if not (composed.refused and composed.rule == "unknown_subject" and earlier) \
            or not all(grounded(word) for word in earlier):  # of a subject the corpus lacks (大巨蛋): nothing to add
        return composed
    filters = request.filters.model_copy(update={"topic": [*earlier, *request.filters.topic]})
    understanding = request.understanding.model_copy(update={"filters": filters})
    widened = replace(request, reading=replace(request.reading, understanding=understanding, earlier_topic=[]),
                      memo={})
    again = _answer_own(widened, weights)
    return composed if again.refused else again


def _answer_own(request: Request, weights: TermWeights) -> Composed:
    found = refusal.other_government(request) or refusal.judgement(request) or refusal.periods_not_covered(request)
    if found is None and request.reading.ungrounded:
        found = refusal.unknown_subject(request, request.reading.ungrounded)
    if found is None and not _about_anything(request):
        found = refusal.unknown_subject(request, [])
    if found is None and request.lang == "en":
        found = _link_across_languages(request)
    missing, tables, held = _numbers_not_held(request)
    if found is None and missing and len(missing) == len(request.filters.item_nos):
        found = refusal.numbers_not_held(request, missing, tables, held)
    if found is not None:
        return refusal.render(request, found)
    request = _year_of_the_kpi(_kpi_of_the_scope(_pointed_row(request)))
    intent = request.reading.intent
    if intent in ("list", "count", "group"):
        composed = _records(request, intent, weights)
    elif intent == "lookup":
        composed = _lookup(request, weights)
    else:
        composed = _free(request, weights)
    if missing and not composed.refused:
        numbers = join_words([f"#{n}" for n in missing], request.lang)
        composed.notes.append(pick(request.lang, f"註：原表沒有{numbers}這個編號。", f"Note: the table has no item {numbers}."))
    return composed


def _numbers_not_held(request: Request) -> tuple[list[int], list[str], tuple[int, int]]:
    """The item numbers the ask names (第5項, 第3到6項) that no row of the progress tables in its scope
    carries, those tables and their lowest and highest number; nothing when no progress table is in scope
    (第2項策略 is no item's number)."""
    f = request.filters
    if not f.item_nos:
        return [], [], (0, 0)
    scope = period_scope(request.sources, f).files
    rows = [r for r in request.sources.memory.of_type("progress_item")
            if r.file in scope and (not f.files or r.file in f.files)]
    held = {n for r in rows for n in (r.item_no, r.item_no_inferred) if n is not None}
    if not held:
        return [], [], (0, 0)
    return [n for n in f.item_nos if n not in held], sorted({r.file for r in rows}), (min(held), max(held))


def _pointed_row(request: Request) -> Request:
    """An ask pointing at one of the rows before and naming it in part (其中處理輿情那一項, 新聞稿發了多少)
    is asked of that row alone, as its own cue asks (a value, a description), not of every row."""
    reading = request.reading
    if not (request.understanding.narrows and reading.ask is not None and reading.ask.cues.points_at_one_row):
        return request
    rows = [r for t in _answering_types(request) for r in select(request, t)]
    named = named_among(rows, request)
    names = {match_key(row_name(r)) for r in named}
    if len(names) != 1 or len(named) == len(rows) and len(rows) > 1:
        return request  # none told apart: each row, with what is asked of it
    row = named[0]
    identity: dict = {"kpi_name": row_name(row), "kpi_code": None} if row.record_type in KPI_TYPES else \
        {"goal_name": row_name(row), "record_type": row.record_type} if isinstance(row, PerformanceGoal) else \
        {"items": [row_name(row)], "record_type": row.record_type}
    blank = QuestionFilters()
    conditions = {name: getattr(blank, name) for name in CONDITION_FIELDS}  # the row is named: no filter left
    filters = request.filters.model_copy(update={**conditions, **identity})
    cue = reading.ask.cues.intent
    understanding = request.understanding.model_copy(update={
        "filters": filters, "narrows": False, "intent": cue if cue in ("lookup", "free") else "lookup"})
    return replace(request, reading=replace(reading, understanding=understanding), memo={})


def _kpi_of_the_scope(request: Request) -> Request:
    """A value or a description asked of a KPI by a shortened name (108年職災死亡率為什麼沒達標) is asked
    of the one KPI of the stated documents and years whose name its words shorten; its words are then
    the name's, no topic of their own."""
    f = request.filters
    if f.kpi_name or f.kpi_code or request.reading.intent not in ("lookup", "free"):
        return request
    name = kpi_named_in_scope(request)
    if name is None:
        return request
    terms = [t for t in request.reading.terms if t.aspect]
    kept = {t.text for t in terms}
    filters = f.model_copy(update={"kpi_name": name, "topic": [word for word in f.topic if word in kept]})
    understanding = request.understanding.model_copy(update={"filters": filters})
    return replace(request, reading=replace(request.reading, understanding=understanding, terms=terms), memo={})


def _year_of_the_kpi(request: Request) -> Request:
    """An ask about one KPI that names no year (那個指標怎麼會是負的), where the corpus reports that KPI's
    figures in one year only, is asked of that year: there is no other it could mean."""
    f = request.filters
    if f.years or request.reading.intent not in ("lookup", "free") or f.kpi_code:
        return request
    # a KPI named whole, or in part where the ask says it is a KPI (那個指標): a topic sharing half a KPI's
    # name (日間照顧中心) is no KPI asked about
    name = f.kpi_name or (kpi_named_in_part(request) if f.subject == "kpi" else None)
    if name is None:
        return request
    years = {r.year_roc for r in select(request, "kpi_result", QuestionFilters(kpi_name=name, files=f.files))}
    if len(years) != 1:
        return request
    filters = f.model_copy(update={"years": sorted(years), "kpi_name": name})
    understanding = request.understanding.model_copy(update={"filters": filters})
    return replace(request, reading=replace(request.reading, understanding=understanding), memo={})


def _free(request: Request, weights: TermWeights) -> Composed:
    """The documents' words on the ask; for an ask about one KPI in given years (為什麼108年DP5.1沒有
    達成), its recorded target and actual first: an explanation of a figure reads with the figure;
    for an ask about a KPI or a table row that no passage answers in words, their figures."""
    f = request.filters
    if (f.kpi_code or f.kpi_name) and f.years and any(m.startswith("kpi_result.") for m in f.measures) \
            and not any(t.grounded and not t.aspect for t in request.reading.terms):
        # 有達到3.8%的目標嗎, of a KPI in a year no record of it reports and of nothing else: refused as a
        # lookup of it is (秘書處112年實際辦了什麼訓練 has words of its own, which a text may answer)
        kpi = _kpi_records(request)
        if kpi and not any(r.year_roc in f.years for r in kpi):
            return _kpi(request, kpi)
    quotes = _quotes(request, weights, "free")
    if quotes.refused and (f.kpi_code or f.kpi_name or f.rows or f.tables or f.facts):
        figures = _lookup(request, weights)  # no passage says it in words (執行率變化): the records do
        return quotes if figures.refused else figures
    if quotes.refused and changes_a_set(request):
        # 新增了哪些KPI, and no passage says which: the rows of that period, for the reader to compare
        rows = _records(request, "list", weights)
        if not rows.refused:
            rows.notes.insert(0, pick(request.lang, "語料中沒有直接說明這項增刪或修改的段落；以下是所問範圍內的全部紀錄，可逐項比對。",
                                      "No passage states this change directly; these are all the records in "
                                      "the scope asked about, for comparison."))
            return rows
    name = f.kpi_name or (None if f.kpi_code else kpi_named_in_part(request))
    narrowed = request.understanding.narrows and f.subject == "kpi" and not (f.kpi_code or name)
    if quotes.refused or not f.years or not (f.kpi_code or name or narrowed):
        return quotes
    if narrowed:  # 被評為「差」的那一項，原因是什麼: the one KPI of the rows listed before
        results = [r for r in named_among(select(request, "kpi_result"), request) if isinstance(r, KpiResult)]
        if len(results) != 1:
            return quotes
    else:
        # The KPI by identity: what the ask says of it (被標示達標) is what the figures answer, not a filter.
        identity = QuestionFilters(kpi_code=f.kpi_code, kpi_name=name, years=f.years, files=f.files)
        results = [r for r in select(request, "kpi_result", identity) if isinstance(r, KpiResult)]
        if name:
            results = [r for r in results if match_key(r.kpi_name) == match_key(name)] or results
    if not results:
        return quotes
    values, reported = kpi_values(request, results, [])
    if not reported:
        return quotes
    quotes.headline = "\n\n".join(p for p in (values.headline, *values.lines, quotes.headline) if p)
    quotes.draft_facts = [*values.draft_facts, *quotes.draft_facts]
    return quotes


def _about_anything(request: Request) -> bool:
    """Something ties the ask to the corpus: a name, a schema word (a breakdown's dimension: 各局處主辦),
    a year, a code, an item number or a content word (an emoji, a script the corpus does not use, or
    punctuation alone ties it to nothing)."""
    reading, f = request.reading, request.filters
    return bool(reading.links or reading.terms or f.years or f.kpi_code or f.goal_code or f.item_nos or f.measures
                or f.facts or f.subject or f.record_type or f.status or f.agency or f.group_by
                or reading.understanding.follow_up)


def _link_across_languages(request: Request) -> "refusal.Refusal | None":
    """Add the semantic links of an English ask to its reading; refuse when its phrases link nothing
    and nothing else in it names a corpus subject."""
    reading = request.reading
    links = cross_links(request)
    lexical = [link for link in reading.links if link.kind not in ("city", "placeholder", *VOCABULARY_KINDS)]
    lexical += [t for t in reading.terms if request.sources.vocabulary.terms.grounded(t.text)]  # AI, YouBike
    if not links:
        phrases = [p for p, _, _ in english_phrases(request)]
        if phrases and not lexical and not request.filters.kpi_code and not request.filters.goal_code \
                and not request.filters.measures and reading.intent in ("lookup", "free"):
            return refusal.unknown_subject(request, [])  # the words are the user's, not the corpus's: not echoed
        return None
    reading.links = [*reading.links, *links]
    f = reading.filters
    update: dict = {}
    best = {link.kind: link for link in sorted(links, key=lambda link: link.score)}
    if "kpi" in best and not (f.kpi_name or f.kpi_code) and reading.intent not in ("list", "count", "group"):
        update["kpi_name"] = best["kpi"].value  # a list or count enumerates KPIs: a guessed name would count one
    if "table_row" in best:  # each phrase linked to a row names it (budget … and execution rate), beside those named
        update["rows"] = list(dict.fromkeys([*f.rows, *(link.value for link in links if link.kind == "table_row")]))
    # a link by similarity is a guess: one leaving no record where the ask's own filters leave some is
    # not what the ask meant (`tagged` is no KPI name)
    if update and _selects_any(request, f):
        update = {k: v for k, v in update.items() if _selects_any(request, f.model_copy(update={k: v}))}
    if update:
        reading.understanding = reading.understanding.model_copy(update={"filters": f.model_copy(update=update)})
    return None


def _selects_any(request: Request, filters: QuestionFilters) -> bool:
    """Some record of a type that can answer the ask passes these filters."""
    return any(select(request, t, filters) for t in candidate_types(filters, request.sources))


# --- lists, counts and breakdowns --------------------------------------------------------------

def _covered(request: Request, types: list[str]) -> tuple[set[int], list[str] | None]:
    """The years the ask's scope covers: its documents', else the years of the record types that answer."""
    vocabulary = request.sources.vocabulary
    if request.filters.files:
        return {y for f in request.filters.files for y in vocabulary.covers(f)}, request.filters.files
    years = {y for t in types for y in vocabulary.type_years.get(t, ())}
    return years or set(vocabulary.covered_years), None


def _answering_types(request: Request) -> list[str]:
    """The record types a list or count is answered from: all KPI types the ask allows, else the first."""
    types = candidate_types(request.filters, request.sources)
    kpis = [t for t in types if t in KPI_TYPES]
    if request.filters.subject == "goal" and GOAL_TYPE in types:
        return [GOAL_TYPE]
    if kpis and (request.filters.subject == "kpi" or types[0] in KPI_TYPES):
        return kpis
    return types[:1]


def _period_note(request: Request, records: list[Record]) -> str | None:
    """Which period answered, where a series had several and the ask named none."""
    scope = period_scope(request.sources, request.filters)
    used = [v for v in scope.defaulted if any(r.file == v.file for r in records)]
    if not used:
        return None
    lang = request.lang
    parts = []
    for version in used:
        earlier = [v.period.label for vs in series_versions(request.sources.documents.values()).values()
                   for v in vs[:-1] if vs[-1].file == version.file]
        title = plain(version.title)
        parts.append(pick(lang, f"以下依最新一期《{title}》（{version.period.label}）；較早的{'、'.join(earlier)}可指名期別查詢",
                          f"answered from the latest period, 《{title}》 ({version.period.label}); name "
                          f"{', '.join(earlier)} to ask about an earlier one"))
    return pick(lang, "註：", "Note: ") + pick(lang, "；", "; ").join(parts) + pick(lang, "。", ".")


def _compare(request: Request) -> Composed:
    """The rows whose status changed between two periods of a progress-table series, both sides cited."""
    from assistant.index.compare import compare_progress

    f, lang = request.filters, request.lang
    series = [vs for vs in series_versions(request.sources.documents.values()).values()
              if any("progress_item" in request.sources.vocabulary.record_types.get(v.file, ()) for v in vs)]
    pairs = []
    for versions in series:
        chosen = [v for v in versions if v.period.label in f.periods] if f.periods else versions[-2:]
        if len(chosen) >= 2:
            pairs.append((chosen[-2], chosen[-1]))
    if not pairs:
        held = "；".join("、".join(v.period.label for v in vs) for vs in series)
        return refusal.render(request, refusal.not_reported(request, pick(
            lang, f"語料庫中沒有可比較的兩期資料：現有各期為{held}。",
            f"The corpus holds no two periods to compare: the periods it has are {held}.")))
    lines, items, facts = [], [], []
    for before, after in pairs:
        comparison = compare_progress(request.sources.index.records, before.file, after.file)
        lines.append(pick(lang, f"**{before.period.label} → {after.period.label}：辦理等級改變的項目共 {len(comparison.changed)} 項**",
                          f"**{before.period.label} → {after.period.label}: {len(comparison.changed)} items changed status**"))
        for change in comparison.changed:
            old = request.citations.cite_head(change.before.file, change.before.line)
            new = request.citations.cite_head(change.after.file, change.after.line)
            label = plain(f"#{change.after.item_no} {change.item_name or ''}".strip()) if change.after.item_no else \
                pick(lang, f"L{change.after.line}（項目名稱缺漏）", f"L{change.after.line} (item name lost)")
            text = pick(lang, f"{label}：{change.before.status_code}{change.before.status_label} [{old}] → "
                              f"{change.after.status_code}{change.after.status_label} [{new}]",
                        f"{label}: {change.before.status_code} ({change.before.status_label}) [{old}] → "
                        f"{change.after.status_code} ({change.after.status_label}) [{new}]")
            lines.append(f"- {text}")
            facts.append(text)
            items.append(Item(label=label, citations=[old, new], fields={
                "item_no": change.after.item_no, "item_name": change.item_name, "lead_agency": change.lead_agency,
                "matched_by": change.matched_by, "file": change.after.file, "line": change.after.line,
                "end_line": change.after.line, "before": {"file": change.before.file, "line": change.before.line,
                                                          "status_code": change.before.status_code,
                                                          "period": change.before.period},
                "status_code": change.after.status_code, "period": change.after.period}))
    total = sum(1 for line in lines if line.startswith("- "))
    headline = pick(lang, f"辦理等級改變的政策項目共 {total} 項：", f"{total} items changed status:")
    return Composed(kind="list", refused=False, subject=request.understanding.question, headline=headline,
                    lines=lines, items=items, draft_facts=facts)


def _records(request: Request, intent: str, weights: TermWeights) -> Composed:
    f = request.filters
    if f.compare:
        return _compare(request)
    types = _answering_types(request)
    valueless = _valueless_catalogue(request)
    if valueless is not None:
        return refusal.render(request, valueless)
    covered, files = _covered(request, types)
    found = refusal.years_not_covered(request, covered, files)
    if found:
        return refusal.render(request, found)
    records = [r for t in types for r in select(request, t)]
    if intent == "count" and records and all(isinstance(r, BudgetFigure) for r in records):
        # how many staff: a table's figure is the number asked, not one row to be counted
        understanding = request.understanding.model_copy(update={"intent": "lookup"})
        return _lookup(replace(request, reading=replace(request.reading, understanding=understanding), memo={}),
                       weights)
    if not records and f.about:  # no row is about it by name or target: the rows whose text mentions it
        records = [r for t in types for r in select(request, t, mentions=True)]
    record_type = types[0] if types else "progress_item"
    if not records:
        return _zero(request, record_type, intent)
    unreported = _unreported(request, records)
    if unreported is not None:
        return refusal.render(request, unreported)
    if intent == "group" and f.group_by:
        field = f.group_by.split(".", 1)[1]
        composed = render_groups(request, record_type, records, field)
        stated = _stated_count_of_groups(request, records)
        if stated:
            composed.notes.append(stated)
    elif len(types) > 1 and intent == "count":
        composed = render_groups(request, record_type, records, "year_roc")
    else:
        composed = render_records(request, record_type, records, count=intent != "list")
    for note in (refusal.missing_years_note(request, covered), _period_note(request, records)):
        if note:
            composed.notes.append(note)
    return composed


def _stated_count_of_groups(request: Request, records: list[Record]) -> str | None:
    """What the documents of these rows state of the number asked (幾個策略主題 → 「等 8 大策略主題」): a
    document may count its groups otherwise than its rows do (a catalogue's common KPIs are no theme)."""
    ask = request.reading.ask
    noun = ask.cues.counted if ask is not None and ask.cues.intent == "count" else None
    if not noun:
        return None
    files = {r.file for r in records}
    totals = stated_totals([p for p in request.sources.index.passages if p.file in files], [noun])
    if not totals:
        return None
    total = totals[0]
    number = request.citations.cite_or_head(total.passage.file, total.line, total.line, total.quote)
    return pick(request.lang, f"文件本身載明：「{plain(total.quote)}」[{number}]",
                f"The document states: 「{plain(total.quote)}」 [{number}]")


def _valueless_catalogue(request: Request) -> "refusal.Refusal | None":
    """A refusal when KPIs are picked by a value (已達標, 燈號, 達成度超過) in a scope that holds only a
    catalogue: it lists KPIs and their agencies, with no values to judge them by."""
    f, lang = request.filters, request.lang
    if f.subject != "kpi" or not (f.target_met is not None or f.rating or f.thresholds or f.superlative):
        return None
    scope = QuestionFilters(files=f.files, years=f.years)
    catalogue = select(request, "strategy_kpi", scope)
    if not catalogue or select(request, "kpi_result", scope):
        return None
    titles = "、".join(f"《{plain(request.sources.title(file))}》" for file in sorted({r.file for r in catalogue}))
    return refusal.not_reported(request, pick(
        lang, f"{titles}只列出KPI及其主責機關，沒有目標值、實際值或燈號，無法依此篩選。",
        f"{titles} list the KPIs and their responsible agencies, with no targets, actuals or ratings to select by."))


def _unreported(request: Request, records: list[Record]) -> "refusal.Refusal | None":
    """A refusal when the ask names KPI values (110年各項KPI的實際值) that none of its rows reports."""
    fields = {m: attribute for m, attribute, _, _ in KPI_MEASURES}
    asked = [m for m in asked_measures(request, "kpi_result") if m in fields]
    results = [r for r in records if isinstance(r, KpiResult)]
    if not asked or not results or any(getattr(r, fields[m], None) for r in results for m in asked):
        return None
    years = year_span(sorted({r.year_roc for r in results}), request.lang)
    zh = "、".join(label for m, _, label, _ in KPI_MEASURES if m in asked)
    en = ", ".join(label for m, _, _, label in KPI_MEASURES if m in asked)
    return refusal.not_reported(request, pick(
        request.lang, f"所問的{years}紀錄都沒有報告{zh}，無法回答。",
        f"None of the {years} records asked about reports the {en}."))


def _alternatives(request: Request) -> tuple[list[str], bool]:
    """Lines saying where the asked agency does appear, and whether it appears in any record at all."""
    f, lang, memory = request.filters, request.lang, request.sources.memory
    lines: list[str] = []
    anywhere = False
    for record_type, fields in (("progress_item", ("lead_agency", "co_agencies")), ("strategy_kpi", ("agencies",)),
                                ("kpi_result", ("agency",))):
        for field in fields:
            rows = [r for r in memory.of_type(record_type) if f.agency in record_agencies(r, field)]
            anywhere = anywhere or bool(rows)
            asked = record_type == "progress_item" and field == {"lead": "lead_agency", "co": "co_agencies"}.get(
                f.agency_role or "lead")
            if not rows or asked:
                continue
            role = {"lead_agency": pick(lang, "主辦", "leads"), "co_agencies": pick(lang, "協辦", "co-organises"),
                    "agencies": pick(lang, "主責", "is responsible for"), "agency": pick(lang, "主責", "is responsible for")}[field]
            files = "、".join(f"《{plain(request.sources.title(file))}》" for file in sorted({r.file for r in rows}))
            lines.append(pick(lang, f"{f.agency}在{files}中{role}{len(rows)}項，例如：",
                              f"In {files}, {f.agency} {role} {len(rows)}, for example:"))
            for row in rows[:5]:
                number = cite_record(request.citations, request.document(row.file), row)
                lines.append(f"- {plain(unit_line(request, units(row.record_type, [row])[0], ['co_agencies']))} [{number}]")
    return lines, anywhere


def _zero(request: Request, record_type: str, intent: str) -> Composed:
    f, lang = request.filters, request.lang
    subject = describe(request, record_type, [])
    if f.agency:
        only_agency = QuestionFilters(agency=f.agency, agency_role=f.agency_role, files=f.files)
        if not select(request, record_type, only_agency):
            lines, anywhere = _alternatives(request)
            return refusal.render(request, refusal.no_rows(request, subject, lines, anywhere))
    kind = "count" if intent != "list" else "list"
    if request.understanding.narrows:
        headline = pick(lang, f"沒有：前面列出的項目中，沒有一項符合（{subject}共 0 項）。",
                        f"None: none of the rows listed before qualify (0 {subject}).")
    else:
        total = sum(len(select(request, t, QuestionFilters(files=f.files))) for t in _answering_types(request))
        headline = pick(lang, f"沒有：{subject}共 0 項（此類紀錄共 {total} 筆，皆不符合）。",
                        f"None: there are 0 {subject} (none of the {total} records of this kind match).")
    return Composed(kind=kind, refused=False, subject=subject, headline=headline, draft_facts=[headline])


# --- lookups -----------------------------------------------------------------------------------

def _lookup(request: Request, weights: TermWeights) -> Composed:
    f = request.filters
    vocabulary = request.sources.vocabulary
    found = refusal.years_not_covered(request, {y for file in (f.files or vocabulary.documents)
                                                for y in vocabulary.covers(file)}, f.files or None)
    if found and not _plans_stated(request):
        return refusal.render(request, found)
    subjects = {link.kind for link in request.reading.links}
    # A document's own facts (its date, its presenter) answer an ask about a document: one it names,
    # or one that names nothing else. 「組織規程在哪一天函報」 asks the date of something a text says.
    about_text = any(t.grounded and not t.aspect for t in request.reading.terms) or bool(request.filters.topic)
    named = f.items or f.item_nos or f.kpi_name or f.rows or f.tables or f.goal_name  # stated or carried
    if f.facts and not subjects & _SUBJECT_LINKS and not f.kpi_code and not named and (f.files or not about_text):
        return _facts(request)
    if _asks_change(request) and request.understanding.counted:  # KPI從幾項變成幾項: the numbers stated
        composed = _stated(request, weights)
        if composed is not None:
            return composed
    kpi = _kpi_records(request)
    if kpi:
        return _kpi(request, kpi)
    if f.rows or f.tables:
        composed = _table(request)
        if composed is not None:
            return composed
    fields = [m for m in asked_measures(request, "progress_item") if m in ITEM_FIELDS]
    if fields:
        composed = _item_fields(request, fields)
        if composed is not None:
            return _with_results(request, weights, composed)
    if request.understanding.counted:
        composed = _stated(request, weights)
        if composed is not None:
            return composed
    composed = _crossing(request)
    if composed is not None:
        return composed
    return _quotes(request, weights, "lookup")


def _with_results(request: Request, weights: TermWeights, fields: Composed) -> Composed:
    """A row's fields, and when the ask also asks what the row achieved (實際達到多少？辦理等級是？), the
    sentences of its results that answer, quoted beneath: the results are prose, no field holds them."""
    if not asks_progress(request):
        return fields
    names = {item.label for item in fields.items}
    rows = [r for r in select(request, "progress_item") if r.label() in names]
    if not rows:
        return fields
    # the rows shown, by name: their results are quoted, no other row's
    filters = request.filters.model_copy(update={"items": [row_name(r) for r in rows], "item_nos": []})
    understanding = request.understanding.model_copy(update={"filters": filters})
    quoted = _quotes(replace(request, reading=replace(request.reading, understanding=understanding), memo={}),
                     weights, "lookup")
    if quoted.refused:
        return fields
    fields.lines += [quoted.headline, *quoted.lines] if quoted.headline else quoted.lines
    fields.items += [item for item in quoted.items if item not in fields.items]
    fields.draft_facts += quoted.draft_facts
    return fields


def _crossing(request: Request) -> Composed | None:
    """The figures of the tables in the ask's documents where a column it names crosses a row it names
    (表1 …精實良善治理占多少比例: the row 所占比例, the column 良善治理), each cited on its row and
    header. An ask about an agency reads only tables that speak for or mention it: another agency's
    budget table does not answer for it, and an ask naming an item reads only its own document's tables
    (調降幼托家長自付額…合計總受益人數 is no staffing table's 合計)."""
    f, reading = request.filters, request.reading
    ask = reading.understanding.normalized
    # what the ask is about, stated or carried from the ask before (a theme by its group letter)
    themes = request.sources.vocabulary.theme_names.get(f.group or "", ())
    names = [ask, *(link.entry.text for link in reading.links), *themes, *f.topic, *f.items,
             *(name for name in (f.kpi_name, f.goal_name) if name)]
    settings = request.sources.settings
    scope = period_scope(request.sources, f).files
    item_files = {file for link in reading.links if link.kind == "item" for file in link.entry.files}
    if item_files:
        scope = scope & item_files
    lines: list[str] = []
    for file in sorted(scope & set(f.files) if f.files else scope):
        printed = request.sources.documents[file].lines
        for cell in crossing_cells(printed, names, settings.min_fragment_chars, settings.min_fragment_share):
            if f.agency and not any(f.agency in p.agencies
                                    for p in request.sources.passages_between(file, cell.line, cell.line)):
                continue
            row = request.citations.cite(file, cell.line, cell.line, cell.quote)
            head = request.citations.cite(file, cell.header_line, cell.header_line, cell.column)
            title = plain(request.sources.title(file))
            lines.append(f"- 《{title}》{plain(cell.row)}（{plain(cell.column)} [{head}]）：{plain(cell.value)} [{row}]")
    if not lines:
        return None
    headline = pick(request.lang, "文件的表格載明如下：", "The documents' tables state:")
    return Composed(kind="lookup", refused=False, subject=request.understanding.question, headline=headline,
                    lines=lines, draft_facts=list(lines))


def _facts(request: Request) -> Composed:
    answer = gather_facts(request)
    if answer is None or (not answer.facts and not answer.manifest):
        lang = request.lang
        files = request.filters.files
        where = "、".join(f"《{plain(request.sources.title(file))}》" for file in files) or pick(lang, "語料中的文件", "the documents")
        return refusal.render(request, refusal.not_reported(request, pick(
            lang, f"{where}沒有載明所問的內容（如報告者、日期），無法回答。",
            f"{where} do not state what is asked (such as the presenter or the date), so this cannot be answered."),
            refusal.holdings(request, files or None)))
    return render_facts(request, answer)


def _kpi_records(request: Request) -> list[Record]:
    """The KPI records an ask is about, in every year: by code, name or goal; else by the best partial
    name; else, when it asks a KPI's value, those under the passage retrieval ranks first."""
    f = request.filters
    unyeared = f.model_copy(update={"years": []})
    if f.kpi_code and f.kpi_name and f.years:
        # Codes are renumbered from year to year, names stay: 「EC1.2街友脫遊率109年」 is 街友脫遊率,
        # whatever its code was in 109 (the answer prints that year's code); in each asked year the code
        # does not name it in (107年DC1.2是失業率…108年: DC1.1 there), the name does
        both = [r for t in KPI_TYPES for r in select(request, t, unyeared)]
        missing = set(f.years) - {r.year_roc for r in both}
        if missing:
            by_name = [r for t in KPI_TYPES for r in select(request, t, unyeared.model_copy(update={"kpi_code": None}))]
            if not set(f.years) - missing:
                return by_name if any(r.year_roc in f.years for r in by_name) else both
            return [*both, *(r for r in by_name if r.year_roc in missing)]
        return both
    if f.kpi_name and not f.kpi_code and f.years:
        named = [r for t in KPI_TYPES for r in select(request, t, unyeared)]
        if not any(r.year_roc in f.years for r in named):
            # a name printed with an aside in other years (社區社福機構(設施)佈點數 for 社區社福機構佈點數)
            # is the same KPI there
            variants = {r.kpi_name for t in KPI_TYPES for r in select(request, t, f.model_copy(update={"kpi_name": None}))
                        if same_but_asides(r.kpi_name, f.kpi_name)}
            if len(variants) == 1:
                variant = unyeared.model_copy(update={"kpi_name": next(iter(variants))})
                return [r for t in KPI_TYPES for r in select(request, t, variant)]
        return named
    if f.kpi_code or f.kpi_name or (f.goal_code and not f.subject):
        return [r for t in KPI_TYPES for r in select(request, t, unyeared)]
    asked = asked_measures(request, "kpi_result")
    # 社區整合照顧服務據點到109年底開了幾處: a figure asked in a unit of a KPI named in part is its value
    in_unit = request.reading.intent == "lookup" and asked_unit(request.reading.understanding.normalized) is not None
    if not asked and f.subject != "kpi" and not in_unit:
        return []
    named = kpi_named_in_part(request)
    if named:
        by_name = unyeared.model_copy(update={"kpi_name": named})
        found = [r for t in KPI_TYPES for r in select(request, t, by_name)]
        # a KPI named only in part is a guess: one reported in none of the asked years is not the one asked
        if found and (not f.years or any(r.year_roc in f.years for r in found)):
            return found
    if not asked:
        return []
    retrieved = retrieve(request)
    for passage in retrieved.passages[:3]:
        under = [r for r in request.sources.memory.of_type("kpi_result")
                 if r.file == passage.file and not (r.end_line < passage.line or r.line > passage.end_line)]
        if not under and "kpi_result" not in request.sources.vocabulary.record_types.get(passage.file, ()):
            break  # a text that reports no KPI ranks above the KPIs: the ask is about what it says
        if under:
            top = under[0]
            same = unyeared.model_copy(update={"kpi_code": top.kpi_code, "kpi_name": top.kpi_name,
                                               "files": [top.file]})
            found = [r for t in KPI_TYPES for r in select(request, t, same)]
            if not f.years or any(r.year_roc in f.years for r in found):  # a guess, like a partial name
                return found
    return []


def _kpi(request: Request, records: list[Record]) -> Composed:
    f, lang = request.filters, request.lang
    if f.kpi_name:  # 失業率 names its own KPI, not also 青年失業率
        exact = [r for r in records if match_key(r.kpi_name) == match_key(f.kpi_name)]
        records = exact or records
    years = sorted({r.year_roc for r in records})
    in_years = [r for r in records if not f.years or r.year_roc in f.years]
    # 110年這個指標改成什麼: the KPI that stands for it in the asked years. Not for a code the ask states
    # (110年EP2.2): a code names a place in that year's numbering, which holds no such KPI.
    by_code = bool(f.kpi_code) and match_key(f.kpi_code) in match_key(request.text)  # the ask's own words
    replaced = _replaced_in_years(request, records) if not in_years and not by_code else None
    if replaced is not None:
        records = in_years = replaced[0]
        years = sorted({r.year_roc for r in in_years})
    if not in_years:
        name = plain(records[0].kpi_name)
        found = refusal.years_not_covered(request, set(years), sorted({r.file for r in records}))
        if found:
            found.headline = pick(lang, f"語料庫沒有{year_span(f.years, lang)}的「{name}」：這項指標只見於"
                                        f"{year_span(years, lang)}，無法回答。",
                                  f"The corpus has no {year_span(f.years, lang)} value for 「{name}」: it appears only "
                                  f"for {year_span(years, lang)}.")
            return refusal.render(request, found)
    results = [r for r in in_years if isinstance(r, KpiResult)]
    catalogue = [r for r in in_years if isinstance(r, StrategyKpi)]
    # the values a catalogue lacks; its own fields (the KPI's name, its agency) it does report
    values_asked = [m for m in asked_measures(request, "kpi_result") if m in {m for m, *_ in KPI_MEASURES}]
    if not results:
        # 這個KPI是哪個局處負責: which agency is asked, read as a lead agency, is the catalogue's own field too
        asks_own = asked_measures(request, "strategy_kpi") or "lead_agency" in asked_measures(request, "progress_item")
        if not values_asked and asks_own:
            return _catalogue_fields(request, catalogue)
        titles = "、".join(f"《{plain(request.sources.title(file))}》" for file in sorted({r.file for r in catalogue}))
        return refusal.render(request, refusal.not_reported(request, pick(
            lang, f"{titles}只列出這項KPI及其主責機關，沒有任何目標值或實際值，因此無法回答數值：",
            f"{titles} list this KPI and its responsible agency but report no target or actual values, so the "
            f"value cannot be given:"), catalogue_only(request, catalogue)))
    composed, reported = kpi_values(request, results, catalogue)
    if asks_whether_met(request.understanding.normalized) and not any(r.actual_raw for r in results):
        # 有沒有達到目標, with targets only: whether it was met is what nobody can tell from them
        return refusal.render(request, refusal.not_reported(request, pick(
            lang, "語料庫沒有報告實際值，無法判斷是否達到目標；記載的內容如下：",
            "The corpus reports no actual value, so whether the target was met cannot be told; what it records:"),
            [f"- {fact}" for fact in composed.draft_facts] + composed.notes))
    if not reported:
        asked = "、".join(values_asked) if values_asked else ""
        return refusal.render(request, refusal.not_reported(request, pick(
            lang, "語料庫沒有報告所問的數值，無法回答；記載的內容如下：",
            f"The corpus does not report the {asked or 'values'} asked for; what it does record:"),
            [f"- {fact}" for fact in composed.draft_facts] + composed.notes))
    note = refusal.missing_years_note(request, set(years))
    if note:
        composed.notes.append(note)
    if replaced is not None:
        composed.notes.insert(0, replaced[1])
    return composed


def _replaced_in_years(request: Request, records: list[Record]) -> tuple[list[Record], str] | None:
    """The KPIs standing, in the asked years, for the one asked about (which those years do not report),
    and a note saying so; None when no year has one."""
    f, lang = request.filters, request.lang
    kpis = [r for t in KPI_TYPES for r in request.sources.memory.of_type(t)]
    minimum = request.sources.settings.min_counterpart_similarity
    known = [r for r in records if isinstance(r, (KpiResult, StrategyKpi))]
    found: dict[int, list[Record]] = {}
    stood_for: dict[int, Record] = {}  # per asked year, the record of the asked KPI its counterpart replaces
    for year in f.years:
        for record in sorted(known, key=lambda r: abs(r.year_roc - year)):
            now = counterparts(record, year, kpis, minimum)
            if now:
                found[year] = [r for r in now if not f.files or r.file in f.files] or now
                stood_for[year] = record
                break
    if not found:
        return None
    source = stood_for[min(found)]
    now = [r for year in sorted(found) for r in found[year]]
    named = join_words(sorted({f"{r.kpi_code} {plain(r.kpi_name)}" for r in now}), lang)
    goal = plain(source.goal_name or "")
    asked = year_span(sorted(found), lang)
    return now, pick(
        lang, f"註：{asked}沒有「{plain(source.kpi_name)}」這項指標；同一目標「{goal}」下，{asked}對應的指標是"
              f"{named}（{year_span([source.year_roc], lang)}的 {source.kpi_code} 不再列出）。",
        f"Note: {asked} has no KPI 「{plain(source.kpi_name)}」; under the same goal 「{goal}」 its counterpart "
        f"there is {named} ({source.kpi_code} of {year_span([source.year_roc], lang)} is no longer listed).")


def _catalogue_fields(request: Request, records: list[StrategyKpi]) -> Composed:
    """A catalogue KPI's own fields (its code, its agency), which the catalogue does report."""
    lines = catalogue_only(request, records)
    headline = lines[0].lstrip("- ") if len(lines) == 1 else pick(request.lang, "相關KPI如下：", "The KPIs:")
    return Composed(kind="lookup", refused=False, subject=request.understanding.question, headline=headline,
                    lines=[] if len(lines) == 1 else lines, draft_facts=[line.lstrip("- ") for line in lines])


def _consistent(request: Request, records: list[Record]) -> bool:
    """The ask's own content words occur in the records' documents: a table label (預算) asked about
    a row named elsewhere (青銀換居) is not about that table."""
    words = [t.text for t in request.reading.terms if t.grounded and not t.aspect and not t.text.isascii()]
    if not words:
        return True
    files = {r.file for r in records}
    texts = [match_key(p.search_text()) for p in request.sources.index.passages if p.file in files]
    return all(any(match_key(w) in text for text in texts) for w in words)


def _table(request: Request) -> Composed | None:
    f = request.filters
    rows = select(request, "budget_figure", f.model_copy(update={"years": []}))
    if f.agency and not rows:
        anyone = select(request, "budget_figure", f.model_copy(update={"years": [], "agency": None}))
        if anyone and _consistent(request, anyone):
            held = "、".join(sorted({r.agency for r in anyone if isinstance(r, BudgetFigure)}))
            return refusal.render(request, refusal.not_reported(request, pick(
                request.lang, f"語料庫沒有{f.agency}的這類數字：相關表格只有{held}的數字，無法回答。",
                f"The corpus has no such figures for {f.agency}: the tables hold {held}'s only."),
                refusal.holdings(request, sorted({r.file for r in anyone}))))
    if not rows or not _consistent(request, rows):
        return None
    years = {r.year_roc for r in rows}
    found = refusal.years_not_covered(request, years, sorted({r.file for r in rows}))
    if found:
        return refusal.render(request, found)
    figures = [r for r in rows if not f.years or r.year_roc in f.years]
    return table_values(request, [r for r in figures if isinstance(r, BudgetFigure)])


def _item_fields(request: Request, fields: list[str]) -> Composed | None:
    """The asked fields of the rows the ask names, or of the row its best passage sits in."""
    f = request.filters
    if f.items or f.item_nos:
        rows = [r for r in select(request, "progress_item") if isinstance(r, ProgressItem)]
    else:
        retrieved = retrieve(request)
        row = next((request.sources.row_at(p.file, p.line) for p in retrieved.passages[:1]), None)
        rows = [row] if isinstance(row, ProgressItem) else []
    return item_fields(request, rows, fields) if rows else None


def _stated(request: Request, weights: TermWeights) -> Composed | None:
    """A total the documents state for the counted noun: in words in the best passages (幾項施政重點,
    幾項MOU), else in a table's total row in the ask's documents (行動計畫剩下幾項)."""
    counted, f = request.understanding.counted or "", request.filters
    passages = retrieve(request).passages[: request.sources.settings.sentence_passages]
    themed = select(request, "strategy_kpi", QuestionFilters(group=f.group, files=f.files)) if f.group else []
    if themed:  # a total of one theme's 施政重點 is stated in that theme's section
        passages = theme_passages(request, themed)
    totals = stated_totals(passages, [counted])
    lines, facts = [], []
    for total in totals[:3]:
        number = request.citations.cite_or_head(total.passage.file, total.line, total.line, total.quote)
        lines.append(f"- 「{plain(total.quote)}」[{number}]")
        facts.append(f"「{plain(total.quote)}」[{number}]")
    if not totals:
        lines, facts = _table_totals(request, counted)
    if not lines:
        return None
    headline = pick(request.lang, "文件載明如下（原文摘錄）：", "The documents state (quoted as printed):")
    return Composed(kind="lookup", refused=False, subject=request.understanding.question, headline=headline,
                    lines=lines, draft_facts=facts)


def _asks_change(request: Request) -> bool:
    """The ask is how a number changed (從幾項變成幾項)."""
    return request.reading.ask is not None and request.reading.ask.cues.asks_change


def _table_totals(request: Request, counted: str) -> tuple[list[str], list[str]]:
    """Lines for the total rows of the tables whose header names the counted noun, in the ask's
    documents; the column the ask's words point to (修正後 → 修訂後) leads, the others follow, except
    for an ask how a number changed (從幾項變成幾項), which reads them in the table's order."""
    lines: list[str] = []
    reach = request.sources.settings.table_header_reach
    f = request.filters
    changed = _asks_change(request)
    scope = period_scope(request.sources, f).files
    for file in sorted(scope & set(f.files) if f.files else scope):
        for total in table_totals(request.sources.documents[file].lines, counted, reach):
            row = request.citations.cite_or_head(file, total.line, total.line, total.quote)
            header = request.citations.cite_or_head(file, total.header_line, total.header_line, total.label)
            cells = list(zip(total.columns, total.values))
            lead = None if changed else asked_column(total.columns, request.reading.question or request.text)
            if lead is not None:
                cells.insert(0, cells.pop(lead))
            shown = (" → " if changed else "、").join(f"{column} {value}" if column != total.label else value
                                                      for column, value in cells)
            lines.append(f"- 《{plain(request.sources.title(file))}》{plain(total.label)} [{header}]："
                         f"{plain(shown)}（「{plain(' '.join(table_cells(total.quote)))}」[{row}]）")
    return lines, list(lines)


def _section(request: Request) -> list:
    """Every sentence of the section whose heading names what a list asks for (列了哪些施政重點 → the
    section 「(二)…之施政重點」 of the theme the ask names): such a list is complete only if it is whole.

    Among several such sections, the one whose heading holds most of the ask's linked names wins;
    when the ask links names and no heading holds one, no section is its list."""
    from assistant.answering.extractive import is_label, split_sentences

    listed = match_key(request.understanding.counted or "")
    if not listed:
        return []
    names = _linked_names(request)
    sections: dict[tuple[str, str], list[int]] = {}
    for file in request.filters.files or sorted(request.sources.documents):
        for number, trail in enumerate(request.sources.heading_trails[file], start=1):
            if _names_list(trail.split(" > ")[-1], listed):
                sections.setdefault((file, trail), []).append(number)
    if not sections:
        return []
    scored = {key: sum(name in match_key(key[1]) for name in names) for key in sections}
    best = max(scored.values())
    if names and best == 0:
        return []
    file, _ = key = next(k for k, n in scored.items() if n == best)
    lines = set(sections[key])
    passages = [p for p in request.sources.index.passages if p.file == file and p.line in lines]
    sentences = [s for rank, p in enumerate(passages) for s in split_sentences(p, rank) if not is_label(s)]
    return sentences[: request.sources.settings.max_section_sentences]


def _linked_names(request: Request) -> list[str]:
    """The match keys of the subjects the ask links (a theme, a goal), not of what picks its documents
    (a title, a group of decks) nor of its schema words."""
    return [match_key(link.entry.text) for link in request.reading.links
            if link.kind not in ("document", "group", "city", "placeholder", *VOCABULARY_KINDS)]


def _names_list(label: str, listed: str) -> bool:
    """A heading or header cell names a list of what it ends in, as a label's head noun closes it
    (「(二)營造永續環境之施政重點」, 「主要任務」); one holding the word inside (城市規劃處) names no such list."""
    return match_key(label).endswith(listed)


def _column(request: Request) -> list:
    """The first cells of the rows of every table whose header row opens with a cell naming what a
    list asks for (「主要任務 | 1-2月 | 3-4月 …」 lists the tasks): a slide's table is such a list, whole.

    A header row is no record's line (「AC3建構低碳城市 | AC3.1 …」 is a row, not a header, though its
    first cell ends in 城市); when the ask links names, the table's section or header must hold one."""
    from assistant.answering.extractive import Sentence

    listed = match_key(request.understanding.counted or "")
    if not listed:
        return []
    names = _linked_names(request)
    found: list = []
    seen: set[str] = set()
    for file in request.filters.files or sorted(request.sources.documents):
        lines, trail = request.sources.documents[file].lines, request.sources.heading_trails[file]
        for number, line in enumerate(lines, start=1):
            if "\t" not in line or not _names_list(line.split("\t")[0], listed) \
                    or any(e.records for e in request.sources.entries_at(file, number, number)):
                continue
            if names and not any(name in match_key(f"{trail[number - 1]} {line}") for name in names):
                continue
            row = number + 1
            while row <= len(lines) and "\t" in lines[row - 1]:
                cell = lines[row - 1].split("\t")[0].strip()
                for passage in request.sources.passages_between(file, row, row)[:1]:
                    at = _line_offset(passage, row)
                    start = passage.text.find(cell, at) if cell and at >= 0 else -1
                    if start >= 0 and match_key(cell) not in seen:
                        seen.add(match_key(cell))
                        found.append(Sentence(passage, len(found), start, start + len(cell)))
                row += 1
    return found[: request.sources.settings.max_section_sentences]


def _line_offset(passage: IndexedPassage, line: int) -> int:
    """Where file line `line` starts in a whole-line passage's text; -1 outside it or in a part of a line."""
    if "#" in passage.id or not passage.line <= line <= passage.end_line:
        return -1
    offset = 0
    for _ in range(line - passage.line):
        offset = passage.text.index("\n", offset) + 1
    return offset


# --- quotes ------------------------------------------------------------------------------------

def _agency_years_not_covered(request: Request) -> "refusal.Refusal | None":
    """An ask about an agency in given years, where the documents that mention the agency cover none
    of them (秘書處108年的預算執行率: its report covers 109–112): another agency's year does not answer."""
    f = request.filters
    if not f.agency or not f.years or f.files:
        return None
    vocabulary = request.sources.vocabulary
    files = sorted(request.sources.agency_files.get(f.agency, ()))
    covered = {y for file in files for y in vocabulary.covers(file)}
    return refusal.years_not_covered(request, covered, files) if files else None


def _plans_stated(request: Request) -> bool:
    """The ask asks for plans (規劃, 預計, `plan to`) or a target for years after those its documents
    cover, and for each such year a document covering the year before names it in its text (113年度…預定
    提高至87%, in a 112 report): a report states its plans for the next year, though it reports no results
    for it."""
    f, vocabulary = request.filters, request.sources.vocabulary
    sets_ahead = any(m.endswith(".target") for m in f.measures)  # a target is set before its year: a plan
    if not (asks_plan(request) or sets_ahead) or not f.years:
        return False
    files = f.files or list(vocabulary.documents)
    for year in f.years:
        planners = [file for file in files if year - 1 in vocabulary.covers(file)]
        if not any(year in request.sources.years_named(file) for file in planners):
            return False
    return True


def _mentioned(request: Request, retrieved: Retrieved) -> bool:
    agency = request.filters.agency
    return not agency or any(agency in p.agencies for p in request.sources.index.passages
                             if not request.filters.files or p.file in request.filters.files)


def _quotes(request: Request, weights: TermWeights, kind: str) -> Composed:
    f, lang = request.filters, request.lang
    vocabulary = request.sources.vocabulary
    covered = {y for file in (f.files or vocabulary.documents) for y in vocabulary.covers(file)}
    found = refusal.years_not_covered(request, covered, f.files or None)
    if found and not _plans_stated(request):
        return refusal.render(request, found)
    agency_years = _agency_years_not_covered(request)
    if agency_years is not None and not _plans_stated(request):
        return refusal.render(request, agency_years)
    retrieved = retrieve(request)
    if not _mentioned(request, retrieved):
        return refusal.render(request, refusal.no_rows(request, agency_label(request.sources.lexicon, f.agency, lang),
                                                       [], anywhere=False))
    subject_links = [link for link in request.reading.links if link.kind not in ("city", "placeholder")]
    if lang == "en" and not retrieved.named and not subject_links \
            and retrieved.dense < request.sources.settings.min_dense_unlinked:
        words = [t.text for t in request.reading.terms] or [request.text]
        return refusal.render(request, refusal.unknown_subject(request, words[:3]))
    section = (_column(request) or _section(request)) if kind == "free" and request.understanding.counted else None
    if section:
        return render_quotes(request, section, "free")  # type: ignore[arg-type]
    chosen = choose(request, retrieved, weights, wants_number=kind == "lookup")
    if not chosen:  # nothing retrieved holds what the ask is about, though each word is somewhere
        words = [t.text for t in request.reading.terms if not t.aspect] or [request.text]
        return refusal.render(request, refusal.not_together(request, words[:3]))
    if kind == "lookup" and f.years and asked_unit(request.understanding.normalized) \
            and not any(_FIGURE.search(s.text) for s in chosen):
        # 111年簽了幾份: the sentences about that year state no figure (the figures are another year's)
        span = year_span(sorted(f.years), lang)
        return refusal.render(request, refusal.not_reported(request, pick(
            lang, f"文件沒有載明{span}的這項數字，無法回答。", f"The documents state no such figure for {span}, so it cannot be given."),
            refusal.holdings(request, f.files or None)))
    composed = render_quotes(request, chosen, kind)  # type: ignore[arg-type]
    note = refusal.missing_years_note(request, covered)
    if note:
        composed.notes.append(note)
    return composed
