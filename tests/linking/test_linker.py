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
    for role in ("當主辦的項目", "擔任協辦的項目", "帶頭負責的項目", "牽頭的項目"):  # a verb of serving or leading
        links, _ = linked(vocabulary, f"工務侷{role}")
        assert ("agency", "工務局", "edit") in links, role


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


def test_fragments_are_scored_by_the_share_of_the_name_and_of_the_words(vocabulary):
    text = QuestionText("社區防災倉庫怎麼樣")
    vocabulary.linker.link_names(text)  # claims the label 防災 inside it
    fragments = vocabulary.linker.fragments(text)
    best = fragments[0]
    assert best.entry.text == "設置社區防災倉庫" and best.how == "fragment" and 0.5 < best.score < 1
    assert "倉庫" in text.masked  # a partial mention is not claimed


def test_fragments_of_equal_score_come_in_the_gazetteers_order_whatever_the_hash_seed():
    import os
    import subprocess
    import sys

    # The order of a set of strings changes with PYTHONHASHSEED; an answer must not. Two processes
    # with different seeds list the same fragments in the same order.
    script = ("from assistant.linking.gazetteer import Entry, Gazetteer\n"
              "from assistant.linking.linker import Linker\n"
              "from assistant.text.segment import Segmenter\n"
              "from assistant.understanding.question import QuestionText\n"
              "names = ['甲乙丙丁戊', '甲乙丙丁己', '甲乙丙丁庚', '甲乙丙丁辛']\n"
              "from assistant.text.normalize import match_key\n"
              "entries = [Entry('kpi', n, n) for n in names]\n"
              "g = Gazetteer(entries, keys={match_key(n): [i] for i, n in enumerate(names)},\n"
              "              bigrams={b: {match_key(n) for n in names if b in n} for n in names\n"
              "                       for b in (n[i:i + 2] for i in range(len(n) - 1))})\n"
              "linker = Linker(g, Segmenter(), {'f': ''}, frozenset(), frozenset(), 2, 0.5)\n"
              "print([l.entry.text for l in linker.fragments(QuestionText('甲乙丙丁'))])\n")
    runs = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("0", "1", "2", "3")}
    assert len(runs) == 1 and "甲乙丙丁戊" in runs.pop()


def test_a_name_with_a_word_left_out_or_changed_inside_is_scored_by_all_its_shared_runs(vocabulary):
    # 擴大長者共餐據點 said as 擴大長者的共餐據點: neither run alone is more than half the name
    fragments = vocabulary.linker.fragments(QuestionText("擴大長者的共餐據點有幾處"))
    best = fragments[0]
    assert best.entry.text == "擴大長者共餐據點" and best.score > 0.9
    typed = "擴大長者的共餐據點有幾處"[best.start:best.end]
    assert typed == "擴大長者的共餐據點", "the span runs from the first shared run to the last"


def test_characters_shared_one_at_a_time_do_not_make_a_mention(vocabulary):
    # 長者 is shared, 共 and 餐 only singly: far less than half of 擴大長者共餐據點
    fragments = vocabulary.linker.fragments(QuestionText("長者的共同用餐"))
    assert "擴大長者共餐據點" not in {link.entry.text for link in fragments}


def test_english_names_are_read_in_either_number(vocabulary):
    def fields(question):
        return {link.value for link in vocabulary.linker.link_vocabulary(QuestionText(question))}

    assert "progress_item.results" in fields("what was the result")  # the schema says results
    assert "progress_item.target" in fields("what were the targets")  # the schema says target
    assert not fields("what is the statu")  # status is not the plural of anything


def test_an_english_name_finds_the_entries_of_both_its_numbers():
    from assistant.linking.linker import english_entries

    english = {"results": [1], "target": [2], "targets": [3]}
    assert english_entries(english, "result") == [1]
    assert english_entries(english, "targets") == [3, 2] and english_entries(english, "target") == [2, 3]


def test_an_english_name_of_several_words_is_found_joined_by_a_hyphen(vocabulary):
    from assistant.linking.linker import _alternation, english_entries

    pattern = _alternation(["internal process", "walk-in"])
    assert pattern.search("which internal-process kpis").group(1) == "internal-process"
    assert pattern.search("which internal process kpis").group(1) == "internal process"
    assert pattern.search("walk-in petitions").group(1) == "walk-in"
    english = {"internal process": [1], "walk-in": [2]}
    assert english_entries(english, "internal-process") == [1]
    assert english_entries(english, "walk-in") == [2]  # a hyphen of the name's own stays


