"""The agency lexicon: canonical names, abbreviations and variants, kept as data in `data/agencies.yaml`.

Used by the parsers to canonicalise 主辦/協辦/主責 cells, and later by question understanding.
Matching folds 台→臺, so 台北自來水事業處 and 臺北自來水事業處 are one agency.
"""

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

# libyaml's safe loader when PyYAML has it: same result, ten times faster than the Python one.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def fold_tai(text: str) -> str:
    """Fold the 台/臺 variants to 臺, the official form, for matching only."""
    return text.replace("台", "臺")


@dataclass(frozen=True)
class Agency:
    name: str
    short: str
    variants: tuple[str, ...]
    english: tuple[str, ...]
    kind: str = "agency"

    @property
    def spellings(self) -> tuple[str, ...]:
        """Every Chinese spelling that names this agency, canonical first."""
        return tuple(dict.fromkeys((self.name, self.short, *self.variants)))


class AgencyLexicon:
    """Look agencies up by any spelling, and split cells that run several names together."""

    def __init__(self, agencies: list[Agency], placeholders: list[str], city_government: list[str]):
        self.agencies = agencies
        self.placeholders = frozenset(placeholders)
        self.city_government = tuple(city_government)
        self._by_spelling: dict[str, Agency] = {}
        for agency in agencies:
            for spelling in agency.spellings:
                self._by_spelling[fold_tai(spelling)] = agency
        # Longest spelling first, so 觀光傳播局 wins over a shorter prefix.
        self._longest_first = sorted(self._by_spelling, key=len, reverse=True)

    def canonical(self, text: str) -> str | None:
        """The canonical name for an exact spelling (after 臺/台 folding and trimming), else None."""
        agency = self._by_spelling.get(fold_tai(text.strip()))
        return agency.name if agency else None

    def get(self, name: str) -> Agency | None:
        """The agency for any spelling, or None."""
        return self._by_spelling.get(fold_tai(name.strip()))

    def split(self, cell: str) -> tuple[list[str], list[str]]:
        """Split an agency cell into canonical names, longest match first.

        Handles spaces (`人事處 兵役局`) and no separator at all (`觀光傳播局產業局`).
        Returns (agencies, leftovers): leftovers are the fragments no spelling matched,
        so the caller can warn rather than silently drop them.
        """
        found: list[str] = []
        leftovers: list[str] = []
        for token in fold_tai(cell).replace("、", " ").replace(",", " ").replace("，", " ").split():
            if token in {"-", "－", "—"} or token in self.placeholders:
                continue
            pos, pending = 0, ""
            while pos < len(token):
                for spelling in self._longest_first:
                    if token.startswith(spelling, pos):
                        if pending:
                            leftovers.append(pending)
                            pending = ""
                        name = self._by_spelling[spelling].name
                        if name not in found:
                            found.append(name)
                        pos += len(spelling)
                        break
                else:
                    pending += token[pos]
                    pos += 1
            if pending:
                leftovers.append(pending)
        return found, leftovers

    def find_all(self, text: str) -> list[str]:
        """Canonical names of every agency mentioned anywhere in free text, in order of appearance."""
        folded = fold_tai(text)
        hits: list[tuple[int, str]] = []
        taken = [False] * len(folded)
        for spelling in self._longest_first:
            start = folded.find(spelling)
            while start != -1:
                end = start + len(spelling)
                if not any(taken[start:end]):
                    hits.append((start, self._by_spelling[spelling].name))
                    for i in range(start, end):
                        taken[i] = True
                start = folded.find(spelling, end)
        return list(dict.fromkeys(name for _, name in sorted(hits)))


@lru_cache
def load_lexicon() -> AgencyLexicon:
    """The bundled lexicon, loaded once per process."""
    raw = yaml.load(resources.files("assistant.data").joinpath("agencies.yaml").read_text("utf-8"), _LOADER)
    agencies = [
        Agency(
            name=entry["name"],
            short=entry["short"],
            variants=tuple(entry.get("variants", [])),
            english=tuple(entry.get("english", [])),
            kind=entry.get("kind", "agency"),
        )
        for entry in raw["agencies"]
    ]
    return AgencyLexicon(agencies, raw.get("placeholders", []), raw.get("city_government", []))
