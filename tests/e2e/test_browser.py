"""The page in a real browser (Debian chromium): the list question over the real index, citations in the
side panel, phone width; then the page's own behaviour against a deterministic fake assistant.

Screenshots go to test-artifacts/ (browser-desktop.png, browser-phone.png, browser-phone-panel.png).
"""

import re

import pytest
from playwright.sync_api import Page, expect

from assistant.index.records_db import Condition
from tests.fakes import FakeAssistant

LIST_QUESTION = "社會局主辦、仍為B執行中的項目有哪些？"
ANSWER_TIMEOUT_MS = 60_000
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}


@pytest.fixture
def expected(real_index):
    """Every progress item the corpus has for the question, straight from the records store."""
    records = real_index.records.query("progress_item", [Condition("lead_agency", "社會局"),
                                                         Condition("status_code", "B")])
    assert records, "the records store has rows for the question"
    return records


def _ask(page: Page, question: str):
    """Type a question, send it, and return the finished answer card."""
    count = page.locator("article.answer").count()
    page.fill("#question", question)
    page.click("#send")
    card = page.locator("article.answer").nth(count)
    expect(card).not_to_have_class(re.compile(r"\bpending\b"), timeout=ANSWER_TIMEOUT_MS)
    expect(card.locator(".answer-body")).not_to_have_class(re.compile("streaming"), timeout=ANSWER_TIMEOUT_MS)
    return card


def _open(page: Page, base: str) -> None:
    page.goto(base)
    expect(page.locator("#status")).to_have_text(re.compile("已就緒"), timeout=ANSWER_TIMEOUT_MS)


def _check_list_answer(card, expected) -> None:
    expect(card).not_to_have_class(re.compile("refusal"))
    table = card.locator("table.items")
    expect(table).to_be_visible()
    text = table.inner_text()
    for record in expected:
        assert (record.item_name or record.label()) in text, f"{record.label()} is missing from the table"
    assert table.locator("tbody tr").count() == len(expected)


def _check_citation_panel(page: Page, card, expected, corpus_dir) -> None:
    card.locator("button.cite").first.click()
    panel = page.locator("#panel")
    expect(panel).to_be_visible()
    mark = panel.locator("li.cited mark").first
    expect(mark).to_be_visible()
    line_no = int(panel.locator("li.cited").first.get_attribute("data-line"))
    original = (corpus_dir / expected[0].file).read_text(encoding="utf-8").split("\n")[line_no - 1]
    quote = mark.inner_text()
    assert quote and quote in original, "the highlighted quote is an exact part of the cited line"
    assert line_no in {r.line for r in expected}, "the citation points at one of the listed rows"


def test_list_question_desktop(browser, serve, expected, real_settings, artifacts):
    base, _ = serve()
    page = browser.new_page(viewport=DESKTOP)
    _open(page, base)
    card = _ask(page, LIST_QUESTION)
    _check_list_answer(card, expected)
    expect(card.locator(".filters")).to_contain_text("社會局")
    _check_citation_panel(page, card, expected, real_settings.corpus_dir)
    page.screenshot(path=artifacts / "browser-desktop.png")
    page.close()


def test_list_question_phone(browser, serve, expected, real_settings, artifacts):
    base, _ = serve()
    context = browser.new_context(**PHONE)
    page = context.new_page()
    _open(page, base)
    card = _ask(page, LIST_QUESTION)
    _check_list_answer(card, expected)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["viewport"]["width"], \
        "nothing overflows the phone's width"
    card.locator("table.items").scroll_into_view_if_needed()
    page.screenshot(path=artifacts / "browser-phone.png")
    _check_citation_panel(page, card, expected, real_settings.corpus_dir)
    box = page.locator("#panel").bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["viewport"]["width"] + 1
    page.screenshot(path=artifacts / "browser-phone-panel.png")
    page.click("#panel-close")
    expect(page.locator("#panel")).to_be_hidden()
    context.close()


def test_page_behaviour_with_a_fake_assistant(browser, serve, artifacts):
    base, holder = serve(FakeAssistant)
    context = browser.new_context(viewport=DESKTOP, accept_downloads=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base)
    page = context.new_page()
    _open(page, base)
    fake = holder.snapshot().assistant

    first = _ask(page, "社會局主辦的項目有哪些？")
    expect(first.locator(".filters")).to_contain_text("市政白皮書項目")
    expect(first.locator(".answer-body strong").first).to_be_visible()  # Markdown bold rendered

    first.get_by_role("button", name="複製答案與來源").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("共 3 項") and "\n來源：\n[1] " in copied and "**" not in copied

    with page.expect_download() as download:
        first.get_by_role("button", name="下載 CSV").click()
    csv_text = download.value.path().read_bytes().decode("utf-8")
    assert csv_text.startswith("\ufeff項目,主辦,協辦,辦理等級\r\n") and csv_text.count("\r\n") == 4

    page.click("label.toggle")  # 新聞稿草稿
    draft = _ask(page, "其中哪些已完成？")
    expect(draft.locator(".draft-badge")).to_be_visible()
    call = fake.calls[-1]
    assert call["mode"] == "draft"
    assert [t.question for t in call["history"]] == ["社會局主辦的項目有哪些？"], "a follow-up sends the history"

    refusal = _ask(page, "我不知道的事")
    expect(refusal).to_have_class(re.compile("refusal"))
    expect(refusal.locator(".refusal-badge")).to_have_text("無法回答")

    page.click("#clear")
    expect(page.locator("article.answer")).to_have_count(0)
    _ask(page, "社會局？")
    assert fake.calls[-1]["history"] is None, "after clearing, no history is sent"
    context.close()
