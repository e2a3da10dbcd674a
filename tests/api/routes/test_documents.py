"""Documents: list, open lines, and upload (checked, indexed in the background, rolled back on failure)."""

import threading
import time
import uuid

import pytest

from api.holder import IndexHolder
from assistant.corpus.datadir import DataDir
from assistant.corpus.manifest import MANIFEST_NAME
from assistant.corpus.served import load_served_corpus
from tests.documents import CORPUS, encrypted_pdf, image_only_pdf, to_docx
from tests.fakes import FakeAssistant, FakeEmbedder

PROGRESS = "000_a326a7c91818490c.txt"
NEW_TEXT = "臺北市113年青年住宅租金補貼說明\n申請資格：設籍本市之青年。\n"


def _upload(client, content: bytes, name: str = "005_youth.txt", **fields):
    form = {"title": "青年住宅租金補貼說明", "issuer": "臺北市政府都市發展局", "year_roc": "113", **fields}
    return client.post("/api/documents", files={"file": (name, content, "text/plain")}, data=form)


def _finished(client, upload_id: str, timeout: float = 60) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = client.get(f"/api/documents/uploads/{upload_id}").json()
        if status["state"] in ("ready", "failed"):
            return status
        time.sleep(0.05)
    raise AssertionError("the upload never finished")


def test_documents_are_listed_with_counts(client):
    docs = {d["file"]: d for d in client.get("/api/documents").json()}
    assert len(docs) == 5
    assert docs[PROGRESS]["title"] == "市政白皮書112年下半年辦理情形與成果一覽表"
    assert docs[PROGRESS]["records"] == client.get("/api/records", params={"file": PROGRESS}).json()["total"]


def test_lines_return_the_original_text_with_context(client, shared_settings):
    original = (shared_settings.corpus_dir / PROGRESS).read_text(encoding="utf-8").split("\n")
    body = client.get(f"/api/documents/{PROGRESS}/lines", params={"from": 43, "to": 44, "context": 2}).json()
    assert (body["from"], body["to"], body["file"]) == (43, 44, PROGRESS)
    expected = [(n, original[n - 1]) for n in range(41, 47)]
    assert [(line["number"], line["text"]) for line in body["lines"]] == expected
    assert [line["number"] for line in body["lines"] if line["cited"]] == [43, 44]


def test_a_cited_table_row_comes_with_its_cells_named_by_the_header(client, shared_settings):
    original = (shared_settings.corpus_dir / PROGRESS).read_text(encoding="utf-8").split("\n")
    header = next(line.split("\t") for line in original if "辦理等級" in line.split("\t"))
    body = client.get(f"/api/documents/{PROGRESS}/lines", params={"from": 43, "context": 1}).json()
    cited, context = [line for line in body["lines"] if line["cited"]], [l for l in body["lines"] if not l["cited"]]
    cells = cited[0]["cells"]
    assert [c["label"] for c in cells] == [h.strip() for h in header]
    assert [c["text"] for c in cells] == [t.strip() for t in original[42].split("\t")]
    assert all(line["cells"] is None for line in context), "only cited rows are labelled"


@pytest.mark.parametrize("url, status", [
    ("/api/documents/nope.txt/lines?from=1", 404),
    (f"/api/documents/{MANIFEST_NAME}/lines?from=1", 404),
    ("/api/documents/..%2Fcorpus%2Fmanifest.yaml/lines?from=1", 404),
    (f"/api/documents/{PROGRESS}/lines?from=999", 404),
    (f"/api/documents/{PROGRESS}/lines?from=10&to=9", 422),
    (f"/api/documents/{PROGRESS}/lines?from=0", 422),
    (f"/api/documents/{PROGRESS}/lines", 422),
    ("/api/documents/uploads/unknown", 404),
])
def test_bad_document_requests(client, url, status):
    response = client.get(url)
    assert response.status_code == status and response.json()["error"]["message"]


def test_upload_is_indexed_and_served_without_restart(fresh_client, settings):
    accepted = _upload(fresh_client, NEW_TEXT.encode())
    assert accepted.status_code == 202, accepted.text
    assert accepted.json()["state"] in ("queued", "indexing", "ready")
    status = _finished(fresh_client, accepted.json()["id"])
    assert status["state"] == "ready", status
    assert status["index_version"] == fresh_client.get("/readyz").json()["index_version"]
    assert "005_youth.txt" in {d["file"] for d in fresh_client.get("/api/documents").json()}
    lines = fresh_client.get("/api/documents/005_youth.txt/lines", params={"from": 1}).json()["lines"]
    assert lines[0]["text"] == NEW_TEXT.split("\n")[0]
    search = {"q": "青年住宅租金補貼", "file": "005_youth.txt"}
    hits = fresh_client.get("/api/search", params=search).json()["hits"]
    assert hits and hits[0]["file"] == "005_youth.txt"
    assert "\n".join(load_served_corpus(settings).get("005_youth.txt").lines) + "\n" == NEW_TEXT
    assert not (settings.corpus_dir / "005_youth.txt").exists(), "uploads never go into the bundled corpus"


