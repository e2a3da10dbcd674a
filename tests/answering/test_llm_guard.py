"""The rules an LLM rewording must pass, without a server: markup removal and fact checking."""

import pytest

from assistant.answering.citations import escape_source_brackets
from assistant.answering.contract import Citation, Item
from assistant.answering.llm_guard import problems, strip_markup

QUOTE = "秘書處112年度預算數：311 百萬元，詳見附表[3]"
CITATIONS = [Citation(id=1, file="004.txt", line=9, end_line=9, quote=QUOTE, title="t")]
ANSWER = f"秘書處112年度預算數為 311 百萬元 [1]。原文：「{escape_source_brackets(QUOTE)}」"
ITEMS = [Item(label="秘書處112年度預算數", fields={"value": 311.0, "unit": "百萬元", "agency": "秘書處"}, citations=[1])]


def _problems(reply: str) -> list[str]:
    return problems(reply, ANSWER, CITATIONS, ITEMS)


@pytest.mark.parametrize("reply", [
    "秘書處112年度的預算為311百萬元[1]。",
    "民國112年（2023年），秘書處預算數是 311 百萬元[1]。",     # the same year, written in AD
    "The Secretariat's ROC 112 budget is 311 million dollars [1].",
    "秘書處預算 311 百萬元[1]，原文「詳見附表\\[3\\]」。",        # the source's own bracket text, still escaped
])
def test_facts_found_in_the_sources_pass(reply):
    assert _problems(reply) == []


@pytest.mark.parametrize("reply, reason", [
    ("秘書處112年度的預算為312百萬元[1]。", "numbers"),
    ("秘書處112年度的預算為三百一十二百萬元[1]。", "numbers"),
    ("秘書處113年度的預算為311百萬元[1]。", "dates"),
    ("The Department of Education's budget is 311 million [1].", "agencies"),
    ("秘書處預算為 311 百萬元[1]，詳見附表[3]。", "not provided"),   # the source's [3], unescaped, is not ours
    ("秘書處預算為 311 百萬元〔1〕。", "malformed"),
])
def test_facts_missing_from_the_sources_are_named(reply, reason):
    assert any(reason in problem for problem in _problems(reply)), _problems(reply)


@pytest.mark.parametrize("word", ["一般", "統一", "之一", "零星"])
def test_numeral_characters_inside_words_are_not_numbers(word):
    assert _problems(f"秘書處{word}預算為 311 百萬元[1]。") == []


@pytest.mark.parametrize("markup, kept", [
    ("<img src=x onerror=alert(1)>甲", "甲"),
    ("<script>alert(1)</script>甲", "甲"),
    ("[甲](javascript:alert(1))", "甲"),
    ("![甲](https://evil.example/x.png)", "甲"),
    ("甲 https://evil.example/x", "甲 "),
    ("甲 data:text/html;base64,AAAA", "甲 "),
    ("<https://evil.example>甲", "甲"),
])
def test_markup_and_links_are_removed_but_their_text_stays(markup, kept):
    assert strip_markup(markup) == kept
