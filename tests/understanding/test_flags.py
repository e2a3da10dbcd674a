import pytest

from assistant.understanding.flags import about_phrases


def subjects(text: str) -> list[str]:
    return [words for _, _, words in about_phrases(text)]


def test_about_phrases_name_what_rows_are_about():
    assert subjects("有哪些跟防汛有關的計畫") == ["防汛"]
    assert subjects("與青年住宅相關的項目") == ["青年住宅"]
    assert subjects("關於路燈的指標有哪些") == ["路燈"]
    assert subjects("有沒有關於公園綠地的規劃") == ["公園綠地"]  # 沒有+關於, not 有關+於
    assert subjects("跟e-Bike有關的指標") == ["e-Bike"]  # a hyphenated word is one subject
    assert subjects("跟路燈-有關的指標") == []  # a hyphen joins words, it does not end one


def test_about_phrases_split_alternatives_and_keep_offsets():
    text = "列出跟托嬰或共餐有關的項目"
    found = about_phrases(text)
    assert [w for _, _, w in found] == ["托嬰", "共餐"]
    assert all(text[s:e] == w for s, e, w in found)


def test_no_about_phrase_without_a_relation_word():
    assert subjects("工務局主辦的項目有哪些") == []
    assert subjects("這項計畫有關鍵績效指標嗎") == []  # 有關鍵 is not 有關…的


def test_met_and_missed_targets_read_with_or_without_the_word_target():
    from assistant.understanding.flags import find_flags
    from assistant.understanding.question import QuestionText

    assert find_flags(QuestionText("有達成目標的幾項")).target_met is True
    assert find_flags(QuestionText("沒達成的幾項")).target_met is False
    assert find_flags(QuestionText("達成率是多少")).target_met is None  # a rate, not a verdict
    assert find_flags(QuestionText("which kpis failed to meet their roc 110 (2021) targets")).target_met is False
    assert find_flags(QuestionText("which items didn't reach the target")).target_met is False


def test_a_subject_without_a_preposition_is_quoted_or_opens_its_phrase():
    assert subjects("「防汛」相關的計畫有幾項") == ["防汛"]
    assert subjects("消防局的防汛相關項目") == ["防汛"]
    assert subjects("路燈相關的指標") == ["路燈"]
    assert subjects("請相關局處說明") == []  # 相關局處: the bodies concerned, no subject
    assert subjects("工務局的項目有哪些") == []


def test_whether_a_target_was_met_is_asked_not_a_filter():
    from assistant.understanding.flags import find_flags
    from assistant.understanding.question import QuestionText

    for text in ("這項指標有沒有達到目標？", "是否達標？", "有無達成年度目標值", "有達到目標嗎？", "達標了嗎"):
        assert find_flags(QuestionText(text)).target_met is None
    assert find_flags(QuestionText("哪些指標沒有達到目標？")).target_met is False
    assert find_flags(QuestionText("哪些指標有達到目標？")).target_met is True  # which did: a filter


def test_a_year_between_the_verb_and_targets_still_reads_met_or_missed():
    from assistant.understanding.flags import find_flags
    from assistant.understanding.question import QuestionText

    assert find_flags(QuestionText("which indicators missed their 2019 targets")).target_met is False
    assert find_flags(QuestionText("which indicators met the roc 108 targets")).target_met is True


def test_a_year_with_de_or_an_all_word_inside_the_phrase_still_reads():
    from assistant.understanding.flags import find_flags
    from assistant.understanding.question import QuestionText

    assert find_flags(QuestionText("哪些沒達到109年的目標值")).target_met is False
    assert find_flags(QuestionText("是不是全部都達標了")).target_met is None


def test_a_rating_quoted_alone_is_a_rating_filter():
    from assistant.understanding.flags import find_flags
    from assistant.understanding.question import QuestionText

    assert find_flags(QuestionText("拿到「優」的有幾項")).rating == "優"
    assert find_flags(QuestionText("「良」的又有幾項")).rating == "良"


@pytest.mark.parametrize("text, word, reached", [
    ("路燈汰換有達到數量目標嗎", "目標", True),
    ("did the item hit its turnover target", "target", True),
    ("有沒有達成年度目標", "目標", True),
    ("年度目標是什麼", "目標", False),  # the target alone is asked
    ("what is the target", "target", False),
    ("達到之後的下一個目標是什麼", "目標", False),  # the reaching verb is too far from the target word
])
def test_a_reaching_verb_just_before_a_target_word_asks_whether_it_was_reached(text, word, reached):
    from assistant.understanding.flags import reached_before

    assert reached_before(text, text.index(word)) is reached


def test_a_rating_with_its_scorecard_mark_or_after_a_verb_of_being_rated_is_a_rating_filter():
    from assistant.understanding.flags import find_flags
    from assistant.understanding.question import QuestionText

    assert find_flags(QuestionText("拿到★優的是哪幾個")).rating == "優"
    assert find_flags(QuestionText("燈號●(良)的指標")).rating == "良"
    assert find_flags(QuestionText("被評為可的有哪些")).rating == "可"
    assert find_flags(QuestionText("拿到良好的有幾項")).rating == "良"
    assert find_flags(QuestionText("獲得優良廠商認證的有哪些")).rating is None  # 優良 is no rating


def test_an_english_rating_before_its_noun_is_a_rating_filter():
    from assistant.understanding.flags import find_flags
    from assistant.understanding.question import QuestionText

    assert find_flags(QuestionText("which items got a 'fair' (▲) self-rating")).rating == "可"
    assert find_flags(QuestionText("the KPIs with a poor rating")).rating == "差"
    assert find_flags(QuestionText("a good rating system")).rating == "良"
    assert find_flags(QuestionText("good progress on the rating scheme")).rating is None  # not the rating's word


