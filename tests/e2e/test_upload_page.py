"""The upload page in a real browser: choose a file, see what inspect read (prefilled fields, the
parser's warnings), upload it, follow its progress to ready with its notes, find it in the document
list, and withdraw it. Over a private corpus copy with the fake embedder, so nothing real changes.

Screenshots: test-artifacts/upload-inspected.png, upload-ready.png, upload-documents.png.
"""

import re

from playwright.sync_api import expect

from api.holder import IndexHolder
from api.main import create_app
from tests.fakes import FakeAssistant, FakeEmbedder

TITLE = "市民服務113年上半年辦理情形一覽表"
# A small progress table as a city office would save it: a title line, the header, and three rows,
# the second without its 辦理等級 (the parser skips it and says why).
ROWS = [[TITLE], ["領域", "綱要", "類別", "政策項目", "主辦", "協辦", "113年度目標", "重要工作項目",
                  "113年上半年辦理情形及成果 (截至113年6月底)", "辦理等級"],
        ["安全城市", "防災", "一、社區防災", "1、設置社區防災倉庫", "消防局", "-", "完成3處", "1. 選址", "一、完成", "A已完成或例行性業務"],
        ["", "", "", "2、推動公園遊戲場更新", "工務局", "教育局", "更新5座", "1. 設計", "一、完成2座", ""],
        ["", "", "", "3、擴大長者共餐據點", "社會局", "衛生局", "新增10處", "1. 新增", "一、新增8處", "B執行中"]]
TIMEOUT_MS = 60_000


def test_a_file_is_uploaded_through_the_page_with_its_warnings(browser, make_settings, live_server, tmp_path,
                                                               artifacts, axe_violations):
    from tests.documents import to_csv

    settings = make_settings()
    holder = IndexHolder(settings, embedder=FakeEmbedder(), assistant_factory=FakeAssistant)
    base = live_server(create_app(settings, holder))
    assert holder.wait(60), holder.error
    upload = tmp_path / "113上_市民服務.csv"
    upload.write_bytes(to_csv(ROWS))

    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.goto(f"{base}/upload")
    rows = page.locator("#documents tbody tr")
    expect(rows).to_have_count(5, timeout=TIMEOUT_MS)
    assert "官方文件不可更動" in rows.first.inner_text()
    assert axe_violations(page) == [], "the upload page"

    page.set_input_files("#file", str(upload))
    warnings = page.locator("#inspection-warnings")
    expect(warnings).to_contain_text("row skipped", timeout=TIMEOUT_MS)
    expect(page.locator("#title")).to_have_value(TITLE)
    expect(page.locator("#year_roc")).to_have_value("113")
    expect(page.locator("#half")).to_have_value("1")
    expect(page.locator("#inspection-facts")).to_contain_text("進度表")
    page.fill("#issuer", "測試市政府")
    page.screenshot(path=artifacts / "upload-inspected.png", full_page=True)
    assert axe_violations(page) == [], "the inspection shown"

    page.click("#submit")
    expect(page.locator("#progress-text")).to_contain_text("完成", timeout=TIMEOUT_MS)
    expect(page.locator("#progress-bar")).to_have_attribute("value", "3")
    expect(page.locator("#progress-notes")).to_contain_text("row skipped")
    new = page.locator("#documents tbody tr", has_text=upload.name)
    expect(new).to_have_count(1)
    assert "113年上半年" in new.inner_text() and re.search(r"上傳（", new.inner_text())
    assert new.locator("td.count").inner_text() == "2", "the two rows the parser kept"
    page.locator("#progress").scroll_into_view_if_needed()
    page.screenshot(path=artifacts / "upload-ready.png", full_page=True)
    new.scroll_into_view_if_needed()
    page.screenshot(path=artifacts / "upload-documents.png")

    page.once("dialog", lambda dialog: dialog.accept())
    new.get_by_role("button", name=re.compile("撤回")).click()
    expect(page.locator("#progress-text")).to_contain_text("撤回", timeout=TIMEOUT_MS)
    expect(page.locator("#documents tbody tr", has_text=upload.name)).to_have_count(0, timeout=TIMEOUT_MS)
    page.close()
