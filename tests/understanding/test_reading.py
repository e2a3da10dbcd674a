"""Reading questions against the toy corpus (tests/toy): the mechanisms, each with its own examples."""

from assistant.answering.contract import Turn


def only(readings):
    assert len(readings) == 1, [r.understanding.normalized for r in readings]
    return readings[0]


def test_agency_role_status_and_noun(read):
    f = only(read("社會局主辦、仍在執行中的項目有哪些？")).filters
    assert (f.agency, f.agency_role, f.status, f.record_type) == ("社會局", "lead", "B", "progress_item")


def test_a_typo_in_an_agency_is_still_the_agency(read):
    assert only(read("工務侷主辦的項目有哪些？")).filters.agency == "工務局"
    assert only(read("產業發屐局主辦的項目有哪些？")).filters.agency == "產業發展局"


def test_a_word_the_corpus_uses_is_not_a_typo(read):
    # 社會住宅 is one edit from nothing the ask means: 社會局 must not be read into it.
    assert only(read("社會住宅有哪些？")).filters.agency is None


def test_a_negated_role_rules_that_role_out(read):
    f = only(read("社會局有掛名協辦（不是主辦）的項目有哪些？")).filters
    assert (f.agency, f.agency_role) == ("社會局", "co")


def test_other_agencies_co_organising_is_a_flag_not_a_role(read):
    f = only(read("工務局主辦、而且有其他局處一起協辦的項目有哪些？")).filters
    assert (f.agency_role, f.has_co_agency) == ("lead", True)


def test_an_agency_ruled_out_is_not_asked_about(read):
    readings = read("勞動局有參與的項目有哪些？主辦協辦都算（是勞動局，不是產業發展局）")
    assert [r.filters.agency for r in readings] == ["勞動局"]


def test_several_agencies_make_one_ask_each(read):
    assert [r.filters.agency for r in read("消防局和工務局主辦的項目有哪些？")] == ["消防局", "工務局"]


def test_a_document_named_by_part_of_its_title(read, toy_index):
    f = only(read("那份一覽表裡工務局主辦的有哪些？")).filters
    assert f.files == ["toy_table.txt"]


def test_a_year_right_before_a_title_names_the_document_beside_a_year_asked(read):
    f = only(read("那份110年度施政報告裡，提到111年打算做哪些事？")).filters
    assert f.years == [111] and f.files == ["toy_report.txt"]
    # 109 is a year the named report covers: each year asks of its own document, the title's one included
    both = only(read("施政報告109年的執行率，和110年一覽表的項目各是什麼？")).filters
    assert both.years == [109, 110]


def test_the_years_of_the_columns_shown_are_years_asked(read):
    listed = only(read("工務局主辦的項目有哪些？順便附上109到110年的年度目標"))
    assert listed.filters.years == [109, 110] and "target" in listed.filters.show


def test_a_year_inside_a_title_part_stays_a_year(read):
    f = only(read("110年度施政報告是誰報告的？")).filters
    assert f.years == [110] and f.files == ["toy_report.txt"] and f.facts == ["presenter"]


def test_a_label_named_exactly_filters_rows(read):
    assert only(read("「長者照顧」底下有哪些項目？")).filters.outline == "長者照顧"


def test_a_name_filter(read):
    f = only(read("項目名稱有提到「青年」的有哪些？")).filters
    assert f.names == ["青年"]


def test_compound_count_inherits_the_subject(read):
    first, second = read("工務局主辦幾項？其中已完成幾項？")
    assert first.filters.status is None and second.filters.status == "A"
    assert second.filters.agency == "工務局" and second.understanding.narrows


def test_sibling_asks_share_the_subject_not_the_condition(read):
    lead, co = read("社會局主辦幾項、協辦又有幾項？")
    assert (lead.filters.agency_role, co.filters.agency_role) == ("lead", "co")
    assert co.filters.agency == "社會局"


def test_a_follow_up_narrows_the_previous_turn(read):
    reading = only(read("那還沒做完的是哪幾項？", "工務局主辦的項目有哪些？"))
    assert (reading.filters.agency, reading.filters.status) == ("工務局", "B")
    assert reading.understanding.follow_up


def test_a_follow_up_from_stored_filters(read, toy_assistant):
    earlier = toy_assistant.ask("勞動局主辦的項目有哪些？")
    reading = only(read("那協辦的呢？", Turn(question="（已刪）", filters=earlier.filters)))
    assert (reading.filters.agency, reading.filters.agency_role) == ("勞動局", "co")


