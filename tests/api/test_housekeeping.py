"""Housekeeping prompts of chat clients: recognised by their output format, answered briefly; questions pass."""

import json

import pytest

from api.housekeeping import MAX_TITLE_CHARS, recognise


def _task(key: str, history: str = "USER: 社會局主辦的項目有哪些？\nASSISTANT: 共 8 項") -> str:
    return f"### Task:\nDo it.\n### Output:\nJSON format: {{ \"{key}\": [] }}\n<chat_history>\n{history}\n</chat_history>"


@pytest.mark.parametrize("key, value", [("tags", ["政策問答"]), ("follow_ups", []), ("queries", []), ("text", "")])
def test_list_tasks_get_their_key_with_nothing_to_add(key, value):
    found = recognise(_task(key))
    assert found.task == key and json.loads(found.reply) == {key: value}


def test_a_title_is_the_first_question_shortened():
    assert json.loads(recognise(_task("title")).reply) == {"title": "社會局主辦的項目有哪些"}
    long = json.loads(recognise(_task("title", "USER: " + "甲" * 50)).reply)["title"]
    assert len(long) == MAX_TITLE_CHARS and long.endswith("…")


def test_the_older_plain_title_prompt_gets_plain_text():
    prompt = ("Here is the query:\n--------------\n消防局主辦幾項？\n--------------\n\nCreate a concise, 3-5 word phrase "
              "as a title for the previous query. Avoid quotation marks. RESPOND ONLY WITH THE TITLE TEXT.")
    assert recognise(prompt).reply == "消防局主辦幾項"


@pytest.mark.parametrize("question", ["社會局主辦的項目有哪些？", "### Task: 這不是任務格式", _task("unknown_key"),
                                      "What is the JSON format of the records?"])
def test_questions_are_not_housekeeping(question):
    assert recognise(question) is None
