import pytest

from assistant.answering.validation import check_filters, check_question
from assistant.errors import QueryError, QuestionTooLongError


def test_a_question_is_stripped_and_kept():
    assert check_question("  社會局主辦的項目有哪些？\n", 100) == "社會局主辦的項目有哪些？"


@pytest.mark.parametrize("question", ["", "   ", "\n\t"])
def test_empty_questions_are_refused(question):
    with pytest.raises(QueryError, match="empty"):
        check_question(question, 100)


def test_a_question_over_the_limit_is_too_long():
    with pytest.raises(QuestionTooLongError, match="100,001 characters"):
        check_question("問" * 100_001, 2000)
    assert issubclass(QuestionTooLongError, QueryError)


@pytest.mark.parametrize("bad", ["社會局\x00", "a\x07b", "\ud800", "壞\ufffd字"])
def test_control_characters_and_broken_text_are_refused(bad):
    with pytest.raises(QueryError, match=r"U\+"):
        check_question(bad, 100)


def test_tabs_and_newlines_are_ordinary_text():
    assert check_question("第一行\n第二行\t續", 100) == "第一行\n第二行\t續"


def test_non_text_is_refused():
    with pytest.raises(QueryError, match="must be text"):
        check_question(b"bytes", 100)


def test_filters_must_be_known_fields_with_valid_values():
    assert check_filters({"status": "A", "years": [112]}) == {"status": "A", "years": [112]}
    assert check_filters(None) == {}
    with pytest.raises(QueryError, match="unknown filter field"):
        check_filters({"colour": "blue"})
    with pytest.raises(QueryError, match="invalid filters"):
        check_filters({"years": "some"})
    with pytest.raises(QueryError, match="object"):
        check_filters(["status"])
