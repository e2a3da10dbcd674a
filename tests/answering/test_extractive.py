from assistant.answering.extractive import MAX_SENTENCE_CHARS, figure_in, is_label, opening_label, select, \
    split_sentences
from assistant.answering.terms import Term
from assistant.index.indexed_passage import IndexedPassage

ROW = ("四十五、擴大敬老愛心卡\t50、擴大敬老愛心卡功能\t社會局\t-\t擴大使用至少3項交通運輸工具\t"
       "一、112年4月1日起本市敬老愛心計程車單趟補助點數自50點提高至65點。 二、112年7月1日起敬老卡、愛心卡適用臺鐵點數扣抵，"
       "每趟扣抵30點。 三、112年12月18日起敬老卡適用經國七海文化園區點數扣抵，每次使用扣抵50點。\tB執行中")


def passage(text: str, line: int = 64, context: str = "#50 擴大敬老愛心卡功能", pid: str | None = None) -> IndexedPassage:
    return IndexedPassage(id=pid or f"t.txt:{line}-{line + text.count(chr(10))}", file="t.txt", line=line,
                          end_line=line + text.count("\n"), text=text, context=context, doc_kind="text",
                          title="t", years=(112,), agencies=())


def term(text: str, weight: float = 1.0) -> Term:
    return Term(text, weight, True)


def test_sentences_are_exact_pieces_of_the_passage_without_list_numbering():
    p = passage(ROW)
    sentences = split_sentences(p, rank=0)
    texts = [s.text for s in sentences]
    assert "112年4月1日起本市敬老愛心計程車單趟補助點數自50點提高至65點。" in texts
    assert all(p.text[s.start:s.end] == s.text for s in sentences)
    assert not any(t.startswith(("一、", "二、", "50、")) for t in texts)


def test_sentences_know_their_file_line():
    p = passage("第一行說明文字。\n第二行說明文字，有更多內容。", line=10)
    assert [s.line for s in split_sentences(p, 0)] == [10, 11]


def test_labels_and_repeats_of_the_heading_are_not_quoted():
    sentences = {s.text: s for s in split_sentences(passage(ROW), 0)}
    assert "擴大敬老愛心卡" not in sentences  # a 7-character fragment is not a sentence at all
    assert is_label(sentences["擴大敬老愛心卡功能"])
    assert not is_label(sentences["112年7月1日起敬老卡、愛心卡適用臺鐵點數扣抵，每趟扣抵30點。"])


def test_the_sentence_holding_the_asked_words_is_chosen():
    chosen = select(split_sentences(passage(ROW), 0), [term("敬老卡", 2.0), term("臺鐵", 5.0)])
    assert chosen[0].text == "112年7月1日起敬老卡、愛心卡適用臺鐵點數扣抵，每趟扣抵30點。"


def test_answers_stay_short_whatever_the_passages():
    long_text = "。".join(f"敬老卡第{i}項措施說明，內容包含臺鐵與公車的點數扣抵規定" for i in range(40)) + "。"
    passages = [passage(long_text, line=i, pid=f"p{i}") for i in range(1, 6)]
    sentences = [s for rank, p in enumerate(passages) for s in split_sentences(p, rank)]
    chosen = select(sentences, [term("敬老卡"), term("臺鐵")], max_sentences=4, max_chars=300)
    assert 0 < len(chosen) <= 4
    assert sum(len(s.text) for s in chosen) <= 300


def test_a_row_is_on_topic_as_a_whole():
    first = passage("敬老卡的規劃說明，共有三項措施。", line=1, pid="row#1")
    second = passage("112年12月完成經國七海點數扣抵作業。", line=1, pid="row#2")
    sentences = [*split_sentences(first, 0), *split_sentences(second, 1)]
    latest = lambda s: 1.0 if s.passage.id == "row#2" else 0.0  # noqa: E731 (the latest results first)
    alone = select(sentences, [term("敬老卡")], bonus=latest)
    grouped = select(sentences, [term("敬老卡")], bonus=latest, topical_group=lambda p: "row")
    assert all(s.passage.id == "row#1" for s in alone)
    assert any(s.passage.id == "row#2" for s in grouped)


