from assistant.evaluation.metrics import Span
from assistant.evaluation.runner import run_eval
from tests.evaluation.builders import PROGRESS, SECRETARIAT, answer, question


class ScriptedTarget:
    """Answers from a dict keyed by question; raises for questions it does not know."""

    description = "scripted"

    def __init__(self, replies):
        self.replies = replies
        self.histories = []

    def ask(self, question, history):
        self.histories.append([t.question for t in history])
        if question not in self.replies:
            raise RuntimeError(f"no reply for {question}")
        return self.replies[question]


def test_each_question_is_asked_with_its_history_timed_and_scored(corpus_lines):
    lookup = question(id="lookup-001", type="lookup", question="執行率?", expected_values=["97.5"],
                      evidence=[{"file": SECRETARIAT, "line": 17}])
    follow_up = question(id="free-001", type="free", question="那112年呢?", history=[{"question": "執行率?"}],
                         must_contain=["97.5"], evidence=[{"file": SECRETARIAT, "line": 17}])
    target = ScriptedTarget({"執行率?": answer("97.5%", kind="lookup"), "那112年呢?": answer("沒有", kind="free")})
    seen = []
    results = run_eval([lookup, follow_up], target, corpus_lines, on_result=seen.append)
    assert [r.ok for r in results] == [True, False]
    assert target.histories == [[], ["執行率?"]]
    assert seen == results and all(r.latency_ms is not None and r.latency_ms >= 0 for r in results)


def test_a_crash_is_scored_as_an_error_and_the_run_goes_on(corpus_lines):
    questions = [question(id="free-001", type="free", question="boom", must_contain=["x"]),
                 question(id="unans-001", type="unanswerable", question="113年?", expect_refusal=True)]
    target = ScriptedTarget({"113年?": answer("無資料", kind="refusal", refused=True)})
    results = run_eval(questions, target, corpus_lines)
    assert results[0].error == "RuntimeError: no reply for boom" and not results[0].ok
    assert results[1].ok


def test_retrieval_is_measured_on_the_query_with_history(corpus_lines):
    queries = []

    def rank(query, depth):
        queries.append((query, depth))
        return [Span(PROGRESS, 1, 1), Span(PROGRESS, 41, 41)]

    q = question(question="其中哪些已完成？", history=[{"question": "社會局主辦?"}], type="list",
                 expected_items=[{"file": PROGRESS, "line": 41}], evidence=[{"file": PROGRESS, "line": 41}])
    unanswerable = question(id="unans-001", type="unanswerable", question="113年?", expect_refusal=True)
    target = ScriptedTarget({"其中哪些已完成？": answer(), "113年?": answer(refused=True)})
    results = run_eval([q, unanswerable], target, corpus_lines, rank=rank, k=1)
    assert queries == [("社會局主辦? 其中哪些已完成？", 10)]  # the unanswerable one has nothing to find
    assert results[0].retrieval.recall_at_k == 0.0 and results[0].retrieval.reciprocal_rank == 0.5
    assert results[1].retrieval is None
