from assistant.understanding.signals import read_signals


def test_a_kpi_name_is_read_before_status_and_budget(facts):
    assert read_signals("SOP定期檢視完成度有哪些主責機關", facts).status is None
    assert read_signals("109年E組資本支出預算達成率(EF1.1)的實際值", facts).values.budget_items == []


def test_a_missed_target_is_read_before_the_goal_noun(facts):
    signals = read_signals("108年D組哪一項KPI沒有達成年度目標？", facts)
    assert signals.values.target_met is False
    assert "goal" not in signals.nouns and "kpi" in signals.nouns


def test_document_hints_groups_and_nouns(facts):
    signals = read_signals("這份市政白皮書一覽表總共有幾個政策項目列？", facts)
    assert signals.kinds == {"progress_table"} and signals.nouns == {"item"}
    assert read_signals("How many KPIs did Group D track?", facts).group == "D"
    assert read_signals("109年（E）組", facts).group == "E"
    assert read_signals("110年E組策略地圖的KPI", facts).weak_map


def test_english_questions_get_glossary_words_and_kpi_names(facts):
    signals = read_signals("What was Taipei's unemployment rate in 2023?", facts)
    assert signals.kpi_name == "失業率"
    assert "失業率" in signals.english_terms


def test_evidence(facts):
    assert read_signals("社宅分級租金做了什麼?", facts).evidence
    assert read_signals("B執行中的項目共有幾項?", facts).evidence
    assert read_signals("明天台北天氣如何？", facts).evidence == []
    assert read_signals("What is the population of Taipei City?", facts).evidence == []


def test_content_is_what_a_follow_up_lacks(facts):
    assert not read_signals("那協辦的呢？", facts).has_content
    assert not read_signals("其中哪些已完成？", facts).has_content
    assert read_signals("那教育局呢？", facts).has_content
    assert read_signals("社宅分級租金做了什麼?", facts).has_content