def test_a_new_subject_is_not_a_follow_up(read):
    reading = only(read("消防局主辦的項目有哪些？", "工務局主辦的項目有哪些？"))
    assert reading.filters.agency == "消防局" and not reading.understanding.follow_up


def test_it_after_an_agencys_rows_is_the_rows_when_a_field_of_them_is_asked(read):
    before = "消防局主辦的項目有哪些？"
    progress = only(read("它目前的進度如何？", before))  # the row's progress: the row just listed
    assert progress.understanding.narrows and progress.filters.agency == "消防局"
    co = only(read("它協辦幾項？", before))  # rows counted anew: 它 is the agency
    assert not co.understanding.narrows and (co.filters.agency, co.filters.agency_role) == ("消防局", "co")
    own = only(read("它的預算執行率是多少？", before))  # something of its own: 它 is the agency
    assert not own.understanding.narrows and own.filters.agency == "消防局"


def test_a_word_the_corpus_lacks_is_no_unknown_subject_beside_a_record_named_whole(read):
    # 說法 is in no toy document; beside a row named by its whole name it says what about the row is asked.
    named = read("「擴大長者共餐據點」到底辦得如何？報告前後說法好像不一樣。")
    assert all(r.ungrounded == [] for r in named)
    assert "說法" in only(read("共餐據點的報告前後說法好像不一樣？")).ungrounded


def test_a_count_of_a_noun_of_its_own_about_a_row_pointed_at_is_a_stated_number(read):
    # 說明會 is no column of the rows listed: how many the row's text states, not a list of rows
    reading = only(read("設置社區防災倉庫那一項，一共有幾個說明會？", "消防局主辦的項目有哪些？"))
    assert reading.understanding.narrows and reading.intent == "lookup"


def test_a_role_asked_of_the_rows_just_listed_is_their_column(read):
    for question in ("工務局主辦的項目有哪些？協辦是誰？", "工務局主辦的項目有哪些？它們的協辦單位是哪些？"):
        listed = only(read(question))
        assert (listed.filters.agency_role, listed.filters.show) == ("lead", ["co_agencies"])
    lead, co = read("工務局主辦的項目有哪些？協辦又有幾項？")  # the agency's co-organised rows, counted anew
    assert co.intent == "count" and co.filters.agency_role == "co"


def test_why_in_a_turn_of_its_own_after_rows_asks_the_reasons_for_those_rows(read):
    reading = only(read("為什麼還沒完成？", "工務局主辦、還在執行中的項目有哪些？"))
    assert reading.understanding.narrows and reading.intent == "free"
    assert (reading.filters.agency, reading.filters.status) == ("工務局", "B")  # the rows' conditions kept


def test_a_word_of_the_subject_before_refers_back_to_it(read):
    # 據點 is part of the item just asked about: 為什麼據點還不夠 asks about that item, not about every 據點.
    before = "擴大長者共餐據點辦得如何？"
    reading = only(read("為什麼據點還不夠？", before))
    assert reading.understanding.follow_up and reading.filters.items == ["擴大長者共餐據點"]
    assert not only(read("防災講座辦了幾場？", before)).understanding.follow_up


def test_a_word_the_corpus_does_not_print_names_no_new_subject(read, vocabulary):
    # 低執行率 is one edit from the printed 算執行率, so it is grounded (not refused), but the corpus never
    # prints it: it describes the figure just given, and the reply asks about that figure's subject.
    assert vocabulary.terms.grounded("低執行率") and not vocabulary.terms.printed("低執行率")
    before = only(read("110年度預算執行率是多少？"))
    reading = only(read("為什麼是低執行率？", "110年度預算執行率是多少？"))
    assert reading.understanding.follow_up and reading.filters.years == before.filters.years == [110]


def test_a_count_of_something_no_record_holds_asks_for_a_stated_number(read):
    reading = only(read("本年度辦了幾場防災講座？"))
    assert reading.intent == "lookup"


def test_a_list_of_what_no_record_holds_is_a_description(read):
    assert only(read("測試局列了哪些未來方向？")).intent == "free"


def test_which_agency_is_an_asked_field(read):
    reading = only(read("防災倉庫是哪個局處負責的？"))
    assert reading.intent == "lookup" and "progress_item.lead_agency" in reading.filters.measures


def test_a_role_word_without_an_agency_is_a_verb(read):
    reading = only(read("本年度主辦了幾場講座？"))
    assert "progress_item.lead_agency" not in reading.filters.measures


def test_filler_words_are_not_content(read):
    reading = only(read("請問目前這幾年防災倉庫的進度如何？"))
    assert not {"請問", "目前", "這幾年", "進度", "如何"} & {t.text for t in reading.terms}
    assert not reading.ungrounded


