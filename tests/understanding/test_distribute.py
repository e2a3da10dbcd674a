import pytest

from assistant.understanding.distribute import distribute_each
from assistant.understanding.question import normalize_question


def distributed(question: str) -> str:
    return distribute_each(normalize_question(question))


@pytest.mark.parametrize("question, expected", [
    ("110年度，指標跟計畫各剩下幾項？", "110年度,指標剩下幾項？計畫剩下幾項?"),
    ("A組105年和B組106年的報告各有幾項指標？", "A組105年的報告有幾項指標？B組106年的報告有幾項指標?"),
    ("工務局、社會局與消防局各主辦幾項？", "工務局主辦幾項？社會局主辦幾項？消防局主辦幾項?"),
    ("工務局和社會局各有哪些項目？", "工務局有哪些項目？社會局有哪些項目?"),  # a list of each, alike
    ("A組的報告和B組的報告裡，各有哪些指標沒達標？", "A組的報告裡,有哪些指標沒達標？B組的報告裡,有哪些指標沒達標?"),
    ("how many goals, targets and actions does the plan have?",
     "how many goals does the plan have? how many targets does the plan have? how many actions does the plan have?"),
])
def test_a_count_of_each_of_several_things_is_a_count_per_thing(question, expected):
    assert distributed(question) == expected


@pytest.mark.parametrize("question", [
    "預算、決算跟執行率各是多少？",  # values of one table's rows: one ask answers them together
    "工務局主辦幾項？",
    "How many KPIs and how many goals are there?",  # two counts already
])
def test_anything_else_is_left_as_it_is(question):
    assert distributed(question) == normalize_question(question)


def test_coordinated_verbs_share_the_object_only_the_last_states():
    assert distribute_each("達成跟沒達成110年目標的各有幾項") == "達成110年目標的有幾項？沒達成110年目標的有幾項"
    assert distribute_each("完成和未完成的各有幾項") == "完成的有幾項？未完成的有幾項"  # nothing after: nothing shared
