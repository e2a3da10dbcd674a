import pytest

from assistant.answering.contract import Turn
from assistant.understanding.followup import parse_turn_filters

FIRST = "社會局主辦的項目有哪些?"


@pytest.mark.parametrize("question, history, expected", [
    ("其中哪些已完成？", [FIRST], dict(intent="list", agency="社會局", agency_role="lead", status="A")),
    ("那協辦的呢？", [FIRST], dict(intent="list", agency="社會局", agency_role="co", status=None)),
    ("哪些還在執行中？", ["勞動局主辦的項目有哪些？"], dict(intent="list", agency="勞動局", status="B")),
    ("那教育局呢？", [FIRST], dict(intent="list", agency="教育局", agency_role="lead")),
    ("其中有幾項？", [FIRST], dict(intent="count", agency="社會局", agency_role="lead")),
    ("and the completed ones?", ["Which items are led by the Department of Education?"],
     dict(intent="list", agency="教育局", status="A", language="en")),
    ("those still in progress?", ["文化局主辦的項目有哪些？"], dict(intent="list", agency="文化局", status="B")),
    ("那協辦的呢？", [FIRST, "其中哪些已完成？"], dict(agency="社會局", agency_role="co", status="A")),
    ("那108年呢？", ["109年E組哪些KPI沒有達到目標值？"],
     dict(intent="out_of_scope", group="E", target_met=False, years=[108])),
    ("那109年呢？", ["108年D組哪一項KPI沒有達成年度目標？"],
     dict(intent="list", group="D", target_met=False, years=[109], record_type="kpi_result")),
    ("那112年呢？", ["113年社會局主辦的項目有哪些？"], dict(intent="list", agency="社會局", years=[112])),
])
def test_follow_ups_reuse_the_previous_reading(question, history, expected, read):
    understanding = read(question, *history)
    assert understanding.follow_up
    check(understanding, expected)


def test_a_follow_up_out_of_the_previous_scope_says_so(read):
    understanding = read("那107年呢？", FIRST)
    assert understanding.intent == "out_of_scope"
    assert "只涵蓋112年" in understanding.out_of_scope_reason


@pytest.mark.parametrize("question", ["消防局主辦的政策項目有哪些？", "社宅分級租金做了什麼?", "107年施政綱要共有幾項關鍵績效指標?"])
def test_a_full_question_with_history_is_read_on_its_own(question, read):
    alone, after = read(question), read(question, FIRST)
    assert not after.follow_up
    assert after.filters == alone.filters and after.intent == alone.intent


def test_stored_filters_are_preferred_to_reading_the_question_again(read):
    stored = read("教育局主辦的項目有哪些？").model_dump(mode="json")
    understanding = read("那協辦的呢？", Turn(question=FIRST, filters=stored))
    assert (understanding.filters.agency, understanding.filters.agency_role) == ("教育局", "co")


def test_a_bare_filters_dump_is_accepted(read):
    stored = read("教育局主辦的項目有哪些？").filters.model_dump(mode="json")
    understanding = read("其中哪些已完成？", Turn(question=FIRST, filters=stored))
    assert (understanding.filters.agency, understanding.filters.status) == ("教育局", "A")


@pytest.mark.parametrize("stored", [{"filters": {"status": "Z"}}, {"filters": "nonsense"}, {}, None])
def test_unusable_stored_filters_fall_back_to_the_question(stored, read):
    understanding = read("那協辦的呢？", Turn(question=FIRST, filters=stored))
    assert (understanding.filters.agency, understanding.filters.agency_role) == ("社會局", "co")


def test_parse_turn_filters_ignores_unknown_keys_and_non_answer_intents():
    prior = parse_turn_filters({"intent": "out_of_scope", "filters": {"agency": "社會局", "future_field": 1}})
    assert prior.filters.agency == "社會局" and prior.intent is None
    assert parse_turn_filters({"intent": "count", "filters": {"status": "B"}}).intent == "count"
    assert parse_turn_filters({"intent": "count", "filters": {}}) is None, "nothing to reuse"
    assert parse_turn_filters({"agency": ["not", "a", "name"]}) is None


def check(understanding, expected: dict) -> None:
    for field, value in expected.items():
        source = understanding if field in ("intent", "language", "follow_up") else understanding.filters
        assert getattr(source, field) == value, field


def test_an_unreadable_earlier_turn_is_no_error_now(read):
    understanding = read("那協辦的呢？", "   ")
    assert not understanding.follow_up