def test_a_word_the_corpus_never_uses_is_ungrounded(read):
    assert only(read("工務局的巨蛋進度如何？")).ungrounded == ["巨蛋"]


def test_an_aspect_noun_is_not_the_subject_when_there_is_one(read):
    assert only(read("長者共餐有什麼特色？")).ungrounded == []
    assert only(read("天氣如何？")).ungrounded == ["天氣"]


def test_a_listed_phrase_ends_in_its_head_noun(read):
    reading = only(read("有哪些跟長者有關的項目？"))  # the modifier before 的 is not what is listed
    assert reading.intent == "list" and reading.filters.about == ["長者"]
    assert reading.filters.record_type == "progress_item"


def test_rows_about_an_agency_are_the_agencys_rows(read):
    f = only(read("跟社會局有關的項目有哪些？")).filters
    assert f.agency == "社會局" and f.about == []


def test_a_clause_that_attaches_columns_is_display_not_the_subject(read):
    f = only(read("工務局主辦的項目有哪些，附上年度目標")).filters
    assert f.record_type == "progress_item" and "target" in f.show


def test_a_breakdown_by_agency_takes_the_asked_role(read):
    assert only(read("哪個局處協辦的項目最多？")).filters.group_by == "progress_item.co_agencies"
    assert only(read("哪個局處主辦的項目最多？")).filters.group_by == "progress_item.lead_agency"


def test_how_much_of_the_rows_in_a_status_is_a_count(read):
    reading = only(read("工務局的項目完成了多少？"))
    assert reading.intent == "count" and reading.filters.status == "A"


def test_a_count_of_a_fields_values_is_a_breakdown_by_that_field(read):
    assert only(read("一覽表裡有幾個領域？")).filters.group_by == "progress_item.domain"


def test_an_english_list_about_a_subject_is_answered_from_the_passages(read):
    assert only(read("Which items are related to street lights?")).intent == "free"
    assert only(read("Which items does the Public Works Department lead?")).intent == "list"


def test_a_count_of_bodies_a_text_names_asks_for_the_stated_number(read):
    reading = only(read("防災倉庫有幾個單位進駐？"))  # no row counts bodies: the documents may say it
    assert reading.intent == "lookup" and reading.understanding.counted == "單位"
    assert only(read("工務局主辦幾項？")).understanding.counted is None
    follow = only(read("那裡面有幾個單位進駐？", "防災倉庫是做什麼的？"))  # the place named the turn before
    assert follow.intent == "lookup" and follow.understanding.counted == "單位"
    assert only(read("其中有幾個單位？", "工務局主辦的項目有哪些？")).intent != "lookup"  # no place: rows


def test_a_counted_topic_is_the_run_of_content_words_closing_it(read):
    reading = only(read("110年計畫有幾項？"))
    assert reading.understanding.counted == "計畫"
    assert only(read("其中已完成幾項？", "工務局主辦的項目有哪些？")).understanding.counted is None
    assert only(read("110年計畫修完剩幾項？")).understanding.counted == "計畫"  # a verb done before the count
    assert only(read("110年計畫調整之後有幾項？")).understanding.counted == "計畫"


def test_a_later_ask_counting_a_noun_of_its_own_does_not_inherit_the_record_type(read):
    first, second = read("工務局主辦的項目有幾項？計畫又有幾項？")
    assert first.filters.record_type == "progress_item"
    assert second.understanding.counted == "計畫" and second.filters.record_type is None


def test_a_row_label_read_inside_a_longer_run_of_another_rows_label_stands_for_that_row():
    from assistant.linking.gazetteer import Entry
    from assistant.linking.linker import Link
    from assistant.understanding.reading import _widened

    short = Link(Entry("table_row", "決算", "決算"), 1, 3, 1.0, "exact")
    longer = Link(Entry("table_row", "人事費占決算比例(%)", "人事費占決算比例(%)"), 0, 5, 0.6, "fragment")
    other = Link(Entry("item", "決算說明", "決算說明"), 1, 5, 0.5, "fragment")  # another kind: no bearing
    assert _widened([short], [longer, other]) == [longer]
    assert _widened([short], [other]) == [short]


def test_what_was_achieved_asked_with_how_much_is_the_actual(read):
    measures = read("110年服務滿意度達成多少？達成度呢？")[0].filters.measures
    assert "kpi_result.actual" in measures
    readings = read("110年服務滿意度達成多少？")
    assert "kpi_result.achievement" not in readings[0].filters.measures


def test_which_rows_a_revision_removed_is_asked_of_the_documents_text(read):
    assert only(read("110年刪除了哪些項目？")).intent == "free"
    assert only(read("工務局主辦的項目新增了哪些？")).intent == "list"  # rows picked by their content first