def test_topic_terms_decide_what_is_on_topic_scoring_terms_what_is_quoted():
    p = passage("本案已提高補助金額至5萬元。", pid="x")
    assert not select(split_sentences(p, 0), [term("補助"), term("敬老卡", 5.0)])
    chosen = select(split_sentences(p, 0), [term("補助"), term("提高")], topic=[term("補助")])
    assert chosen and "提高" in chosen[0].text


def test_a_long_sentence_is_cut_to_its_best_clauses():
    filler = "，".join(f"其他事項第{i}點" for i in range(30))
    text = f"{filler}，本案重點為臺鐵點數扣抵，{filler}。"
    chosen = select(split_sentences(passage(text), 0), [term("臺鐵", 5.0)])
    assert len(chosen) == 1
    assert "臺鐵" in chosen[0].text and len(chosen[0].text) <= MAX_SENTENCE_CHARS
    assert chosen[0].text in text


# --- wrapped lines -------------------------------------------------------------------------------

def test_a_sentence_wrapped_over_lines_is_one_sentence_citing_each_line():
    p = passage("經檢討本項指標因調查每三年辦理一次，無\n法逐年比較成效，故改列為觀察指標。\n承辦局", line=40)
    sentences = split_sentences(p, 0)
    first = sentences[0]
    assert first.text == "經檢討本項指標因調查每三年辦理一次，無\n法逐年比較成效，故改列為觀察指標。"
    assert (first.line, first.end_line) == (40, 41)
    assert first.display == "經檢討本項指標因調查每三年辦理一次，無法逐年比較成效，故改列為觀察指標。"


def test_labels_finished_sentences_and_list_items_are_not_joined():
    text = "推動成果\n本年完成兩處改建，並開放使用。\n預計明年再增設一處，\n1. 下一項工作\n承辦局"
    texts = [s.text for s in split_sentences(passage(text), 0)]
    assert "本年完成兩處改建，並開放使用。" in texts  # the label line above has no clause mark
    assert "預計明年再增設一處" in texts  # the next line opens a numbered item
    assert not any("承辦局" in t for t in texts)


def test_short_sub_items_nested_under_a_line_belong_to_its_sentence():
    text = ("- 今年將開放更多場館供市民使用。\n - ① 河濱運動公園\n - ② 社區活動中心\n"
            "- 另將檢討收費標準，提高使用率。")
    sentences = split_sentences(passage(text, line=10), 0)
    first = sentences[0]
    assert first.text == "今年將開放更多場館供市民使用。\n - ① 河濱運動公園\n - ② 社區活動中心"
    assert (first.line, first.end_line) == (10, 12)
    assert first.display == "今年將開放更多場館供市民使用。 ① 河濱運動公園 ② 社區活動中心"
    assert [s.text for s in sentences[1:]] == ["另將檢討收費標準，提高使用率。"]
    introduced = split_sentences(passage("- 針對新住民發展**多元服務**：\n - ① 親子共學\n - ② 社區據點"), 0)
    assert introduced[0].display == "針對新住民發展**多元服務**： ① 親子共學 ② 社區據點"


def test_sub_items_that_say_something_alone_or_sit_no_deeper_stay_sentences():
    figures = "- ✓ 開設職能課程24班\n - ✓ 結訓人數超過900人"  # a figure is a fact of its own
    assert [s.text for s in split_sentences(passage(figures), 0)] == ["開設職能課程24班", "結訓人數超過900人"]
    siblings = "- 今年將開放更多場館供市民使用。\n- 河濱運動公園改建"  # same depth: a sibling, not a sub-item
    assert [s.text for s in split_sentences(passage(siblings), 0)] == ["今年將開放更多場館供市民使用。", "河濱運動公園改建"]


