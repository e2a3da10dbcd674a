"""Press releases: their structure, plain prose without markers or bare codes, public refusals, and
every number of a release traced to a line it cites (toy corpus, through the whole service)."""

import re
from collections import Counter

import pytest

from assistant.answering.composed import Composed
from assistant.answering.contract import Citation, Item
from assistant.answering.drafting import press_release, press_text, topic, with_sources

DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


def _items(n):
    return [Item(label=str(i), fields={}, citations=[i]) for i in range(1, n + 1)]


def test_a_list_release_states_its_facts_in_prose_without_markers():
    composed = Composed(kind="list", refused=False, subject="社會局主辦的政策項目", items=_items(2), itemised=True,
                        draft_facts=["第31項「提升孕婦愛心專車服務」[1]", "第32項「調降幼托家長自付額」[2]"],
                        notes=["註：L111[3]：主辦欄空白。"])
    release = press_release([composed], [], "zh")
    assert release.title == "社會局主辦的政策項目計2項"
    assert release.lead == "本府說明社會局主辦的政策項目。"
    assert release.body == ["第31項「提升孕婦愛心專車服務」。第32項「調降幼托家長自付額」。L111：主辦欄空白。"]
    assert not re.search(r"\[\d+\]|註：", " ".join(release.body))


def test_press_sentences_replace_the_facts_and_sources_become_numbered_notes():
    composed = Composed(kind="lookup", refused=False, subject="甲指標的目標值？", draft_facts=["X1.1 甲 [1]：目標值 5% [2]"],
                        press=["110年「甲」指標目標值為5%。"])
    citation = Citation(id=1, file="t.txt", line=3, end_line=4, quote="X1.1 甲\n目標值 5%", title="測試報告")
    release = with_sources(press_release([composed], [], "zh"), [citation], "zh")
    assert release.body == ["110年「甲」指標目標值為5%。"] and "X1.1" not in release.body[0]
    assert release.sources == ["1. 《測試報告》（t.txt 第 3–4 行）：「X1.1 甲 目標值 5%」"]
    text = press_text(release, "zh")
    assert text.startswith("甲指標的目標值說明\n\n") and text.endswith("資料來源：\n" + release.sources[0])


def test_a_refusal_release_speaks_to_the_public():
    composed = Composed(kind="refusal", refused=True, subject="114年公園綠地的辦理進度如何？",
                        reason="現有資料只涵蓋107–112年，沒有114年的資料")
    release = press_release([composed], [], "zh")
    assert release.title == "有關「114年公園綠地的辦理進度」之說明"
    assert release.lead == "目前公開資料未載明「114年公園綠地的辦理進度」。"
    assert release.body[0].startswith("現有資料只涵蓋107–112年，沒有114年的資料。")
    assert "語料" not in press_text(release, "zh")


@pytest.mark.parametrize("question, expected", [("114年公園綠地的辦理進度如何？", "114年公園綠地的辦理進度"),
                                                ("請問工務局主辦的項目有哪些?", "工務局主辦的項目"),
                                                ("各局處主辦的項目各有幾項？", "各局處主辦的項目")])
def test_a_topic_drops_the_question_words(question, expected):
    assert topic(question) == expected


def _cited_text(response, file_lines) -> str:
    return "\n".join("\n".join(file_lines[c.file][c.line - 1:c.end_line]) for c in response.citations)


@pytest.mark.parametrize("question", ["工務局主辦的項目有哪些？", "各局處主辦的項目各有幾項？", "B執行中的項目有幾項？"])
def test_every_number_of_a_release_is_in_a_cited_line(toy_assistant, file_lines, question):
    response = toy_assistant.ask(question, mode="draft")
    release = response.draft
    assert release and release.title and release.lead and release.body
    assert len(release.sources) == len(response.citations) > 0
    assert response.answer == press_text(release, "zh")
    body = " ".join([release.title, *release.body])
    assert not re.search(r"\[\d+\]", body), "no marker inside a sentence"
    cited = _cited_text(response, file_lines)
    counted = [Counter(i.fields.get(key) for i in response.items) for key in ("group", "status_code")]
    counts = {str(len(response.items))} | {str(n) for c in counted for n in c.values()}  # counted, not quoted
    for number in DIGITS.findall(body):
        assert number in cited or number in counts, f"{number} is in no cited line"
    documents = toy_assistant.sources.documents
    metadata = " ".join(f"{documents[c.file].period.label} {documents[c.file].period.as_of}" for c in response.citations)
    for number in DIGITS.findall(release.lead):
        assert number in cited or number in metadata or str(int(number) + 1911) in metadata, number


def test_a_refused_question_gets_a_public_release(toy_assistant):
    response = toy_assistant.ask("120年的防災倉庫有幾處？", mode="draft")
    assert response.refused and response.draft.lead.startswith("目前公開資料未載明")
    assert "語料" not in response.answer and not response.citations
