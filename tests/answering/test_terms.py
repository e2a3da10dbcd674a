"""Weighted terms: a word is found in a text in either spelling of the counts it holds."""

from assistant.answering.terms import TermWeights, coverage


def test_a_count_in_numerals_is_found_where_it_is_printed_in_digits(toy_index):
    # The toy report prints 「擴充避難收容處所至5處」; a question writes 五處.
    [term] = TermWeights(toy_index).weigh(["五處"])
    assert term.in_corpus and term.in_digits == "5處"
    assert term.found_in("擴充避難收容處所至5處") and coverage([term], "擴充避難收容處所至5處") == 1.0
    assert not term.found_in("擴充避難收容處所至6處")


def test_a_word_without_counts_has_one_spelling(toy_index):
    [term] = TermWeights(toy_index).weigh(["防災講座"])
    assert term.in_digits is None and term.in_corpus
