import re

from assistant.answering.composed import Composed
from assistant.answering.contract import Item
from assistant.answering.drafting import draft


def _items(n):
    return [Item(label=str(i), fields={}, citations=[i]) for i in range(1, n + 1)]


def test_a_list_draft_names_every_item_with_its_marker_in_the_voice_of_the_government():
    composed = Composed(kind="list", refused=False, subject="社會局主辦的政策項目", items=_items(2),
                        draft_facts=["第31項「提升孕婦愛心專車服務」[1]", "第32項「調降幼托家長自付額」[2]"],
                        notes=["註：A 級包含例行性業務。"])
    text = draft(composed, "zh")
    assert text.startswith("有關社會局主辦的政策項目") and "本府" in text and "計有2項" in text
    assert "[1]" in text and "[2]" in text and "A 級包含例行性業務。" in text and "註：" not in text


def test_every_factual_sentence_of_a_free_draft_carries_a_citation():
    composed = Composed(kind="free", refused=False, subject="社宅分級租金做了什麼?",
                        draft_facts=["「本府都發局持續辦理社宅分級租金補助作業。」[1]", "「補貼戶數已達750戶。」[2]"])
    text = draft(composed, "zh")
    assert "「社宅分級租金做了什麼」" in text
    facts = re.findall(r"「[^」]*」\[\d+\]", text)
    assert len(facts) == 2


def test_a_refusal_draft_states_no_fact_and_gives_the_reason():
    composed = Composed(kind="refusal", refused=True, subject="113年社會住宅的辦理進度如何？",
                        reason="現有資料只涵蓋107–112年，沒有113年的資料")
    text = draft(composed, "zh")
    assert "現有資料只涵蓋107–112年" in text and "爰不提供推測性資訊" in text
    assert not re.search(r"\[\d+\]", text)


def test_english_drafts_use_the_english_templates():
    composed = Composed(kind="lookup", refused=False, subject="What were the personnel costs?", items=_items(1),
                        draft_facts=["The personnel costs were 231,204 thousand NTD [1]"])
    text = draft(composed, "en")
    assert text.startswith('In response to the question "What were the personnel costs?"') and "[1]" in text