def test_a_word_of_a_named_documents_title_names_that_document_not_a_subject(read):
    reading = only(read("年度施政那份報告裡的倉庫有哪些？"))  # 報告 stands apart from the title part
    assert reading.filters.files == ["toy_report.txt"]
    assert "報告" not in reading.filters.topic and "倉庫" in reading.filters.topic


def test_a_content_word_right_before_the_item_noun_says_which_rows(read):
    assert only(read("社會局主辦的共餐項目有哪些？")).filters.about == ["共餐"]
    assert only(read("工務局的路燈的項目有幾項？")).filters.about == ["路燈"]
    assert only(read("工務局主辦而且已完成的項目清單")).filters.about == []  # after the noun: not a modifier


def test_a_quoted_name_the_corpus_never_prints_is_unknown_though_its_words_are_known(read):
    assert only(read("「防災志工城市」有哪些項目？")).ungrounded == ["防災志工城市"]
    assert only(read("「社區防災」有哪些項目？")).ungrounded == []


def test_which_body_a_row_has_is_looked_up_even_asked_with_which_one(read):
    reading = read("它的主辦機關是哪個？", "設置社區防災倉庫這項辦得如何？")[-1]
    assert reading.intent == "lookup" and "progress_item.lead_agency" in reading.filters.measures
    assert only(read("那其中尚未完成的是哪一個？", "工務局主辦的項目有哪些？")).intent == "list"


def test_a_noun_right_after_the_item_noun_that_is_an_item_field_is_that_field(read):
    reading = only(read("工務局主辦的項目年度目標各是什麼？"))
    assert reading.filters.record_type == "progress_item" and reading.intent == "list"
    assert "progress_item.target" in reading.filters.measures


def test_a_row_named_in_part_links_only_where_nothing_else_claimed_the_words():
    from assistant.linking.gazetteer import Entry
    from assistant.linking.linker import Link
    from assistant.understanding.question import QuestionText
    from assistant.understanding.reading import _named_in_part

    text = QuestionText("約聘僱呢")
    part = Link(Entry("table_row", "約聘僱人員", "約聘僱人員"), 0, 3, 0.6, "fragment")
    assert _named_in_part(text, [], [part], []) == [part]
    text.mask(0, 2)  # another reading claimed the words
    assert _named_in_part(text, [], [part], []) == []
    whole = Link(Entry("table_row", "職員", "職員"), 0, 2, 1.0, "exact")
    assert _named_in_part(QuestionText("約聘僱呢"), [whole], [part], []) == []  # a row named whole wins


def test_a_theme_named_in_part_links_as_a_row_label_does():
    from assistant.linking.gazetteer import Entry
    from assistant.linking.linker import Link
    from assistant.understanding.question import QuestionText
    from assistant.understanding.reading import _named_in_part

    theme = Link(Entry("theme", "強化市民參與", "X"), 0, 4, 0.67, "fragment")
    other = Link(Entry("theme", "強化城市韌性", "Y"), 0, 2, 0.33, "fragment")
    row = Link(Entry("table_row", "參與人數", "參與人數"), 2, 4, 0.5, "fragment")
    assert _named_in_part(QuestionText("市民參與的指標"), [], [theme, other, row], []) == [row, theme]  # one per kind
    tied = Link(Entry("theme", "市民參與深化", "Z"), 0, 4, 0.67, "fragment")
    assert _named_in_part(QuestionText("市民參與的指標"), [], [theme, tied], []) == []  # no one theme it shares most of


def test_which_agency_each_row_before_has_lists_those_rows(read):
    reading = read("它們分別由誰主辦？", "有哪些跟遊戲場有關的項目？")[-1]
    assert reading.intent == "list" and reading.filters.about == ["遊戲場"]


def test_a_list_of_items_no_filter_narrows_is_narrowed_by_its_own_words(read):
    assert only(read("市府針對路燈有哪些政策？")).filters.about == ["路燈"]
    assert only(read("一覽表裡有哪些政策項目？")).filters.about == []


def test_a_value_asked_of_nothing_named_after_a_list_is_asked_of_the_listed_rows(read):
    first, second = read("工務局主辦、已完成的項目有哪些？年度目標是什麼？")
    assert second.understanding.narrows and second.intent == "list"
    assert second.filters.status == first.filters.status and "progress_item.target" in second.filters.measures


def test_a_reason_asked_after_a_list_is_asked_of_the_listed_rows(read):
    first, second = read("工務局主辦、已完成的項目有哪些？原因是什麼？")
    assert second.intent == "free" and second.understanding.narrows
    assert second.filters.status == first.filters.status


