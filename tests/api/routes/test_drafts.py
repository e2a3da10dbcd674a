"""POST /api/draft: the press release as a Word file or plain text, named after its title."""

import io
from urllib.parse import unquote

from docx import Document

QUESTION = {"question": "社會局主辦的項目有哪些？", "history": [{"question": "有哪些項目？"}]}


def test_the_release_downloads_as_a_word_file(client):
    response = client.post("/api/draft", json=QUESTION)
    assert response.status_code == 200 and response.headers["content-type"].endswith("wordprocessingml.document")
    paragraphs = [p.text for p in Document(io.BytesIO(response.content)).paragraphs]
    assert paragraphs[:3] == ["測試新聞稿共3項", "本府說明測試項目。", "共3項。"] and paragraphs[3] == "資料來源"
    disposition = response.headers["content-disposition"]
    assert disposition.startswith("attachment;") and unquote(disposition.split("''")[1]) == "測試新聞稿共3項.docx"
    call = client.app.state.holder.snapshot().assistant.calls[-1]
    assert call["mode"] == "draft" and [t.question for t in call["history"]] == ["有哪些項目？"]


def test_the_release_downloads_as_plain_text(client):
    response = client.post("/api/draft", params={"format": "txt"}, json=QUESTION)
    assert response.headers["content-type"].startswith("text/plain")
    assert response.text.startswith("測試新聞稿共3項\n\n本府說明測試項目。") and "資料來源：\n1. " in response.text


def test_bad_requests_are_422(client):
    assert client.post("/api/draft", params={"format": "pdf"}, json=QUESTION).status_code == 422
    assert client.post("/api/draft", json={"question": " "}).status_code == 422
