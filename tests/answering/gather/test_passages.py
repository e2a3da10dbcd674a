"""Passages as a source: what retrieval searches for."""

from assistant.answering.gather.passages import query_words


def test_the_names_an_asks_filters_carry_are_searched_for_too(toy_request):
    # 為什麼沒完成 after a question naming a row: the row's name is what retrieval must look for
    request = toy_request("為什麼沒完成？", items=["更新社區防災地圖"], kpi_name="服務滿意度")
    words = query_words(request)
    assert "更新社區防災地圖" in words and "服務滿意度" in words
