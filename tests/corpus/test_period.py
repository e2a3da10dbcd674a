"""Periods come from the manifest and the document itself; records and passages carry them."""

import datetime as dt
import shutil
from pathlib import Path

import yaml

from assistant.corpus.lexicon import load_lexicon
from assistant.corpus.manifest import load_corpus
from assistant.corpus.period import Period, read_period
from assistant.parsing.pipeline import parse_document

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
TABLE = "000_a326a7c91818490c.txt"


def test_labels_and_order():
    h2, h1 = Period(year_roc=112, half=2), Period(year_roc=113, half=1)
    assert (h2.label, h1.label, Period(year_roc=112).label) == ("112年下半年", "113年上半年", "112年度")
    assert sorted([h1, h2], key=Period.sort_key) == [h2, h1]
    assert h2.end == dt.date(2023, 12, 31) and h1.end == dt.date(2024, 6, 30)


def test_read_period_from_a_title_and_header():
    found = read_period("市政白皮書113年上半年辦理情形\n113年上半年辦理情形及成果 (截至113年6月底)")
    assert (found.year_roc, found.half, found.as_of) == (113, 1, dt.date(2024, 6, 30))
    assert read_period("臺北市政府107年施政綱要").model_dump() == {"year_roc": 107, "half": None, "as_of": None}


def test_the_bundled_table_period_agrees_with_its_header():
    doc = load_corpus(CORPUS).get(TABLE)
    assert doc.period.label == "112年下半年"
    assert doc.period.as_of == dt.date(2023, 12, 31)  # L5: (截至112年12月底)


def test_records_take_the_period_of_their_manifest_entry(tmp_path: Path):
    """A copy of 000 declared as 113上 gives 113 records: no year comes from a code default."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(CORPUS / TABLE, folder / "copy.txt")
    entry = {"title": "市政白皮書113年上半年辦理情形與成果一覽表", "issuer": "臺北市政府", "year_roc": 113,
             "year_ad": 2024, "half": 1, "series": "白皮書", "kind": "progress_table"}
    (folder / "manifest.yaml").write_text(yaml.safe_dump({"documents": {"copy.txt": entry}}, allow_unicode=True))
    corpus = load_corpus(folder)
    parsed = parse_document(corpus.get("copy.txt"), load_lexicon())
    assert len(parsed.records) == 112
    assert {(r.year_roc, r.period.label, r.series) for r in parsed.records} == {(113, "113年上半年", "白皮書")}
    assert {p.period.label for p in parsed.passages} == {"113年上半年"}
    # the text still says 112年下半年 in its header: that disagreement is reported, the manifest wins
    assert any("113年上半年" in w and "manifest" in w for w in corpus.warnings)
