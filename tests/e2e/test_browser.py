"""The page in a real browser (Debian chromium), desktop and phone, over the real index: a list with
its labelled row panel, a group-by question with its chart, a KPI trend chart, a press release with
its DOCX download, the keyboard, and axe-core's check; then the page's own behaviour against a
deterministic fake assistant.

Screenshots go to test-artifacts/: browser-{desktop,phone}-{list,panel,group,kpi,draft}.png.
"""

import io
import re

import pytest
from docx import Document
from playwright.sync_api import Page, expect

from assistant.index.records_db import Condition
from tests.fakes import FakeAssistant

LIST_QUESTION = "社會局主辦、仍為B執行中的項目有哪些？"
GROUP_QUESTION = "各局處主辦的項目各有幾項？"
KPI_QUESTION = "失業率歷年的目標值和實際值"
ANSWER_TIMEOUT_MS = 60_000
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
DEVICES = {"desktop": DESKTOP, "phone": PHONE}
CITE_NAME = re.compile(r"^出處\d+：\w+ 第\d+(–\d+)?行$")


@pytest.fixture
def expected(real_index):
    """Every progress item the corpus has for the list question, straight from the records store."""
    records = real_index.records.query("progress_item", [Condition("lead_agency", "社會局"),
                                                         Condition("status_code", "B")])
    assert records, "the records store has rows for the question"
    return records


def _ask(page: Page, question: str):
    """Type a question, send it with Enter, and return the finished answer card."""
    count = page.locator("article.answer").count()
    page.fill("#question", question)
    page.press("#question", "Enter")
    card = page.locator("article.answer").nth(count)
    expect(card).not_to_have_class(re.compile(r"\bpending\b"), timeout=ANSWER_TIMEOUT_MS)
    expect(card.locator(".streaming")).to_have_count(0, timeout=ANSWER_TIMEOUT_MS)
    return card


def _open(page: Page, base: str) -> None:
    page.goto(base)
    expect(page.locator("#status")).to_have_text(re.compile("已就緒"), timeout=ANSWER_TIMEOUT_MS)


def _fits(page: Page, device: str) -> None:
    if device == "phone":
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["viewport"]["width"], \
            "nothing overflows the phone's width"


def _chart(card, kind: str):
    figure = card.locator(f"figure.chart[data-kind='{kind}']")
    expect(figure).to_have_attribute("data-rendered", "true", timeout=ANSWER_TIMEOUT_MS)
    marks = figure.locator(".chart-canvas svg .mark-rect path, .chart-canvas svg .mark-symbol path, "
                           ".chart-canvas svg .mark-line path")
    assert marks.count() > 0, "the chart drew its marks"
    svg = figure.locator(".chart-canvas svg").first
    assert svg.get_attribute("aria-label"), "the chart has an accessible name"
    return figure


def _check_list_answer(card, expected) -> None:
    expect(card).not_to_have_class(re.compile("refusal"))
    table = card.locator("table.items")
    expect(table).to_be_visible()
    text = table.inner_text()
    for record in expected:
        assert (record.item_name or record.label()) in text, f"{record.label()} is missing from the table"
    assert table.locator("tbody tr").count() == len(expected)
    assert card.locator(".answer-body li").count() == 0, "the list shows once, as the table"


def _check_row_panel(page: Page, card, expected, corpus_dir) -> None:
    """The citation panel is a dialog showing the cited row as labelled fields, the original one click away."""
    button = card.locator("table.items button.cite").first
    name = button.get_attribute("aria-label")
    assert CITE_NAME.match(name), name
    button.focus()
    page.keyboard.press("Enter")
    panel = page.get_by_role("dialog", name=re.compile("出處"))
    expect(panel).to_be_visible()
    assert page.evaluate("document.getElementById('panel').contains(document.activeElement)"), "focus moves in"
    fields = panel.locator("#panel-fields")
    expect(fields).to_be_visible()
    labels = fields.locator("dt").all_inner_texts()
    assert "主辦" in labels and "協辦" in labels and "辦理等級" in labels, labels
    quoted = fields.locator(".field.quoted mark").first
    expect(quoted).to_be_visible()
    line_no = int(re.search(r"第(\d+)行", name).group(1))
    original = (corpus_dir / expected[0].file).read_text(encoding="utf-8").split("\n")[line_no - 1]
    assert quoted.inner_text() in original.split("\t"), "the highlighted text is a whole cell of the cited row"
    assert line_no in {r.line for r in expected}, "the citation points at one of the listed rows"
    panel.get_by_role("button", name="顯示原文").click()
    expect(panel.locator("li.cited mark")).to_have_text(quoted.inner_text())
    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == name, "focus returns to the marker"