def test_a_place_after_the_list_word_is_where_the_rows_are_not_what_is_listed(read):
    reading = only(read("請完整列出市民服務一覽表中，由工務局主辦的所有項目。"))
    assert reading.intent == "list" and reading.understanding.counted is None
    assert (reading.filters.agency, reading.filters.files) == ("工務局", ["toy_table.txt"])


def test_english_words_for_the_kpi_noun_and_for_in_total_name_no_subject(read):
    reading = only(read("How many key performance indicators did the (ROC year 110) report set in total?"))
    assert reading.filters.subject == "kpi" and reading.filters.years == [110]
    assert not {"key", "performance", "total"} & set(reading.filters.topic)
    assert "total" in only(read("What was the total headcount in ROC 110?")).filters.topic  # the total row


def test_a_deictic_year_word_is_no_subject(read):
    readings = read("那決算是多少？當年的人事費又是多少？", "測試局110年度預算是多少？")
    assert all("當年" not in r.filters.topic for r in readings)


def test_an_agencys_rows_in_a_role_asked_with_no_list_word_are_listed(read):
    assert only(read("工務局主辦了什麼？")).intent == "list"
    assert only(read("可以幫我整理社會局當協辦單位的所有項目嗎")).intent == "list"
    assert only(read("What items does the Public Works Department lead that are still in progress?")).intent == "list"
    assert only(read("工務局主辦的項目進度如何？")).intent == "free"  # how they fare is described
    assert only(read("工務局主辦項目的成效")).intent == "free"  # an aspect of them is asked


def test_a_list_asking_for_nothing_named_after_a_count_lists_the_rows_counted(read):
    count, listed = read("工務局主辦、已完成的有幾項？是哪幾項？")
    assert (listed.intent, listed.understanding.narrows) == ("list", True)
    assert (listed.filters.agency, listed.filters.status) == (count.filters.agency, count.filters.status) == ("工務局", "A")


def test_a_lead_and_a_co_organiser_named_each_in_its_own_role_are_one_ask(read):
    f = only(read("社會局主辦、衛生局協辦的項目有哪些？")).filters
    assert (f.agency, f.agency_role, f.with_agencies) == ("社會局", "lead", ["衛生局"])
    assert len(read("社會局和衛生局協辦的項目有哪些？")) == 2  # joined agencies share the role: one ask each
    both = only(read("社會局主辦、衛生局協辦，一起負責的項目有哪些？")).filters  # working together, in those roles
    assert (both.agency, both.with_agencies) == ("社會局", ["衛生局"])


def test_an_english_ask_naming_a_document_by_its_kind_reads_that_document(read):
    assert only(read("Which items of the progress table are led by the Public Works Department?")).filters.files \
        == ["toy_table.txt"]


def test_a_count_under_a_named_label_counts_its_rows_not_the_labels(read):
    reading = only(read("「長者照顧」這個綱要底下有幾項？"))  # 底下: where the rows are counted
    assert (reading.intent, reading.filters.outline, reading.filters.group_by) == ("count", "長者照顧", None)
    assert only(read("白皮書有幾個綱要？")).filters.group_by == "progress_item.outline"  # how many labels


def test_a_breakdown_by_agency_of_several_named_agencies_counts_each(read):
    readings = read("工務局跟社會局各主辦幾項？")
    assert [(r.intent, r.filters.agency, r.filters.group_by) for r in readings] == \
        [("count", "工務局", None), ("count", "社會局", None)]
    assert only(read("各局處主辦幾項？")).intent == "group"  # no agency named: every agency's count


def test_a_named_row_asked_for_its_prose_by_a_list_word_is_described_not_listed(read):
    # 這個項目 names the row's kind, yet the row is named: its 成果 are told
    named = only(read("設置社區防災倉庫這個項目有哪些成果？"))
    assert named.intent == "free" and named.filters.items == ["設置社區防災倉庫"]
    assert only(read("社會局主辦的項目有哪些成果？")).intent == "list"  # no row named: the rows are listed


def test_whether_a_target_was_reached_asks_the_results_beside_the_target(read):
    reached = only(read("設置社區防災倉庫有達到倉庫數目標嗎？")).filters.measures
    assert "progress_item.target" in reached and "progress_item.results" in reached
    target = only(read("設置社區防災倉庫的目標是什麼？")).filters.measures
    assert "progress_item.target" in target and "progress_item.results" not in target


