from types import SimpleNamespace

from assistant.answering.render.listing import Unit, _section_outside


def unit(theme: str) -> Unit:
    return Unit(theme, {}, SimpleNamespace(theme_name=theme))  # type: ignore[arg-type]


def test_the_one_section_a_stated_total_leaves_out_is_found():
    found = [unit("甲")] * 5 + [unit("乙")] * 3 + [unit("參考")] * 2
    assert _section_outside(found, 2) == ("theme_name", "參考")


def test_no_section_when_none_or_several_match():
    found = [unit("甲")] * 2 + [unit("乙")] * 2
    assert _section_outside(found, 2) is None  # two sections of that size: no telling which
    assert _section_outside(found, 3) is None


def test_the_count_of_a_document_that_states_its_total(toy_assistant):
    response = toy_assistant.ask("一覽表共有幾個政策項目？")
    assert "共 6 項" in response.answer
