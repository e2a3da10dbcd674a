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
from assistant.storage.folder import FolderStorage
from tests.fakes import FakeAssistant, FakeEmbedder


class BlockedStorage(FolderStorage):
    """Its rebuild waits for the test, then fails."""

    def __init__(self, settings):
        super().__init__(settings, FakeEmbedder())
        self.gate = threading.Event()

    def open(self, *args, **kwargs):
        assert self.gate.wait(30)
        raise RuntimeError("out of memory")


def _wait(queue: UploadQueue, upload_id: str) -> str:
    deadline = time.monotonic() + 30
    while (state := queue.status(upload_id).state) not in ("ready", "failed"):
        assert time.monotonic() < deadline
        time.sleep(0.02)
    return state


def test_a_name_is_reserved_until_its_upload_finishes(settings):
    storage = BlockedStorage(settings)
    holder = IndexHolder(settings, assistant_factory=FakeAssistant, storage=storage)
    queue = UploadQueue(holder)
    queue.start()
    manifest = (settings.corpus_dir / MANIFEST_NAME).read_bytes()
    doc = prepare(settings, "005_new.txt", "新文件\n".encode(),
                  UploadFields(title="新", issuer="臺北市政府", year_roc=113))
    status = queue.submit(doc)
    assert queue.pending_names() == {"005_new.txt"}
    with pytest.raises(DuplicateDocumentError):
        queue.submit(doc)
    storage.gate.set()
    assert _wait(queue, status.id) == "failed"
    assert "out of memory" in queue.status(status.id).message
    assert queue.pending_names() == frozenset()
    assert (settings.corpus_dir / MANIFEST_NAME).read_bytes() == manifest
    assert DataDir(settings.data_dir).entries() == {}
    assert list(DataDir(settings.data_dir).documents.iterdir()) == []
    queue.shutdown()