def test_an_english_sentence_states_the_scope_of_all_its_asks_once_at_its_end(read):
    first, second = read("How many items and how many completed items does the ROC 110 table list?")
    assert first.filters.years == second.filters.years == [110]
    before, after = read("How many items are there? How many were completed in ROC 110?")
    assert before.filters.years == [] and after.filters.years == [110]  # two sentences: no shared scope
    zh_first = read("工務局主辦幾項、110年完成幾項？")[0]
    assert zh_first.filters.years == []  # Chinese states a shared scope first


def test_names_sharing_the_typed_form_are_told_apart_by_the_asked_years_then_by_length():
    from assistant.linking.gazetteer import Entry
    from assistant.linking.linker import Link
    from assistant.understanding.reading import _longest

    plain = Entry("kpi", "某項預算達成率", "某項預算達成率", ("b.txt",), (109,))
    aside = Entry("kpi", "某項預算達成率(綜合類)", "某項預算達成率(綜合類)", ("a.txt",), (107,))
    links = [Link(aside, 0, 7, 1.0, "exact"), Link(plain, 0, 7, 1.0, "exact")]
    assert _longest(links, "kpi", [109]) == "某項預算達成率"
    assert _longest(links, "kpi", [107]) == "某項預算達成率(綜合類)"
    assert _longest(links, "kpi") == "某項預算達成率"  # nothing asked tells: the fewest characters beyond what was typed


def test_a_preamble_before_a_colon_states_the_askers_purpose_not_what_is_asked(read):
    framed = only(read("議員辦公室要做對照表：工務局主辦的項目請全部列出。"))
    assert framed.intent == "list" and framed.filters.agency == "工務局"
    assert framed.ungrounded == [] and not framed.filters.compare  # 對照表 is the asker's, not a comparison
    topic = only(read("太空梭計畫：工務局有哪些？"))
    assert "太空梭" in "".join(topic.ungrounded), "a topic before a colon states no purpose: it is the ask's"
    plain = only(read("工務局主辦的太空梭計畫有哪些？"))
    assert "太空梭" in "".join(plain.ungrounded)  # without a colon the words are the ask's own


def test_a_follow_up_pointing_back_keeps_the_rows_while_it_asks_about_a_noun_of_its_own(read):
    reading = only(read("消防局針對這個問題提出了哪些對策？", "工務局主辦的項目有哪些？"))
    assert reading.intent == "free" and reading.understanding.narrows
    assert reading.filters.record_type == "progress_item" or reading.filters.subject == "item"
    counted = only(read("行動計畫剩下幾項？", "工務局主辦的項目有幾項？"))
    assert counted.filters.subject is None and counted.filters.record_type is None  # a count of its own noun


def test_a_plan_asked_of_a_named_row_is_told_in_its_text(read):
    assert only(read("設置社區防災倉庫未來有什麼打算？")).intent == "free"


def test_an_about_phrase_no_text_prints_whole_stands_for_each_of_its_words(read):
    assert only(read("跟青年貸款有關的項目有哪些？")).filters.about == ["青年 貸款"]  # 辦理青年創業貸款
    assert only(read("跟防災倉庫有關的項目有哪些？")).filters.about == ["防災倉庫"]  # printed as it is


def test_a_nouns_part_before_a_clause_mark_marks_the_topic_not_a_documents_parts(read):
    topic = read("防災倉庫的部分：測試局報告說完成幾處？")[0]
    assert topic.filters.facts == [] and "倉庫" in topic.filters.topic
    assert only(read("測試局110年度施政報告分成哪幾個部分？")).filters.facts == ["parts"]


def test_a_clause_naming_only_documents_says_where_the_ask_before_is_answered(read):
    readings = read("防災倉庫做了哪些事？請對照測試局110年度施政報告和市民服務一覽表說明。")
    assert len(readings) == 1
    assert set(readings[0].filters.files) == {"toy_report.txt", "toy_table.txt"}
    asks = read("防災倉庫做了哪些事？測試局110年度施政報告的報告者是誰？")
    assert len(asks) == 2  # a document's own fact is an ask of its own
    one = read("防災倉庫做了哪些事？到了測試局110年度施政報告又調整成怎樣？")
    assert len(one) == 2  # one document named: what it says is asked


def test_a_follow_up_asking_the_figure_reached_asks_the_outcome_not_the_target_before(read):
    earlier = only(read("設置社區防災倉庫的年度目標是什麼？"))
    assert "progress_item.target" in earlier.filters.measures
    reached = only(read("最後做到幾處？", "設置社區防災倉庫的年度目標是什麼？"))
    assert "progress_item.results" in reached.filters.measures and "progress_item.target" not in reached.filters.measures


