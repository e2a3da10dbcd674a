import pytest

from assistant.understanding.out_of_scope import other_city


@pytest.mark.parametrize("text, city", [
    ("新北市的社會住宅政策有哪些？", "新北市"),
    ("請問桃園市政府的長照政策", "桃園市"),
    ("What is New Taipei's social housing policy?", "new taipei"),
    ("How many buses run in Kaohsiung?", "kaohsiung"),
    ("環狀線經過新北市的進度", None),
    ("新北市和臺北市的社宅比較", None),
    ("北北基桃交通政策合作", None),
    ("What did Taipei do for New Taipei commuters?", None),
])
def test_other_city(text, city):
    assert other_city(text) == city


@pytest.mark.parametrize("question, reason_part", [
    ("113年社會住宅的辦理進度如何？", "113年"),
    ("臺北市2030年的碳排放目標是多少？", "119年"),
    ("What is the 2025 target for Taipei's labour force participation rate?", "114年"),
    ("秘书处113年的预算是多少？", "109–112年"),
    ("112年臺北市失業率是多少？", "失業率"),
    ("What was Taipei's unemployment rate in 2023?", "失業率"),
    ("107年環境滿意度(AC1.1)的目標值是多少？", "沒有列出目標值"),
    ("110年E組各項KPI的實際達成值是多少？", "沒有列出實際值"),
    ("111年失業率的實際值是多少？", "沒有列出實際值"),
    ("新北市的社會住宅政策有哪些？", "新北市"),
    ("明天台北天氣如何？", "與語料無關"),
    ("蔣市長的生日是哪一天？", "與語料無關"),
    ("What is the population of Taipei City?", "與語料無關"),
])
def test_clear_cases_are_out_of_scope_with_a_reason(question, reason_part, read):
    understanding = read(question)
    assert understanding.intent == "out_of_scope"
    assert reason_part in understanding.out_of_scope_reason
    assert "語料" in understanding.out_of_scope_reason


@pytest.mark.parametrize("question", [
    "警察局主辦的項目有哪些？",        # an agency with no rows: the answering side says "none"
    "客委會112年的預算是多少？",        # no such budget: the records say so, not the reading
    "台北捷运单程票价多少钱？",          # about 捷運, which the corpus covers: retrieval decides
    "109年的失業率目標值是多少？",
    "110年弱勢家庭關懷訪視服務涵蓋率的目標是多少？",
    "108年失業率的目標值與實際達成值是多少？",
    "2025世界人才首都計畫做了什麼",
    "SOP定期檢視完成度的主責機關",
    "蔣市長的政見推動進度",
])
def test_answerable_looking_questions_are_not_flagged(question, read):
    assert read(question).intent != "out_of_scope"
