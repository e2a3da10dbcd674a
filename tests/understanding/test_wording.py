from assistant.understanding.wording import holdings, values_not_reported, year_span, years_not_covered


def test_year_span():
    assert year_span([108, 109, 110, 111]) == "108–111年"
    assert year_span([107]) == "107年"
    assert year_span([109, 107]) == "107、109年"


def test_holdings_names_every_document_with_its_years(facts):
    text = holdings(facts)
    for doc in facts.documents.values():
        assert doc.title in text
    assert "108–111年" in text


def test_years_not_covered_says_what_is_covered(facts):
    text = years_not_covered([113], facts)
    assert "113年" in text and "107–112年" in text


def test_values_not_reported_names_the_values():
    assert values_not_reported(["target", "actual"], "某文件", "").startswith("語料中某文件沒有列出目標值、實際值")
