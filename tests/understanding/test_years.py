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
    ("105年跟108年各是多少", [105, 108]),
    ("105年的實際值，以及106、107、108年的目標值", [105, 106, 107, 108]),
    ("請問,110年的預算", [110]),  # a clause comma (，→ , by NFKC) is no thousands separator
    ("What is the ROC 109 (2020) target?", [109]),
    ("targets for 2019-2021 (ROC 108-110)", [108, 109, 110]),
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


def test_an_english_text_without_its_ad_years_keeps_its_words_and_other_numbers():
    from assistant.understanding.years import without_ad_years

    assert without_ad_years("What progress was made on the Eastern Section in 2023?") == \
        "What progress was made on the Eastern Section in ?"
    assert without_ad_years("the 2019-2021 results") == "the results"
    assert without_ad_years("2,019 visitors and 97.5%") == "2,019 visitors and 97.5%"  # no years here
