import pytest

from assistant.understanding.planning import plan_asks
from assistant.understanding.question import normalize_question


def asks(question: str) -> list[tuple[str | None, str, list[str]]]:
    text = normalize_question(question)
    return [(a.cues.intent, text[a.start:a.end], [text[s:e] for s, e in a.display]) for a in plan_asks(text)]


def test_two_questions_are_two_asks():
    assert [a[:2] for a in asks("工務局主辦幾項？其中完成幾項？")] == [("count", "工務局主辦幾項"), ("count", "其中完成幾項")]


def test_a_clause_pointing_back_at_these_few_rows_is_context_not_a_count():
    assert [a[:2] for a in asks("這幾項裡面，哪些已經完成？")] == [("list", "這幾項裡面,哪些已經完成")]


def test_an_english_place_before_the_question_belongs_to_it():
    assert [a[0] for a in asks("For the B team's 2021 results, which items came in over budget?")] == ["list"]


def test_context_pointing_at_one_row_lends_the_ask_its_pointer():
    (ask,) = plan_asks(normalize_question("其中路燈那一項，目標是多少？"))
    assert ask.cues.points_back and ask.cues.points_at_one_row


def test_context_before_the_question_belongs_to_it():
    assert asks("請問在這份一覽表裡，工務局主辦的項目有哪些？") == [
        ("list", "請問在這份一覽表裡,工務局主辦的項目有哪些", [])]


def test_clause_marks_split_only_where_each_side_asks():
    assert [a[1] for a in asks("社會局主辦幾項、協辦又有幾項？")] == ["社會局主辦幾項", "協辦又有幾項"]
    assert [a[1] for a in asks("預算、決算跟執行率各是多少？")] == ["預算、決算跟執行率各是多少"]


def test_a_request_for_columns_joins_the_list_before_it():
    found = asks("名稱有「路燈」的項目有哪些？分別由哪個局處主辦、辦理等級是什麼？")
    assert len(found) == 1
    assert found[0][2] == ["分別由哪個局處主辦", "辦理等級是什麼"]


def test_trailing_words_that_ask_nothing_join_the_last_ask():
    found = asks("勞動局參與的項目有哪些？主辦、協辦都算（不是產業局）")
    assert len(found) == 1 and found[0][1].endswith("不是產業局)")


def test_english_splits_at_and_before_a_new_question_word():
    found = asks("How many items does the Fire Department lead, and how many of them are completed?")
    assert [a[0] for a in found] == ["count", "count"]


def test_english_and_before_a_second_predicate_of_the_same_rows_does_not_split():
    one = asks("Which items list the Fire Department as co-organiser and are still in progress?")
    assert len(one) == 1 and one[0][1].endswith("in progress")  # a second predicate of the same rows


def test_a_clause_opening_with_er_shi_restates_the_denied_one_in_the_same_ask():
    assert len(asks("哪些指標不是單一局處負責，而是多個局處共同負責？分別是哪些局處？")) == 1
    found = asks("哪些項目不是工務局主辦，而是教育局主辦的？")
    assert len(found) == 1 and "而是教育局主辦的" in found[0][1]
    assert len(asks("工務局主辦幾項，而且其中完成幾項？")) == 2  # 而且 adds an ask


@pytest.mark.parametrize("question", ["", "？？", "   "])
def test_something_always_comes_back(question):
    assert len(plan_asks(question)) == 1


def test_a_closing_clause_that_attaches_columns_is_display():
    assert asks("工務局主辦的項目有哪些，附上年度目標") == [("list", "工務局主辦的項目有哪些", ["附上年度目標"])]


def test_a_clause_opening_with_a_display_word_before_another_ask_is_that_asks_context():
    found = asks("社會局主辦幾項？另外它協辦的報告中，共有幾項指標？")
    assert [(a[0], a[1]) for a in found] == [("count", "社會局主辦幾項"), ("count", "另外它協辦的報告中,共有幾項指標")]


def test_how_each_listed_row_fares_is_an_ask_of_its_own_pointing_back_at_them():
    asks = plan_asks("工務局主辦的項目有哪些？各自的辦理情形如何？")
    assert len(asks) == 2 and asks[1].cues.points_back and not asks[0].display
    shown = plan_asks("工務局主辦的項目有哪些？分別是哪個局處協辦？")
    assert len(shown) == 1 and shown[0].display  # a column to show, not an ask


def test_a_sentence_asking_only_by_its_closing_particle_is_an_ask_of_its_own():
    assert len(plan_asks("職員有幾人？約聘僱呢？")) == 2
    opening = asks("那工務局呢？其中已完成的有幾項？")  # a follow-up's first sentence asks the last turn again
    assert [a[:2] for a in opening] == [(None, "那工務局呢"), ("count", "其中已完成的有幾項")]
    assert len(plan_asks("那工務局呢？")) == 1
    assert len(plan_asks("工務局呢，已完成的有幾項？")) == 1  # one sentence: its context
    context = plan_asks("社會局主辦幾項？另外它主政的報告中，共有幾項指標？")
    assert len(context) == 2  # 另外… opens the next ask's context, it asks nothing itself


