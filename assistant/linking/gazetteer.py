"""One gazetteer of the corpus's own vocabulary, built from an index version: what a question can name.

Entries come from the records (item names, 類別/綱要/領域, KPI codes and names per document and
year, goal names, table row labels, statuses, perspectives), the documents (titles, group letters,
section headings), the agency lexicon, and the schema vocabulary (nouns for record types, words
for fields, English names of a field's values: customer for the perspective 顧客). Each entry keeps
the text as printed, the value a filter uses, and the records and files it stands for, so a link
leads straight to its rows.

Chinese entries are matched on `match_key` forms; English entries (agency names, schema words) on
lowercased words.
"""

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from assistant.corpus.lexicon import AgencyLexicon
from assistant.corpus.manifest import Document
from assistant.index.indexed_passage import IndexedPassage
from assistant.index.record_memory import RecordMemory
from assistant.linking.document_facts import DocumentFact, document_facts
from assistant.linking.schema import Schema
from assistant.text.normalize import match_key, normalize

EntryKind = Literal[
    "agency", "city", "placeholder", "document", "group", "theme", "goal", "kpi", "perspective", "item",
    "category", "outline", "domain", "status", "table_row", "table", "performance_goal", "heading", "noun", "field",
    "doc_field",
]
# Kinds a question may name by a part of the name (青銀換居 for 推動青銀換居); the others must be named whole.
FRAGMENT_KINDS = frozenset({"document", "theme", "goal", "kpi", "item", "category", "outline", "domain",
                            "table_row", "performance_goal", "heading"})
# Words of the schema rather than names of things: read after the cue readers (see linker).
VOCABULARY_KINDS = frozenset({"field", "noun", "doc_field", "status"})
_NUMBERING = re.compile(r"^[一二三四五六七八九十百\d]+[、.]\s*")
_ASIDE = re.compile(r"[(（][^()（）]*[)）]")
MIN_KEY_CHARS = 2


@dataclass(frozen=True)
class Entry:
    """A name the corpus uses, with what it stands for."""

    kind: EntryKind
    text: str  # as printed
    value: str  # what a filter compares: canonical agency, label as printed, record type, field, code …
    files: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    records: tuple[int, ...] = ()
    line: int | None = None  # for headings: where the heading is


@dataclass
class Gazetteer:
    entries: list[Entry]
    facts: list[DocumentFact] = field(default_factory=list)
    keys: dict[str, list[int]] = field(default_factory=dict)  # match key → entry ids
    english: dict[str, list[int]] = field(default_factory=dict)  # lowercased English words → entry ids
    key_lengths: tuple[int, ...] = ()
    bigrams: dict[str, set[str]] = field(default_factory=dict)  # bigram → fragment-kind keys holding it

    def __post_init__(self) -> None:
        keys: dict[str, list[int]] = defaultdict(list)
        english: dict[str, list[int]] = defaultdict(list)
        for eid, entry in enumerate(self.entries):
            if entry.text.isascii():
                english[" ".join(entry.text.lower().split())].append(eid)
                continue
            for key in entry_keys(entry):
                if len(key) >= MIN_KEY_CHARS:
                    keys[key].append(eid)
        self.keys, self.english = dict(keys), dict(english)
        self.key_lengths = tuple(sorted({len(k) for k in self.keys}, reverse=True))
        bigrams: dict[str, set[str]] = defaultdict(set)
        for key, ids in self.keys.items():
            if any(self.entries[i].kind in FRAGMENT_KINDS for i in ids):
                for i in range(len(key) - 1):
                    bigrams[key[i:i + 2]].add(key)
        self.bigrams = dict(bigrams)

    def get(self, eid: int) -> Entry:
        return self.entries[eid]

    def named(self, key: str) -> list[Entry]:
        return [self.entries[i] for i in self.keys.get(key, ())]


def entry_keys(entry: Entry) -> list[str]:
    """The forms a question may type for an entry: as printed, without numbering, without asides."""
    return name_keys(entry.text)


def name_keys(name: str) -> list[str]:
    """The match keys of a printed name: as printed, without numbering, without asides."""
    text = normalize(name)
    forms = [text, _NUMBERING.sub("", text), _ASIDE.sub("", text), _ASIDE.sub("", _NUMBERING.sub("", text))]
    return list(dict.fromkeys(k for k in (match_key(f) for f in forms) if k))


def same_but_asides(a: str, b: str) -> bool:
    """Two printed names that differ at most by an aside or numbering (社區社福機構佈點數 and
    社區社福機構(設施)佈點數): one name as two documents print it."""
    return bool(set(name_keys(a)) & set(name_keys(b)))


def _agencies(lexicon: AgencyLexicon) -> Iterable[Entry]:
    for agency in lexicon.agencies:
        for spelling in (*agency.spellings, *agency.english):
            yield Entry("agency", spelling, agency.name)
    for name in lexicon.city_government:
        yield Entry("city", name, name)
    for name in lexicon.placeholders:
        yield Entry("placeholder", name, name)


