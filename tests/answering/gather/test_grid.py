from assistant.answering.gather.grid import crossing_cells

TABLE = [
    "表 2：各區公園數及比例",
    "",
    "項目\t北區\t南區\t合計",
    "年度\t110\t111\t112",
    "項目\t北區\t南區\t合計",
    "公園數\t12\t8\t20",
    "所占比例\t60%\t40%\t100%",
    "綠地面積(單位：公頃)\t30\t25\t55",
    "",
    "說明\t北區公園較多\t南區新闢中\t-",
]


def cells(*names: str) -> list[tuple[str, str, str]]:
    return [(c.row, c.column, c.value) for c in crossing_cells(TABLE, list(names), 2, 0.5)]


def test_the_figure_where_a_named_column_crosses_a_row_named_in_part():
    [cell] = crossing_cells(TABLE, ["南區占多少比例"], 2, 0.5)
    assert (cell.line, cell.row, cell.column, cell.value) == (7, "所占比例", "南區", "40%")
    assert cells("南區公園數及占多少比例") == [("公園數", "南區", "8"), ("所占比例", "南區", "40%")]


def test_a_longer_name_holding_the_column_label_names_the_column():
    assert cells("問題", "臺北北區行政中心的公園數") == [("公園數", "北區", "12")]


def test_a_rows_unit_is_no_part_of_its_name():
    assert cells("北區綠地面積") == [("綠地面積(單位：公頃)", "北區", "30")]


def test_no_cell_without_both_a_row_and_a_column_named():
    assert cells("南區有多少") == []
    assert cells("東區公園數") == []  # no such column
    assert cells("南區的綠化比") == []  # 綠 covers too little of 綠地面積, 比 too little of 所占比例
    assert cells("南區的面積") == [("綠地面積(單位：公頃)", "南區", "25")]  # half of the label: named in part


def test_rows_of_words_and_repeated_headers_are_no_figure_rows():
    assert cells("北區的說明") == []
    assert cells("北區111年度") == []
