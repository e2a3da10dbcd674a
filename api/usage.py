"""Token counts for the OpenAI-compatible endpoint's `usage` field.

The service runs no language model, so there is no model tokenizer to count with. The figures are an
estimate in the spirit of BPE tokenizers: a CJK character (or any other non-ASCII letter) is one token,
a run of ASCII letters or digits one token per four characters, and any other visible mark one token.
Chat clients show and sum them; they are not billed.
"""

import math
import re

_PIECES = re.compile(r"[A-Za-z0-9]+|[^\sA-Za-z0-9]")
ASCII_CHARS_PER_TOKEN = 4


def count_tokens(text: str) -> int:
    return sum(math.ceil(len(p) / ASCII_CHARS_PER_TOKEN) if p.isascii() and p.isalnum() else 1
               for p in _PIECES.findall(text))


def usage(prompt: str, completion: str) -> dict:
    """OpenAI's `usage` object for a prompt (every message's text) and the reply text."""
    prompt_tokens, completion_tokens = count_tokens(prompt), count_tokens(completion)
    return {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens}
