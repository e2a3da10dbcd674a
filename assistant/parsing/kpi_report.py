"""Record parser for document 003 (E組 109年施政成果 / 110年主要任務): KPI results and 110 targets.

109 values come from the 9-column KPI tables that close each goal slide. One of them is exploded one
cell per line, so every table is read as a stream of (line, cell) pairs, and columns are found by
their header names rather than by position.

110 targets are never tabulated: the 110 goal slides state them in prose and Gantt cells
(`街友脫遊率110年目標達**25.2%**`), worded differently from the KPI names. So each 110 KPI is matched
to the `達<number>` statement of its goal slide that shares the most wording with its name.

KPI codes are renumbered between 109 and 110, so codes and names always come from that year's own
tables. The document names no responsible agency per KPI (only the group roster), so `agency` stays None.
"""

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from assistant.corpus.lexicon import AgencyLexicon
from assistant.corpus.manifest import Document
from assistant.errors import ParseError
from assistant.parsing.models import KpiResult, provenance
from assistant.parsing.result import ParseResult

GROUP = "E"
PERSPECTIVES = {"C": "顧客", "P": "內部流程", "L": "學習成長", "F": "財務"}

_MAP_HEADING = re.compile(r"本府(\d{3})年度策略地圖")
_MAP_ROW = re.compile(r"^\t(?:顧客|內部流程|學習成長|財務)\s*[CPLF]\t")
_MAP_GOAL = re.compile(rf"(?<![A-Z]){GROUP}([CPLF])(\d)(?![\d.])([^\s\t]+)")
_SLIDE_TITLE = re.compile(rf"^({GROUP}[CPLF]\d)(?![\d.])\s*([^\t\-]+?)\s*(?:-.*)?$")
_KPI_LIST_ROW = re.compile(r"^(?:顧客|內部流程|學習成長|財務)(?:構面)?\t")
_KPI_IN_LIST = re.compile(rf"({GROUP}[CPLF]\d\.\d+)(?![.\d])\s*")
_TABLE_HEADER = re.compile(r"^關鍵績效指標\(KPI\)(?:\t|$)")
_KPI_CELL = re.compile(rf"^({GROUP}[CPLF]\d\.\d+)(?![.\d])\s*(\S.*)$")
_TARGET_YEAR = re.compile(r"(\d{3})目標值")
_TARGET_STATEMENT = re.compile(r"達\s*((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*(%|處|輛|趟次|人)?")
_MARKUP = re.compile(r"\*\*|</?[a-zA-Z][^>]*>")
_PLAIN_NUMBER = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?$")
_UNIT_SUFFIX = re.compile(r"\s*\(%\)$")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
_COLUMN_WORDS = {"target": "目標值", "actual": "實際值", "achievement": "達成度", "score": "總得分", "rating": "燈號"}
_RATINGS = {"★": "優", "●": "良", "▲": "可", "×": "差", "╳": "差", "?": "不明"}

# A 110 target statement must share at least this many character pairs with its KPI's name: in 003
# the true statements share 4 or more, unrelated ones on the same slide at most 1 (e.g. 家庭 or 汰換).
_MIN_SHARED_BIGRAMS = 3

Cell = tuple[int, str]  # (1-based line, text as printed)
Title = tuple[int, str, str]  # (line, goal code, goal name) of a goal slide title


def clean(text: str) -> str:
    """A cell as a person reads it: markdown emphasis and HTML tags removed, spaces trimmed."""
    return _MARKUP.sub("", text).strip()


def parse_number(text: str) -> float | None:
    """A plain number or percentage (`4,143`, `100%`, `-1`); None for anything qualitative."""
    value = unicodedata.normalize("NFKC", clean(text)).replace("−", "-").replace(" ", "")
    if not _PLAIN_NUMBER.match(value):
        return None
    return float(value.rstrip("%").replace(",", ""))


def parse_rating(text: str) -> str | None:
    """自評燈號 as a word (優/良/可/差/不明) from its symbol (`●(良)`, `×差`), else from the word."""
    value = unicodedata.normalize("NFKC", clean(text))
    for symbol, word in _RATINGS.items():
        if symbol in value:
            return word
    return next((word for word in ("優", "良", "可", "差") if word in value), None)