def test_big5_upload_is_converted_and_says_so(fresh_client, settings):
    accepted = _upload(fresh_client, NEW_TEXT.encode("cp950"), name="006_big5.txt")
    assert accepted.status_code == 202
    assert "converted from Big5 (cp950) to UTF-8" in accepted.json()["notes"]
    assert _finished(fresh_client, accepted.json()["id"])["state"] == "ready"
    assert "\n".join(load_served_corpus(settings).get("006_big5.txt").lines) + "\n" == NEW_TEXT


def test_tsv_with_uneven_columns_is_just_text(fresh_client):
    tsv = "項目\t主辦\t狀態\n1、青年住宅\t都市發展局\n2、敬老卡\t社會局\tB執行中\t多一欄\n"
    accepted = _upload(fresh_client, tsv.encode(), name="007_table.tsv")
    assert accepted.status_code == 202
    assert _finished(fresh_client, accepted.json()["id"])["state"] == "ready"
    lines = fresh_client.get("/api/documents/007_table.tsv/lines", params={"from": 1, "to": 3}).json()["lines"]
    assert [line["text"] for line in lines] == tsv.rstrip("\n").split("\n")


@pytest.mark.parametrize("content, name, fields, status, type_", [
    (b"", "005_empty.txt", {}, 422, "invalid_document"),
    (b" \n\t\n", "005_blank.txt", {}, 422, "invalid_document"),
    (b"\x00\x01\x02\x03binary", "005_bin.txt", {}, 422, "invalid_document"),
    (b"\xff\xfe\xfd\xfc", "005_garbage.txt", {}, 422, "invalid_document"),
    (NEW_TEXT.encode(), "../../etc/evil.txt", {}, 422, "invalid_document"),
    (NEW_TEXT.encode(), "..\\evil.txt", {}, 422, "invalid_document"),
    (NEW_TEXT.encode(), "run.sh", {}, 422, "invalid_document"),
    (NEW_TEXT.encode(), PROGRESS, {}, 409, "duplicate_document"),
    (NEW_TEXT.encode(), MANIFEST_NAME, {}, 422, "invalid_document"),
    (NEW_TEXT.encode(), "005_ok.txt", {"kind": "spreadsheet"}, 422, "invalid_request"),
    (NEW_TEXT.encode(), "005_ok.txt", {"year_roc": "民國"}, 422, "invalid_request"),
    (NEW_TEXT.encode(), "005_ok.txt", {"half": "3"}, 422, "invalid_request"),
    (b"PK\x03\x04 not really a workbook", "005_bad.xlsx", {}, 422, "invalid_document"),
    (image_only_pdf(), "005_scan.pdf", {}, 422, "invalid_document"),
    (encrypted_pdf([["保密"]]), "005_locked.pdf", {}, 422, "invalid_document"),
    (to_docx([[""]]), "005_empty.docx", {}, 422, "invalid_document"),
    (NEW_TEXT.encode(), "005_ok.txt", {"kind": "progress_table"}, 422, "invalid_document"),
])
def test_bad_uploads_are_refused_and_change_nothing(fresh_client, settings, content, name, fields, status, type_):
    before = {p.name: p.read_bytes() for p in settings.corpus_dir.iterdir()}
    response = _upload(fresh_client, content, name=name, **fields)
    assert response.status_code == status, response.text
    assert response.json()["error"]["type"] == type_
    assert {p.name: p.read_bytes() for p in settings.corpus_dir.iterdir()} == before


def test_a_50_mb_file_is_413_and_nothing_changes(fresh_client, settings):
    before = fresh_client.get("/api/documents").json()
    response = _upload(fresh_client, b"0" * 50_000_000, name="005_huge.csv")
    assert response.status_code == 413 and response.json()["error"]["message"]
    assert fresh_client.get("/api/documents").json() == before


def test_an_xlsx_upload_reports_its_warnings_and_cites_sheet_rows(fresh_client, progress_files):
    accepted = fresh_client.post("/api/documents", files={"file": ("113上.xlsx", progress_files(".xlsx"))},
                                 data={"title": "市政白皮書113年上半年辦理情形與成果一覽表", "issuer": "臺北市政府",
                                       "half": "1", "year_roc": "113"})
    assert accepted.status_code == 202, accepted.text
    notes = accepted.json()["notes"]
    assert any("jump" in n for n in notes) and any("detected" in n for n in notes)
    assert _finished(fresh_client, accepted.json()["id"])["state"] == "ready"
    listed = {d["file"]: d for d in fresh_client.get("/api/documents").json()}["113上.xlsx"]
    assert (listed["kind"], listed["records"], listed["period"], listed["origin"]) == \
           ("progress_table", 112, "113年上半年", "uploaded")
    line = fresh_client.get("/api/documents/113上.xlsx/lines", params={"from": 6}).json()["lines"][0]
    assert line["location"] == "工作表「辦理情形」第 6 列"
    gone = fresh_client.delete("/api/documents/113上.xlsx")
    assert gone.status_code == 202 and _finished(fresh_client, gone.json()["id"])["state"] == "ready"
    assert "113上.xlsx" not in {d["file"] for d in fresh_client.get("/api/documents").json()}
    assert fresh_client.delete(f"/api/documents/{PROGRESS}").status_code == 409