def test_falling_short_of_a_target_in_any_tense_or_phrasing_is_a_miss():
    from assistant.understanding.flags import find_flags
    from assistant.understanding.question import QuestionText

    for text in ("why did the unit miss its 2020 target", "which kpis came in under their targets",
                 "items that finished below target", "which measures are short of the target"):
        assert find_flags(QuestionText(text)).target_met is False, text
    assert find_flags(QuestionText("what was the target for 2020")).target_met is None


def test_whether_a_target_was_met_is_asked_in_a_clause_of_its_own():
    from assistant.understanding.flags import asks_whether_met

    assert asks_whether_met("有達到目標嗎") and asks_whether_met("有沒有達到年度目標值")
    assert not asks_whether_met("哪些有達到目標")  # which did: the rows, filtered
    # …nor does a whether that a negated verb of judging takes: nobody can tell, the clause says
    assert not asks_whether_met("哪些因為缺資料而無法判定是否達標")
    assert asks_whether_met("無法判定的那幾項，後來有達到目標嗎")  # asked apart from the judging verb


def test_whether_a_figure_the_ask_states_was_reached_is_asked_as_a_target_met():
    from assistant.understanding.flags import asks_whether_met

    assert asks_whether_met("有沒有達到95%？") and asks_whether_met("有守住2.5%嗎")
    assert asks_whether_met("是否維持在60以上")
    assert not asks_whether_met("哪些達到95%")  # which did: a filter on the rows
    assert not asks_whether_met("達到95%的有幾項")


def test_a_negation_just_before_a_field_word_asks_for_rows_lacking_it():
    from assistant.understanding.flags import lacks_before

    for text in ("哪些指標沒有實際值", "無達成度的有幾項", "which KPIs had no actual"):
        word = "actual" if text.isascii() else ("實際值" if "實際值" in text else "達成度")
        assert lacks_before(text, text.index(word)), text
    assert not lacks_before("有沒有實際值", 3)  # asked whether there is one: no filter
    assert not lacks_before("實際值沒有達標", 0)
    for text in ("沒有項目名稱的那幾列也要算進去", "全部列出(含沒有項目名稱的列)"):  # rows added, not kept
        assert not lacks_before(text, text.index("項目名稱")), text


def test_a_denial_of_change_after_a_field_word_asks_for_one_value_through_the_years():
    from assistant.understanding.flags import unchanged_after

    for text in ("目標值從頭到尾都沒調整", "目標值三年不變", "目標維持不變的", "targets stayed the same"):
        word = "targets" if text.isascii() else ("目標值" if "目標值" in text else "目標")
        assert unchanged_after(text, text.index(word) + len(word)), text
    assert not unchanged_after("目標值調整了哪些", 3)
    assert not unchanged_after("目標值是多少？沒有調整的原因", 3)  # another clause


def test_a_field_word_between_two_years_compares_them():
    from assistant.understanding.flags import compare_years

    text = "哪幾項的106年目標值訂得比105年還高"
    at = text.index("目標值")
    assert compare_years(text, at, at + 3) == (106, 105, ">", "106年目標值訂得比105年還高")
    text = "105年度的完成率比104年低的"
    at = text.index("完成率")
    assert compare_years(text, at, at + 3)[:3] == (105, 104, "<")
    assert compare_years("目標值比105年低", 0, 3) is None  # one year only: nothing to compare it with


def test_a_target_left_unsaid_after_a_verb_of_reaching_still_reads_met_or_missed():
    from assistant.understanding.flags import find_flags
    from assistant.understanding.question import QuestionText

    def met(text: str) -> bool | None:
        return find_flags(QuestionText(text)).target_met

    assert met("幾項沒達到") is False  # 有幾項達到目標、幾項沒達到: the second ask leaves 目標 unsaid
    assert met("未達到的指標有哪些") is False
    assert met("哪些已達到") is True
    assert met("有沒有達到") is None  # whether, asked A-not-A: not a filter
    assert met("這項有達到嗎") is None
    assert met("沒達到100%的指標") is None  # a figure: a threshold, read elsewhere


def test_an_english_miss_whose_object_is_the_rows_asked_for_reads_missed():
    from assistant.understanding.flags import find_flags
    from assistant.understanding.question import QuestionText

    def met(text: str) -> bool | None:
        return find_flags(QuestionText(text)).target_met

    assert met("Which indicators did the team miss in 2021?") is False  # the indicators are what was missed
    assert met("Which of them were missed?") is False
    assert met("Did they miss the deadline for the survey?") is None  # a deadline, not a target


def test_item_numbers_read_single_listed_and_ranged():
    from assistant.understanding.flags import find_flags
    from assistant.understanding.question import QuestionText

    assert find_flags(QuestionText("第31項是什麼")).item_nos == [31]
    assert find_flags(QuestionText("第30到34項")).item_nos == [30, 31, 32, 33, 34]
    assert find_flags(QuestionText("第3、5項和第8項")).item_nos == [3, 5, 8]
    assert find_flags(QuestionText("#12-14")).item_nos == [12, 13, 14]
    assert find_flags(QuestionText("items 7 to 9")).item_nos == [7, 8, 9]
    assert find_flags(QuestionText("第3項和112年的目標")).item_nos == [3]  # a year is no item's number
