import pytest

from assistant.understanding.cues import asked_unit, asks_agency, asks_presenter, asks_which_of_agencies, \
    closed_by_localizer, names_a_place, read_cues, repeats_request, reported_spans


@pytest.mark.parametrize("text, intent", [
    ("工務局主辦的有幾項", "count"),
    ("how many items are there", "count"),
    ("沒有協辦機關的項目一共有幾列", "count"),  # 列, a table's rows, counts as 項 does
    ("有哪幾個項目", "list"),  # 哪幾個 lists, it does not count
    ("哪些項目已完成", "list"),
    ("list every item", "list"),
    ("路燈汰換了多少盞", "lookup"),  # 多少 + another classifier: a quantity
    ("辦了幾場講座", "lookup"),
    ("是誰報告的", "lookup"),
    ("為什麼延後完工", "free"),
    ("做了哪些準備", "free"),  # 做了哪些: what was done, not a list
    ("進度如何", "free"),
    ("哪個主題的指標最多", "group"),
    ("從幾項變成幾項", "lookup"),  # a change the documents state
    ("從幾項改成幾項", "lookup"),
    ("沒達標的原因是什麼", "free"),  # a reason is told, not a value
    ("what are the reasons for the delay", "free"),
    ("社會局的項目", None),
    ("這份報告對防汛寫了什麼", "free"),  # what a text says is told, not listed
    ("這份報告對防汛的說法是什麼", "free"),  # …and the noun of saying: what the text says is told
    ("防汛的目標值是什麼", "lookup"),
    ("工務局有提出什麼防汛對策", "free"),  # 什麼 after a verb asks what was done
    ("什麼時候完工", "lookup"),  # …not 什麼時候, a date
    ("簡報提到些什麼", "free"),
    ("這幾項裡面", None),  # 這幾項 (these few) points back; it counts nothing
    ("那幾個當中", None),
    ("近幾個月有哪些", "list"),
    ("請列出文化局主辦的項目", "list"),
    ("列舉三個例子", "list"),
    ("有列出年度目標的指標", None),  # 有列出…的: the rows that list something, asked nothing yet
    ("沒列出實際值的那些", None),
])
def test_intent(text, intent):
    assert read_cues(text).intent == intent


def test_counted_noun_is_what_follows_the_classifier():
    assert read_cues("簽了幾項合作備忘錄").counted == "合作備忘錄"
    assert read_cues("主辦幾項").counted_leads  # nothing follows: the reader judges the phrase before it


def test_a_verb_of_being_may_stand_between_the_counted_noun_and_the_count():
    cues = read_cues("行動計畫又是幾項")
    assert (cues.counted, cues.counted_leads) == ("行動計畫", True)


def test_with_nothing_after_the_classifier_the_counted_noun_is_the_topic_before_it():
    cues = read_cues("備忘錄又有幾項？")
    assert (cues.intent, cues.counted, cues.counted_leads) == ("count", "備忘錄", True)
    assert read_cues("志工剩下幾個").counted == "志工"
    assert read_cues("社會局主辦的有幾項").counted is None  # 的 closes a clause, not a noun phrase
    assert not read_cues("簽了幾項合作備忘錄").counted_leads


def test_a_count_noun_with_how_many_is_a_count_of_what_stands_before_it():
    cues = read_cues("據點的數量是多少")
    assert (cues.intent, cues.counted) == ("count", "據點")
    assert read_cues("據點的數量這幾年怎麼增加").intent != "count"


def test_a_list_word_keeps_what_it_lists():
    assert read_cues("列了哪些重點工作").counted == "重點工作"


def test_pointing_back_and_opening_like_a_follow_up():
    assert read_cues("其中哪些已完成").points_back
    assert read_cues("of these, which are done").points_back
    assert read_cues("那協辦的呢").opens_like_follow_up
    assert not read_cues("工務局主辦的項目有哪些").opens_like_follow_up


def test_display_only_clauses():
    assert read_cues("順便列出各自的主辦機關").display_only
    assert read_cues("主辦機關各是誰").display_only
    assert not read_cues("工務局主辦的項目有哪些").display_only


def test_breakdown_dimensions_are_offered_for_the_reader_to_resolve():
    assert read_cues("各局處主辦的項目各有幾項").dimensions[0].startswith("局處")
    assert read_cues("哪個主題的指標最多").extreme


@pytest.mark.parametrize("text, expected", [
    ("是哪個局處主辦的", True), ("由誰負責", True), ("which department leads it", True),
    ("主辦了幾場活動", False), ("labour force participation rate", False),
])
def test_asks_agency(text, expected):
    assert asks_agency(text) is expected


