from assistant.corpus.period import Period
from assistant.index.record_memory import RecordMemory
from assistant.parsing.models import ProgressItem


def item(line: int, lead: str, co: list[str]) -> ProgressItem:
    return ProgressItem(file="t", line=line, end_line=line, period=Period(year_roc=110), series=None, year_roc=110,
                        item_no=line, item_name=f"項目{line}",
                        category=None, domain=None, outline=None, lead_agency=lead, co_agencies=co, target="",
                        work_items="", results="", status_code="A", status_label="已完成")


def test_postings_by_type_and_agency_role():
    memory = RecordMemory([item(1, "甲局", ["乙局"]), item(2, "乙局", [])])
    assert memory.ids_of_type("progress_item") == [0, 1]
    assert memory.with_agency("乙局", ["lead_agency"]) == {1}
    assert memory.with_agency("乙局", ["lead_agency", "co_agencies"]) == {0, 1}
    assert memory.id_of(memory.get(1)) == 1


def test_loaded_once_from_the_records_database(toy_index):
    memory = RecordMemory.load(toy_index.records)
    assert len(memory.of_type("progress_item")) == toy_index.records.count("progress_item")
