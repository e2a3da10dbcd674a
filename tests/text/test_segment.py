"""The BM25 segmenter: sensible words for our agencies and terms, identical tokens across scripts and widths."""

import unicodedata
from pathlib import Path

import pytest

from assistant.corpus.manifest import Corpus, load_corpus
from assistant.text import segment
from assistant.text.segment import STOP_TOKENS, Segmenter

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus(CORPUS)


@pytest.fixture(scope="module")
def segmenter() -> Segmenter:
    return Segmenter()


def test_agency_and_city_names_are_tokens(segmenter):
    tokens = segmenter.tokens("臺北市政府社會局")
    assert {"社會局", "臺北", "臺北市政府"} <= set(tokens)
    assert "臺" not in tokens and "北" not in tokens
    assert segmenter.cut("臺北市政府社會局") == ["臺北市政府", "社會局"]
    assert segmenter.cut("都市發展局") == ["都市發展局"]
    assert "都市發展局" in segmenter.tokens("都市發展局推動社會住宅")


def test_schema_terms_stay_whole(segmenter):
    assert segmenter.cut("關鍵績效指標") == ["關鍵績效指標"]
    assert {"關鍵績效指標", "績效", "指標"} <= set(segmenter.tokens("關鍵績效指標"))


def test_the_callers_own_terms_stay_whole():
    from assistant.text.segment import Segmenter

    segmenter = Segmenter(["長青樂齡"])  # a record's name, as an index passes its record terms
    assert segmenter.cut("推動長青樂齡學習") == ["推動", "長青樂齡", "學習"]
    tokens = segmenter.tokens("長青樂齡")
    assert "長青樂齡" in tokens and "長" not in tokens and "青樂齡" not in tokens


def test_search_tokens_include_sub_words(segmenter):
    # cut_for_search-style: the whole word and the dictionary words inside it.
    assert {"社會局", "社會"} <= set(segmenter.tokens("社會局"))
    assert {"都市發展局", "都市", "發展局"} <= set(segmenter.tokens("都市發展局"))


def test_script_and_variant_spellings_meet(segmenter):
    assert segmenter.tokens("社会局 托育") == segmenter.tokens("社會局 托育")
    assert segmenter.tokens("台北") == segmenter.tokens("臺北") == ["臺北"]
    assert segmenter.tokens("ＤC3完善創業服務") == segmenter.tokens("DC3完善創業服務")
    assert segmenter.tokens("速處 輿情 反映") == segmenter.tokens("速處輿情反映")


def test_codes_and_numbers(segmenter):
    assert "dc2.1" in segmenter.tokens("DC2.1協助本市企業創新家數")
    assert {"pm", "2.5"} <= set(segmenter.tokens("細懸浮微粒(PM <sub>2.5</sub> )"))
    assert {"pm", "2.5"} <= set(segmenter.tokens("PM2.5"))
    assert "10108" in segmenter.tokens("144.4%(10,108人/7,000人*100%)")


def test_stop_words_dropped_but_meaningful_words_kept(segmenter):
    tokens = segmenter.tokens("請問112年社會局有哪些已完成的項目？")
    assert not {"請問", "有", "哪些", "的", "哪", "些"} & set(tokens)
    assert {"112", "社會局", "已完成", "項目"} <= set(tokens)
    assert "沒有" in segmenter.tokens("沒有主辦機關")


def test_extra_terms_join_words(segmenter):
    name = "多元文化敏感度"
    assert segmenter.cut(name) != [name]
    custom = Segmenter(["CL1.2 多元文化敏 感度", "台北藝術園區"])
    assert custom.cut(name) == [name]
    assert "臺北藝術園區" in custom.user_words  # normalized like the text it will meet
    assert "臺北藝術園區" in custom.tokens("台北藝術園區")
    assert "臺北藝術園區" not in segmenter.tokens("台北藝術園區")  # other segmenters are not affected


def test_tokens_of_every_corpus_line_are_clean(segmenter, corpus):
    for doc in corpus.documents:
        for number, line in enumerate(doc.lines, 1):
            for token in segmenter.tokens(line):
                assert token and token not in STOP_TOKENS, f"{doc.file}:{number}"
                assert all(ch == "." or unicodedata.category(ch)[0] in "LN" for ch in token), (
                    f"{doc.file}:{number}: {token!r}")
                assert token == token.lower()


def test_cache_file_lives_in_cache_dir_and_survives_damage(tmp_path):
    first = Segmenter(cache_dir=tmp_path)
    cached = list(tmp_path.glob("*.cache"))
    assert len(cached) == 1
    # A second process would read the file: same dictionary as the one just built.
    freq, total = segment._base_dictionary.__wrapped__(segment.dictionary_path(), tmp_path)
    assert freq == segment._base_dictionary(segment.dictionary_path(), tmp_path)[0] and total > 0
    assert freq.get("臺北") > freq.get("台北")  # 台 words folded into their 臺 twins
    cached[0].write_bytes(b"not a marshal blob")
    rebuilt, _ = segment._base_dictionary.__wrapped__(segment.dictionary_path(), tmp_path)
    assert rebuilt == freq
    assert first.tokens("臺北市") == Segmenter(cache_dir=tmp_path).tokens("臺北市")


def test_a_word_changes_only_the_text_that_contains_it(segmenter):
    """Words get their frequency against the bundled dictionary alone and leave its total as it is,
    so an index update need only re-segment the passages that hold a word it added or removed."""
    texts = ["未達目標值之補充說明", "社區防災倉庫維護，新增夜間照明設施。", "智慧路燈汰換520盞"]
    with_word = Segmenter(["夜間照明設施", "防災倉庫維護"])
    assert [with_word.tokens(t) for t in texts[::2]] == [segmenter.tokens(t) for t in texts[::2]]
    assert with_word.tokens(texts[1]) != segmenter.tokens(texts[1])
    assert "夜間照明設施" in with_word.tokens(texts[1])
    reordered = Segmenter(["防災倉庫維護", "夜間照明設施"])
    assert reordered.frequencies == with_word.frequencies, "a word's frequency does not depend on the others"
    assert [reordered.tokens(t) for t in texts] == [with_word.tokens(t) for t in texts]


def test_stored_frequencies_rebuild_the_same_segmenter():
    built = Segmenter(["多元文化敏感度", "長青樂齡"])
    again = Segmenter(frequencies=built.frequencies)
    assert again.user_words == built.user_words
    for text in ("多元文化敏感度與長青樂齡", "臺北市政府社會局"):
        assert again.tokens(text) == built.tokens(text)
        assert again.prepared_tokens(segment.prepare(text)) == built.tokens(text)


def test_word_tags_answer_as_the_dictionary_table(tmp_path):
    """The compact tag view, built or read back from its cache, gives every word the tag of its dict.txt line."""
    full = segment._read_tags(segment.dictionary_path())
    built = segment.dictionary_tags.__wrapped__(tmp_path)
    read_back = segment.dictionary_tags.__wrapped__(tmp_path)
    freq, _ = segment._base_dictionary(segment.dictionary_path(), tmp_path)
    for tags in (built, read_back):
        for word in [*full, *freq, "周榆修", "台北", "臺北"]:
            assert tags.get(word) == full.get(word) and (word in tags) == (word in full), word


def test_english_grammar_words_are_no_search_tokens(segmenter):
    tokens = segmenter.tokens("How did the city do on the Know-How award?")
    assert "how" not in tokens and "the" not in tokens and "did" not in tokens
    assert "award" in tokens and "know" in tokens  # content words stay