def test_asking_for_a_reason():
    assert read_cues("工程為何延宕").asks_reason
    assert read_cues("延後完工的原因是什麼").asks_reason
    assert read_cues("why was the target missed").asks_reason
    assert not read_cues("如何推動社區防災").asks_reason
    assert read_cues("執行率偏低，報告怎麼解釋").asks_reason  # the explanation given is asked for
    assert not read_cues("報告的說明頁在哪裡").asks_reason


def test_a_number_asked_before_and_after_a_change_counts_the_noun_before_from():
    cues = read_cues("方案又從幾項變成幾項？")
    assert (cues.intent, cues.asks_change, cues.counted) == ("lookup", True, "方案")
    assert not read_cues("方案有幾項").asks_change


def test_verbs_adding_or_removing_members_of_a_set_are_read_but_a_revised_version_is_not():
    assert read_cues("去年刪除了哪些指標？").set_changed
    assert read_cues("新增幾項方案？").set_changed
    assert not read_cues("修改後的指標有哪些？").set_changed  # a version of the set, not a change asked
    assert not read_cues("指標有哪些？").set_changed


def test_a_role_noun_asked_which_asks_for_the_body():
    assert asks_agency("協辦單位為何") and asks_agency("主辦機關是哪一個")
    assert not asks_agency("機關學校節能措施")


def test_how_far_something_has_got_asks_for_a_description():
    assert read_cues("做到哪了？").intent == "free"
    assert read_cues("計畫進行到什麼程度").intent == "free"


def test_a_change_verb_has_the_verbs_saying_the_same_change():
    from assistant.understanding.cues import same_change

    assert "刪除" in same_change("拿掉") and "新增" not in same_change("拿掉")
    assert same_change("改寫") == ("改寫",)  # a verb of no known kind stands for itself


def test_a_phrase_closed_by_a_localizer_is_a_place():
    text = "請列出年報一覽表中，社會局主辦的項目"
    assert names_a_place(text, text.index("年報"))
    assert names_a_place("看看報告裡的內容", 2)
    assert not names_a_place("列出施政重點，謝謝", 2)


def test_a_clause_that_only_asks_again_to_list_repeats_the_request():
    assert repeats_request("請全部列出。")
    assert repeats_request("麻煩完整列出來")
    assert repeats_request("list them all")
    assert not repeats_request("請列出社會局主辦的項目")
    assert not repeats_request("列出施政重點")


def test_the_unit_a_number_is_asked_in():
    assert asked_unit("實際辦了幾場？") == "場"
    assert asked_unit("服務了多少人") == "人"
    assert asked_unit("成立了幾年") is None  # every date holds 年: a figure in it says nothing
    assert asked_unit("預算是多少") is None


def test_a_localizer_closes_a_place():
    assert closed_by_localizer("這個綱要底下") and closed_by_localizer("一覽表中")
    assert not closed_by_localizer("施政重點")


def test_a_clause_says_where_when_it_ends_in_a_localizer_and_asks_nothing_outright():
    from assistant.understanding.cues import says_where

    assert says_where("e組109年的施政成果中")
    assert says_where("這份一覽表裡")
    assert not says_where("哪些在一覽表中")  # it asks which
    assert not says_where("施政成果如何")  # no localizer: it asks how


def test_an_english_clause_opening_with_a_preposition_says_where():
    from assistant.understanding.cues import says_where

    assert says_where("for the team's 2021 results (year 110)")
    assert says_where("in the latest progress report")
    assert not says_where("for which teams are results shown")  # it asks which
    assert not says_where("the 2021 results")  # no preposition: an aspect asked about


def test_a_demonstrative_with_one_and_a_classifier_points_back():
    assert read_cues("評為差的那一項，原因是什麼").points_back
    assert read_cues("這一個指標的目標值").points_back
    assert read_cues("這項KPI的達成率為什麼這麼低").points_back
    assert read_cues("它為什麼沒達標").points_back
    assert read_cues("針對這個缺口有什麼對策").points_back
    assert read_cues("該項的目標值是多少").points_back
    assert not read_cues("一項指標的目標值").points_back


def test_asking_for_plans():
    assert read_cues("明年有哪些改善規劃").asks_plan
    assert read_cues("what does the office plan to improve").asks_plan
    assert not read_cues("今年的辦理情形如何").asks_plan


