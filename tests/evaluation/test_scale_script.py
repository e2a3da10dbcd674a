"""evals/scale.py grows the corpus by copying documents; the copies must parse exactly like the originals."""

import importlib.util

import numpy as np

from assistant.corpus.manifest import load_corpus
from assistant.parsing.pipeline import parse_corpus
from tests.evaluation.builders import PROJECT


def load_script():
    spec = importlib.util.spec_from_file_location("scale_script", PROJECT / "evals" / "scale.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


scale = load_script()


def test_perturbation_changes_prose_only_and_differs_per_copy():
    text = "標題\n第一句。第二句。\n甲\t乙\tB執行中"
    one, two = scale.perturb(text, 1), scale.perturb(text, 2)
    assert scale.perturb(text, 0) == text
    assert one != two and one != text
    assert one.split("\n")[2] == "甲\t乙\tB執行中" and one.count("\n") == text.count("\n")
    assert one.split("\n")[1].startswith("第一句。") and one.split("\n")[1].endswith("第二句。")


def test_a_scaled_corpus_parses_to_exactly_n_times_the_records(tmp_path):
    original = parse_corpus(load_corpus(PROJECT / "corpus"))
    scale.build_scaled_corpus(PROJECT / "corpus", tmp_path / "x3", 3)
    scaled = parse_corpus(load_corpus(tmp_path / "x3"))
    assert len(scaled.documents) == 3 * len(original.documents)
    assert len(scaled.records) == 3 * len(original.records)
    # a line made longer by the perturbation may be cut into one more passage
    assert 3 * len(original.passages) <= len(scaled.passages) <= 3.05 * len(original.passages)


def test_the_fake_embedder_gives_unit_vectors_that_track_similarity():
    embedder = scale.HashingEmbedder()
    vectors = embedder.embed_passages(["社會局主辦的項目", "社會局主辦項目", "秘書處預算執行率"])
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]
