from assistant.linking.gazetteer import Entry, entry_keys


def kinds_of(vocabulary, text):
    return {e.kind for e in vocabulary.gazetteer.entries if e.text == text}


def test_names_come_from_records_documents_lexicon_and_schema(vocabulary):
    assert "item" in kinds_of(vocabulary, "設置社區防災倉庫")
    assert "category" in kinds_of(vocabulary, "一、社區防災")
    assert "outline" in kinds_of(vocabulary, "長者照顧")
    assert "domain" in kinds_of(vocabulary, "照顧城市")
    assert "document" in kinds_of(vocabulary, "測試局110年度施政報告")
    assert "agency" in kinds_of(vocabulary, "工務局")
    assert "noun" in kinds_of(vocabulary, "政策項目")
    assert "field" in kinds_of(vocabulary, "辦理等級")


def test_an_entry_stands_for_every_record_that_prints_it(vocabulary):
    statuses = [e for e in vocabulary.gazetteer.entries if e.kind == "status" and e.value == "B"]
    assert len(statuses) == 1 and len(statuses[0].records) == 4


def test_keys_drop_numbering_and_asides():
    keys = entry_keys(Entry("category", "十八、推動共享（試辦）計畫", "x"))
    assert {"十八推動共享試辦計畫", "推動共享試辦計畫", "推動共享計畫"} <= set(keys)


def test_facts_documents_state_about_themselves(vocabulary):
    facts = {(f.file, f.field): f.value for f in vocabulary.gazetteer.facts}
    assert facts[("toy_report.txt", "presenter")] == "測試局 王小明局長"
    assert facts[("toy_report.txt", "date")] == "110/7/20"
    assert facts[("toy_table.txt", "as_of")] == "110年6月底"


def test_a_table_is_named_by_its_own_name_unless_a_row_carries_that_name():
    from assistant.corpus.period import Period
    from assistant.index.record_memory import RecordMemory
    from assistant.linking.gazetteer import _record_entries
    from assistant.parsing.models import BudgetFigure

    def figure(table: str, item: str, line: int) -> BudgetFigure:
        return BudgetFigure(file="r.txt", line=line, end_line=line, period=Period(year_roc=110), series=None,
                            table=table, item=item, year_roc=110, value=1.0, value_raw="1", unit=None, agency="測試局")

    memory = RecordMemory([figure("預算", "預算", 1), figure("預算", "執行率", 2), figure("人力", "職員", 3),
                           figure("人力", "工友", 4)])
    entries = {(e.kind, e.text): e for e in _record_entries(memory)}
    assert len(entries[("table", "人力")].records) == 2  # the table's rows, named by the table
    assert ("table", "預算") not in entries  # a row is printed 預算: the name is that row's
    assert ("table_row", "預算") in entries and ("table_row", "職員") in entries


def test_an_english_group_may_name_its_letter_first():
    from assistant.linking.gazetteer import _document_entries
    from assistant.corpus.manifest import Document, DocumentInfo

    info = DocumentInfo(title="t", issuer="i", year_roc=110, year_ad=2021, group="F")
    forms = {e.text for e in _document_entries({"f.txt": Document("f.txt", info, ("x",), "0")}, []) if e.kind == "group"}
    assert forms == {"F組", "group F", "F group"}


def test_a_document_is_named_in_english_by_its_kind_but_a_plain_text_is_not(vocabulary):
    documents = {e.text: e.value for e in vocabulary.gazetteer.entries if e.kind == "document"}
    assert documents["progress table"] == "toy_table.txt"
    assert "text" not in documents


def test_the_rows_a_budget_table_always_prints_have_english_names():
    from assistant.corpus.period import Period
    from assistant.index.record_memory import RecordMemory
    from assistant.linking.gazetteer import _record_entries, _value_names
    from assistant.linking.schema import load_schema
    from assistant.parsing.models import BudgetFigure

    memory = RecordMemory([BudgetFigure(file="r.txt", line=2, end_line=2, period=Period(year_roc=110), series=None,
                                        table="預算", item="決算", year_roc=110, value=9.0, value_raw="9",
                                        unit="百萬元", agency="測試局")])
    names = {(e.text, e.value) for e in _value_names(list(_record_entries(memory)), load_schema())}
    assert ("final accounts", "決算") in names
    assert not any(value == "預算" for _, value in names)  # no row printed 預算: no name for one


def test_the_rows_a_staffing_table_always_prints_have_english_names():
    from assistant.corpus.period import Period
    from assistant.index.record_memory import RecordMemory
    from assistant.linking.gazetteer import _record_entries, _value_names
    from assistant.linking.schema import load_schema
    from assistant.parsing.models import BudgetFigure

    memory = RecordMemory([BudgetFigure(file="r.txt", line=n, end_line=n, period=Period(year_roc=110), series=None,
                                        table="人力", item=item, year_roc=110, value=9.0, value_raw="9", unit=None,
                                        agency="測試局") for n, item in enumerate(("人事費", "合計", "約聘僱人員"), 2)])
    names = {(e.text, e.value) for e in _value_names(list(_record_entries(memory)), load_schema())}
    assert {("personnel costs", "人事費"), ("headcount", "合計"), ("contract employees", "約聘僱人員")} <= names


def test_theme_names_are_kept_by_their_group_letter():
    from types import SimpleNamespace

    from assistant.linking.gazetteer import Entry, Gazetteer
    from assistant.linking.vocabulary import CorpusVocabulary

    entries = [Entry("theme", "擴大市民參與", "X"), Entry("kpi", "參與人數", "參與人數"), Entry("theme", "市民參與", "X"),
               Entry("theme", "城市韌性", "Y")]
    names = CorpusVocabulary.theme_names.func(SimpleNamespace(gazetteer=Gazetteer(entries)))
    assert names == {"X": ("擴大市民參與", "市民參與"), "Y": ("城市韌性",)}


def test_the_groups_an_agency_issues_come_from_the_manifests_issuers():
    from types import SimpleNamespace

    from assistant.corpus.manifest import DocumentInfo
    from assistant.linking.vocabulary import CorpusVocabulary

    def info(issuer: str, group: str | None) -> DocumentInfo:
        return DocumentInfo(title="t", issuer=issuer, year_roc=110, year_ad=2021, group=group)

    documents = {"a.txt": info("某市政府 甲組（工務局主政）", "甲"), "b.txt": info("某市政府 乙組（工務局、社會局）", "乙"),
                 "c.txt": info("某市政府工務局", None)}
    vocabulary = SimpleNamespace(documents=documents)
    assert CorpusVocabulary.groups_issued_by(vocabulary, "工務局") == sorted(["甲", "乙"])  # not the agency's own report
    assert CorpusVocabulary.groups_issued_by(vocabulary, "社會局") == ["乙"]
    assert CorpusVocabulary.groups_issued_by(vocabulary, "消防局") == []
