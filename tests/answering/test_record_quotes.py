from assistant.answering.record_quotes import item_cell, kpi_cell, name_to_value, status_cell, value_line, value_quote


def _doc(sources, prefix):
    return next(d for name, d in sources.documents.items() if name.startswith(prefix))


def _record(sources, record_type, **where):
    return next(r for r in sources.index.records.query(record_type)
                if all(getattr(r, k) == v for k, v in where.items()))


def test_a_progress_row_is_quoted_by_its_item_cell(sources):
    doc = _doc(sources, "000")
    row = _record(sources, "progress_item", item_no=31)
    assert item_cell(doc, row) == "31、提升孕婦愛心專車服務"
    assert item_cell(doc, row) in doc.line(row.line)


def test_an_unnamed_row_is_quoted_by_its_first_text(sources):
    doc = _doc(sources, "000")
    row = _record(sources, "progress_item", line=111)
    quote = item_cell(doc, row)
    assert quote and quote in doc.line(111) and len(quote) <= 60


def test_a_kpi_is_quoted_by_the_cell_holding_its_code(sources):
    doc = _doc(sources, "001")
    kpi = _record(sources, "strategy_kpi", kpi_code="AC1.1")
    cell = kpi_cell(doc, kpi)
    assert cell.startswith("AC1.1") and cell in doc.text_between(kpi.line, kpi.end_line)


def test_values_are_found_on_the_line_that_prints_them(sources):
    doc = _doc(sources, "002")
    card = _record(sources, "kpi_result", kpi_code="DC2.1", year_roc=108)
    target_line = value_line(doc, card.line, card.end_line, "540", after="目標值")
    assert doc.line(target_line).strip() == "540"
    assert value_quote(doc, card.value_line, "547").startswith("547")
    assert value_quote(doc, card.value_line, "不在這行") is None


def test_a_value_is_quoted_from_its_kpis_name(sources):
    doc = _doc(sources, "002")
    card = _record(sources, "kpi_result", kpi_code="DP5.1", year_roc=108)
    start, quote = name_to_value(doc, card, card.value_line, card.actual_raw)
    assert quote.startswith("DP5.1") and card.kpi_name in quote and quote.endswith(card.actual_raw)
    assert quote in doc.text_between(start, card.value_line)
    row = _record(sources, "kpi_result", kpi_code="DP5.1", year_roc=109)  # a table row: name and value on one line
    start, quote = name_to_value(doc, row, row.line, row.target_raw)
    assert start == row.line and quote.startswith("DP5.1") and quote.endswith(row.target_raw)
    assert name_to_value(doc, card, card.line + 400, card.actual_raw) is None, "too far from the name"


def test_a_status_is_quoted_by_its_own_cell(sources):
    doc = _doc(sources, "000")
    row = _record(sources, "progress_item", item_no=31)
    cell = status_cell(doc, row)
    assert cell == f"{row.status_code}{row.status_label}" and cell in doc.line(row.line).split("\t")[-1]


def _deck(lines: list[str]):
    from assistant.corpus.manifest import Document, DocumentInfo

    info = DocumentInfo(title="測試簡報", issuer="測試局", year_roc=110, year_ad=2021, covers_roc=(110, 111),
                        kind="kpi_slides", group="T")
    return Document("deck.txt", info, tuple(lines), "0" * 64)


def _kpi(code: str, name: str, line: int, year: int = 110):
    from assistant.corpus.period import Period
    from assistant.parsing.models import KpiResult

    return KpiResult(file="deck.txt", line=line, end_line=line, period=Period(year_roc=110), series=None, group="T",
                     year_roc=year, kpi_code=code, kpi_name=name)


# A summary slide lists three KPIs (a note wraps under one); each has its own table row further on.
DECK = ["關鍵績效指標（服務面）共3項", "", "TS1.1 市民滿意度 (達標)", "TS1.2 案件結案率 (未達標，", "",
        "主要係人力不足)", "", "", "TS2.1 志工人數 (達標)", "", "TS1.1市民滿意度\t90\t92", "TS1.2案件結案率\t95\t93",
        "TS2.1志工人數\t300\t320", "TS1.1市民滿意度\t91"]


def test_a_printed_list_of_the_listed_kpis_is_found_line_by_line():
    from assistant.answering.record_quotes import listed_together

    records = [_kpi("TS1.1", "市民滿意度", 11), _kpi("TS1.2", "案件結案率", 12), _kpi("TS2.1", "志工人數", 13)]
    assert listed_together(_deck(DECK), records, []) == {0: 3, 1: 4, 2: 9}


def test_a_list_in_another_years_part_of_the_deck_is_not_theirs():
    from assistant.answering.record_quotes import listed_together

    # the next year's rows, after another year's row: the summary slide before that row is not about them
    later = [_kpi("TS1.1", "市民滿意度", 15, 111), _kpi("TS1.2", "案件結案率", 16, 111), _kpi("TS2.1", "志工人數", 17, 111)]
    lines = [*DECK[:-1], "", "TS1.1市民滿意度\t91", "TS1.2案件結案率\t96", "TS2.1志工人數\t330"]
    earlier = [_kpi("TS1.1", "市民滿意度", 11), _kpi("TS1.2", "案件結案率", 12), _kpi("TS2.1", "志工人數", 13)]
    assert listed_together(_deck(lines), later, earlier) == {}
    assert listed_together(_deck(DECK), later[:2], []) == {}, "two rows are no list of their own"
