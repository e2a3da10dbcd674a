import pytest

from assistant.answering.terms import TermWeights, coverage, squash


@pytest.fixture(scope="module")
def weights(real_index) -> TermWeights:
    return TermWeights(real_index)


def _terms(weights, question):
    return {t.text: t for t in weights.terms(question)}


def test_frame_words_and_years_are_not_content(weights):
    terms = _terms(weights, "112年青銀換居目前推動成果如何？")
    assert "青銀換居" in terms or "換居" in terms
    assert not {"112", "112年", "目前", "如何", "成果"} & set(terms)


def test_rare_words_weigh_more_than_common_ones(weights):
    terms = _terms(weights, "東環段的社會局")
    assert terms["東環段"].weight > terms["社會局"].weight


def test_a_missing_noun_is_key_but_a_missing_verb_is_not(weights):
    assert _terms(weights, "蔣市長的生日是哪一天")["生日"].key
    assert not _terms(weights, "狗公園蓋好了嗎")["蓋好"].key
    assert _terms(weights, "狗公園蓋好了嗎")["公園"].key


def test_a_noun_the_corpus_words_differently_is_judged_by_its_parts(weights):
    terms = _terms(weights, "救災用空拍機的採購進度")
    assert not terms["空拍機"].in_corpus and not terms["空拍機"].key
    assert terms["空拍"].key


def test_coverage_is_the_weighted_share_found(weights):
    terms = weights.terms("社宅分級租金")
    assert coverage(terms, squash("本府都發局持續辦理社宅分級租金補助作業")) == 1.0
    assert coverage(terms, squash("無關的文字")) == 0.0
    assert coverage([], "任何") == 0.0


def test_passage_texts_read_back_from_the_index_folder_equal_fresh_ones(make_settings, monkeypatch):
    from assistant.index.indexed_passage import IndexedPassage
    from assistant.index.store import CURRENT, load_version

    settings = make_settings()
    index = load_version(settings.index_dir / (settings.index_dir / CURRENT).read_text().strip())
    fresh = TermWeights(index)
    assert (index.folder / "derived-term-texts.json").is_file()

    def must_not_run(self):
        raise AssertionError("the passage texts were computed again instead of read back")

    monkeypatch.setattr(IndexedPassage, "search_text", must_not_run)
    cached = TermWeights(index)
    assert cached._texts == fresh._texts
    assert cached.terms("東環段的社會局托育") == fresh.terms("東環段的社會局托育")
    index.close()