def test_a_noun_after_a_name_and_a_demonstrative_says_what_the_name_is(read):
    reading = only(read("設置社區防災倉庫這項政見的進度如何？"))
    assert reading.filters.items == ["設置社區防災倉庫"] and "政見" not in [t.text for t in reading.terms]


def test_the_day_a_document_was_presented_is_asked_by_which_day(read):
    assert "date" in only(read("測試局110年度施政報告是哪天報告的？")).filters.facts


def test_an_agency_that_says_which_document_is_meant_is_no_agency_filter(read):
    assert only(read("消防局那份報告提到哪些防災講座？")).filters.agency is None
    assert only(read("工務局主辦的項目有哪些？")).filters.agency == "工務局"
    assert only(read("消防局的組織調整有哪些項目？")).filters.agency == "消防局"  # no demonstrative: the agency


def test_a_singular_it_after_an_agencys_rows_is_the_agency(read):
    first, second = read("工務局主辦且仍在執行中的項目有哪些？另外它協辦的有幾項？")
    assert first.filters.status == "B"
    assert (second.intent, second.filters.agency, second.filters.agency_role) == ("count", "工務局", "co")
    assert not second.understanding.narrows and second.filters.status is None  # its own rows, not the first ask's
    narrowed = read("工務局主辦且仍在執行中的項目有哪些？它們當中有教育局協辦的嗎？")[-1]
    assert narrowed.understanding.narrows


def test_whether_a_kpi_met_its_target_is_asked_of_its_figures():
    from dataclasses import replace

    from assistant.understanding.cues import read_cues
    from assistant.understanding.models import QuestionFilters
    from assistant.understanding.reading import _met_asked

    text = "有達到目標嗎"
    cues = read_cues(text)
    assert cues.intent == "free"  # 嗎 alone reads as a question in words
    assert _met_asked("free", text, cues, QuestionFilters(kpi_name="某指標")) == "lookup"
    assert _met_asked("free", text, cues, QuestionFilters(items=["某項目"])) == "free"  # an item's results are prose
    assert _met_asked("free", text, replace(cues, asks_reason=True), QuestionFilters(kpi_name="某指標")) == "free"
    assert _met_asked("free", "它的目標是什麼嗎", cues, QuestionFilters(kpi_name="某指標")) == "free"


def test_both_roles_asked_of_a_row_ask_for_both_agencies(read):
    reading = only(read("推動公園遊戲場更新這項，主辦跟協辦機關分別是誰？"))
    assert {"progress_item.lead_agency", "progress_item.co_agencies"} <= set(reading.filters.measures)
    one = only(read("推動公園遊戲場更新這項是誰主辦？"))
    assert "progress_item.co_agencies" not in one.filters.measures


def test_which_label_a_named_row_holds_is_a_lookup_of_that_field(read):
    one = only(read("「建置智慧路燈」被歸在哪個類別？"))
    assert (one.intent, one.filters.items, one.filters.measures) == ("lookup", ["建置智慧路燈"], ["progress_item.category"])
    both = read("「建置智慧路燈」屬於哪個綱要、哪個類別？")
    assert [r.intent for r in both] == ["lookup", "lookup"]  # the second asks the same row's field
    assert both[1].filters.items == ["建置智慧路燈"] and both[1].filters.measures == ["progress_item.category"]
    assert only(read("工務局主辦的項目有哪些類別？")).intent != "lookup"  # no one row named: its rows' labels


def test_rows_lacking_a_field_are_a_condition_not_a_request_for_that_field(read):
    reading = only(read("沒有年度目標的項目有哪些？"))
    assert reading.filters.lacking == ["progress_item.target"] and "progress_item.target" not in reading.filters.measures
    assert only(read("有沒有年度目標？", "工務局主辦的項目有哪些？")).filters.lacking == []


def test_a_time_a_value_is_counted_to_is_no_question_of_the_as_of_date(read):
    assert only(read("設置社區防災倉庫截至年底實際完成幾處？")).filters.facts == []
    assert only(read("設置社區防災倉庫到6月為止完成幾處？")).filters.facts == []
    assert "as_of" in only(read("這份一覽表的資料截至什麼時候？")).filters.facts



def test_an_alternative_clause_keeps_the_scope_and_states_its_own_condition(read):
    first, second = read("工務局主辦的項目中，哪些已完成，或是有協辦機關？")
    assert (first.filters.agency, first.filters.status, first.filters.has_co_agency) == ("工務局", "A", None)
    assert (second.intent, second.filters.agency, second.filters.status, second.filters.has_co_agency) == (
        "list", "工務局", None, True)  # the rows of another condition, not those of both


