import pytest

from assistant.understanding.thresholds import read_threshold


@pytest.mark.parametrize(("text", "op", "value", "typed"), [
    ("完成率超過95%的指標", ">", 95.0, "完成率超過95%"),
    ("完成率在 80 以上", ">=", 80.0, "完成率在 80 以上"),
    ("完成率不到60", "<", 60.0, "完成率不到60"),
    ("完成率最多 3.5", "<=", 3.5, "完成率最多 3.5"),
    ("完成率 is below 70", "<", 70.0, "完成率 is below 70"),
])
def test_a_bound_follows_its_field_word(text, op, value, typed):
    found = read_threshold(text, "kpi_result.achievement", 0, 3)
    assert found is not None and (found.op, found.value, found.text) == (op, value, typed)


@pytest.mark.parametrize(("text", "op", "value", "typed"), [
    ("which items scored over 80% completion", ">", 80.0, "over 80% completion"),
    ("at least 3.5 of completion", ">=", 3.5, "at least 3.5 of completion"),
    ("超過90%的完成率", ">", 90.0, "超過90%的完成率"),
])
def test_a_bound_may_precede_its_field_word(text, op, value, typed):
    start = text.index("completion") if "completion" in text else text.index("完成率")
    after = start + (len("completion") if "completion" in text else 3)
    found = read_threshold(text, "kpi_result.achievement", start, after)
    assert found is not None and (found.op, found.value, found.text) == (op, value, typed)


def test_a_number_before_the_field_word_without_a_comparison_bounds_nothing():
    text = "the 2019 completion"
    assert read_threshold(text, "kpi_result.achievement", text.index("completion"), len(text)) is None


def test_a_field_word_without_a_comparison_bounds_nothing():
    assert read_threshold("完成率是多少", "kpi_result.achievement", 0, 3) is None
    assert read_threshold("完成率95%", "kpi_result.achievement", 0, 3) is None  # a value, not a bound


def test_an_extreme_follows_or_precedes_its_field_word():
    from assistant.understanding.thresholds import read_superlative

    high = read_superlative("完成率最高的指標", "kpi_result.achievement", 0, 3)
    assert high is not None and (high.order, high.text) == ("max", "完成率最高")
    text = "which had the lowest 完成率"
    low = read_superlative(text, "kpi_result.achievement", text.index("完成率"), len(text))
    assert low is not None and low.order == "min"
    assert read_superlative("完成率是多少", "kpi_result.achievement", 0, 3) is None
