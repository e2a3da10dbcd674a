"""`ask` and `chat` from the command line, over the real index and the real answering service."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import assistant.cli  # noqa: F401  (registers every command on the app)
from assistant.answering.service import Assistant
from assistant.cli import ask_commands
from assistant.cli.app import app
from assistant.config import Settings

PROJECT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def service(real_index) -> Assistant:
    return Assistant(real_index, Settings(corpus_dir=PROJECT / "corpus", index_dir=PROJECT / "indexes"))


@pytest.fixture
def runner(service, monkeypatch) -> CliRunner:
    monkeypatch.setattr(ask_commands, "_assistant", lambda: service)
    return CliRunner()


def test_ask_prints_the_answer_and_its_sources(runner):
    result = runner.invoke(app, ["ask", "社會局主辦、仍為B執行中的項目有哪些?"])
    assert result.exit_code == 0, result.output
    assert "33、增設托育數量" in result.output and "來源 Sources" in result.output
    assert "[1] 000_a326a7c91818490c.txt:43" in result.output and "「33、增設托育數量，提升托育量能」" in result.output


def test_ask_json_prints_the_response_exactly_with_chinese_unescaped(runner, service):
    result = runner.invoke(app, ["ask", "--json", "秘書處112年度的預算執行率為多少？"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data == service.ask("秘書處112年度的預算執行率為多少？").model_dump(mode="json")
    assert "秘書處" in result.output and "\\u" not in result.output


def test_ask_draft_writes_a_press_release_and_its_word_file(runner, tmp_path):
    target = tmp_path / "release.docx"
    result = runner.invoke(app, ["ask", "--draft", "--json", "--docx", str(target), "社會局主辦、仍為B執行中的項目有哪些?"])
    body = json.loads(result.stdout)
    assert body["answer"].startswith(body["draft"]["title"]) and "資料來源：" in body["answer"]
    from docx import Document

    paragraphs = [p.text for p in Document(str(target)).paragraphs]
    assert paragraphs[0] == body["draft"]["title"] and body["draft"]["sources"][-1] in paragraphs


def test_docx_without_draft_is_refused(runner, tmp_path):
    result = runner.invoke(app, ["ask", "--docx", str(tmp_path / "x.docx"), "社會局主辦的項目有哪些?"])
    assert result.exit_code != 0 and not (tmp_path / "x.docx").exists()


def test_chat_keeps_history_for_follow_ups_and_exits_on_exit(runner):
    result = runner.invoke(app, ["chat"], input="社會局主辦的項目有哪些?\n其中哪些已完成？\nexit\n")
    assert result.exit_code == 0, result.output
    assert "社會局主辦的政策項目共 8 項" in result.output
    assert "社會局主辦、狀態為A已完成或例行性業務的政策項目共 4 項" in result.output


def test_chat_reports_a_bad_question_and_carries_on_until_end_of_input(runner):
    result = runner.invoke(app, ["chat"], input="社會局\x07主辦\n產業發展局主辦的有幾項?\n")
    assert result.exit_code == 0
    assert "error" in result.output and "19" in result.output