@dataclass(frozen=True)
class _Listed:
    """A KPI as listed in a year's KSF/KPI/行動計畫 table."""

    line: int
    code: str
    name: str


@dataclass(frozen=True)
class _Statement:
    """A `…達<number><unit>` sentence or Gantt cell on a goal slide: a candidate target."""

    line: int
    text: str
    number: str
    unit: str


@dataclass(frozen=True)
class _Era:
    """The part of the document that follows one year's strategy map."""

    year: int
    start: int
    end: int
    goals: dict[str, str]
    kpis: list[_Listed]
    kpi_list_end: int | None


def parse(doc: Document, lexicon: AgencyLexicon) -> ParseResult:
    """109 results from the KPI tables, then the 110 KPIs with the targets their slides state."""
    result = ParseResult()
    eras = _eras(doc)
    if not eras:
        raise ParseError(f"{doc.file}: no '本府…年度策略地圖' heading, not a group KPI report")
    titles = _slide_titles(doc)
    for rows in _kpi_tables(doc, result.warnings):
        result.records.extend(_table_records(doc, eras, titles, rows, result.warnings))
    if not result.records:
        raise ParseError(f"{doc.file}: no rows under any '關鍵績效指標(KPI)' table header")
    result.warnings.extend(_missing_from_tables(result.records, eras))
    results_year = max(record.year_roc for record in result.records)
    for era in eras:
        if era.year > results_year:
            result.records.extend(_target_records(doc, era, titles))
    return result


def _eras(doc: Document) -> list[_Era]:
    """One era per strategy-map heading, with its goal names and its listed KPIs."""
    headings = ((n, _MAP_HEADING.search(text)) for n, text in enumerate(doc.lines, 1))
    starts = [(n, int(m.group(1))) for n, m in headings if m]
    eras = []
    for index, (start, year) in enumerate(starts):
        end = starts[index + 1][0] - 1 if index + 1 < len(starts) else len(doc.lines)
        goals: dict[str, str] = {}
        kpis: list[_Listed] = []
        list_end = None
        for number in range(start, end + 1):
            text = doc.line(number)
            if _MAP_ROW.match(text):
                for m in _MAP_GOAL.finditer(text):
                    goals.setdefault(f"{GROUP}{m.group(1)}{m.group(2)}", m.group(3))
            elif _KPI_LIST_ROW.match(text) and "<p>" in text:
                kpis.extend(_listed_kpis(number, text))
                list_end = number
        eras.append(_Era(year, start, end, goals, kpis, list_end))
    return eras


def _listed_kpis(number: int, row: str) -> list[_Listed]:
    """The KPIs of one KSF table row: the cell where two-level codes (`EC1.1…`) run together."""
    for cell in row.split("\t"):
        text = clean(cell)
        matches = list(_KPI_IN_LIST.finditer(text))
        if matches and matches[0].start() == 0:
            ends = [m.start() for m in matches[1:]] + [len(text)]
            return [
                _Listed(number, m.group(1), _UNIT_SUFFIX.sub("", text[m.end() : end].strip()))
                for m, end in zip(matches, ends)
            ]
    return []


def _era_at(eras: list[_Era], line: int) -> _Era:
    """The era a line belongs to: goal names differ between the 109 and the 110 map."""
    return next((era for era in reversed(eras) if era.start <= line), eras[0])


def _slide_titles(doc: Document) -> list[Title]:
    """Every goal slide title such as `EC1強化弱勢關懷-…`: the name is the part before the dash."""
    matches = ((n, _SLIDE_TITLE.match(text)) for n, text in enumerate(doc.lines, 1))
    return [(n, m.group(1), m.group(2)) for n, m in matches if m]


def _goal_name(era: _Era, titles: list[Title], goal_code: str, line: int) -> str | None:
    """The name on the goal's latest slide title before `line` in this era, else the era's map name."""
    on_slide = [name for n, code, name in titles if era.start <= n < line and code == goal_code]
    return on_slide[-1] if on_slide else era.goals.get(goal_code)