def test_a_name_printed_with_and_without_an_aside_is_one_name_in_the_form_of_the_asked_years():
    from assistant.linking.gazetteer import Entry
    from assistant.linking.linker import Link, named_in_part

    plain = Link(Entry("kpi", "綠地巡查點數", "綠地巡查點數", years=(105,)), 0, 6, 0.75, "fragment")
    aside = Link(Entry("kpi", "綠地(公園)巡查點數", "綠地(公園)巡查點數", years=(106,)), 0, 6, 0.75, "fragment")
    assert named_in_part([plain, aside], "kpi", [106]) == aside  # one name, two printings: no rivals
    assert named_in_part([plain, aside], "kpi", [105]) == plain
    rival = Link(Entry("kpi", "綠地認養點數", "綠地認養點數", years=(106,)), 0, 6, 0.75, "fragment")
    assert named_in_part([plain, rival], "kpi", []) is None  # another name covered as well
    assert named_in_part([plain, rival], "kpi", [105]) == plain  # …but printed in another year only


def test_same_but_asides_tells_one_name_printed_two_ways_from_two_names():
    from assistant.linking.gazetteer import same_but_asides

    assert same_but_asides("綠地(公園)巡查點數", "綠地巡查點數")
    assert same_but_asides("綠地巡查點數（兩年一次）", "綠地巡查點數")
    assert not same_but_asides("綠地巡查點數", "綠地認養點數")



def test_a_strategy_theme_is_named_by_its_letter_in_english(real_index, settings):
    from assistant.answering.service import Assistant
    from assistant.understanding.question import QuestionText

    assistant = Assistant(real_index, settings)
    codes = sorted({r.theme_code for r in assistant.sources.memory.of_type("strategy_kpi")})
    linker = assistant.sources.vocabulary.linker
    for typed in ("the goals under theme {}", "the health theme ({})", "how many in the {} theme"):
        for code in codes[:2]:
            links = linker.link_names(QuestionText(typed.format(code)))
            assert ("theme", code) in {(link.kind, link.value) for link in links}, typed.format(code)


def test_a_name_never_runs_across_two_clauses(vocabulary):
    text = QuestionText("防災倉庫那一項，目標是多少？")  # 項，目 is no 項目 (the record noun)
    words = vocabulary.linker.link_vocabulary(text)
    assert not any(link.kind == "noun" and text.text[link.start:link.end].startswith("項") for link in words)
    whole = QuestionText("防災倉庫有哪些項目？")
    assert any(link.kind == "noun" for link in vocabulary.linker.link_vocabulary(whole))  # within one clause it is


def test_a_name_holding_the_words_whole_outranks_one_sharing_them_scattered():
    from assistant.linking.gazetteer import Entry, Gazetteer
    from assistant.linking.linker import Linker
    from assistant.text.normalize import match_key
    from assistant.text.segment import Segmenter

    names = ["新設廠商家數", "協助本市廠商創新家數"]  # 廠商…家數 shared by both; 廠商創新家數 whole by the second
    entries = [Entry("kpi", n, n) for n in names]
    gazetteer = Gazetteer(entries, keys={match_key(n): [i] for i, n in enumerate(names)},
                          bigrams={b: {match_key(n) for n in names if b in n} for n in names
                                   for b in (n[i:i + 2] for i in range(len(n) - 1))})
    linker = Linker(gazetteer, Segmenter(), {"f": ""}, frozenset(), frozenset(), 2, 0.5)
    found = linker.fragments(QuestionText("廠商創新家數那個指標"))
    assert [link.entry.text for link in found] == ["協助本市廠商創新家數", "新設廠商家數"]


def test_a_table_row_label_named_in_part_keeps_its_head():
    from assistant.linking.gazetteer import Entry, Gazetteer
    from assistant.linking.linker import Linker
    from assistant.text.normalize import match_key
    from assistant.text.segment import Segmenter

    names = [("table_row", "執行率"), ("kpi", "執行率"), ("table_row", "人事費占決算比例")]
    entries = [Entry(kind, n, n) for kind, n in names]
    keys = {match_key(n): [i for i, (_, m) in enumerate(names) if m == n] for _, n in names}
    g = Gazetteer(entries, keys=keys, bigrams={n[i:i + 2]: {k for k in keys if n[i:i + 2] in k}
                                               for k in keys for n in [k] for i in range(len(n) - 1)})
    linker = Linker(g, Segmenter(), {"f": ""}, frozenset(), frozenset(), 2, 0.5)
    kinds = {link.kind for link in linker.fragments(QuestionText("執行成果如何"))}  # 執行 alone: the verb
    assert kinds == {"kpi"}, "a table's row label is not named without its head; a KPI name still may be"
    # a longer part may leave the head out: it says what the label is about (幾% for its 比例)
    longer = linker.fragments(QuestionText("人事費占決算幾%"))
    assert [link.entry.text for link in longer] == ["人事費占決算比例"]
