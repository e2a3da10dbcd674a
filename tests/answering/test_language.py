from assistant.answering.language import agency_label, join_words, pick, status_label, year_span
from assistant.corpus.lexicon import load_lexicon


def test_year_spans_collapse_runs_and_keep_gaps():
    assert year_span([110, 108, 109, 111], "zh") == "108–111年"
    assert year_span([107, 109, 110, 112], "zh") == "107、109–110、112年"
    assert year_span([112], "en") == "ROC 112"
    assert year_span([], "zh") == ""


def test_enumerations_read_naturally():
    assert join_words(["甲", "乙", "丙"], "zh") == "甲、乙及丙"
    assert join_words(["A", "B"], "en") == "A and B"
    assert join_words(["甲"], "zh") == "甲"


def test_english_answers_name_agencies_in_both_languages():
    lexicon = load_lexicon()
    assert agency_label(lexicon, "社會局", "zh") == "社會局"
    english = agency_label(lexicon, "社會局", "en")
    assert english.startswith("社會局 (") and english != "社會局 ()"
    assert agency_label(lexicon, None, "zh") == "（未載）"


def test_status_labels_follow_the_source_and_the_language():
    assert status_label("A", "已完成", "zh") == "A已完成"
    assert status_label("B", "執行中", "en") == "B (執行中)"  # the label is quoted as printed, never translated
    assert pick("en", "中", "en") == "en"


def test_an_agency_shows_its_usual_short_form_where_it_has_one():
    lexicon = load_lexicon()
    assert agency_label(lexicon, "研究發展考核委員會", "zh") == "研究發展考核委員會（研考會）"