def test_inspect_prefills_without_adding(fresh_client):
    before = fresh_client.get("/api/documents").json()
    found = fresh_client.post("/api/documents/inspect",
                              files={"file": ("x.txt", (CORPUS / PROGRESS).read_bytes())}).json()
    assert (found["kind"], found["records"], found["period"], found["year_roc"]) == \
           ("progress_table", 112, "112年下半年", 112)
    assert fresh_client.get("/api/documents").json() == before


def test_oversized_upload_is_413(make_settings, running):
    settings = make_settings(max_upload_bytes=1_000)
    with running(settings) as client:
        just_over = _upload(client, "臺".encode() * 334)  # 1,002 bytes: under the body limit, over the file limit
        way_over = _upload(client, b"x" * 200_000)  # refused by the body limit before it is read
    for response in (just_over, way_over):
        assert response.status_code == 413 and response.json()["error"]["type"] == "too_large"


def test_the_same_name_twice_is_a_conflict_even_while_indexing(fresh_client):
    first = _upload(fresh_client, NEW_TEXT.encode())
    second = _upload(fresh_client, NEW_TEXT.encode())
    assert first.status_code == 202 and second.status_code == 409
    assert _finished(fresh_client, first.json()["id"])["state"] == "ready"


class GatedEmbedder(FakeEmbedder):
    """Blocks embedding of the new document's text until the test opens the gate; can fail instead."""

    def __init__(self, marker: str, fail: bool = False):
        super().__init__()
        self.marker, self.fail = marker, fail
        self.gate = threading.Event()
        self.waiting = threading.Event()

    def embed_passages(self, texts):
        if any(self.marker in t for t in texts):
            self.waiting.set()
            assert self.gate.wait(30), "the test never opened the gate"
            if self.fail:
                raise RuntimeError("the embedding model crashed")
        return super().embed_passages(texts)


def _unique_text() -> tuple[str, str]:
    """A document whose text no earlier test embedded (the embedding cache is shared)."""
    marker = f"編號{uuid.uuid4().hex}"
    return marker, f"{NEW_TEXT}{marker}\n"


def test_questions_during_ingestion_use_the_old_index(settings, running):
    marker, text = _unique_text()
    embedder = GatedEmbedder(marker)
    holder = IndexHolder(settings, embedder=embedder, assistant_factory=FakeAssistant)
    with running(settings, holder=holder) as client:
        old_version = client.get("/readyz").json()["index_version"]
        accepted = _upload(client, text.encode())
        assert embedder.waiting.wait(30), "indexing started"
        assert client.get(f"/api/documents/uploads/{accepted.json()['id']}").json()["state"] == "indexing"
        assert client.post("/api/ask", json={"question": "社會局主辦的項目？"}).status_code == 200
        assert client.get("/readyz").json()["index_version"] == old_version
        assert "005_youth.txt" not in {d["file"] for d in client.get("/api/documents").json()}
        embedder.gate.set()
        assert _finished(client, accepted.json()["id"])["state"] == "ready"
        assert client.get("/readyz").json()["index_version"] != old_version


def test_failed_ingestion_restores_the_corpus_and_keeps_serving(settings, running):
    marker, text = _unique_text()
    embedder = GatedEmbedder(marker, fail=True)
    embedder.gate.set()
    holder = IndexHolder(settings, embedder=embedder, assistant_factory=FakeAssistant)
    manifest_before = (settings.corpus_dir / MANIFEST_NAME).read_bytes()
    with running(settings, holder=holder) as client:
        old_version = client.get("/readyz").json()["index_version"]
        status = _finished(client, _upload(client, text.encode()).json()["id"])
        assert status["state"] == "failed" and "crashed" in status["message"]
        assert (settings.corpus_dir / MANIFEST_NAME).read_bytes() == manifest_before
        assert DataDir(settings.data_dir).entries() == {}
        assert client.get("/readyz").json()["index_version"] == old_version
        assert client.post("/api/ask", json={"question": "社會局主辦的項目？"}).status_code == 200
        retry = _upload(client, text.encode())
        assert retry.status_code == 202, "the name is free again after the rollback"