def _kpi_tables(doc: Document, warnings: list[str]) -> Iterator[list[list[Cell]]]:
    """Each KPI table as rows of (line, cell), its header row first."""
    for number, text in enumerate(doc.lines, 1):
        if _TABLE_HEADER.match(text):
            yield _tab_rows(doc, number) if "\t" in text else _exploded_rows(doc, number, warnings)


def _tab_rows(doc: Document, header: int) -> list[list[Cell]]:
    """A tab-separated table: the header and the lines after it up to the first blank line."""
    rows = []
    for number in range(header, len(doc.lines) + 1):
        text = doc.line(number)
        if not text.strip():
            break
        rows.append([(number, cell) for cell in text.split("\t")])
    return rows


def _exploded_rows(doc: Document, header: int, warnings: list[str]) -> list[list[Cell]]:
    """A table printed one cell per line: header cells up to the first KPI code, then rows of that width."""
    cells = _nonblank_cells(doc, header)
    width = next((i for i, (_, text) in enumerate(cells) if _KPI_CELL.match(clean(text))), None)
    if width is None:
        warnings.append(f"L{header}: KPI table header with no KPI row after it, skipped")
        return []
    rows = [cells[:width]]
    position = width
    while position < len(cells) and _KPI_CELL.match(clean(cells[position][1])):
        row = cells[position : position + width]
        if len(row) < width:
            warnings.append(f"L{row[0][0]}: KPI row cut short ({len(row)} of {width} cells), skipped")
            break
        rows.append(row)
        position += width
    return rows


def _nonblank_cells(doc: Document, start: int) -> list[Cell]:
    """Non-blank lines from `start` to the next slide title; whitespace-only lines are gaps, not cells."""
    cells = []
    for number in range(start, len(doc.lines) + 1):
        text = doc.line(number)
        if number > start and _SLIDE_TITLE.match(text):
            break
        if text.strip():
            cells.append((number, text))
    return cells


def _columns(header: list[Cell]) -> dict[str, int] | None:
    """Column positions by header name, or None if a needed column is missing."""
    texts = [clean(text) for _, text in header]
    columns = {}
    for key, word in _COLUMN_WORDS.items():
        index = next((i for i, text in enumerate(texts) if word in text), None)
        if index is None:
            return None
        columns[key] = index
    return columns


def _table_records(
    doc: Document, eras: list[_Era], titles: list[Title], rows: list[list[Cell]], warnings: list[str]
) -> list[KpiResult]:
    """One record per KPI row of a table; the year comes from its `109目標值` header."""
    header, body = rows[0], rows[1:]
    columns = _columns(header)
    year = next((int(m.group(1)) for _, text in header if (m := _TARGET_YEAR.search(text))), None)
    if columns is None or year is None:
        warnings.append(f"L{header[0][0]}: KPI table header lacks 目標值/實際值/達成度/總得分/燈號, skipped")
        return []
    era = _era_at(eras, header[0][0])
    records = []
    for row in body:
        record = _row_record(doc, era, titles, year, columns, row)
        if record is None:
            warnings.append(f"L{row[0][0]}: KPI table row without a KPI code, skipped: {clean(row[0][1])[:30]}")
        else:
            records.append(record)
    return records