def test_wraps_reads_one_line_end():
    from assistant.answering.extractive import wraps

    text = "說明如下：\n完成盤點，共計\n二十處"
    assert not wraps(text, text.index("\n"))  # a colon ends the line's clause
    assert wraps(text, text.rindex("\n"))


def test_a_wrap_between_latin_words_reads_as_a_space():
    p = passage("系統改版後，導入single\nsign-on登入，減少重複作業。")
    assert split_sentences(p, 0)[0].display == "系統改版後，導入single sign-on登入，減少重複作業。"


def test_reason_words_are_read_but_responding_is_no_reason():
    from assistant.answering.extractive import gives_reason

    assert gives_reason("因颱風停工，工期順延兩個月。")
    assert gives_reason("由於預算刪減，改為分年辦理。")
    assert gives_reason("考量場地限制，故改於線上舉行。")
    assert not gives_reason("因應高齡化，新增共餐據點。")
    assert not gives_reason("本年完成兩處改建。")
    assert gives_reason("受颱風影響，工期延後一週。")  # what it was affected by
    assert not gives_reason("受理申請至月底，影響範圍另案公告。")  # 受 and 影響 in different clauses


def test_a_bullet_is_trimmed_but_bold_text_opening_a_sentence_keeps_its_marks():
    bold = split_sentences(passage("- **今年受颱風影響**，進度延後一週。"), 0)[0]
    assert bold.text == "**今年受颱風影響**，進度延後一週。"
    cut = split_sentences(passage("- **已開辦75處托嬰機構，遍佈12行政區。**"), 0)[0]
    assert cut.display == "已開辦75處托嬰機構，遍佈12行政區。", "a bold mark left unclosed is dropped from the display"
    starred = split_sentences(passage("* 今年進度延後一週，預計下月完工。"), 0)[0]
    assert starred.text == "今年進度延後一週，預計下月完工。"


def test_a_line_listed_in_its_passages_context_is_quoted_when_the_answer_shows_only_the_section():
    # a table passage's context lists its rows; quoted under the section heading, a row adds its name
    table = passage("A1.1 市民滿意度\nA1.2 公園綠地面積成長率\nA2.1 空氣品質良好日數", line=20,
                    context="一、永續城市 | A1.1 市民滿意度; A1.2 公園綠地面積成長率; A2.1 空氣品質良好日數")
    sentences = split_sentences(table, 0)
    terms = [term("公園綠地", 3.0)]
    assert select(sentences, terms) == []  # against the whole context every line is a label
    chosen = select(sentences, terms, heading=lambda s: "一、永續城市")
    assert [s.text for s in chosen] == ["A1.2 公園綠地面積成長率"]


def test_a_lift_ranks_its_sentence_without_raising_the_floor_the_others_must_reach():
    text = "因採購延誤，交貨時間延後。\n本年完成查核12件，查核進度良好。"
    sentences = split_sentences(passage(text, context="採購"), 0)
    reason = lambda s: 5.0 if s.text.startswith("因") else 0.0  # noqa: E731
    boosted = select(sentences, [term("查核")], bonus=reason)
    lifted = select(sentences, [term("查核")], lift=reason)
    assert [s.text for s in boosted] == ["因採購延誤，交貨時間延後。"]  # a bonus counts towards the floor
    assert [s.text for s in lifted] == ["因採購延誤，交貨時間延後。", "本年完成查核12件，查核進度良好。"]


def test_the_line_under_a_bracketed_label_the_ask_names_is_its_value():
    from assistant.answering.extractive import labelled_values

    p = passage("本府策略地圖\n\n【使命】\n為市民服務\n\n【願景】\n\n成為宜居城市\n", line=1, context="")
    assert [s.text for s in labelled_values(p, 0, [term("願景")])] == ["成為宜居城市"]
    assert [s.line for s in labelled_values(p, 0, [term("使命")])] == [4]
    assert labelled_values(p, 0, [term("目標")]) == []


