"""Press drafts: the composed answer as one short formal paragraph in the voice of 本府.

The paragraph is a template from prompts/ filled with the same cited facts the plain answer shows,
so every factual sentence carries its [n] marker and nothing is added that the records do not say.
"""

import re

from assistant.answering.composed import Composed
from assistant.answering.templates import fill

_END = re.compile(r"[。.：:；;\s]+$")
_NOTE_PREFIX = re.compile(r"^(註：|Note:\s*)")


def _sentence(text: str, lang: str) -> str:
    """A note as a sentence of its own: no "註：" prefix, one closing mark."""
    text = _END.sub("", _NOTE_PREFIX.sub("", text.strip()))
    return text + ("." if lang == "en" else "。") if text else ""


def _subject(composed: Composed, lang: str) -> str:
    """The question as the draft quotes it: a Chinese quote 「…」 drops its question mark, English keeps it."""
    subject = composed.subject.strip()
    return subject if lang == "en" else _END.sub("", subject.rstrip("?？"))


def _reason(composed: Composed) -> str:
    return composed.reason or _END.sub("", composed.headline.strip())


def draft(composed: Composed, lang: str) -> str:
    """The 本府 paragraph for a composed answer."""
    notes = "".join(_sentence(n, lang) + ("" if lang == "zh" else " ") for n in composed.notes)
    if composed.refused:
        held = ("；" if lang == "zh" else "; ").join(f.strip() for f in composed.draft_facts)
        facts = ""
        if held:
            facts = f"現有資料所載：{held}。" if lang == "zh" else f"What the records do hold: {held}."
        return fill("draft_refusal", lang, subject=_subject(composed, lang), reason=_reason(composed),
                    facts=facts + notes).strip()
    if composed.kind in ("list", "count") and composed.items:
        joiner = "、" if lang == "zh" else "; "
        facts = joiner.join(composed.draft_facts)
        return fill("draft_list", lang, subject=_subject(composed, lang), count=len(composed.items),
                    facts=facts, notes=notes).strip()
    joiner = "；" if lang == "zh" else "; "
    facts = joiner.join(_END.sub("", f) for f in composed.draft_facts)
    name = "draft_lookup" if composed.kind == "lookup" and composed.items else "draft_free"
    return fill(name, lang, subject=_subject(composed, lang), facts=facts, notes=notes).strip()