def test_a_list_of_columns_only_after_a_count_lists_the_rows_counted(read):
    count, shown = read("工務局主辦幾項？列一下項次跟名稱")
    assert count.intent == "count"
    assert (shown.intent, shown.understanding.narrows, shown.filters.agency) == ("list", True, "工務局")
    assert "progress_item.item_no" in shown.filters.measures


def test_pledges_are_what_people_call_the_progress_tables_items(read):
    f = only(read("消防局主辦的政見有哪些？")).filters
    assert (f.agency, f.record_type) == ("消防局", "progress_item")
    assert "政見" not in f.topic


def test_what_a_label_heads_is_its_rows_whatever_the_user_calls_them(read):
    reading = only(read("「社區防災」這個類別下面有哪些工作在推？"))
    assert reading.intent == "list" and reading.filters.category


def test_an_ask_about_a_kpi_naming_one_in_part_is_of_that_kpi_unless_another_is_named_as_well(read):
    from dataclasses import replace

    from assistant.linking.gazetteer import Entry
    from assistant.linking.linker import Link
    from assistant.understanding.reading import _of_the_kpi_named_in_part

    reading = read("倉庫家數那個指標目標多少？")[0]
    assert reading.filters.subject == "kpi" and reading.filters.kpi_name is None
    named = Entry("kpi", "協助本市倉庫家數", "協助本市倉庫家數", ("x.txt",), (110,))
    mention = Link(named, 0, 4, 0.67, "fragment")
    found = _of_the_kpi_named_in_part(replace(reading, fragments=[mention]))
    assert found.filters.kpi_name == "協助本市倉庫家數" and "倉庫" not in found.filters.topic
    rival = Link(Entry("kpi", "倉庫興建家數", "倉庫興建家數", ("x.txt",), (110,)), 0, 4, 0.67, "fragment")
    assert _of_the_kpi_named_in_part(replace(reading, fragments=[mention, rival])).filters.kpi_name is None


def test_a_later_ask_naming_nothing_of_its_own_keeps_the_words_before_for_answering(read):
    first, second = read("防災講座辦了幾場？又有多少市民參加？")
    assert second.earlier_topic and all(w in first.filters.topic for w in second.earlier_topic)
    named = read("防災講座辦了幾場？工務局的遊戲場呢？")[1]
    assert named.earlier_topic == []  # it names a subject of its own


def test_a_word_the_corpus_lacks_in_a_clause_adding_rows_is_no_subject(read):
    reading = only(read("工務局主辦的項目有哪些？漏了名字的那幾列也一併算進來"))
    assert reading.filters.agency == "工務局" and not reading.filters.topic and not reading.ungrounded
    # …while a word it lacks in a clause that keeps rows still is
    assert only(read("工務局主辦、跟巨蛋有關的項目有哪些？")).ungrounded == ["巨蛋"]


def test_a_figure_reached_asked_beside_another_field_asks_the_outcome_and_that_field(read):
    readings = read("推動公園遊戲場更新的年度目標是什麼？最後做到幾座？辦理等級是？")
    assert "progress_item.target" in readings[0].filters.measures
    later = readings[-1].filters.measures
    assert "progress_item.results" in later and "progress_item.status_code" in later
    assert "progress_item.target" not in later


def test_a_kpi_named_in_part_is_linked_where_the_group_whose_decks_report_kpis_is_named():
    from assistant.linking.gazetteer import Entry
    from assistant.linking.linker import Link
    from assistant.understanding.models import QuestionFilters, Understanding
    from assistant.understanding.reading import Reading, _kpi_named_in_part

    part = Link(Entry("kpi", "新開店家數", "新開店家數", years=(110,)), 4, 8, 0.8, "fragment")

    def reading(filters: QuestionFilters, intent: str = "lookup", measures: tuple = ("kpi_result.actual",)) -> Reading:
        filters = filters.model_copy(update={"measures": list(measures)})
        return Reading(Understanding(question="甲組110年新開店有幾家", normalized="甲組110年新開店有幾家",
                                     language="zh", intent=intent, filters=filters), fragments=[part])

    assert _kpi_named_in_part(reading(QuestionFilters(group="甲", years=[110]))) == part
    assert _kpi_named_in_part(reading(QuestionFilters(years=[110]))) is None  # about other rows, maybe
    # how the group goes about it is what its decks' text tells, not a KPI's figures
    assert _kpi_named_in_part(reading(QuestionFilters(group="甲", years=[110]), intent="free")) is None
    assert _kpi_named_in_part(reading(QuestionFilters(group="甲", years=[110]), measures=())) is None  # 策略是什麼
