"""Characters two texts share: the longest run they hold in one piece (how much of a name a mention
holds), and whether a short form keeps a longer one's characters in order (a contraction).

Chinese shortens a name by keeping some of its characters in order and dropping the rest: the first
character or two of each word it keeps (職業災害 → 職災, 長期照顧 → 長照, 北投士林科技園區 → 北士科), or
whole words with a qualifier left out (死亡百萬人率 → 死亡率). A word is rarely longer than four
characters, so between two kept characters only a few are dropped; `max_gap` bounds them.
"""

import re
from difflib import SequenceMatcher
from functools import lru_cache


def shared_run(name: str, text: str) -> str:
    """The longest run of characters `name` and `text` share (the first, when several are as long)."""
    match = SequenceMatcher(None, name, text, autojunk=False).find_longest_match(0, len(name), 0, len(text))
    return name[match.a:match.a + match.size]


@lru_cache(maxsize=4096)
def _in_order(short: str, max_gap: int) -> re.Pattern[str]:
    return re.compile(f".{{0,{max_gap}}}?".join(map(re.escape, short)), re.DOTALL)


def kept_in_order(short: str, name: str, max_gap: int) -> bool:
    """`short` is `name` shortened: two characters or more, each found in `name` in order, with at most
    `max_gap` characters of `name` dropped between two kept ones (a run `name` holds whole counts)."""
    return len(short) >= 2 and len(short) <= len(name) and bool(_in_order(short, max_gap).search(name))


def elided(short: str, name: str, min_run: int) -> bool:
    """`short` quotes `name` with parts left out: it is two runs of `name` or more, in order, each of at
    least `min_run` characters (「109年施政成果暨110年主要任務」 of 「109年施政成果與未來2年施政重點暨110年
    主要任務報告」). Each run is taken as long as `name` holds it, from where the run before it ended."""
    at, runs = 0, 0
    while short:
        longest = next((n for n in range(len(short), min_run - 1, -1) if name.find(short[:n], at) >= 0), 0)
        if not longest:
            return False
        at = name.find(short[:longest], at) + longest
        short, runs = short[longest:], runs + 1
    return runs >= 2
