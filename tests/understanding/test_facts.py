from tests.understanding.files import FILE_000, FILE_001, FILE_002, FILE_003, FILE_004


def test_documents_know_their_years_kinds_and_groups(facts):
    docs = facts.documents
    assert docs[FILE_000].covers_roc == (112,) and docs[FILE_000].kind == "progress_table"
    assert docs[FILE_001].covers_roc == (107,) and docs[FILE_001].record_types == {"strategy_kpi"}
    assert docs[FILE_002].covers_roc == (108, 109, 110, 111) and docs[FILE_002].group == "D"
    assert docs[FILE_003].group == "E"
    assert docs[FILE_004].record_types == {"budget_figure", "performance_goal"}
    assert facts.covered_years == frozenset(range(107, 113))


def test_kpis_carry_year_code_and_what_is_reported(facts):
    unemployment = {(k.file, k.year_roc) for k in facts.kpis if k.name == "失業率"}
    assert (FILE_001, 107) in unemployment and (FILE_002, 111) in unemployment
    assert all(not k.reported for k in facts.kpis if k.file == FILE_001), "the strategy map has no values"
    assert any("actual" in k.reported for k in facts.kpis if (k.file, k.year_roc) == (FILE_003, 109))
    assert not any("actual" in k.reported for k in facts.kpis if (k.file, k.year_roc) == (FILE_003, 110))
    assert {"DC2.1", "EF1.1", "AC1.1"} <= facts.kpi_codes and "DP3" in facts.goal_codes


def test_labels_are_kept_as_printed(facts):
    assert "十七、提升社會住宅服務" in facts.categories
    assert "性別友善" in facts.outlines
    assert facts.themes["優化產業勞動"] == "D"
    assert "執行率" in facts.budget_items and "約聘僱人員" in facts.budget_items
    assert "速處輿情反映" in facts.performance_goals


def test_vocabulary_and_titles(facts):
    assert {"社宅", "捷運", "主辦"} <= facts.vocabulary
    assert "生日" not in facts.vocabulary
    assert facts.title_agencies[FILE_004] == {"秘書處"}


def test_facts_read_back_from_the_index_folder_equal_freshly_computed_ones(settings, monkeypatch):
    """What `from_index` gathers from the passages and BM25 is kept beside the index version; a
    second process reads it back and must get exactly the facts the first one computed."""
    from assistant.index.store import CURRENT, load_version
    from assistant.understanding import facts as facts_module
    from assistant.understanding.facts import CorpusFacts

    index = load_version(settings.index_dir / (settings.index_dir / CURRENT).read_text().strip())
    for kept in index.folder.glob("derived-*.json"):
        kept.unlink()
    fresh = CorpusFacts.from_index(index)
    assert (index.folder / "derived-corpus-facts.json").is_file()

    def must_not_run(_index):
        raise AssertionError("the facts were computed again instead of read back")

    monkeypatch.setattr(facts_module, "_index_texts", must_not_run)
    cached = CorpusFacts.from_index(index)
    assert cached == fresh
    assert cached.vocabulary == index.bm25.vocabulary and cached.file_text == fresh.file_text
    index.close()
