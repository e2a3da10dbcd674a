"""The prompt templates in prompts/: plain text with named `{placeholders}`, loaded once and checked.

Lines starting with `#` at the top of a file document its placeholders and are not part of the
template. Each template may use only the placeholders its caller fills (see PLACEHOLDERS), so a typo
fails loudly at start-up rather than printing `{subjcet}` to a journalist.
"""

import string
from functools import cache
from pathlib import Path

from assistant.config import PROJECT_ROOT
from assistant.errors import TemplateError

PROMPTS_DIR = PROJECT_ROOT / "prompts"

PLACEHOLDERS: dict[str, frozenset[str]] = {
    "press_lead": frozenset({"who", "sources", "what"}),
    "press_refusal_lead": frozenset({"topic"}),
    "press_refusal_body": frozenset({"reason", "held"}),
    "llm_system": frozenset(),
    "llm_user": frozenset({"question", "language", "sources", "answer"}),
}
LANGUAGES = ("zh", "en")


def _body(text: str) -> str:
    """The template without its leading `#` comment lines."""
    lines = text.splitlines()
    while lines and lines[0].startswith("#"):
        lines.pop(0)
    return "\n".join(lines).strip("\n")


def _check(name: str, body: str, path: Path) -> None:
    try:
        used = {field for _, field, _, _ in string.Formatter().parse(body) if field is not None}
    except ValueError as exc:
        raise TemplateError(f"{path}: not a valid template ({exc})") from exc
    unknown = used - PLACEHOLDERS[name]
    if unknown:
        raise TemplateError(f"{path}: unknown placeholder(s) {', '.join(sorted(unknown))}; "
                            f"allowed: {', '.join(sorted(PLACEHOLDERS[name])) or 'none'}")


@cache
def load_templates(folder: Path = PROMPTS_DIR) -> dict[tuple[str, str], str]:
    """(name, language) → template body, for every template and language; English files end in `.en.txt`."""
    templates: dict[tuple[str, str], str] = {}
    for name in PLACEHOLDERS:
        for lang in LANGUAGES:
            path = folder / (f"{name}.txt" if lang == "zh" else f"{name}.en.txt")
            if not path.is_file():
                if lang == "en" and (name, "zh") in templates:
                    templates[(name, lang)] = templates[(name, "zh")]
                    continue
                raise TemplateError(f"prompt template {path} is missing")
            body = _body(path.read_text(encoding="utf-8"))
            _check(name, body, path)
            templates[(name, lang)] = body
    return templates


def fill(name: str, lang: str, **values: object) -> str:
    """The named template in `lang`, filled."""
    return load_templates()[(name, lang)].format(**values)
