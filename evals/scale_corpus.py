"""A corpus grown N× with distinct documents, for evals/scale.py: other agencies, other periods, other names.

Copies of a document that only differ in a word multiply every list (100 white papers of 112年下半年 give
100× the rows of 社會局). So copy n of each document is turned into a document the city could publish:

- **other periods**: every ROC year the document talks about (and its AD twin) moves by n × the years
  it covers, so copies of one series are later periods of it, never a second document of one period,
  and a question that names no period still answers from one document per series, whose agencies
  are those of the original (as the next 白皮書 keeps who leads what);
- **other agencies**: a document whose series names an agency (秘書處's performance report) becomes
  another agency's: every agency spelling of the lexicon is replaced by the same spelling of another
  agency (a permutation seeded by n), in the text, the title, the issuer and the series;
- **other names**: the item, KPI, goal and category names the records carry get a copy-specific last
  character, so the vocabulary the linker builds grows with the corpus;
- prose gets a copy-specific word after its first 。, so passages differ beyond the names.

Table layout, statuses and numbers other than years are untouched, so every copy parses to as many
records of each type as its original (`check_scaled` reports any that does not).
"""

from __future__ import annotations

import datetime as dt
import random
import re
import tempfile
import zlib
from collections import Counter
from pathlib import Path

import yaml

FIRST_CJK = 0x4E00
CJK_SPAN = 0x9FA5 - 0x4E00
AD_OFFSET = 1911
_YEAR_MARGIN_BEFORE, _YEAR_MARGIN_AFTER = 12, 5  # years around a document's own that it refers to
_MIN_RENAMED = 3  # shorter names are too often ordinary words of the prose


def copy_word(copy: int, salt: str, length: int = 2) -> str:
    """CJK characters unique (in practice) to (copy, salt)."""
    seed = zlib.crc32(f"{copy}:{salt}".encode())
    chars = []
    for _ in range(length):
        chars.append(chr(FIRST_CJK + seed % CJK_SPAN))
        seed //= CJK_SPAN
        seed ^= zlib.crc32(f"{seed}:{salt}".encode())
    return "".join(chars)


def perturb(text: str, copy: int) -> str:
    """Copy 0 is the original; copy n inserts its own word after the first 。 of each line having one."""
    if copy == 0:
        return text
    lines = text.split("\n")
    for number, line in enumerate(lines):
        if "。" in line:
            lines[number] = line.replace("。", "。" + copy_word(copy, str(number)), 1)
    return "\n".join(lines)


def _replace_all(text: str, mapping: dict[str, str]) -> str:
    """Every key of `mapping` replaced at once, longest first (so 社會局 never becomes half a name)."""
    if not mapping:
        return text
    pattern = re.compile("|".join(re.escape(k) for k in sorted(mapping, key=len, reverse=True)))
    return pattern.sub(lambda m: mapping[m.group()], text)


def agency_mapping(copy: int) -> dict[str, str]:
    """Each spelling of each lexicon agency → the same kind of spelling of another agency (seeded by copy)."""
    from assistant.corpus.lexicon import load_lexicon

    agencies = load_lexicon().agencies
    targets = list(agencies)
    random.Random(copy).shuffle(targets)
    mapping: dict[str, str] = {}
    for source, target in zip(agencies, targets):
        pairs = [(source.name, target.name), (source.short, target.short),
                 *((variant, target.short) for variant in source.variants)]
        for spelling, replacement in pairs:
            for form in {spelling, spelling.replace("臺", "台")}:
                mapping.setdefault(form, replacement)
    return mapping


def names_an_agency(text: str) -> bool:
    from assistant.corpus.lexicon import load_lexicon

    return bool(load_lexicon().find_all(text))


def shift_years(text: str, delta: int, first: int, last: int) -> str:
    """ROC years in [first − margin, last + margin] (and their AD years) moved by `delta`.

    A year is a number standing alone: not inside a longer number, a decimal or a thousands group,
    and not an item number (`112、`)."""
    if not delta:
        return text
    low, high = first - _YEAR_MARGIN_BEFORE, last + _YEAR_MARGIN_AFTER

    def roc(match: re.Match) -> str:
        year = int(match.group())
        return str(year + delta) if low <= year <= high else match.group()

    def ad(match: re.Match) -> str:
        year = int(match.group())
        return str(year + delta) if low + AD_OFFSET <= year <= high + AD_OFFSET else match.group()

    text = re.sub(r"(?<![\d,.])\d{4}(?![\d、%]|,\d)", ad, text)
    return re.sub(r"(?<![\d,.])\d{2,3}(?![\d、%]|,\d)", roc, text)


