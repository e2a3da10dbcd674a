"""Passages as a source: what retrieval searches for."""

from assistant.answering.gather.passages import query_words


def test_the_names_an_asks_filters_carry_are_searched_for_too(toy_request):
    # 為什麼沒完成 after a question naming a row: the row's name is what retrieval must look for
    request = toy_request("為什麼沒完成？", items=["更新社區防災地圖"], kpi_name="服務滿意度")
    words = query_words(request)
    assert "更新社區防災地圖" in words and "服務滿意度" in words


def test_an_english_asks_year_is_its_filter_not_a_search_word(toy_request):
    from assistant.answering.gather.passages import _query

    request = toy_request("How many disaster lectures were held in 2021, after the 2020 plan?")
    assert request.filters.years == [110] or 110 in request.filters.years
    query = _query(request)
    assert "2021" not in query and "lectures" in query  # the asked year filters; the other words search
    chinese = toy_request("2021年辦了幾場防災講座？")
    assert "2021" in _query(chinese)  # a Chinese ask is searched as typed
