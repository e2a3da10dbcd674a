from assistant.linking.terms import TermReader
from assistant.understanding.question import QuestionText


def content(vocabulary, question):
    text = QuestionText(question)
    return vocabulary.terms.content(text)


def test_closed_word_classes_are_not_content(vocabulary):
    assert [t.text for t in content(vocabulary, "請問目前這幾年的情況")] == []
    assert [t.text for t in content(vocabulary, "換個話題，後來每一年")] == []  # discourse and time words
    assert [t.text for t in content(vocabulary, "走到哪一步了")] == []  # a numeral with its classifier
    assert [t.text for t in content(vocabulary, "這個案子")] == []  # a general noun for the matter asked about


def test_verbs_are_not_content(vocabulary):
    assert "擴大" not in [t.text for t in content(vocabulary, "擴大了哪些服務")]


def test_words_with_an_interrogative_are_not_content(vocabulary):
    assert [t.text for t in content(vocabulary, "剩幾項有什麼")] == []


def test_aspect_nouns_are_marked(vocabulary):
    terms = {t.text: t.aspect for t in content(vocabulary, "倉庫有什麼特色")}
    assert terms == {"倉庫": False, "特色": True}
    phrase = {t.text: t.aspect for t in content(vocabulary, "消防局提出什麼降災對策")}
    assert phrase.get("降災") is True and phrase.get("對策") is True  # the whole noun phrase after 什麼


def test_grounding_by_the_corpus_text_with_one_edit_for_long_words(toy_index):
    reader = TermReader(toy_index.segmenter, "本市已完成防災倉庫建置。")
    assert reader.grounded("防災倉庫")
    assert reader.grounded("防災倉褲")  # one character off, four long: a typo
    assert not reader.grounded("倉褲")  # two characters: too short to guess
    assert not reader.grounded("巨蛋")


def test_a_chinese_word_in_an_english_ask_is_grounded_in_the_corpus_text_as_in_a_chinese_one(vocabulary):
    found = {t.text: t.grounded for t in content(vocabulary, "What happened to the 巨蛋 warehouses?")}
    assert found.get("warehouses") is True  # English words are not looked for in Chinese text
    assert found.get("巨蛋") is False  # a Chinese word the corpus never prints is not grounded
    chinese = {t.text: t.grounded for t in content(vocabulary, "倉庫的情況")}
    assert chinese.get("倉庫") is True


def test_scoring_words_keep_verbs_and_codes(vocabulary):
    words = vocabulary.terms.words(QuestionText("為什麼AB1.1被標示達標"))
    assert {"ab1.1", "標示", "達標"} <= set(words)


def test_a_noun_closing_the_ask_right_after_a_name_is_an_aspect_of_it(vocabulary):
    import re

    def aspects(question: str) -> dict[str, bool]:
        text = QuestionText(question)
        text.claim_any(re.compile("防災倉庫"))  # the name, as the linker claims it
        return {t.text: t.aspect for t in vocabulary.terms.content(text)}

    assert aspects("防災倉庫的變化") == {"變化": True}
    assert aspects("防災倉庫變化大嗎").get("變化") is False  # more follows: not the ask's last word


def test_an_unknown_word_holding_a_particle_is_a_glued_piece_and_positions_are_not_subjects(vocabulary):
    assert "數又是" not in [t.text for t in content(vocabulary, "決算數又是多少")]
    assert "開頭" not in [t.text for t in content(vocabulary, "報告開頭提到什麼")]


def test_a_piece_the_segmenter_cut_from_an_interrogative_is_no_content_word(toy_assistant):
    from assistant.understanding.question import QuestionText

    reader = toy_assistant.sources.vocabulary.terms
    words = [t.text for t in reader.content(QuestionText("目標值訂多少家"))]
    assert not any(w.startswith("少") for w in words)


def test_english_verbs_of_setting_or_reaching_a_figure_are_not_content(vocabulary):
    words = [t.text for t in content(vocabulary, "How many targets did the plan set, and which were reached?")]
    assert "set" not in words and "reached" not in words and "plan" in words


def test_an_english_plural_the_corpus_prints_only_in_the_singular_is_read_in_the_singular():
    from assistant.text.segment import Segmenter

    reader = TermReader(Segmenter(), "本年簽署3項MOU，並發行2份報告。")
    assert reader.corpus_form("MOUs") == "MOU"
    assert reader.corpus_form("reports") == "reports"  # the singular is not printed either
    assert reader.corpus_form("bus") == "bus"  # too short to be a plural of anything
    question = QuestionText("How many MOUs were signed?")
    mou = next(t for t in reader.content(question) if t.text.lower().startswith("mou"))
    assert mou.text == "MOU" and question.text[mou.start:mou.end] == "MOUs"  # the span stays the typed word


def test_the_asker_speaking_is_not_a_subject(vocabulary):
    assert [t.text for t in content(vocabulary, "我要寫倉庫的新聞稿")] == ["倉庫", "新聞稿"]
    assert "您想" not in [t.text for t in content(vocabulary, "您想知道倉庫")]


