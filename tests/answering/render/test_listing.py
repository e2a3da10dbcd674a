"""Counts lead with their number and breakdown; past the limit the items are the table's, not the text's;
a count of a document that states its own total counts as the document does."""

import re
from types import SimpleNamespace

import pytest

from assistant.answering.render.listing import Unit, _section_outside
from assistant.answering.service import Assistant
from assistant.config import AnsweringSettings


def test_a_count_leads_with_its_number_and_breakdown(toy_assistant):
    response = toy_assistant.ask("政策項目有幾項？")
    first = response.answer.split("\n")[0]
    assert first == "政策項目共 6 項，其中B執行中 4 項、A已完成或例行性業務 2 項。"
    assert len(re.findall(r"\n- \d+、", response.answer)) == 6, "a short count still lists its items"
    assert not re.search(r"\n- \d+、", response.summary) and len(response.items) == 6


def test_a_count_of_one_status_has_no_breakdown(toy_assistant):
    assert toy_assistant.ask("B執行中的項目有幾項？").answer.startswith("狀態為B執行中的政策項目共 4 項。")


@pytest.fixture(scope="module")
def terse(toy_index, toy_settings):
    settings = toy_settings.model_copy(update={"answering": AnsweringSettings(max_listed_in_count=3)})
    return Assistant(toy_index, settings)


def test_a_long_count_gives_the_number_not_every_item(terse, assert_cited):
    response = terse.ask("政策項目有幾項？")
    assert not re.search(r"- \d+、", response.answer) and len(response.items) == 6
    assert len(response.citations) == 6, "every item is still cited, through `items`"
    assert_cited(response)
    assert len(re.findall(r"- \d+、", terse.ask("工務局主辦的項目有幾項？").answer)) == 2, "a count within the limit lists"
    assert len(re.findall(r"- \d+、", terse.ask("政策項目有哪些？").answer)) == 6, "a list always lists"


def test_items_carry_their_period(toy_assistant):
    response = toy_assistant.ask("工務局主辦的項目有哪些？")
    assert {item.fields["period"] for item in response.items} == {"110年上半年"}


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


def test_goals_are_listed_once_per_document_whatever_the_years_their_kpis_report():
    from assistant.answering.render.listing import units
    from assistant.corpus.period import Period
    from assistant.linking.schema import GOAL_TYPE
    from assistant.parsing.models import KpiResult

    def result(year: int, code: str, goal: str | None, line: int) -> KpiResult:
        return KpiResult(file="deck.txt", line=line, end_line=line, period=Period(year_roc=108), series=None,
                         group="X", year_roc=year, kpi_code=f"{code}.1", kpi_name="指標", goal_code=code, goal_name=goal)

    listed = units(GOAL_TYPE, [result(108, "XC1", "促進就業", 1), result(109, "XC1", "促進就業", 9),
                               result(108, "XL1", None, 2)])
    assert [u.label for u in listed] == ["XC1 促進就業", "XL1"]


def test_rows_under_a_label_printed_once_are_listed_by_position_and_flagged(toy_assistant):
    response = toy_assistant.ask("綱要「防災」底下有哪些政策項目？")
    assert [item.label for item in response.items] == ["1、設置社區防災倉庫", "2、推動公園遊戲場更新"]
    note = next(line for line in response.answer.split("\n") if "依所在位置" in line)
    assert note.startswith("註：L5") and "「綱要」" in note  # the row whose 綱要 cell is blank, and why it is listed


def test_a_listed_kpi_without_its_actual_carries_the_documents_remark_on_why(assistant, assert_cited):
    from assistant.answering.render.values import NO_DATA_WORDS

    response = assistant.ask("108年D組有哪些KPI沒有實際值？")
    assert response.items and "原文註明" in response.answer
    by_number = {c.id: c for c in response.citations}
    for item in response.items:
        quotes = [by_number[n].quote for n in item.citations]
        assert any(any(word in q for word in NO_DATA_WORDS) for q in quotes), item.label  # why, as printed
        assert any(item.fields["kpi_code"] in q for q in quotes[1:]), item.label  # where the remark names it
    assert_cited(response)
