import pytest

from assistant.evaluation.baselines import (
    Bm25Only,
    Chunk,
    LlamaIndexRag,
    locate,
    score_baseline,
    summarize_baseline_by_type,
)
from assistant.evaluation.metrics import Span
from tests.evaluation.builders import PROGRESS, question
from tests.fakes import FakeEmbedder

TEXT = "第一行\n第二行 甲\n第三行 乙\n\n第五行 丙\n"


def test_locate_maps_a_chunk_back_to_its_lines():
    assert locate(TEXT, "第二行 甲\n第三行", "f.txt") == Span("f.txt", 2, 3)
    assert locate(TEXT, "第五行 丙\n", "f.txt") == Span("f.txt", 5, 5)
    assert locate(TEXT, "不在檔案裡", "f.txt") is None


def test_score_baseline_items_and_must_contain_use_the_top_k_only():
    rows = [{"file": PROGRESS, "line": n} for n in (41, 42, 43)]
    q = question(type="list", expected_items=rows, evidence=rows, must_contain=["孕婦"])
    chunks = [Chunk("孕婦愛心專車", Span(PROGRESS, 40, 41)), Chunk("?", None), Chunk("x", Span(PROGRESS, 42, 43))]
    top2 = score_baseline(q, chunks, latency_ms=1.0, k=2)
    assert top2.items_recall == pytest.approx(1 / 3)
    assert top2.must_contain_ok is True
    assert top2.recall_at_k == 1.0  # capped: the 2 located chunks hold all three rows
    assert top2.reciprocal_rank == 1.0
    assert score_baseline(q, chunks, latency_ms=1.0, k=3).items_recall == 1.0


def test_baseline_summary_by_type():
    q = question(type="lookup", expected_values=["97.5"], evidence=[{"file": PROGRESS, "line": 41}])
    results = [score_baseline(q, [Chunk("97.5", Span(PROGRESS, 41, 41))], 2.0),
               score_baseline(q, [Chunk("96.2", Span(PROGRESS, 7, 7))], 4.0)]
    by_type = summarize_baseline_by_type(results)
    assert list(by_type) == ["lookup", "overall"]
    assert by_type["lookup"].must_contain == 0.5 and by_type["lookup"].recall_at_k == 0.5
    assert by_type["overall"].latency_p50_ms == 3.0


def test_the_llama_index_pipeline_chunks_embeds_and_maps_lines(tmp_path):
    lines = [f"第{n}行：臺北市政府第{n}號政策項目的辦理情形說明，包含預算與人力配置。" for n in range(1, 301)]
    (tmp_path / "big.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "small.txt").write_text("秘書處預算執行率\n97.5\n", encoding="utf-8")
    rag = LlamaIndexRag(tmp_path, FakeEmbedder())
    assert rag.chunk_count > 2  # the default splitter cut the big file
    chunks = rag.retrieve("秘書處預算執行率", depth=3)
    assert len(chunks) == 3
    assert chunks[0].span == Span("small.txt", 1, 2)
    for chunk in chunks:
        text = (tmp_path / chunk.span.file).read_text(encoding="utf-8").split("\n")
        assert chunk.text.strip() in "\n".join(text[chunk.span.line - 1 : chunk.span.end_line])


def test_bm25_only_searches_our_passages(real_index):
    chunks = Bm25Only(real_index).retrieve("救災用空拍機", depth=5)
    assert 0 < len(chunks) <= 5
    assert any(c.span.file == PROGRESS and c.span.line <= 22 <= c.span.end_line for c in chunks)
