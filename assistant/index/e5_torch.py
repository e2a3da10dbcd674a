"""multilingual-e5-small's forward pass in plain torch, over the converted folder (see e5_folder.py).

Why not `SentenceTransformer(folder)`: importing sentence-transformers and transformers costs 8–10 s on
two cores and loading through them holds the model twice, a tenth of the index build budget and
~0.5 GB of its memory. The model is a plain BERT encoder with mean pooling, which torch's functional
API states in a few lines; tests/index/test_e5_torch.py checks it against sentence-transformers on
the same folder. The 384 MB word-embedding table is memory-mapped: a batch reads only its rows.
"""

import json
import struct
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F  # noqa: N812 (the conventional name)
from safetensors import safe_open
from tokenizers import Tokenizer

_WORD = "embeddings.word_embeddings.weight"


def _mapped(path: Path, name: str) -> np.ndarray:
    """One float32 tensor of a safetensors file, memory-mapped (the format: u64 header size, JSON header, data)."""
    with open(path, "rb") as handle:
        (size,) = struct.unpack("<Q", handle.read(8))
        entry = json.loads(handle.read(size))[name]
    if entry["dtype"] != "F32":
        raise ValueError(f"{name} in {path} is {entry['dtype']}, expected F32")
    return np.memmap(path, dtype=np.float32, mode="r", offset=8 + size + entry["data_offsets"][0],
                     shape=tuple(entry["shape"]))


class E5Encoder:
    """Unit vectors for texts, from a sentence-transformers folder of multilingual-e5-small."""

    def __init__(self, folder: Path):
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        self.hidden, self.heads = config["hidden_size"], config["num_attention_heads"]
        self.layers, self.eps = config["num_hidden_layers"], config["layer_norm_eps"]
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_padding(pad_id=config["pad_token_id"], pad_token="<pad>")
        self.tokenizer.enable_truncation(config["max_position_embeddings"])
        weights = folder / "model.safetensors"
        self.word = _mapped(weights, _WORD)
        with safe_open(str(weights), framework="pt") as stored:
            self.tensors = {name: stored.get_tensor(name) for name in stored.keys()  # noqa: SIM118 (not a dict)
                      if name != _WORD and not name.startswith("pooler.")}

    def _norm(self, x: torch.Tensor, name: str) -> torch.Tensor:
        weight, bias = self.tensors[name + ".weight"], self.tensors[name + ".bias"]
        return F.layer_norm(x, (self.hidden,), weight, bias, self.eps)

    def _linear(self, x: torch.Tensor, name: str) -> torch.Tensor:
        return F.linear(x, self.tensors[name + ".weight"], self.tensors[name + ".bias"])

    def _split_heads(self, x: torch.Tensor) -> torch.Tensor:
        """(batch, length, hidden) → (batch, heads, length, hidden / heads)."""
        batch, length, _ = x.shape
        return x.view(batch, length, self.heads, -1).transpose(1, 2)

    def _forward(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        batch, length = ids.shape
        w = self.tensors
        x = torch.from_numpy(self.word[ids.numpy()])
        x = x + w["embeddings.position_embeddings.weight"][:length] + w["embeddings.token_type_embeddings.weight"][0]
        x = self._norm(x, "embeddings.LayerNorm")
        attend = mask[:, None, None, :].bool()
        for layer in range(self.layers):
            p = f"encoder.layer.{layer}."
            query, key, value = (self._split_heads(self._linear(x, p + "attention.self." + name))
                                 for name in ("query", "key", "value"))
            context = F.scaled_dot_product_attention(query, key, value, attn_mask=attend)
            context = context.transpose(1, 2).reshape(batch, length, self.hidden)
            x = self._norm(x + self._linear(context, p + "attention.output.dense"), p + "attention.output.LayerNorm")
            inner = F.gelu(self._linear(x, p + "intermediate.dense"))
            x = self._norm(x + self._linear(inner, p + "output.dense"), p + "output.LayerNorm")
        weights = mask[:, :, None].to(x.dtype)
        return F.normalize((x * weights).sum(1) / weights.sum(1), dim=-1)

    def encode(self, texts: list[str]) -> np.ndarray:
        """(n, hidden) float32 unit vectors; the caller adds the `query: ` / `passage: ` prefix."""
        encodings = self.tokenizer.encode_batch(texts)
        ids = torch.tensor([e.ids for e in encodings])
        mask = torch.tensor([e.attention_mask for e in encodings])
        with torch.inference_mode():
            return self._forward(ids, mask).numpy()