def test_a_number_asked_in_any_measuring_classifier_or_by_its_size_is_a_lookup():
    assert read_cues("講習的平均成績幾分").intent == "lookup"
    assert read_cues("接駁車一共跑了幾趟").intent == "lookup"
    assert asked_unit("接駁車一共跑了幾趟") == "趟"
    assert read_cues("這幾年的變化如何").intent != "lookup"  # a few years: no number asked
    assert read_cues("幾乎都完成了嗎").intent != "lookup"  # almost
    assert read_cues("有幾項").intent == "count"  # a generic classifier counts
    assert read_cues("how large was the fund").intent == "lookup"


def test_listing_for_someone_and_an_aspect_noun_inside_a_longer_name():
    assert read_cues("主辦的項目請全部列給我").intent == "list"
    assert read_cues("那份109年成果暨110年主要任務的簡報").intent is None  # 成果 modifies 簡報: no ask
    assert read_cues("敬老卡的辦理情形").intent == "free"
    assert read_cues("最後超標到幾家").asks_reached and not read_cues("預計要累積到多少處").asks_reached


def test_which_with_a_number_of_items_asks_a_list():
    assert read_cues("顧客面的指標是哪5項").intent == "list"
    assert read_cues("是哪三個").intent == "list"


def test_a_singular_it_is_told_from_words_pointing_at_rows():
    assert read_cues("它協辦的有幾項").points_back_to_one
    assert not read_cues("它們的進度如何").points_back_to_one
    assert not read_cues("其中它協辦的有幾項").points_back_to_one  # 其中 points at the rows
    assert read_cues("它們的進度如何").points_back and read_cues("它協辦的有幾項").points_back



def test_what_the_asker_reports_having_read_or_heard_is_a_span_of_its_own():
    from assistant.understanding.cues import reported_spans

    text = "社會局的項目都完成了嗎？我看新聞寫全部完成，可是網站說還有兩項"
    (span,) = reported_spans(text)
    assert text[span[0]:span[1]] == "我看新聞寫全部完成，可是網站說還有兩項"
    assert reported_spans("聽說工務局延後了。真的嗎？") == [(0, 8)]
    assert reported_spans("我看到哪些項目延後了？") == []  # it asks: the question itself
    assert reported_spans("幫我看一下社會局的項目") == []  # 看 here is no report


def test_who_then_a_verb_of_presenting_asks_the_presenter():
    assert asks_presenter("這份報告是由誰上臺報告的")
    assert asks_presenter("哪位局長簡報的")
    assert asks_presenter("Who gave the presentation, and when?")
    assert not asks_presenter("誰主辦這個項目")  # who leads: a role, not a presentation
    assert not asks_presenter("報告裡寫了什麼")  # no one asked for


def test_what_an_english_list_lists_is_the_noun_phrase_between_which_and_its_verb():
    assert read_cues("which harbour towns did the delegation visit?").counted == "harbour towns"
    assert read_cues("which items does the bureau lead?").counted == "items"  # a record noun: the reader decides
    assert read_cues("list the items").counted is None


def test_two_bodies_offered_as_alternatives_before_a_role_ask_which_of_them():
    assert asks_which_of_agencies("這項指標是衛生局還是社會局負責")
    assert asks_which_of_agencies("由教育局或是文化局主辦")
    assert asks_agency("是衛生局還是社會局負責")
    assert not asks_which_of_agencies("衛生局和社會局負責的指標")  # both named: rows involving both


def test_what_the_asker_means_to_do_with_the_answer_is_no_ask():
    text = "消防局主辦的項目有哪些？全部列出來，我要給主任對照。"
    [(start, stop)] = reported_spans(text)
    assert text[start:stop] == "我要給主任對照"
    assert reported_spans("我想知道消防局主辦哪些項目？") == []  # wanting to know is asking


@pytest.mark.parametrize("text", [
    "你覺得甲局哪個計畫做得最好",
    "您認為這個指標明年會達標嗎",
    "依照過去幾年的趨勢來看，乙處下一年的執行率會到多少",
    "幫我預測一下圖書館的借閱量",
    "丙局申請成功的機會有多大",
    "do you think the bureau will meet its target",
    "what is your forecast for next year's budget",
])
def test_an_opinion_or_forecast_asked_of_the_assistant_is_a_judgement(text):
    assert read_cues(text).asks_judgement


@pytest.mark.parametrize("text", [
    "甲局預計什麼時候完工",  # the document's own plan
    "報告預估的完成日期是哪一天",
    "乙處的執行率趨勢如何",  # the trend the figures show
    "what target did the bureau set for next year",
])
def test_a_plan_estimate_or_trend_the_documents_state_is_no_judgement(text):
    assert not read_cues(text).asks_judgement