def test_a_long_sentence_is_cut_around_the_figure_asked_for():
    filler = "、".join(f"「第{i}號活動」" for i in range(20))
    text = f"下半年辦理國際賽事，包括：{filler}，合計22場。"
    plain = select(split_sentences(passage(text), 0), [term("賽事")], wants_number=True)
    cut = select(split_sentences(passage(text), 0), [term("賽事")], wants_number=True, figure=figure_in("場"))
    assert "22場" not in plain[0].text  # the best run of the ask's words
    assert "22場" in cut[0].text and len(cut[0].text) <= MAX_SENTENCE_CHARS and cut[0].text in text
    assert figure_in("場").search("辦理 1,200 場") and not figure_in("場").search("場館2座")


def test_a_short_line_over_a_blank_line_heads_the_passage():
    titled = passage("長者日照中心布建策略\n\n- 至111年將增加23家。\n- 配合中央政策布建。", context="")
    assert opening_label(titled) == "長者日照中心布建策略"
    wrapped = passage("推動各項海外經貿拓銷\n交流，與國外城市合作。", context="")
    assert opening_label(wrapped) == ""  # a line that wraps a sentence runs straight on
    assert opening_label(passage("截至110年\n\n- 完成3處。", context="")) == ""  # a figure: no label


def test_a_short_line_stating_a_figure_in_chinese_numerals_is_no_label():
    stated = split_sentences(passage("2. 受訓者仍有六成未完成安全教育訓練", context=""), 0)[0]
    assert not is_label(stated, "")
    assert is_label(split_sentences(passage("職場安全衛生教育訓練推動", context=""), 0)[0], "")


def test_a_passage_titled_by_everything_asked_gives_all_its_points():
    points = "\n".join(f"- 第{n}項：長者日照中心將於各區增設據點並媒合民間單位。" for n in "一二三四五")
    slide = passage(f"長者日照中心布建策略\n\n{points}", line=10, context="", pid="slide")
    other = passage("- 長者日照中心的服務量持續成長，並辦理宣導。", line=40, context="", pid="other")
    sentences = [*split_sentences(slide, 0), *split_sentences(other, 1)]
    terms = [term("長者"), term("日照"), term("布建")]
    chosen = select(sentences, terms, heading=lambda s: opening_label(s.passage), max_chars=1000)
    assert sum(1 for s in chosen if s.passage.id == "slide") == 5  # not cut at PER_PASSAGE
    untitled = select(sentences, terms, heading=lambda s: "", max_chars=1000)
    assert sum(1 for s in untitled if s.passage.id == "slide") <= 3


def test_the_points_of_a_passage_its_own_title_says_is_the_ask_come_before_better_scored_sentences():
    points = "\n".join(f"- 第{n}項：媒合民間單位承租場地。" for n in "一二三")
    slide = passage(f"長者日照中心布建策略\n\n{points}", line=10, context="", pid="slide")
    busy = passage("- 長者日照中心布建的服務量：長者日照中心布建成果持續成長。\n- 長者日照中心布建宣導辦理完成。",
                   line=40, context="", pid="busy")
    sentences = [*split_sentences(busy, 0), *split_sentences(slide, 1)]
    terms = [term("長者"), term("日照"), term("布建")]
    chosen = select(sentences, terms, heading=lambda s: opening_label(s.passage), max_sentences=3, max_chars=1000)
    assert [s.passage.id for s in chosen] == ["slide"] * 3
    # a heading the passage does not print (the names of the records it holds) does not put it first
    untitled = passage(points, line=10, context="長者日照中心布建", pid="slide")
    sentences = [*split_sentences(busy, 0), *split_sentences(untitled, 1)]
    named = select(sentences, terms, heading=lambda s: s.passage.context, max_sentences=3, max_chars=1000)
    assert "busy" in {s.passage.id for s in named}


