"""The longest run of characters two texts share: how much of a name a mention holds in one piece."""

from difflib import SequenceMatcher


def shared_run(name: str, text: str) -> str:
    """The longest run of characters `name` and `text` share (the first, when several are as long)."""
    match = SequenceMatcher(None, name, text, autojunk=False).find_longest_match(0, len(name), 0, len(text))
    return name[match.a:match.a + match.size]
