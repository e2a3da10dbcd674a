"""The upload queue: one ingestion at a time, names reserved while pending, failures reported."""

import threading
import time

import pytest

from api.holder import IndexHolder
from api.uploads import UploadQueue
from assistant.corpus.manifest import MANIFEST_NAME
from assistant.errors import DuplicateDocumentError
from assistant.corpus.datadir import DataDir
from assistant.index.ingestion import UploadFields, prepare
from tests.fakes import FakeAssistant, FakeEmbedder


class BlockedHolder(IndexHolder):
    """Its rebuild waits for the test, then fails."""

    def __init__(self, settings):
        super().__init__(settings, embedder=FakeEmbedder(), assistant_factory=FakeAssistant)
        self.gate = threading.Event()

    def open(self):
        assert self.gate.wait(30)
        raise RuntimeError("out of memory")


def _wait(queue: UploadQueue, upload_id: str) -> str:
    deadline = time.monotonic() + 30
    while (state := queue.status(upload_id).state) not in ("ready", "failed"):
        assert time.monotonic() < deadline
        time.sleep(0.02)
    return state


def test_a_name_is_reserved_until_its_upload_finishes(settings):
    holder = BlockedHolder(settings)
    queue = UploadQueue(holder)
    queue.start()
    manifest = (settings.corpus_dir / MANIFEST_NAME).read_bytes()
    doc = prepare(settings, "005_new.txt", "新文件\n".encode(),
                  UploadFields(title="新", issuer="臺北市政府", year_roc=113))
    status = queue.submit(doc)
    assert queue.pending_names() == {"005_new.txt"}
    with pytest.raises(DuplicateDocumentError):
        queue.submit(doc)
    holder.gate.set()
    assert _wait(queue, status.id) == "failed"
    assert "out of memory" in queue.status(status.id).message
    assert queue.pending_names() == frozenset()
    assert (settings.corpus_dir / MANIFEST_NAME).read_bytes() == manifest
    assert DataDir(settings.data_dir).entries() == {}
    assert list(DataDir(settings.data_dir).documents.iterdir()) == []
    queue.shutdown()
