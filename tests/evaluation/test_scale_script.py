"""evals/scale.py grows the corpus with distinct documents: other agencies and periods, renamed items,
every copy parsing to as many records as its original, and lists that do not multiply."""

import importlib.util
import sys
from collections import Counter

import numpy as np

from assistant.corpus.manifest import load_corpus
from assistant.corpus.series import series_versions
from assistant.parsing.pipeline import parse_corpus
from tests.evaluation.builders import PROJECT

sys.path.insert(0, str(PROJECT / "evals"))


def load_script(name: str):
    spec = importlib.util.spec_from_file_location(name, PROJECT / "evals" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


scale, scale_corpus = load_script("scale"), load_script("scale_corpus")


def test_years_move_and_other_numbers_stay():
    text = "112年度目標\t112.6.30前完成\t核貸112件\t112、推動\t3,112元\t1.112\t2023年\t109 至 112年度"
    moved = scale_corpus.shift_years(text, 3, 112, 112)
    assert moved == "115年度目標\t115.6.30前完成\t核貸115件\t112、推動\t3,112元\t1.112\t2026年\t112 至 115年度"
    assert scale_corpus.shift_years(text, 0, 112, 112) == text


def test_prose_perturbation_differs_per_copy():
    text = "標題\n第一句。第二句。\n甲\t乙\tB執行中"
    one, two = scale_corpus.perturb(text, 1), scale_corpus.perturb(text, 2)
    assert scale_corpus.perturb(text, 0) == text and one != two != text
    assert one.split("\n")[2] == "甲\t乙\tB執行中"


def test_a_scaled_corpus_holds_distinct_documents_parsing_like_their_originals(tmp_path):
    original = parse_corpus(load_corpus(PROJECT / "corpus"))
    scale_corpus.build_scaled_corpus(PROJECT / "corpus", tmp_path / "x3", 3)
    corpus = load_corpus(tmp_path / "x3")
    scaled = parse_corpus(corpus)
    assert len(scaled.documents) == 3 * len(original.documents)
    assert len(scaled.records) == 3 * len(original.records)
    assert scale_corpus.check_scaled(scaled.documents) == []
    assert len({d.info.title for d in corpus.documents}) == len(corpus.documents)
    periods = Counter((d.info.series, d.period.label) for d in corpus.documents)
    assert max(periods.values()) == 1, "no two documents of one series share a period"
    by_kind = {kind: [d for d in scaled.documents if d.document.info.kind == kind]
               for kind in ("progress_table", "performance_report")}
    items = [frozenset(r.item_name for r in d.records) for d in by_kind["progress_table"]]
    assert len(set(items)) == 3, "each period of the table names its items its own way"
    leads = [Counter(r.lead_agency for r in d.records) for d in by_kind["progress_table"]]
    assert leads[0] == leads[1] == leads[2], "a later period of the table keeps who leads what"
    issuers = {d.document.info.issuer for d in by_kind["performance_report"]}
    assert len(issuers) == 3, "an agency's report becomes other agencies' reports"
    series = series_versions(corpus.documents)
    for doc in original.documents:
        if not scale_corpus.names_an_agency(doc.document.info.series):
            assert len(series[doc.document.info.series]) == 3, "copies are later periods of the same series"


def test_the_fake_embedder_gives_unit_vectors_that_track_similarity():
    embedder = scale.HashingEmbedder()
    vectors = embedder.embed_passages(["社會局主辦的項目", "社會局主辦項目", "秘書處預算執行率"])
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]
