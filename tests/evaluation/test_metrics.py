import pytest

from assistant.evaluation import metrics
from assistant.evaluation.dataset import Location
from assistant.evaluation.metrics import Span

F = "000_a326a7c91818490c.txt"


def loc(line: int, file: str = F) -> Location:
    return Location(file=file, line=line)


class TestMustContain:
    def test_nfkc_markup_and_whitespace_are_ignored(self):
        assert metrics.missing_needles("目標值 **３** %，達成 1萬9, 754 人", ["3", "1萬9,754人"]) == []

    def test_reports_what_is_missing(self):
        assert metrics.missing_needles("預算執行率 97.5%", ["97.5", "195"]) == ["195"]

    def test_no_needles_is_nothing_missing(self):
        assert metrics.missing_needles("", []) == []


class TestSetScores:
    def test_partial(self):
        s = metrics.set_scores(true_positives=3, predicted=4, expected=6)
        assert (s.precision, s.recall) == (0.75, 0.5)
        assert s.f1 == pytest.approx(0.6)

    def test_both_empty_is_perfect(self):
        s = metrics.set_scores(0, 0, 0)
        assert (s.precision, s.recall, s.f1) == (1.0, 1.0, 1.0)

    def test_nothing_predicted_scores_zero(self):
        s = metrics.set_scores(0, 0, 5)
        assert (s.precision, s.recall, s.f1) == (0.0, 0.0, 0.0)

    def test_predictions_against_empty_expected_set(self):
        s = metrics.set_scores(0, 3, 0)
        assert (s.precision, s.recall, s.f1) == (0.0, 1.0, 0.0)


class TestMatchItems:
    def test_each_item_matches_the_line_its_spans_cover(self):
        predicted = [[Span(F, 41, 41)], [Span(F, 90, 90)], [Span(F, 42, 42)]]
        assert metrics.match_items(predicted, [loc(41), loc(42), loc(43)]) == [0, 2, None]

    def test_one_wide_span_cannot_claim_several_expected_items(self):
        assert metrics.match_items([[Span(F, 40, 45)]], [loc(41), loc(42)]).count(None) == 1

    def test_matching_is_maximal_not_greedy(self):
        # item 0 covers both lines, item 1 only the first: a greedy pass would give item 0 line 41 and lose 42
        predicted = [[Span(F, 41, 42)], [Span(F, 41, 41)]]
        assert metrics.match_items(predicted, [loc(41), loc(42)]) == [1, 0]

    def test_other_file_never_matches(self):
        assert metrics.match_items([[Span("001.txt", 41, 41)]], [loc(41)]) == [None]


class TestCount:
    def test_citation_markers_and_dates_are_not_numbers(self):
        assert metrics.stated_numbers("112年12月底共 8 項 [3]") == [8.0]

    def test_right_number_without_items(self):
        assert metrics.count_correct("共有 334 項關鍵績效指標 [1]", item_count=0, refused=False, expected_counts=[334])

    def test_wrong_number(self):
        assert not metrics.count_correct("共有 7 項 [1]", item_count=0, refused=False, expected_counts=[8])

    def test_items_must_agree_with_the_stated_number(self):
        assert not metrics.count_correct("共 8 項", item_count=7, refused=False, expected_counts=[8])
        assert metrics.count_correct("共 8 項", item_count=8, refused=False, expected_counts=[8])

    def test_a_refusal_is_never_a_right_count(self):
        assert not metrics.count_correct("找不到 8 項以上的資料", item_count=0, refused=True, expected_counts=[8])

    def test_every_part_of_a_compound_count_needs_its_number(self):
        assert metrics.count_correct("共 8 項，其中 3 項已完成", item_count=8, refused=False, expected_counts=[8, 3])
        assert not metrics.count_correct("共 8 項", item_count=8, refused=False, expected_counts=[8, 3])

    def test_a_number_asked_twice_must_be_stated_twice(self):
        assert not metrics.count_correct("主辦 3 項", item_count=0, refused=False, expected_counts=[3, 3])
        assert metrics.count_correct("主辦 3 項，協辦 3 項", item_count=0, refused=False, expected_counts=[3, 3])


class TestRetrieval:
    def test_recall_is_capped_at_k(self):
        ranked = [Span(F, n, n) for n in (41, 42, 43, 63, 64)]
        targets = [loc(n) for n in (41, 42, 43, 63, 64, 80, 95, 96)]
        assert metrics.recall_at_k(ranked, targets, k=5) == 1.0

    def test_recall_counts_only_the_top_k(self):
        ranked = [Span(F, 1, 1), Span(F, 2, 2), Span(F, 41, 41)]
        assert metrics.recall_at_k(ranked, [loc(41)], k=2) == 0.0
        assert metrics.recall_at_k(ranked, [loc(41)], k=3) == 1.0

    def test_a_span_covers_the_lines_inside_it(self):
        assert metrics.recall_at_k([Span(F, 40, 45)], [loc(41), loc(46)], k=5) == 0.5

    def test_reciprocal_rank(self):
        ranked = [Span(F, 1, 1), Span(F, 2, 2), Span(F, 41, 41)]
        assert metrics.reciprocal_rank(ranked, [loc(41)]) == pytest.approx(1 / 3)
        assert metrics.reciprocal_rank(ranked, [loc(99)]) == 0.0

    def test_recall_needs_targets(self):
        with pytest.raises(ValueError):
            metrics.recall_at_k([], [], k=5)


class TestQuoteFound:
    LINES = {F: ["第一行", "甲\t乙 丙", "第三行"]}

    def test_exact_substring_within_the_cited_lines(self):
        assert metrics.quote_found("乙 丙", Span(F, 2, 2), self.LINES)
        assert metrics.quote_found("丙\n第三", Span(F, 2, 3), self.LINES)

    def test_text_from_outside_the_cited_lines_is_invalid(self):
        assert not metrics.quote_found("第一行", Span(F, 2, 3), self.LINES)

    def test_normalised_text_is_not_an_exact_quote(self):
        assert not metrics.quote_found("乙丙", Span(F, 2, 2), self.LINES)

    @pytest.mark.parametrize("span", [Span(F, 0, 1), Span(F, 3, 4), Span(F, 3, 2), Span("nope.txt", 1, 1)])
    def test_impossible_spans_are_invalid(self, span):
        assert not metrics.quote_found("第", span, self.LINES)

    def test_an_empty_quote_is_invalid(self):
        assert not metrics.quote_found("", Span(F, 1, 1), self.LINES)


def test_percentile_and_mean():
    assert metrics.percentile([10, 20, 30, 40], 50) == 25
    assert metrics.percentile([], 95) is None
    assert metrics.mean([1.0, None, 0.0]) == 0.5
    assert metrics.mean([None]) is None