def test_a_one_character_noun_joins_the_word_beside_it_when_the_corpus_prints_them_together():
    from assistant.text.segment import Segmenter

    reader = TermReader(Segmenter(), "本年於各區設置投遞櫃20座。")
    assert "投遞櫃" in [t.text for t in reader.content(QuestionText("投遞櫃的使用情形如何"))]
    assert "投遞櫃" in reader.words(QuestionText("投遞櫃的使用情形如何"))
    elsewhere = TermReader(Segmenter(), "本年辦理藥品投遞服務。")
    assert "投遞櫃" not in [t.text for t in elsewhere.content(QuestionText("投遞櫃的使用情形如何"))]


def test_a_word_of_adverbs_throughout_is_no_content_whatever_its_tag(vocabulary):
    assert "還會" not in [t.text for t in content(vocabulary, "倉庫之後還會再辦嗎")]
    assert "倉庫" in [t.text for t in content(vocabulary, "倉庫之後還會再辦嗎")]


def test_a_final_s_of_the_stem_is_no_plural():
    from assistant.text.segment import Segmenter

    reader = TermReader(Segmenter(), "MIS系統上線，KPI與status欄位更新。")
    assert reader.corpus_form("miss") == "miss"  # the corpus prints MIS: still not the singular of miss
    assert reader.corpus_form("KPIs") == "KPI"


def test_localizer_nouns_place_what_is_asked_and_name_nothing(vocabulary):
    assert [t.text for t in content(vocabulary, "倉庫下面有哪幾項")] == ["倉庫"]
    assert [t.text for t in content(vocabulary, "在倉庫旁邊")] == ["倉庫"]


def test_many_before_an_adjective_of_degree_asks_how_much(vocabulary):
    assert [t.text for t in content(vocabulary, "倉庫要多久")] == ["倉庫"]  # how long
    assert [t.text for t in content(vocabulary, "倉庫蓋得多快")] == ["倉庫"]  # how fast


def test_a_pointer_before_a_counted_span_counts_and_names_nothing(vocabulary):
    assert [t.text for t in content(vocabulary, "那這四年的倉庫呢")] == ["倉庫"]  # the years just named
    assert [t.text for t in content(vocabulary, "近三年倉庫")] == ["倉庫"]
    assert [t.text for t in content(vocabulary, "那兩項倉庫")] == ["倉庫"]


def test_a_word_shortening_a_corpus_name_is_grounded(toy_index):
    reader = TermReader(toy_index.segmenter, "本市推動職業災害預防計畫。", names=("職業災害預防計畫",),
                        max_contraction_gap=3)
    assert reader.grounded("職災")  # 職(業)災(害): the leading characters of its words, in order
    assert not reader.grounded("災職")  # out of order
    assert not TermReader(toy_index.segmenter, "本市推動職業災害預防計畫。").grounded("職災")  # no names given


def test_a_word_glued_across_a_claimed_year_leaves_its_unclaimed_part(vocabulary):
    text = QuestionText("109年長照服務")
    text.mask(0, 4)  # the year, as the year reader claims it
    words = [t.text for t in vocabulary.terms.content(text)]
    assert "長照" in words  # the segmenter reads 年長 (elderly) across the year's edge: 109 | 年長照


def test_a_quote_of_a_title_with_parts_left_out_is_a_quote_of_it():
    from assistant.text.segment import Segmenter

    reader = TermReader(Segmenter(), "本處年度報告。", titles=("春季成果與全年重點暨秋季任務報告",), min_elided_run=4)
    assert reader.quoted_in_part("春季成果暨秋季任務") and not reader.printed("春季成果暨秋季任務")
    assert not reader.quoted_in_part("春季成果暨冬季任務")  # a run the title does not hold


def test_words_for_a_document_in_general_point_at_it_and_name_nothing(vocabulary):
    assert [t.text for t in content(vocabulary, "簡報裡提到倉庫的哪些對策")] == ["倉庫", "對策"]
    assert [t.text for t in content(vocabulary, "這份報告怎麼說明倉庫")] == ["倉庫"]
    assert [t.text for t in content(vocabulary, "投影片上寫的倉庫")] == ["倉庫"]


def test_a_pointer_with_a_measure_word_for_documents_counts_and_names_nothing(vocabulary):
    assert [t.text for t in content(vocabulary, "這五份文件裡的倉庫")] == ["倉庫"]
    assert [t.text for t in content(vocabulary, "那三張表的倉庫")] == ["倉庫"]


def test_a_localizer_opening_an_unknown_word_after_a_name_closes_the_name(vocabulary):
    text = QuestionText("一覽表裡有標 WCCD 的倉庫")
    text.mask(0, 3)  # the name, claimed by the linker
    assert [t.text for t in vocabulary.terms.content(text)] == ["WCCD", "倉庫"]
