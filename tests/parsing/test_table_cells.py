"""Labelled cells: a row named by the header above it, header rows of words or of consecutive years."""

from assistant.parsing.table_cells import header_line, is_header, labelled_cells

TABLE = ["標題", "", "項目\t主辦\t狀態", "1、甲\t甲局\tB執行中", "", "2、乙\t乙局\tA已完成", "說明文字",
         "年度\t109\t110\t111", "預算\t267\t275\t268", "決算\t244\t254\t258", "一\t二"]


def test_a_row_is_named_by_the_nearest_header_with_its_width():
    assert [(c.label, c.text) for c in labelled_cells(TABLE, 6)] == [("項目", "2、乙"), ("主辦", "乙局"), ("狀態", "A已完成")]
    assert [(c.label, c.text) for c in labelled_cells(TABLE, 10)][:2] == [("年度", "決算"), ("109", "244")]


def test_headers_are_words_or_a_label_with_consecutive_numbers():
    assert is_header(["年度", "109", "110", "111"]) and not is_header(["決算", "244", "254", "258"])
    assert not is_header(["1、甲", "", "B執行中"]) and not is_header(["只有一格"])


def test_lines_that_are_no_rows_of_a_table_get_none():
    assert labelled_cells(TABLE, 1) is None and labelled_cells(TABLE, 3) is None  # text; the header itself
    assert labelled_cells(TABLE, 11) is None  # no header of its width above


def test_the_header_line_of_a_row_is_the_one_that_labels_it():
    assert (header_line(TABLE, 6), header_line(TABLE, 10)) == (3, 8)
    assert header_line(TABLE, 1) is None and header_line(TABLE, 11) is None
