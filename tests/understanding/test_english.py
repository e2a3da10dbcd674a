from assistant.understanding.english import find_terms


def test_phrases_map_to_corpus_words_longest_first():
    assert find_terms("what was taipei's youth unemployment rate in 2023?") == ["青年失業率"]
    assert find_terms("the homeless exit rate") == ["街友脫遊率"]


def test_words_match_whole():
    assert find_terms("paid") == [], "'ai' inside a word is not AI"
    assert "生成式ai" in find_terms("help civil servants use generative ai")


def test_unrelated_english_has_no_terms():
    assert find_terms("what is the population of taipei city?") == []