def name_terms(text: str, entry: dict) -> list[str]:
    """The names the document's records carry (what the parser reads from it), safe to rename."""
    from assistant.corpus.lexicon import load_lexicon
    from assistant.corpus.manifest import DocumentInfo, read_document
    from assistant.parsing.pipeline import parse_document
    from assistant.parsing.vocabulary import record_terms

    lexicon = load_lexicon()
    protected = [s for a in lexicon.agencies for s in a.spellings] + list(lexicon.city_government)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.txt"
        path.write_text(text, encoding="utf-8")
        records = parse_document(read_document(path, DocumentInfo(**entry)), lexicon).records
    return [t for t in record_terms(records)
            if len(t) >= _MIN_RENAMED and not re.search(r"\d", t)
            and not any(p in t or t in p for p in protected)]


def derive(text: str, entry: dict, copy: int, terms: list[str]) -> tuple[str, dict]:
    """Copy `copy` of one document: its text and manifest entry (copy 0 is the original)."""
    if copy == 0:
        return text, entry
    covers = entry.get("covers_roc") or [entry["year_roc"]]
    delta = copy * (max(covers) - min(covers) + 1)
    agencies = agency_mapping(copy) if names_an_agency(entry.get("series") or entry["title"]) else {}
    names = {t: t[:-1] + copy_word(copy, t, 1) for t in terms}

    def convert(value: str) -> str:
        return shift_years(_replace_all(_replace_all(value, names), agencies), delta, min(covers), max(covers))

    new = dict(entry)
    for key in ("title", "issuer", "series"):
        if new.get(key):
            new[key] = convert(new[key])
    new["year_roc"] = entry["year_roc"] + delta
    new["year_ad"] = entry["year_ad"] + delta
    if entry.get("covers_roc"):
        new["covers_roc"] = [y + delta for y in entry["covers_roc"]]
    if entry.get("as_of"):
        as_of = entry["as_of"] if isinstance(entry["as_of"], dt.date) else dt.date.fromisoformat(str(entry["as_of"]))
        new["as_of"] = as_of.replace(year=as_of.year + delta)
    return perturb(convert(text), copy), new


def build_scaled_corpus(source: Path, target: Path, factor: int) -> None:
    """`factor` distinct versions of every manifest document (the originals first), with their manifest."""
    manifest = yaml.safe_load((source / "manifest.yaml").read_text(encoding="utf-8"))
    documents = {}
    target.mkdir(parents=True)
    for name, entry in manifest["documents"].items():
        text = (source / name).read_text(encoding="utf-8")
        terms = name_terms(text, entry) if factor > 1 else []
        stem, suffix = name.rsplit(".", 1)
        for copy in range(factor):
            copy_name = name if copy == 0 else f"{stem}-x{copy:03d}.{suffix}"
            copy_text, copy_entry = derive(text, entry, copy, terms)
            (target / copy_name).write_text(copy_text, encoding="utf-8")
            documents[copy_name] = copy_entry
    (target / "manifest.yaml").write_text(yaml.safe_dump({"documents": documents}, allow_unicode=True),
                                          encoding="utf-8")


def check_scaled(parsed_documents: list) -> list[str]:
    """Copies whose record counts by type differ from their original's (a parse the renaming broke)."""
    by_name = {d.document.file: Counter(r.record_type for r in d.records) for d in parsed_documents}
    problems = []
    for name, counts in by_name.items():
        if "-x" not in name:
            continue
        stem, suffix = name.rsplit("-x", 1)
        original = by_name.get(f"{stem}.{suffix.split('.', 1)[1]}")
        if original is not None and counts != original:
            problems.append(f"{name}: {dict(counts)} records, its original {dict(original)}")
    return problems
