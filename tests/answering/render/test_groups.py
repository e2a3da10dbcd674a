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
    assert response.summary == "政策項目共 6 項，分組如下：", "the table is left to clients that show `items`"
