from assistant.understanding.question import QuestionText
from assistant.understanding.topics import known_words, topic_words


def topics(text: str, facts) -> list[str]:
    return topic_words(QuestionText(text), facts.segmenter, facts.vocabulary)


def test_question_and_generic_words_are_not_topics(facts):
    words = topics("請問臺北市的社宅分級租金目前做了什麼?", facts)
    assert words == ["社宅", "分級", "租金"]


def test_english_keeps_only_latin_words_the_corpus_uses(facts):
    assert topics("What is the YouBike turnover?", facts) == ["youbike"]


def test_known_words_are_those_in_the_corpus(facts):
    assert known_words(["社宅", "生日"], facts.vocabulary) == ["社宅"]
