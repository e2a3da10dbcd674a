"""What a record parser returns: its records and the rows it could not place."""

from dataclasses import dataclass, field

from assistant.parsing.models import Record


@dataclass
class ParseResult:
    records: list[Record] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
