"""Chat clients' housekeeping prompts, answered briefly in the format they expect, never as policy questions.

Open WebUI (and clients modelled on it) send extra requests to the chat model: a title for the
conversation, tags, follow-up suggestions, search queries, autocompletion, an emoji. Each is a task
prompt (`### Task:` … `JSON format: { "title": … }` … `<chat_history>`), not a user's question; asked
as one it would be refused or answered at length. Each is recognised by the JSON key its output
format asks for (or, for the older plain-text title prompt and the emoji prompt, by its wording),
and answered from the chat history it quotes: the title is the first question, shortened; the
other lists are empty, which those clients accept.
"""

import json
import re
from dataclasses import dataclass

MAX_TITLE_CHARS = 24
_TASK = re.compile(r"^\s*#{2,}\s*Task\s*:", re.MULTILINE | re.IGNORECASE)
_OUTPUT_KEY = re.compile(r"JSON format:\s*`?\s*\{\s*\"(\w+)\"", re.IGNORECASE)
_HISTORY = re.compile(r"<chat_history>(.*?)</chat_history>", re.DOTALL)
_USER_TURN = re.compile(r"^\s*USER:\s*(.+)$", re.MULTILINE)
_PLAIN_TITLE = re.compile(r"as a title for the (?:previous )?(?:query|prompt).*RESPOND ONLY WITH THE TITLE", re.I | re.S)
_PLAIN_QUERY = re.compile(r"^Here is the query:\s*-+\s*(.*?)\s*-+", re.DOTALL)
_EMOJI = re.compile(r"reflect the speaker's likely facial expression through a fitting emoji", re.IGNORECASE)
_END = re.compile(r"[\s?？。!！.]+$")

# What each output key is answered with when it is not a title: nothing to suggest, search or add.
EMPTY = {"tags": ["政策問答"], "follow_ups": [], "queries": [], "text": "", "prompt": ""}
EMOJI = "📄"


@dataclass(frozen=True)
class Housekeeping:
    task: str  # title, tags, follow_ups, queries, text, prompt or emoji
    reply: str


def _first_question(prompt: str) -> str:
    history = _HISTORY.search(prompt)
    turns = _USER_TURN.findall(history.group(1)) if history else []
    plain = _PLAIN_QUERY.search(prompt)
    question = turns[0] if turns else plain.group(1) if plain else ""
    return _END.sub("", question.strip())


def title(prompt: str) -> str:
    """The conversation's first question, shortened: what a chat list shows."""
    question = _first_question(prompt)
    return question if len(question) <= MAX_TITLE_CHARS else question[:MAX_TITLE_CHARS - 1] + "…"


def recognise(prompt: str) -> Housekeeping | None:
    """The housekeeping task `prompt` (the last user message) asks for, with its reply; None for a question."""
    if _EMOJI.search(prompt):
        return Housekeeping("emoji", EMOJI)
    if _PLAIN_TITLE.search(prompt):
        return Housekeeping("title", title(prompt) or "政策問答")
    if not _TASK.search(prompt):
        return None
    key = _OUTPUT_KEY.search(prompt)
    if key is None or (key.group(1) != "title" and key.group(1) not in EMPTY):
        return None
    if key.group(1) == "title":
        return Housekeeping("title", json.dumps({"title": title(prompt) or "政策問答"}, ensure_ascii=False))
    return Housekeeping(key.group(1), json.dumps({key.group(1): EMPTY[key.group(1)]}, ensure_ascii=False))
