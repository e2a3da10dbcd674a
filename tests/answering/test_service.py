"""`Assistant.ask` end to end: real index, real question understanding, every interface's entry point."""

import pytest

from assistant.answering.contract import Turn
from assistant.answering.service import Assistant
from assistant.errors import QueryError, QuestionTooLongError
from assistant.understanding.models import Understanding


def _item_numbers(response):
    return sorted(item.fields["item_no"] for item in response.items)


def test_a_list_question_gets_every_match_cited(assistant, assert_cited):
    response = assistant.ask("社會局主辦、仍為B執行中的項目有哪些?")
    assert response.kind == "list" and not response.refused
    assert _item_numbers(response) == [33, 49, 50, 76]
    assert_cited(response)
    assert Understanding.model_validate(response.filters).filters.agency == "社會局"


def test_a_follow_up_reuses_the_previous_turn(assistant, assert_cited):
    first = assistant.ask("社會局主辦的項目有哪些?")
    history = [Turn(question=first.question, answer=first.answer, filters=first.filters)]
    done = assistant.ask("其中哪些已完成？", history=history)
    assert _item_numbers(done) == [31, 32, 64, 75]
    co = assistant.ask("那協辦的呢？", history=[Turn(question="社會局主辦的項目有哪些?")])
    assert _item_numbers(co) == [19, 20, 22, 34, 63, 70, 106]
    assert_cited(done)
    assert_cited(co)


def test_client_filters_override_the_reading(assistant):
    response = assistant.ask("社會局主辦的項目有哪些?", filters={"status": "A"})
    assert _item_numbers(response) == [31, 32, 64, 75]
    assert response.filters["filters"]["status"] == "A"


def test_a_count_states_its_number(assistant):
    response = assistant.ask("產業發展局主辦幾項?")
    assert response.kind == "count" and "19" in response.answer and len(response.items) == 19


def test_a_lookup_gives_the_value_with_its_line(assistant, assert_cited):
    response = assistant.ask("秘書處112年度預算執行率是多少？")
    assert response.kind == "lookup" and "97.5%" in response.answer
    assert_cited(response)


def test_a_free_question_is_answered_with_quotes(assistant, assert_cited):
    response = assistant.ask("狗公園蓋好了嗎？")
    assert response.kind == "free" and not response.refused and "「" in response.answer
    assert_cited(response)


@pytest.mark.parametrize("question", ["113年社會住宅的辦理進度如何？", "明天台北天氣如何？", "蔣市長的生日是哪一天？",
                                      "秘书处113年的预算是多少？", "111年失業率的實際值是多少？"])
def test_questions_the_corpus_cannot_answer_are_refused(assistant, question):
    response = assistant.ask(question)
    assert response.refused and response.kind == "refusal" and response.items == []


def test_english_questions_get_english_answers(assistant):
    response = assistant.ask("Which items led by the Department of Social Welfare are still in progress?")
    assert response.answer.startswith("There are 4") and _item_numbers(response) == [33, 49, 50, 76]


def test_draft_mode_writes_a_cited_paragraph_for_the_press(assistant, assert_cited):
    response = assistant.ask("社會局主辦、仍為B執行中的項目有哪些?", mode="draft")
    assert response.answer.startswith("有關") and "本府" in response.answer and "\n" not in response.answer
    assert response.answer.count("[") == 4
    assert_cited(response)


@pytest.mark.parametrize("question, error", [("", QueryError), ("問" * 5000, QuestionTooLongError),
                                             ("社會局\x00主辦", QueryError)])
def test_unreadable_input_is_a_query_error(assistant, question, error):
    with pytest.raises(error):
        assistant.ask(question)


def test_bad_mode_history_or_filters_are_query_errors(assistant):
    with pytest.raises(QueryError, match="mode"):
        assistant.ask("社會局主辦的項目有哪些?", mode="poem")
    with pytest.raises(QueryError, match="history"):
        assistant.ask("其中哪些已完成？", history=[{"answer": "no question"}])
    with pytest.raises(QueryError, match="unknown filter"):
        assistant.ask("社會局主辦的項目有哪些?", filters={"colour": "red"})


def test_with_an_llm_the_wording_changes_but_items_and_citations_do_not(real_index, settings, assistant, fake_llm):
    fake_llm.reply = "社會局仍在執行的 4 項：#33[1]、#49[2]、#50[3]、#76[4]。"
    phrased = Assistant(real_index, settings.model_copy(update={"llm_base_url": fake_llm.url})) \
        .ask("社會局主辦、仍為B執行中的項目有哪些?")
    plain = assistant.ask("社會局主辦、仍為B執行中的項目有哪些?")
    assert phrased.answer == fake_llm.reply
    assert phrased.items == plain.items and phrased.citations == plain.citations
    assert len(fake_llm.requests) == 1
