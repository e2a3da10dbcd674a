from assistant.understanding.question import QuestionText


def linked(vocabulary, question):
    text = QuestionText(question)
    links = vocabulary.linker.link_names(text)
    return [(link.kind, link.value, link.how) for link in links], text


def test_whole_names_longest_first_and_claimed(vocabulary):
    links, text = linked(vocabulary, "設置社區防災倉庫的進度")
    assert ("item", "設置社區防災倉庫", "exact") in links
    assert "防災" not in text.masked  # the shorter name inside the longer one is not read again


def test_one_edit_from_a_name_where_a_name_can_stand(vocabulary):
    links, _ = linked(vocabulary, "工務侷主辦的項目")
    assert ("agency", "工務局", "edit") in links


def test_a_corpus_word_is_never_a_typo(vocabulary):
    # 社區 and 社會局 share a character; 社區防災 is the corpus's own word.
    links, _ = linked(vocabulary, "社區防災的做法")
    assert not [link for link in links if link[0] == "agency"]


def test_another_organisation_is_not_a_typo(vocabulary):
    links, _ = linked(vocabulary, "教育部的補助")
    assert not [link for link in links if link[1] == "教育局"]


def test_english_names_on_word_boundaries(vocabulary):
    links, _ = linked(vocabulary, "items led by the Public Works Department")
    assert ("agency", "工務局", "english") in links


def test_codes_are_read_only_when_the_corpus_has_them(vocabulary):
    text = QuestionText("AB1.1 的目標")
    assert vocabulary.linker.codes(text) == []  # the toy corpus has no KPI codes


def test_title_parts_name_documents_and_keep_years(vocabulary):
    text = QuestionText("110年度施政報告是誰報告的")
    vocabulary.linker.link_names(text)
    from assistant.understanding.years import find_years

    assert find_years(text) == [110]
    parts = vocabulary.linker.link_title_parts(text)
    assert {link.value for link in parts} == {"toy_report.txt"}


def test_fragments_are_scored_by_the_share_of_the_name(vocabulary):
    text = QuestionText("社區防災倉庫怎麼樣")
    vocabulary.linker.link_names(text)  # claims the label 防災 inside it
    fragments = vocabulary.linker.fragments(text)
    best = fragments[0]
    assert best.entry.text == "設置社區防災倉庫" and best.how == "fragment" and 0.5 < best.score < 1
    assert "倉庫" in text.masked  # a partial mention is not claimed
