"""Writing the PostgreSQL backend: uploads, replacements and withdrawals each publish one version in one
transaction; a failure leaves every table as it was; unchanged documents keep their parts and their
segmentations; a serving-only role reads but never writes; other servers hear of a new version."""

import threading

import pytest

from assistant.errors import DocumentNotFoundError, DuplicateDocumentError, ReadOnlyDatabaseError
from assistant.index.ingestion import UploadFields, prepare
from assistant.index.retriever import HybridSearcher
from assistant.storage.postgres import writer
from assistant.storage.postgres.local import READER
from assistant.storage.postgres.storage import PostgresStorage
from tests.fakes import FakeEmbedder

TABLE = "\t".join(["領域", "綱要", "類別", "政策項目", "主辦", "協辦", "目標", "工作項目", "辦理情形", "辦理等級"])
ROWS = ["安全城市\t防災\t一、社區韌性\t1、推動韌性社區示範計畫\t消防局\t-\t完成示範\t1. 規劃\t一、已完成規劃。\tB執行中",
        "安全城市\t防災\t二、防災教育\t2、推廣防災教育\t教育局\t社會局\t辦理宣導\t1. 宣導\t一、已辦理宣導。\tA已完成或例行性業務"]
TEXT = "臺北市政府113年上半年韌性城市辦理情形\n" + TABLE + "\n" + "\n".join(ROWS) + "\n"


def _upload(storage, name="005_resilience.txt", text=TEXT, **fields):
    fields = {"title": "韌性城市辦理情形", "issuer": "臺北市政府", "year_roc": 113, "kind": "progress_table", **fields}
    doc = prepare(storage.settings, name, text.encode(), UploadFields(**fields), served=storage.served_corpus())
    return storage.ingest(doc)


def _counts(storage) -> dict[str, int]:
    tables = ["documents", "uploaded_documents", "parts", "passages", "segmentations", "passage_tokens",
              "index_versions", "version_members", "version_terms", "progress_items"]
    with storage.database.connection() as conn:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def _members(storage, index) -> dict[int, int]:
    with storage.database.connection() as conn:
        return dict(conn.execute("SELECT part_id, segmentation_id FROM version_members WHERE version_id = %s",
                                 [index.version_id]).fetchall())


def test_an_upload_publishes_a_version_reusing_every_untouched_part(pg_storage):
    before = pg_storage.open(show_progress=False)
    after = _upload(pg_storage)
    assert after.version != before.version and pg_storage.published() == after.version
    assert "005_resilience.txt" in after.manifest["documents"]
    assert [r.item_name for r in after.records.query("progress_item", [writer_condition()])] == \
        ["推動韌性社區示範計畫", "推廣防災教育"]
    old, new = _members(pg_storage, before), _members(pg_storage, after)
    assert set(old) < set(new), "every bundled part is kept; one part is added"
    kept = [p for p in old if new[p] == old[p]]
    assert len(kept) >= len(old) - 2, "only parts the new dictionary words occur in are segmented again"
    hits = HybridSearcher(after).search("韌性社區示範", 3)
    assert hits[0].passage.file == "005_resilience.txt"


def writer_condition():
    from assistant.index.records_db import Condition

    return Condition("file", "005_resilience.txt")


def test_reused_segmentations_rank_as_a_build_from_nothing(pg_storage, pg_server, pg_database, make_settings, tmp_path):
    from tests.conftest import postgres_settings

    pg_storage.open(show_progress=False)
    grown = _upload(pg_storage)
    fresh_settings = postgres_settings(make_settings(), pg_server.url(pg_database()), tmp_path / "fresh")
    fresh_storage = PostgresStorage(fresh_settings, FakeEmbedder(384))
    try:
        with pg_storage.database.connection() as conn:  # the same upload, in a database that never had a version
            row = conn.execute("SELECT d.info, d.original, d.source_name FROM uploaded_documents u JOIN documents d "
                               "ON d.id = u.document_id").fetchone()
        _upload(fresh_storage)
        fresh = fresh_storage.open(show_progress=False)
        assert fresh.passages == grown.passages and row[1] == TEXT.encode()
        assert fresh.frequencies == grown.frequencies
        for query in ["社會局主辦的項目", "韌性社區", "防災教育宣導", "秘書處預算"]:
            tokens = grown.segmenter.tokens(query)
            assert (fresh.bm25.scores(tokens) == grown.bm25.scores(tokens)).all(), query
    finally:
        fresh_storage.close()


