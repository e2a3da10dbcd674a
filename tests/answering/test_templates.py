import pytest

from assistant.answering.templates import PLACEHOLDERS, fill, load_templates
from assistant.errors import TemplateError


def test_every_template_loads_in_both_languages_without_its_comment_header():
    templates = load_templates()
    assert set(templates) == {(name, lang) for name in PLACEHOLDERS for lang in ("zh", "en")}
    assert not any(body.lstrip().startswith("#") for body in templates.values())


def test_filled_leads_have_no_placeholder_left():
    text = fill("press_lead", "zh", who="本府", sources="", what="社會局主辦的政策項目")
    assert text == "本府說明社會局主辦的政策項目。"
    assert "{" not in fill("press_refusal_body", "en", reason="", held="")


def _write(folder, name, body):
    (folder / f"{name}.txt").write_text(body, encoding="utf-8")


def test_an_unknown_placeholder_or_a_missing_file_fails_at_load(tmp_path):
    for name in PLACEHOLDERS:
        _write(tmp_path, name, "# comment\n固定文字")
    assert load_templates(tmp_path)[("press_lead", "en")] == "固定文字"  # English falls back to Chinese
    _write(tmp_path, "press_lead", "# doc\n有關{subjcet}")
    with pytest.raises(TemplateError, match="subjcet"):
        load_templates.__wrapped__(tmp_path)
    (tmp_path / "llm_user.txt").unlink()
    _write(tmp_path, "press_lead", "{what}")
    with pytest.raises(TemplateError, match="missing"):
        load_templates.__wrapped__(tmp_path)
