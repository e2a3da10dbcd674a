import pytest

from assistant.answering.templates import PLACEHOLDERS, fill, load_templates
from assistant.errors import TemplateError


def test_every_template_loads_in_both_languages_without_its_comment_header():
    templates = load_templates()
    assert set(templates) == {(name, lang) for name in PLACEHOLDERS for lang in ("zh", "en")}
    assert not any(body.lstrip().startswith("#") for body in templates.values())


def test_filled_drafts_have_no_placeholder_left():
    text = fill("draft_list", "zh", subject="社會局主辦的政策項目", count=2, facts="甲[1]、乙[2]", notes="")
    assert "社會局主辦的政策項目" in text and "{" not in text and "本府" in text


def _write(folder, name, body):
    (folder / f"{name}.txt").write_text(body, encoding="utf-8")


def test_an_unknown_placeholder_or_a_missing_file_fails_at_load(tmp_path):
    for name in PLACEHOLDERS:
        _write(tmp_path, name, "# comment\n固定文字")
    assert load_templates(tmp_path)[("draft_free", "en")] == "固定文字"  # English falls back to Chinese
    _write(tmp_path, "draft_free", "# doc\n有關{subjcet}")
    with pytest.raises(TemplateError, match="subjcet"):
        load_templates.__wrapped__(tmp_path)
    (tmp_path / "llm_user.txt").unlink()
    _write(tmp_path, "draft_free", "{subject}")
    with pytest.raises(TemplateError, match="missing"):
        load_templates.__wrapped__(tmp_path)
