"""Deterministic stand-ins for the slow or unfinished parts, shared by every test package.

`FakeEmbedder` replaces the bundled embedding model (fast, no weights); `FakeAssistant` replaces
the answering service (simonw/llm style: a fixed, inspectable behaviour) so API tests check the
plumbing of the HTTP layer, not the quality of answers.
"""

import hashlib

import numpy as np

from assistant.answering.contract import AnswerResponse, Citation, Item, Mode, PressRelease, Turn
from assistant.config import Settings
from assistant.index.store import SearchIndex

REFUSE_MARKER = "不知道"


class FakeEmbedder:
    """Bag of character bigrams hashed into 64 dimensions: similar texts get similar unit vectors."""

    model_id = "fake-bigram-64"
    dim = 64

    def __init__(self) -> None:
        self.calls = 0

    def _vector(self, text: str) -> np.ndarray:
        vector = np.zeros(self.dim, dtype=np.float32)
        for a, b in zip(text, text[1:]):
            vector[int(hashlib.md5((a + b).encode()).hexdigest(), 16) % self.dim] += 1.0
        norm = np.linalg.norm(vector)
        return vector / norm if norm else vector

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        self.calls += len(texts)
        return np.stack([self._vector(t) for t in texts]) if texts else np.zeros((0, self.dim), np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        return self._vector(text)


class FakeAssistant:
    """Refuses questions containing 「不知道」; otherwise lists the first three progress items, each
    cited by its row with an exact quote. Every call is kept in `calls`."""

    LIST_SIZE = 3

    def __init__(self, index: SearchIndex, settings: Settings):
        self.index = index
        self.settings = settings
        self.calls: list[dict] = []

    def _quote(self, file: str, line: int, name: str | None) -> str:
        text = (self.settings.corpus_dir / file).read_text(encoding="utf-8").split("\n")[line - 1]
        return next((cell for cell in text.split("\t") if name and name in cell), text[:20])

    def ask(self, question: str, history: list[Turn] | None = None, mode: Mode = "answer",
            filters: dict | None = None) -> AnswerResponse:
        self.calls.append({"question": question, "history": history, "mode": mode, "filters": filters})
        if REFUSE_MARKER in question:
            return AnswerResponse(question=question, answer="資料中沒有這項資訊，無法回答。", kind="refusal",
                                  refused=True, filters={})
        records = self.index.records.query("progress_item")[: self.LIST_SIZE]
        titles = {p.file: p.title for p in self.index.passages}
        citations = [Citation(id=n, file=r.file, line=r.line, end_line=r.end_line, title=titles[r.file],
                              quote=self._quote(r.file, r.line, r.item_name))
                     for n, r in enumerate(records, start=1)]
        items = [Item(label=r.label(), citations=[n],
                      fields={"lead_agency": r.lead_agency, "co_agencies": r.co_agencies,
                              "status_code": r.status_code, "status_label": r.status_label})
                 for n, r in enumerate(records, start=1)]
        lines = [f"- **{r.label()}**（主辦：{r.lead_agency}）[{n}]" for n, r in enumerate(records, start=1)]
        lead = "新聞稿草稿：" if mode == "draft" else ""
        release = PressRelease(title=f"測試新聞稿共{len(records)}項", lead="本府說明測試項目。",
                               body=[f"共{len(records)}項。"],
                               sources=[f"{c.id}. 《{c.title}》：「{c.quote}」" for c in citations]) \
            if mode == "draft" else None
        return AnswerResponse(question=question, answer=f"{lead}共 {len(records)} 項：\n" + "\n".join(lines),
                              kind="list", refused=False,
                              filters={"record_type": "progress_item", **(filters or {})},
                              items=items, citations=citations, summary=f"{lead}共 {len(records)} 項：", draft=release)
