import pytest

from assistant.understanding.question import QuestionText
from assistant.understanding.years import find_year_mentions, find_years


@pytest.mark.parametrize("text, expected", [
    ("工務局110年主辦的項目", [110]),
    ("民國105年的指標", [105]),
    ("109年度的目標", [109]),
    ("2021年的辦理情形", [110]),
    ("105-107年的目標值", [105, 106, 107]),
    ("106到108年的目標值", [106, 107, 108]),
    ("106、107年的目標值", [106, 107]),  # one 年 for a list of years
    ("105、106、107這三年的目標值", [105, 106, 107]),  # …or a phrase counting them as years
    ("第3、4兩項", []),
    ("105年跟108年各是多少", [105, 108]),
    ("105年的實際值，以及106、107、108年的目標值", [105, 106, 107, 108]),
    ("請問,110年的預算", [110]),  # a clause comma (，→ , by NFKC) is no thousands separator
    ("What is the ROC 109 (2020) target?", [109]),
    ("targets for 2019-2021 (ROC 108-110)", [108, 109, 110]),
    ("how did it change from 2017 through 2019", [106, 107, 108]),  # a range in words
    ("targets for ROC 105 until 107", [105, 106, 107]),
    ("How many targets did the (ROC year 106) plan set?", [106]),
    ("How many KPIs were there in 2019, and how many met them?", [108]),  # a clause comma closes the year
    ("a budget of 2,019 thousand", []),
    ("2030願景計畫做了什麼", []),  # an AD year inside a name, in Chinese, is part of the name
    ("AB3.4.1 行動方案", []),
    ("YouBike 12月單月周轉率", []),
])
def test_years(text, expected):
    assert find_years(QuestionText(text)) == expected


def test_years_are_claimed_with_their_offsets():
    question = QuestionText("105年有幾項,106年呢")
    assert find_year_mentions(question) == [(105, 0), (106, 8)]
    assert "105" not in question.masked and "106" not in question.masked



@pytest.mark.parametrize("text, expected", [
    ("105年做得如何？明年的目標呢？", [(105, 0), (106, 9)]),
    ("105年的目標，前一年呢", [(105, 0), (104, 8)]),
    ("105-107年的目標，隔年呢", [(105, 0), (106, 0), (107, 0), (108, 12)]),  # after the last year named
    ("How did it do in 2016, and what is the target for next year?", [(105, 17), (106, 50)]),
    ("去年做得如何？明年呢？", []),  # relative to no year named: the question's own time is unknown
])
def test_a_year_said_relative_to_the_year_named_before_it(text, expected):
    assert find_year_mentions(QuestionText(text)) == expected
