import pytest

from assistant.corpus.lexicon import load_lexicon


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon()


@pytest.mark.parametrize("spelling, canonical", [
    ("都發局", "都市發展局"),
    ("產業局", "產業發展局"),
    ("產發局", "產業發展局"),
    ("觀傳局", "觀光傳播局"),
    ("翡管局", "翡翠水庫管理局"),
    ("翡翠局", "翡翠水庫管理局"),
    ("北水處", "臺北自來水事業處"),
    ("台北自來水事業處", "臺北自來水事業處"),
    ("社會局", "社會局"),
    (" 原民會 ", "原住民族事務委員會"),
])
def test_variants_map_to_one_canonical_name(lexicon, spelling, canonical):
    assert lexicon.canonical(spelling) == canonical


def test_metro_department_and_metro_company_stay_distinct(lexicon):
    assert lexicon.canonical("捷運局") != lexicon.canonical("捷運公司")
    assert lexicon.canonical("捷運局") and lexicon.canonical("捷運公司")


@pytest.mark.parametrize("cell, expected", [
    ("觀光傳播局產業局", ["觀光傳播局", "產業發展局"]),
    ("觀光傳播局教育局衛生局", ["觀光傳播局", "教育局", "衛生局"]),
    ("產業發展局資訊局", ["產業發展局", "資訊局"]),
    ("人事處 兵役局", ["人事處", "兵役局"]),
    ("社會局", ["社會局"]),
    ("-", []),
    ("本組各機關", []),
])
def test_split_agency_cells_longest_match_first(lexicon, cell, expected):
    agencies, leftovers = lexicon.split(cell)
    assert agencies == expected
    assert leftovers == []


def test_split_reports_what_it_cannot_match(lexicon):
    agencies, leftovers = lexicon.split("社會局火星局")
    assert agencies == ["社會局"]
    assert leftovers == ["火星局"]


def test_find_all_in_free_text(lexicon):
    text = "本府都發局與社會局合作，台北自來水事業處協助"
    assert lexicon.find_all(text) == ["都市發展局", "社會局", "臺北自來水事業處"]