def test_a_sentence_that_only_asks_again_to_list_is_the_list_before_it():
    assert asks("社會局主辦的項目有哪些？請全部列出。") == [("list", "社會局主辦的項目有哪些", [])]
    assert [intent for intent, _, _ in asks("有幾項？請全部列出")] == ["count", "list"]  # a count's rows, listed


def test_context_that_points_back_makes_its_ask_point_back():
    text = normalize_question("那這些當中，有教育局協辦的有哪些？")
    [ask] = plan_asks(text)
    assert ask.start == 0 and ask.cues.points_back and ask.cues.opens_like_follow_up


def test_a_clause_ending_in_a_localizer_says_where_the_next_clause_asks():
    # 成果 reads like a question on its own; 「…成果中，」 only says where
    assert [a[:2] for a in asks("工務局110年的辦理成果中，有哪些項目已完成？")] == [
        ("list", "工務局110年的辦理成果中,有哪些項目已完成")]
    assert [a[1] for a in asks("工務局的成果如何？其中哪些已完成？")] == ["工務局的成果如何", "其中哪些已完成"]


def test_besides_opens_another_matter_and_a_count_is_no_column():
    # 另外 ("besides") with an ask of its own is an ask; a display word after it still adds columns
    assert [a[:2] for a in asks("工務局主辦的項目有哪些？另外它協辦的有幾項？")] == [
        ("list", "工務局主辦的項目有哪些"), ("count", "另外它協辦的有幾項")]
    assert asks("工務局主辦的項目有哪些？另外附上年度目標") == [("list", "工務局主辦的項目有哪些", ["另外附上年度目標"])]
    # a count after a display word is one number for a set, not a column of each row, unless asked per row
    assert [a[0] for a in asks("工務局主辦的項目有哪些？同時共有幾項已完成？")] == ["list", "count"]
    assert len(asks("工務局主辦的項目有哪些？分別有幾個協辦機關？")) == 1


@pytest.mark.parametrize("question", ["工務局主辦的項目有哪些？有沒有已經完成的？",
                                      "工務局主辦幾項？是否有已經完成的？",
                                      "工務局主辦幾項？有已經完成的嗎？"])  # a 嗎 question: yes or no
def test_a_sentence_asking_whether_any_exist_after_rows_is_an_ask_of_those_rows(question):
    first, second = plan_asks(normalize_question(question))
    assert first.cues.intent in ("list", "count") and second.cues.points_back


def test_a_yes_or_no_question_after_rows_asking_how_or_why_is_no_ask_of_whether_any():
    _, second = plan_asks(normalize_question("工務局主辦幾項？有說明為什麼還沒完成嗎？"))
    assert not second.cues.points_back


def test_a_question_asking_whether_any_exist_alone_is_one_ask():
    assert len(plan_asks(normalize_question("有沒有工務局主辦的項目？"))) == 1


def test_a_sentence_asking_with_an_interrogative_is_an_ask_of_its_own_though_no_cue_says_how():
    # 有什麼對得上的地方 carries no cue of a list, count or lookup; it is still a question of its own
    assert [a[1] for a in asks("工務局主辦哪些項目？跟防災倉庫有什麼關係？")] == ["工務局主辦哪些項目", "跟防災倉庫有什麼關係"]
    assert len(asks("工務局主辦哪些項目？跟防災倉庫有關。")) == 1  # a statement, no question: context
    assert len(asks("工務局主辦哪些項目？選了哪3處地點？")) == 2  # 哪 before a number asks which


def test_a_clause_opening_with_a_disjunction_after_a_list_is_an_alternative_list():
    text = "工務局主辦的項目中，哪些已完成，或是有協辦機關"
    asks = plan_asks(text)
    assert [(text[a.start:a.end], a.cues.intent) for a in asks] == [
        ("工務局主辦的項目中，哪些已完成", "list"), ("或是有協辦機關", "list")]
    assert len(plan_asks("這項是工務局主辦，還是社會局主辦")) == 1  # a choice about one row is no second list
    inner = "哪幾項已完成或是有協辦機關"
    assert [inner[a.start:a.end] for a in plan_asks(inner)] == ["哪幾項已完成", "或是有協辦機關"]
    before = "已完成或是執行中的項目有哪些"
    assert [before[a.start:a.end] for a in plan_asks(before)] == [before]  # context of the ask, not a second one
    assert len(plan_asks("哪些列為A已完成或例行性業務")) == 1  # a bare 或 inside a label joins words


def test_whether_all_the_rows_are_something_is_asked_of_the_rows_before():
    text = "工務局主辦的項目有哪些？是不是都有協辦機關？"
    asks = plan_asks(text)
    assert [text[a.start:a.end] for a in asks] == ["工務局主辦的項目有哪些", "是不是都有協辦機關"]
    assert asks[1].cues.points_back
