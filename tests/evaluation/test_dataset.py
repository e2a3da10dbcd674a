import json

import pytest

from assistant.errors import EvaluationError
from assistant.evaluation.dataset import CI_SUBSET, load_dev_set, select
from tests.evaluation.builders import PROJECT, question

DEV = PROJECT / "evals" / "dev.jsonl"


@pytest.fixture(scope="module")
def dev():
    return load_dev_set(DEV)


def test_the_dev_set_loads_with_every_type(dev):
    assert len(dev) >= 80
    assert {q.type for q in dev} == {"list", "count", "lookup", "free", "unanswerable"}
    assert all(q.expect_refusal == (q.type == "unanswerable") for q in dev)


def test_the_ci_subset_exists_and_covers_every_type(dev):
    chosen = select(dev, "ci")
    assert [q.id for q in chosen] == [q.id for q in dev if q.id in CI_SUBSET]
    assert len(chosen) == len(CI_SUBSET)
    assert {q.type for q in chosen} == {"list", "count", "lookup", "free", "unanswerable"}


def test_select_by_type_and_prefix(dev):
    chosen = select(dev, "unanswerable, lookup-00")
    assert {q.type for q in chosen} == {"unanswerable", "lookup"}
    assert all(q.id.startswith("lookup-00") for q in chosen if q.type == "lookup")
    assert select(dev, None) == dev


def test_a_subset_term_matching_nothing_is_an_error(dev):
    with pytest.raises(EvaluationError, match="lsit"):
        select(dev, "list,lsit")


def test_a_bad_line_is_reported_with_its_number(tmp_path):
    path = tmp_path / "dev.jsonl"
    good = json.dumps({"id": "a-001", "type": "free", "question": "q"})
    path.write_text(good + "\n" + '{"id": "a-002", "type": "essay", "question": "q"}\n', encoding="utf-8")
    with pytest.raises(EvaluationError, match=r"dev.jsonl:2"):
        load_dev_set(path)


def test_duplicate_ids_and_empty_files_are_errors(tmp_path):
    path = tmp_path / "dev.jsonl"
    line = json.dumps({"id": "a-001", "type": "free", "question": "q"})
    path.write_text(f"{line}\n{line}\n", encoding="utf-8")
    with pytest.raises(EvaluationError, match="duplicate"):
        load_dev_set(path)
    path.write_text("\n", encoding="utf-8")
    with pytest.raises(EvaluationError, match="no questions"):
        load_dev_set(path)
    with pytest.raises(EvaluationError, match="cannot read"):
        load_dev_set(tmp_path / "missing.jsonl")


def test_retrieval_targets_and_needles():
    rows = [{"file": "000.txt", "line": 41}]
    q = question(type="count", expected_items=rows, evidence=[{"file": "000.txt", "line": 9}])
    assert [t.line for t in q.retrieval_targets] == [41]
    lookup = question(type="lookup", expected_values=["97.5", "195"], must_contain=["97.5"])
    assert lookup.needles == ["97.5", "195"]
    follow_up = question(question="其中哪些已完成？", history=[{"question": "社會局主辦的項目有哪些?"}])
    assert follow_up.search_query == "社會局主辦的項目有哪些? 其中哪些已完成？"
