"""The schema vocabulary in `data/schema.yaml`: what record types' rows and fields are called.

Nouns tell which record type a question enumerates (政策項目, KPI, 策略目標); field words tell which
field it asks to see or filter on (主辦, 辦理等級, 目標值, 達成度). It describes document kinds, not
documents, so a new document of a known kind needs no change here.
"""

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
GOAL_TYPE = "strategy_goal"  # not stored: the distinct goals of the KPI records


@dataclass(frozen=True)
class Schema:
    nouns: dict[str, tuple[str, ...]]  # record type → words for its rows
    fields: dict[str, dict[str, tuple[str, ...]]]  # record type → field → words for it
    document_fields: dict[str, tuple[str, ...]]  # document fact → words for it
    field_values: dict[str, dict[str, tuple[str, ...]]]  # field → value as printed → English words for it

    def field_words(self) -> list[tuple[str, str, str]]:
        """(record type, field, word) for every field word."""
        return [(rt, f, w) for rt, fields in self.fields.items() for f, words in fields.items() for w in words]


@cache
def load_schema() -> Schema:
    raw = yaml.load(resources.files("assistant.data").joinpath("schema.yaml").read_text("utf-8"), _LOADER)
    types = raw["record_types"]
    return Schema(
        nouns={rt: tuple(spec.get("nouns") or ()) for rt, spec in types.items()},
        fields={rt: {f: tuple(words) for f, words in (spec.get("fields") or {}).items()} for rt, spec in types.items()},
        document_fields={f: tuple(words) for f, words in raw["document_fields"].items()},
        field_values={f: {v: tuple(words) for v, words in values.items()}
                      for f, values in (raw.get("field_values") or {}).items()},
    )