def test_a_longer_window_keeps_a_whole_reason_and_its_consequence():
    cause = "本年執行率偏低，主要係" + "，".join(f"第{i}期工程因審議程序延後" for i in range(1, 15)) + "，故目前尚無法動支。"
    sentence = split_sentences(passage(cause, context=""), 0)
    short = select(sentence, [term("執行率")], max_chars=1000)[0]
    whole = select(sentence, [term("執行率")], max_chars=1000, window=len(cause))[0]
    assert "尚無法動支" not in short.text and len(short.text) <= MAX_SENTENCE_CHARS
    assert whole.text == cause


def test_points_listed_under_a_label_inside_a_passage_are_headed_by_it():
    from assistant.answering.extractive import sub_heading

    slide = passage("未達目標之補充說明\n\n1.本局防災策略\n• 加強跨局處橫向聯繫。\n• 辦理演練。\n\n"
                    "2.建請各區辦理事項\n• 編列防災經費。\n本年度另說明如下，各區配合辦理。\n• 其他事項持續追蹤。",
                    context="")
    headed = {s.text: sub_heading(s) for s in split_sentences(slide, 0)}
    assert headed["加強跨局處橫向聯繫。"] == "本局防災策略"
    assert headed["辦理演練。"] == "本局防災策略", "a short point that ends its sentence is still a sentence"
    assert headed["編列防災經費。"] == "建請各區辦理事項"
    assert headed["其他事項持續追蹤。"] == "", "a line of prose between ends what the label heads"


def test_a_numbered_point_title_heads_its_lines_even_with_a_figure():
    from assistant.answering.extractive import sub_heading

    slide = passage("狀況分析\n\n1. 半數受訓者未完成課程\n 本年未完成者計12人。\n\n"
                    "累計三成\n 其他說明事項如下。", context="")
    headed = {s.text: sub_heading(s) for s in split_sentences(slide, 0)}
    assert headed["本年未完成者計12人。"] == "半數受訓者未完成課程"
    assert headed["其他說明事項如下。"] == "", "an unnumbered line stating a figure is no title"


def test_a_numbered_point_stating_a_figure_is_quoted_with_its_first_line():
    slide = passage("狀況分析\n\n1. 宣導場次不足\n • 本年辦理宣導3場。\n\n2. 受訓者仍有六成未完成訓練\n"
                    " • 本年未受訓者計10人，占58.9%。\n • 其餘說明另案辦理。", context="")
    texts = [s.text for s in split_sentences(slide, 0)]
    assert any("六成" in t and "58.9%" in t for t in texts)
    assert "本年辦理宣導3場。" in texts, "a title stating no figure is a label over its lines"
    assert "其餘說明另案辦理。" in texts, "only the first line joins its title"


def test_a_sentence_about_part_of_what_the_one_before_counts_is_read_with_it():
    p = passage("本年度受理申請共計40件。其中計有3件逾期，達成率為92.5%。另辦理說明會2場。")
    texts = [s.text for s in split_sentences(p, rank=0)]
    assert texts == ["本年度受理申請共計40件。其中計有3件逾期，達成率為92.5%。", "另辦理說明會2場。"]


def test_the_members_a_count_announces_are_quoted_whole():
    members = "、".join(f"{m}月與第{m}市簽署交流合作備忘錄" for m in range(1, 10))
    long = passage(f"本年度共與國際城市簽署9項合作備忘錄：{members}。")
    sentence = split_sentences(long, 0)[0]
    assert len(sentence.text) > MAX_SENTENCE_CHARS
    chosen = select([sentence], [term("備忘錄")], all_on_topic=True, members_window=4 * MAX_SENTENCE_CHARS)
    assert chosen[0].text == sentence.text, "no member is cut off"
    assert select([sentence], [term("備忘錄")], all_on_topic=True)[0].text != sentence.text  # past the limit: cut
    plain = passage("本年度辦理" + "，".join(f"第{n}場說明會於市府大樓舉行並邀請各界參與" for n in range(1, 9)) + "。")
    assert len(select(split_sentences(plain, 0), [term("說明會")], all_on_topic=True,
                      members_window=4 * MAX_SENTENCE_CHARS)[0].text) <= MAX_SENTENCE_CHARS  # no count announces them
