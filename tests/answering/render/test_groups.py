def test_a_breakdown_leads_with_its_table(toy_assistant, assert_cited):
    response = toy_assistant.ask("各局處主辦的項目各有幾項？")
    assert response.kind == "count"
    assert "| 工務局 | 2 |" in response.answer
    assert len(response.items) == 6
    assert_cited(response)


def test_the_top_group(toy_assistant):
    response = toy_assistant.ask("哪個局處主辦的項目最多？")
    assert "最多的是工務局（2 項）" in response.answer


def test_a_breakdown_charts_its_counts_split_by_status(toy_assistant):
    response = toy_assistant.ask("各局處主辦的項目各有幾項？")
    chart = response.chart
    assert chart is not None and chart.kind == "group_counts"
    per_group = {}
    for row in chart.data:
        per_group[row["group"]] = per_group.get(row["group"], 0) + row["count"]
    assert per_group["工務局"] == 2 and sum(per_group.values()) == len(response.items)
    assert {row["status"] for row in chart.data if row["group"] == "工務局"} == {"A已完成或例行性業務", "B執行中"}
    assert response.summary == "政策項目共 6 項，分為 5 組：", "the table is left to clients that show `items`"


def test_a_breakdown_by_co_agency_counts_each_co_agency_and_rows_without_one_lead_nothing(toy_assistant):
    response = toy_assistant.ask("哪個局處協辦的項目最多？")
    assert response.kind == "count"
    for co_agency in ("教育局", "社會局", "衛生局", "資訊局", "勞動局"):  # the co-agencies, not the leads
        assert f"| {co_agency} | 1 |" in response.answer
    assert "| 工務局 |" not in response.answer
    # two rows have no co-agency: they form the most populous group, but no agency co-organises them
    assert "最多的是-" not in response.answer and "（1 項）" in response.answer


def test_a_breakdown_by_an_agency_field_needs_no_other_subject(toy_assistant):
    response = toy_assistant.ask("各局處主辦幾項？")
    assert not response.refused and "| 工務局 | 2 |" in response.answer


def test_a_breakdown_counts_the_groups_and_the_rows_with_the_field_blank(toy_assistant):
    response = toy_assistant.ask("一覽表裡有幾個領域？")  # the table prints a 領域 on three of its rows
    assert "分為 3 組（另 3 項此欄空白）" in response.answer


def test_rows_that_leave_the_field_blank_come_last_in_the_breakdown(toy_assistant):
    response = toy_assistant.ask("各局處協辦的項目各有幾項？")  # two rows have no co-agency: the largest group
    rows = [line for line in response.answer.splitlines() if line.startswith("| ") and not line.startswith("| 分組")]
    assert rows[-1].startswith("| - | 2 |"), rows
