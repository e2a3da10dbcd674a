from assistant.answering.gather.blocks import block_positions
from assistant.corpus.period import Period
from assistant.parsing.models import ProgressItem


def _row(line, domain=None, outline=None, file="t"):
    return ProgressItem(file=file, line=line, end_line=line, period=Period(year_roc=110), series=None, year_roc=110,
                        item_no=line, item_name=f"項目{line}", category=None, domain=domain, outline=outline,
                        lead_agency="社會局", target="", work_items="", results="", status_code="B",
                        status_label="B執行中")


def _holds(label):
    return lambda value: value == label


def test_a_heading_label_takes_the_blank_rows_after_it_up_to_the_next_label():
    rows = [_row(1, "甲", "一"), _row(2), _row(3, outline="二"), _row(4), _row(5)]
    assert block_positions(rows, "outline", _holds("一")) == {("t", 2)}
    assert block_positions(rows, "outline", _holds("二")) == {("t", 4), ("t", 5)}


def test_a_new_outer_label_ends_an_inner_block():
    rows = [_row(1, outline="一"), _row(2), _row(3, domain="乙"), _row(4)]
    assert block_positions(rows, "outline", _holds("一")) == {("t", 2)}


def test_a_label_that_may_sit_mid_block_takes_the_blank_rows_on_both_sides():
    rows = [_row(1, "甲"), _row(2), _row(3), _row(4, "乙"), _row(5), _row(6, "丙")]
    assert block_positions(rows, "domain", _holds("乙")) == {("t", 2), ("t", 3), ("t", 5)}


def test_a_block_ends_with_its_document():
    rows = [_row(1, "甲", "一"), _row(2), _row(3, file="u")]
    assert block_positions(rows, "outline", _holds("一")) == {("t", 2)}