def _row_record(
    doc: Document,
    era: _Era,
    titles: list[Title],
    year: int,
    columns: dict[str, int],
    row: list[Cell],
) -> KpiResult | None:
    """A KPI row as a record; a text note in the score columns (免予評核) means no scores and rating 不明."""
    kpi = _KPI_CELL.match(clean(row[0][1]))
    if kpi is None:
        return None
    texts = [clean(text) for _, text in row] + [""] * max(0, max(columns.values()) + 1 - len(row))
    score_cells = texts[columns["achievement"] + 1 : columns["rating"]]
    note = next((text for text in score_cells if text and parse_number(text) is None), None)
    rating_raw = texts[columns["rating"]] or note or None
    code = kpi.group(1)
    goal_code = code.split(".")[0]
    actual_line = row[min(columns["actual"], len(row) - 1)][0]
    return KpiResult(
        **provenance(doc),
        line=row[0][0],
        end_line=row[-1][0],
        group=GROUP,
        year_roc=year,
        kpi_code=code,
        kpi_name=kpi.group(2).strip(),
        goal_code=goal_code,
        goal_name=_goal_name(era, titles, goal_code, row[0][0]),
        perspective=PERSPECTIVES[code[1]],
        target=parse_number(texts[columns["target"]]),
        target_raw=texts[columns["target"]] or None,
        actual=parse_number(texts[columns["actual"]]),
        actual_raw=texts[columns["actual"]] or None,
        achievement=parse_number(texts[columns["achievement"]]),
        achievement_raw=texts[columns["achievement"]] or None,
        rating=parse_rating(texts[columns["rating"]]) or ("不明" if note else None),
        rating_raw=rating_raw,
        score=None if note else parse_number(texts[columns["score"]]),
        value_line=actual_line,
    )


def _missing_from_tables(records: list[KpiResult], eras: list[_Era]) -> list[str]:
    """Warnings for KPIs a year's KSF table lists but no KPI table reports, or the other way round."""
    warnings = []
    for era in eras:
        reported = {r.kpi_code for r in records if r.year_roc == era.year}
        if not reported or not era.kpis:
            continue
        listed = {kpi.code for kpi in era.kpis}
        for code in sorted(listed - reported):
            warnings.append(f"{era.year}年 {code}: listed in the KSF table but in no KPI table")
        for code in sorted(reported - listed):
            warnings.append(f"{era.year}年 {code}: in a KPI table but not listed in the KSF table")
    return warnings


def _target_records(doc: Document, era: _Era, titles: list[Title]) -> list[KpiResult]:
    """One record per KPI the era's KSF table lists, with the target its goal slide states (or None)."""
    statements = _target_statements(doc, era, titles)
    records = []
    for kpi in era.kpis:
        goal_code = kpi.code.split(".")[0]
        target = _best_statement(kpi.name, statements.get(goal_code, []))
        records.append(
            KpiResult(
                **provenance(doc),
                line=kpi.line,
                end_line=kpi.line,
                group=GROUP,
                year_roc=era.year,
                kpi_code=kpi.code,
                kpi_name=kpi.name,
                goal_code=goal_code,
                goal_name=_goal_name(era, titles, goal_code, target.line if target else kpi.line),
                perspective=PERSPECTIVES[kpi.code[1]],
                target=parse_number(target.number) if target else None,
                target_raw=target.number + target.unit if target else None,
                value_line=target.line if target else None,
            )
        )
    return records


def _target_statements(doc: Document, era: _Era, titles: list[Title]) -> dict[str, list[_Statement]]:
    """`達<number>` statements after the era's KSF table, grouped by the goal slide they sit on."""
    statements: dict[str, list[_Statement]] = {}
    goal = None
    title_lines = {n: code for n, code, _ in titles}
    for number in range((era.kpi_list_end or era.start) + 1, era.end + 1):
        goal = title_lines.get(number, goal)
        text = clean(doc.line(number)).replace("\t", " ")
        match = _TARGET_STATEMENT.search(text)
        if goal is not None and match:
            statement = _Statement(number, text, match.group(1), match.group(2) or "")
            statements.setdefault(goal, []).append(statement)
    return statements


def _best_statement(name: str, statements: list[_Statement]) -> _Statement | None:
    """The statement sharing the most character pairs with the KPI name (earliest on a tie), if enough."""
    wanted = _bigrams(name)
    scored = [(len(wanted & _bigrams(s.text)), -s.line, s) for s in statements]
    best = max(scored, default=None, key=lambda item: item[:2])
    return best[2] if best and best[0] >= _MIN_SHARED_BIGRAMS else None


def _bigrams(text: str) -> set[str]:
    """Adjacent CJK character pairs within runs, with 佈/布 folded (`佈點數` vs `布點數`)."""
    runs = _CJK_RUN.findall(text.replace("佈", "布"))
    return {run[i : i + 2] for run in runs for i in range(len(run) - 1)}