@pytest.mark.parametrize("device", DEVICES)
def test_answers_charts_drafts_and_panels(browser, serve, expected, real_settings, artifacts, axe_violations, device):
    base, _ = serve()
    context = browser.new_context(accept_downloads=True, **DEVICES[device])
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    _open(page, base)
    assert page.evaluate("document.activeElement.id") == "question", "focus starts in the question box"
    page.keyboard.type("第一行")
    page.keyboard.press("Shift+Enter")
    page.keyboard.type("第二行")
    assert page.input_value("#question") == "第一行\n第二行" and page.locator("article.answer").count() == 0

    card = _ask(page, LIST_QUESTION)
    _check_list_answer(card, expected)
    chips = card.locator(".filters").inner_text()
    assert "社會局" in chips and not re.search(r"[a-z]{3,}", chips), f"no English internals in the chips: {chips}"
    _fits(page, device)
    page.screenshot(path=artifacts / f"browser-{device}-list.png")
    _check_row_panel(page, card, expected, real_settings.corpus_dir)
    card.locator("table.items button.cite").first.click()
    expect(page.locator("#panel-fields")).to_be_visible()
    page.screenshot(path=artifacts / f"browser-{device}-panel.png")
    assert axe_violations(page) == [], "panel open"
    page.keyboard.press("Escape")
    page.click("#clear")  # a new topic: no follow-up of the list

    group = _ask(page, GROUP_QUESTION)
    expect(group.locator("table.groups")).to_be_visible()
    assert group.locator("table.groups tbody tr").count() > 1
    figure = _chart(group, "group_counts")
    with page.expect_download() as png:
        figure.get_by_role("button", name=re.compile("PNG")).click()
    assert png.value.path().read_bytes().startswith(b"\x89PNG"), "the chart downloads as PNG"
    with page.expect_download() as svg:
        figure.get_by_role("button", name=re.compile("SVG")).click()
    assert b"<svg" in svg.value.path().read_bytes()[:400], "and as SVG"
    figure.scroll_into_view_if_needed()
    _fits(page, device)
    page.screenshot(path=artifacts / f"browser-{device}-group.png")

    page.click("#clear")
    trend = _ask(page, KPI_QUESTION)
    _chart(trend, "kpi_trend").scroll_into_view_if_needed()
    _fits(page, device)
    page.screenshot(path=artifacts / f"browser-{device}-kpi.png")
    assert axe_violations(page) == [], "a KPI trend chart"
    page.click("#clear")

    page.click("label.toggle")  # 新聞稿草稿
    draft = _ask(page, LIST_QUESTION)
    press = draft.locator("article.press")
    expect(press.locator(".press-title")).to_be_visible()
    assert not re.search(r"\[\d+\]", press.locator("p").all_inner_texts()[1]), "no [n] inside the body"
    with page.expect_download() as docx:
        press.get_by_role("button", name="下載 DOCX").click()
    paragraphs = [p.text for p in Document(io.BytesIO(docx.value.path().read_bytes())).paragraphs]
    assert paragraphs[0] == press.locator(".press-title").inner_text() and "資料來源" in paragraphs
    press.scroll_into_view_if_needed()
    page.screenshot(path=artifacts / f"browser-{device}-draft.png")
    assert axe_violations(page) == [], "answers, charts and a draft on the page"
    elsewhere = [url for url in requested if not url.startswith((base, "data:", "blob:"))]
    assert elsewhere == [], "the page and its libraries load nothing from another host"
    context.close()


def test_page_behaviour_with_a_fake_assistant(browser, serve, artifacts):
    base, holder = serve(FakeAssistant)
    context = browser.new_context(accept_downloads=True, **DESKTOP)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base)
    page = context.new_page()
    _open(page, base)
    fake = holder.snapshot().assistant

    first = _ask(page, "社會局主辦的項目有哪些？")
    expect(first.locator(".filters")).to_contain_text("市政白皮書項目")
    expect(first.locator(".answer-body")).to_have_text("共 3 項：")  # the summary; the items are the table's

    first.get_by_role("button", name="複製答案與來源").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("共 3 項") and "\n來源：\n[1] " in copied and "**" not in copied

    with page.expect_download() as download:
        first.get_by_role("button", name="下載 CSV").click()
    csv_text = download.value.path().read_bytes().decode("utf-8")
    lines = csv_text.removeprefix("\ufeff").split("\r\n")
    assert lines[0] == "項目,主辦,協辦,辦理等級,分組,期別,檔案,行,引文" and len(lines) == 5
    first_quote = fake.index.records.query("progress_item")[0].item_name
    assert first_quote in lines[1], "each row carries its quote"

    page.click("label.toggle")  # 新聞稿草稿
    draft = _ask(page, "其中哪些已完成？")
    expect(draft.locator(".draft-badge")).to_be_visible()
    expect(draft.locator(".press-title")).to_have_text("測試新聞稿共3項")
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
