"""The embedded backend (the default): the versioned index folder of `assistant.index.store` and the
data directory of `assistant.corpus.datadir`, on this machine. Nothing to run besides the assistant."""

from typing import TYPE_CHECKING

from assistant.corpus.manifest import Corpus
from assistant.corpus.served import load_served_corpus
from assistant.index.store import CURRENT, SearchIndex, load_current, open_index
from assistant.storage.base import OnRebuild, Storage

if TYPE_CHECKING:
    from assistant.index.ingestion import NewDocument


class FolderStorage(Storage):
    name = "embedded"

    def open(self, rebuild: bool = False, show_progress: bool = True,
             on_rebuild: OnRebuild | None = None) -> SearchIndex:
        return open_index(self.settings, rebuild=rebuild, show_progress=show_progress, embedder=self.embedder,
                          on_rebuild=on_rebuild)

    def load_current(self) -> SearchIndex | None:
        return load_current(self.settings, self.embedder)

    def published(self) -> str | None:
        """The version CURRENT names (what a restarted server would serve first)."""
        current = self.settings.index_dir / CURRENT
        return current.read_text().strip() if current.is_file() else None

    def served_corpus(self) -> Corpus:
        return load_served_corpus(self.settings)

    def ingest(self, doc: "NewDocument", key: str | None = None) -> SearchIndex:
        from assistant.index import ingestion

        return ingestion.ingest(self.settings, doc, lambda: self.open(show_progress=False), key=key)

    def withdraw(self, name: str) -> SearchIndex:
        from assistant.index import ingestion

        return ingestion.withdraw(self.settings, name, lambda: self.open(show_progress=False))
