from api.usage import count_tokens, usage


def test_cjk_characters_words_and_marks_are_counted():
    assert count_tokens("社會局") == 3
    assert count_tokens("KPI DC1.1") == 1 + 1 + 1 + 1  # KPI, DC1, ".", 1
    assert count_tokens("abcdefghi") == 3 and count_tokens("  ") == 0


def test_usage_adds_up():
    assert usage("問題", "答案。") == {"prompt_tokens": 2, "completion_tokens": 3, "total_tokens": 5}
