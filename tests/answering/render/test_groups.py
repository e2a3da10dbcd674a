def test_a_breakdown_leads_with_its_table(toy_assistant, assert_cited):
    response = toy_assistant.ask("各局處主辦的項目各有幾項？")
    assert response.kind == "count"
    assert "| 工務局 | 2 |" in response.answer
    assert len(response.items) == 6
    assert_cited(response)


def test_the_top_group(toy_assistant):
    response = toy_assistant.ask("哪個局處主辦的項目最多？")
    assert "最多的是工務局（2 項）" in response.answer
