import pytest

from assistant.understanding.question import QuestionText
from assistant.understanding.roles import find_role


@pytest.mark.parametrize("text, role", [
    ("工務局主辦的項目", "lead"),
    ("環保局負責哪些指標", "lead"),
    ("items led by the Fire Department", "lead"),
    ("工務局協辦的項目有哪些？", "co"),
    ("items it co-organises", "co"),
    ("工務局主辦或協辦了哪些項目？", "lead_or_co"),
    ("工務局參與的項目", "lead_or_co"),
    ("主辦協辦都算", "lead_or_co"),
    ("Which items is the Fire Department involved in?", "lead_or_co"),
    ("有掛名協辦（不是主辦）的項目", "co"),  # a negated role rules it out
    ("協辦的，不是主辦的", "co"),
    ("items where it is a co-organiser, not the lead", "co"),
    ("工務局作為協辦單位參與了哪些項目", "co"),
    ("警察局有沒有主辦的項目", "lead"),  # 有沒有 asks whether it leads any  # taking part, in the capacity a role word names
    ("items it is involved in as a co-organiser", "co"),
    ("工務局的項目有哪些", None),
])
def test_role(text, role):
    assert find_role(QuestionText(text)).role == role


def test_other_agencies_co_organising_is_a_flag():
    found = find_role(QuestionText("工務局主辦、還有其他局處一起協辦的項目"))
    assert found.role == "lead" and found.others_co


def test_other_agencies_joined_to_the_named_one_in_its_role_is_the_same_flag():
    found = find_role(QuestionText("工務局跟其他局處一起列為主責的指標"))
    assert found.role == "lead" and found.others_co
    assert find_role(QuestionText("kpis the parks office is responsible for together with other agencies")).others_co
    assert not find_role(QuestionText("工務局和教育局一起負責的項目")).others_co  # two named agencies: joint
    # bodies counted two or more, or not one: the same rows
    assert find_role(QuestionText("哪些指標不是單一局處負責，而是兩個以上局處共同主責")).others_co
    assert find_role(QuestionText("kpis with more than one agency responsible")).others_co
    assert not find_role(QuestionText("兩個局處的項目")).others_co  # two bodies named by number: no sharing said
    # a clause that adds those rows (…也算, 包含…) keeps none out
    assert not find_role(QuestionText("工務局主責的指標有幾項？（跟其他局處共同負責的也算）")).others_co
    assert not find_role(QuestionText("工務局負責（包含與其他機關共同負責）的指標")).others_co


def test_role_words_are_claimed():
    question = QuestionText("工務局主辦或協辦")
    find_role(question)
    assert "主辦" not in question.masked and "協辦" not in question.masked


def test_agencies_working_together_is_a_joint_role_in_any_capacity():
    from assistant.understanding.question import QuestionText
    from assistant.understanding.roles import find_role

    joint = find_role(QuestionText("甲局和乙局共同辦理的項目"))
    assert joint.joint and joint.role == "lead_or_co"
    assert not find_role(QuestionText("甲局主辦的項目")).joint


def test_rather_than_the_lead_rules_the_lead_out():
    from assistant.understanding.question import QuestionText
    from assistant.understanding.roles import find_role

    assert find_role(QuestionText("items where it is a co-organizer rather than the lead agency")).role == "co"
    assert find_role(QuestionText("是協辦而不是主辦的項目")).role == "co"


@pytest.mark.parametrize("text, names, expected", [
    ("社會局主辦、衛生局協辦的項目有哪些？", ("社會局", "衛生局"), (0, 1)),
    ("工務局有哪些項目協辦單位是教育局？", ("工務局", "教育局"), (0, 1)),  # the one with no role word leads
    ("協辦有教育局的工務局項目", ("教育局", "工務局"), (1, 0)),
    ("社會局和衛生局協辦的項目", ("社會局", "衛生局"), None),  # joined: both in one role
    ("消防局、工務局主辦的項目", ("消防局", "工務局"), None),
    ("社會局主辦、衛生局主辦的項目", ("社會局", "衛生局"), None),  # the same role: one ask each
    ("工務局主辦、又把教育局列為協辦的項目", ("工務局", "教育局"), (0, 1)),  # a verb casting it in the role
    ("由教育局擔任協辦、工務局主辦的項目", ("教育局", "工務局"), (1, 0)),
    ("甲局主辦、同時乙局也有協辦的項目", ("甲局", "乙局"), (0, 1)),  # an adverb and 有 before the role word
    ("乙局亦為協辦、甲局主辦的項目", ("乙局", "甲局"), (1, 0)),
])
def test_two_agencies_each_in_its_own_role_pair_up(text, names, expected):
    from assistant.understanding.roles import paired_roles

    spans = [(text.index(n), text.index(n) + len(n)) for n in names]
    assert paired_roles(text, spans) == expected


def test_a_verb_of_leading_is_the_lead_role():
    from assistant.understanding.question import QuestionText
    from assistant.understanding.roles import find_role

    assert find_role(QuestionText("甲局帶頭負責的項目")).role == "lead"
    assert find_role(QuestionText("由乙處牽頭的計畫")).role == "lead"
