import pytest

from assistant.understanding.question import QuestionText


def names(text: str, facts) -> list[tuple[str, str]]:
    return [(m.name, m.how) for m in facts.agency_finder.find(QuestionText(text))]


@pytest.mark.parametrize("text, expected", [
    ("社會局主辦的項目有哪些?", [("社會局", "exact")]),
    ("都發局主辦幾項", [("都市發展局", "exact")]),
    ("產業局協辦的項目", [("產業發展局", "exact")]),
    ("觀傳局主辦幾項？", [("觀光傳播局", "exact")]),
    ("翡翠局主責哪些KPI", [("翡翠水庫管理局", "exact")]),
    ("台北自來水事業處的KPI", [("臺北自來水事業處", "exact")]),
    ("捷運局和捷運公司", [("捷運工程局", "exact"), ("臺北大眾捷運股份有限公司", "exact")]),
    ("Department of Social Welfare", [("社會局", "english")]),
    ("what is social welfare doing", [("社會局", "english")]),
    ("Which Fire Department-led items", [("消防局", "english")]),
    ("the Secretariat's personnel costs", [("秘書處", "english")]),
    ("the Social Welfare Department", [("社會局", "english")]),
    ("the Department of Personnel (人事處)", [("人事處", "english"), ("人事處", "exact")]),
    ("社會侷協辦幾個項目？", [("社會局", "typo")]),
    ("都市發展侷主辦的項目有哪些？", [("都市發展局", "typo")]),
    ("教肓局主辦的項目", [("教育局", "typo")]),
])
def test_agencies_are_found_by_any_spelling(text, expected, facts):
    assert names(text, facts) == expected


@pytest.mark.parametrize("text", [
    "社會住宅的辦理進度",      # 社會住 is not 社會局: it is not a word of its own
    "教育部的政策",           # another organisation (a corpus word), not a typo of 教育局
    "消防署的補助",           # a different organisation suffix
    "社會處主辦的項目",        # 處 is an organisation suffix too: not read as 社會局
    "臺北市114年要再蓋幾座狗公園？",  # 公園? is not 公園處
    "都市發展的願景",          # dropping the last character is no typo
    "本組各機關主責的KPI",     # a placeholder group
    "臺北市政府與市府",        # the city government is not an agency
    "labour force participation",
])
def test_near_misses_are_not_agencies(text, facts):
    assert names(text, facts) == []


def test_mentions_are_claimed(facts):
    question = QuestionText("社會局主辦")
    facts.agency_finder.find(question)
    assert "社會局" not in question.masked