def _grouped(kind: EntryKind, pairs: Iterable[tuple[str | None, int, str, int]], memory: RecordMemory,
             value=None) -> Iterable[Entry]:
    """One entry per distinct printed text, standing for every record that prints it."""
    found: dict[str, list[int]] = defaultdict(list)
    for text, rid, _, _ in pairs:
        if text and text.strip():
            found[text.strip()].append(rid)
    for text, rids in found.items():
        records = [memory.get(r) for r in rids]
        yield Entry(kind, text, value(records[0]) if value else text, tuple(sorted({r.file for r in records})),
                    tuple(sorted({y for r in records if (y := getattr(r, "year_roc", None)) is not None})),
                    tuple(rids))


def _record_entries(memory: RecordMemory) -> Iterable[Entry]:
    def rows(record_type: str, attribute: str):
        for rid in memory.ids_of_type(record_type):
            record = memory.get(rid)
            yield getattr(record, attribute), rid, record.file, record.line

    yield from _grouped("item", rows("progress_item", "item_name"), memory)
    yield from _grouped("category", rows("progress_item", "category"), memory)
    yield from _grouped("outline", rows("progress_item", "outline"), memory)
    yield from _grouped("domain", rows("progress_item", "domain"), memory)
    yield from _grouped("status", rows("progress_item", "status_label"), memory,
                        value=lambda r: r.status_code)
    for record_type in ("strategy_kpi", "kpi_result"):
        yield from _grouped("kpi", rows(record_type, "kpi_name"), memory)
        yield from _grouped("goal", rows(record_type, "goal_name"), memory)
        yield from _grouped("perspective", rows(record_type, "perspective"), memory)
    yield from _grouped("theme", rows("strategy_kpi", "theme_name"), memory, value=lambda r: r.theme_code)
    # …and by its letter in English words (theme G, the Health and Safety theme (G)), as groups are (group D)
    for code in sorted({memory.get(rid).theme_code for rid in memory.ids_of_type("strategy_kpi")}):
        yield from _grouped("theme", ((form, rid, f, n) for _, rid, f, n in rows("strategy_kpi", "theme_name")
                                      if memory.get(rid).theme_code == code
                                      for form in (f"theme {code}", f"theme ({code})", f"{code} theme")),
                            memory, value=lambda r: r.theme_code)
    yield from _grouped("table_row", rows("budget_figure", "item"), memory)
    labels = {match_key(text or "") for text, _, _, _ in rows("budget_figure", "item")}
    # A table by its own name (人力: every row of that table), where no row is printed with that name.
    yield from _grouped("table", ((t, rid, f, n) for t, rid, f, n in rows("budget_figure", "table")
                                  if match_key(t or "") not in labels), memory)
    yield from _grouped("performance_goal", rows("performance_goal", "goal"), memory)


def _document_entries(documents: dict[str, Document], passages: list[IndexedPassage]) -> Iterable[Entry]:
    for file, doc in documents.items():
        info = doc.info
        years = tuple(info.covers_roc or (info.year_roc,))
        yield Entry("document", info.title, file, (file,), years)
        if info.kind != "text":  # the kind of document in English words: the strategy map, the progress table
            yield Entry("document", info.kind.replace("_", " "), file, (file,), years)
        if info.group:
            for form in (f"{info.group}組", f"group {info.group}", f"{info.group} group"):  # the E group
                yield Entry("group", form, info.group, (file,), years)
    seen: set[tuple[str, str]] = set()
    for passage in passages:
        heading = passage.context.split(" > ")[-1].split(" | ")[0].strip() if passage.kind == "text" else ""
        if heading and (passage.file, heading) not in seen:
            seen.add((passage.file, heading))
            yield Entry("heading", heading, heading, (passage.file,), passage.years, line=passage.line)


def _value_names(records: list[Entry], schema: Schema) -> Iterable[Entry]:
    """The English names the schema gives a field's values (customer for 顧客), for each entry of that
    value the records print, standing for the same records."""
    for entry in records:
        for word in schema.field_values.get(entry.kind, {}).get(entry.value, ()):
            yield Entry(entry.kind, word, entry.value, entry.files, entry.years, entry.records)


def _schema_entries(schema: Schema) -> Iterable[Entry]:
    for record_type, nouns in schema.nouns.items():
        for noun in nouns:
            yield Entry("noun", noun, record_type)
    for record_type, name, word in schema.field_words():
        yield Entry("field", word, f"{record_type}.{name}")
    for name, words in schema.document_fields.items():
        for word in words:
            yield Entry("doc_field", word, name)


def build_gazetteer(memory: RecordMemory, documents: dict[str, Document], passages: list[IndexedPassage],
                    lexicon: AgencyLexicon, schema: Schema) -> Gazetteer:
    """The gazetteer of one index version."""
    records = list(_record_entries(memory))
    entries = [*_agencies(lexicon), *records, *_value_names(records, schema), *_document_entries(documents, passages),
               *_schema_entries(schema)]
    facts = [fact for doc in documents.values() for fact in document_facts(doc)]
    return Gazetteer(entries, facts)
