"""The scope rules, on the toy corpus: each refusal says which rule applied and what the corpus holds."""

import pytest


@pytest.mark.parametrize("question, rule", [
    ("115年工務局主辦的項目有哪些？", "year_not_covered"),
    ("警察局主辦的有哪幾項？", "no_rows_in_role"),  # an agency with no rows in that role
    ("工務局的巨蛋進度如何？", "unknown_subject"),  # a content word the corpus never uses
    ("新北市的防災倉庫有幾處？", "other_government"),
    ("你覺得工務局的遊戲場更新做得好嗎？", "judgement"),  # an opinion of the assistant's own
    ("測試局報告的主講人是誰？", None),  # the fact is stated: answered
])
def test_each_rule(toy_assistant, question, rule):
    response = toy_assistant.ask(question)
    assert response.refused == (rule is not None)
    assert response.parts[0].refusal_rule == rule


def test_a_refusal_lists_what_the_corpus_covers(toy_assistant):
    response = toy_assistant.ask("115年工務局主辦的項目有哪些？")
    assert "115年" in response.answer and "110年" in response.answer
    assert "《測試局110年度施政報告》" in response.answer  # from the manifest, not from code


def test_an_agency_with_no_rows_still_hears_where_it_appears(toy_assistant):
    response = toy_assistant.ask("資訊局主辦的項目有哪些？")
    assert response.refused and "協辦" in response.answer and "建置智慧路燈" in response.answer


def test_filler_words_never_refuse(toy_assistant):
    response = toy_assistant.ask("請問目前這幾年，長者共餐據點的進度怎麼樣了？")
    assert not response.refused


def test_a_fact_the_document_does_not_state_is_not_reported(toy_assistant):
    response = toy_assistant.ask("那份一覽表是誰報告的？")
    assert response.refused and response.parts[0].refusal_rule == "not_reported"


def test_a_period_no_document_of_the_asked_kind_covers_is_refused(toy_assistant):
    response = toy_assistant.ask("110年下半年工務局主辦的項目有哪些？")  # the toy table is 110年上半年
    assert response.refused and "110年上半年" in response.answer
    assert not toy_assistant.ask("110年上半年工務局主辦的項目有哪些？").refused