def test_replace_and_withdraw_each_publish_a_version(pg_storage):
    pg_storage.open(show_progress=False)
    _upload(pg_storage)
    replaced = _upload(pg_storage, text=TEXT.replace("推廣防災教育", "推廣全民防災教育"), replaces="005_resilience.txt")
    names = [r.item_name for r in replaced.records.query("progress_item", [writer_condition()])]
    assert names == ["推動韌性社區示範計畫", "推廣全民防災教育"]
    withdrawn = pg_storage.withdraw("005_resilience.txt")
    assert "005_resilience.txt" not in withdrawn.manifest["documents"]
    assert "005_resilience.txt" not in [d.file for d in pg_storage.served_corpus().documents]
    with pytest.raises(DocumentNotFoundError):
        pg_storage.withdraw("005_resilience.txt")
    with pytest.raises(DuplicateDocumentError):
        pg_storage.withdraw("000_a326a7c91818490c.txt")
    counts = _counts(pg_storage)
    assert counts["index_versions"] == 2, "the published version and the one before it are kept"
    assert counts["uploaded_documents"] == 0


def test_a_failure_inside_the_upload_leaves_every_table_as_it_was(pg_storage, monkeypatch):
    index = pg_storage.open(show_progress=False)
    before = _counts(pg_storage)

    def crash(*args, **kwargs):
        raise RuntimeError("the server died half-way")

    monkeypatch.setattr(writer, "publish", crash)
    with pytest.raises(RuntimeError):
        _upload(pg_storage)
    assert _counts(pg_storage) == before
    assert pg_storage.published() == index.version
    monkeypatch.undo()
    assert "005_resilience.txt" in _upload(pg_storage).manifest["documents"], "the name is free: nothing was kept"


def test_a_resumed_upload_finds_its_committed_version(pg_storage):
    pg_storage.open(show_progress=False)
    doc = prepare(pg_storage.settings, "005_resilience.txt", TEXT.encode(),
                  UploadFields(title="韌性城市辦理情形", issuer="臺北市政府", year_roc=113),
                  served=pg_storage.served_corpus())
    first = pg_storage.ingest(doc, key="job-1")
    counts = _counts(pg_storage)
    again = pg_storage.ingest(doc, key="job-1")
    assert again.version == first.version and _counts(pg_storage) == counts
    with pytest.raises(DuplicateDocumentError):
        pg_storage.ingest(doc, key="job-2")


def test_a_serving_role_reads_every_version_and_changes_nothing(pg_storage, pg_server):
    index = pg_storage.open(show_progress=False)
    url = pg_storage.settings.database_url.get_secret_value().replace("policy_owner:owner-secret", f"{READER}:reader-secret")
    from pydantic import SecretStr

    reader = PostgresStorage(pg_storage.settings.model_copy(update={"database_url": SecretStr(url)}), FakeEmbedder(384))
    try:
        assert not reader.writable
        assert reader.open(show_progress=False).version == index.version
        with pytest.raises(ReadOnlyDatabaseError, match="owner role"):
            _upload(reader)
        with pytest.raises(ReadOnlyDatabaseError):
            reader.withdraw("000_a326a7c91818490c.txt")
    finally:
        reader.close()


def test_another_server_hears_of_a_new_version_at_once(pg_storage):
    from pydantic import SecretStr

    pg_storage.open(show_progress=False)
    other = PostgresStorage(pg_storage.settings.model_copy(
        update={"database_url": SecretStr(pg_storage.settings.database_url.get_secret_value())}), FakeEmbedder(384))
    try:
        seen = other.published()
        other.wait_for_change(0.01)  # listening from here on
        woke = threading.Event()
        waiter = threading.Thread(target=lambda: (other.wait_for_change(120), woke.set()))
        waiter.start()
        published = _upload(pg_storage).version
        waiter.join(60)
        assert woke.is_set(), "NOTIFY woke the other server long before its poll"
        assert other.published() == published != seen
        assert other.load_current().version == published
    finally:
        other.close()
