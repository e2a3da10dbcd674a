"""Press releases (draft mode): the composed parts of an answer as a 新聞稿.

標題, 導言 (who, what, when: the cited documents' issuers, the ask, the documents' periods), body
paragraphs in plain prose, then 資料來源 as numbered notes, one per citation. The body says only what
the composed parts say; its sentences carry no [n] (the notes do the citing) and name a KPI by its
name, not its code. A refusal speaks to the public: 「目前公開資料未載明…」, then what the published
documents do hold. The framing sentences are templates in prompts/.
"""

import re

from assistant.answering.citations import MARKER
from assistant.answering.composed import Composed
from assistant.answering.contract import Citation, PressRelease
from assistant.answering.language import Language, join_words, pick
from assistant.answering.templates import fill
from assistant.corpus.manifest import Document
from assistant.text.dates import ad_to_roc

_MARKERS = re.compile(r"\s*" + MARKER.pattern)
_NOTE_PREFIX = re.compile(r"^(註：|Note:\s*)")
_END = re.compile(r"[。.：:；;\s]+$")
# Question words a topic drops when a press release names it (「114年公園綠地的辦理進度如何？」).
_QUESTION_TAIL = re.compile(r"(?:各有|是|有|共有|一共)?(?:如何|為何|多少|什麼|哪些|哪一?[項個位]|幾.)?[嗎呢吧]?$")
_SPACE = re.compile(r"\s+")


def plain(text: str) -> str:
    """Prose without citation markers or Markdown emphasis."""
    return _MARKERS.sub("", text).replace("**", "").strip()


def _sentence(text: str, lang: Language) -> str:
    """A fact or a note as one sentence: no marker, no 「註：」, one closing mark."""
    text = _END.sub("", _NOTE_PREFIX.sub("", plain(text)))
    if not text or text.endswith(("。」", ".」", "。”")):
        return text
    return text + pick(lang, "。", ".")


def topic(subject: str) -> str:
    """What was asked, without its question words, for a title or a refusal's lead."""
    text = _QUESTION_TAIL.sub("", subject.strip().rstrip("?？。. ")).strip()
    return text.removeprefix("請問").strip() or subject.strip()


def _roc_date(document: Document) -> str:
    as_of = document.period.as_of
    return f"{ad_to_roc(as_of.year)}年{as_of.month}月{as_of.day}日" if as_of else ""


def _when(document: Document, lang: Language) -> str:
    """The period a document reports on, as the lead says it: 112年下半年，資料截至112年12月31日."""
    label, as_of = document.period.label, _roc_date(document)
    if as_of:
        return pick(lang, f"{label}，資料截至{as_of}", f"{label}, figures as of {as_of}")
    return label


def _lead(what: str, cited: list[Document], lang: Language) -> str:
    who = join_words(list(dict.fromkeys(d.info.issuer for d in cited)), lang) or pick(lang, "本府", "The City Government")
    if cited:
        names = pick(lang, "、", ", ").join(f"《{d.info.title}》（{_when(d, lang)}）" for d in cited)
        sources = pick(lang, f"依{names}，", f", based on {names}")
    else:
        sources = ""
    return fill("press_lead", lang, who=who, sources=sources, what=what)


def _body(composed: Composed, lang: Language) -> str:
    """One paragraph of what a part says: its press sentences (or its facts), then its caveats."""
    facts = composed.press or [_sentence(f, lang) for f in composed.draft_facts] or [_sentence(composed.headline, lang)]
    notes = [_sentence(n, lang) for n in composed.notes]
    joiner = "" if lang == "zh" else " "
    return joiner.join(s for s in [*facts, *notes] if s)


def _refusal(composed: Composed, lang: Language) -> tuple[str, str]:
    """(lead, body) of a part the published documents do not answer."""
    held = "".join(_sentence(f, lang) for f in composed.draft_facts)
    if held:
        held = pick(lang, f"現有公開資料所載：{held}", f"What the published records do hold: {held} ")
    reason = _sentence(composed.reason, lang)
    return (fill("press_refusal_lead", lang, topic=topic(composed.subject)),
            fill("press_refusal_body", lang, reason=reason + ("" if lang == "zh" or not reason else " "),
                 held=held).strip())


def _title(composed: Composed, lang: Language) -> str:
    if composed.refused:
        return pick(lang, f"有關「{topic(composed.subject)}」之說明", f"On 「{topic(composed.subject)}」")
    if composed.chart is not None and composed.chart.kind == "group_counts":
        return pick(lang, f"{topic(composed.subject)}分組統計", f"{topic(composed.subject)} by group")
    if composed.kind in ("list", "count") and composed.items:
        return pick(lang, f"{composed.subject}計{len(composed.items)}項",
                    f"{len(composed.items)} {composed.subject}")
    return pick(lang, f"{topic(composed.subject)}說明", topic(composed.subject))


def press_release(parts: list[Composed], cited: list[Document], lang: Language) -> PressRelease:
    """The 新聞稿 for the composed parts of one question; `cited` are the documents its citations are in.
    Its sources are filled by `with_sources` once the citations have their final numbers."""
    answered = [c for c in parts if not c.refused]
    first = answered[0] if answered else parts[0]
    body: list[str] = []
    lead = ""
    for composed in parts:
        if composed.refused:
            refusal_lead, text = _refusal(composed, lang)
            if not answered and not lead:
                lead = refusal_lead
            else:
                text = refusal_lead + ("" if lang == "zh" else " ") + text
            body.append(text)
        else:
            body.append(_body(composed, lang))
    if answered:
        what = join_words(list(dict.fromkeys(topic(c.subject) for c in answered)), lang)
        lead = _lead(what, cited, lang)
    return PressRelease(title=_title(first, lang), lead=lead, body=[p for p in body if p], sources=[])


def source_note(citation: Citation, lang: Language) -> str:
    """One numbered note: the document, the lines, and the quote on one line."""
    lines = f"{citation.line}" if citation.end_line == citation.line else f"{citation.line}–{citation.end_line}"
    quote = _SPACE.sub(" ", citation.quote).strip()
    return pick(lang, f"{citation.id}. 《{citation.title}》（{citation.file} 第 {lines} 行）：「{quote}」",
                f"{citation.id}. 《{citation.title}》 ({citation.file}, line {lines}): 「{quote}」")


def with_sources(release: PressRelease, citations: list[Citation], lang: Language) -> PressRelease:
    return release.model_copy(update={"sources": [source_note(c, lang) for c in citations]})


def press_text(release: PressRelease, lang: Language) -> str:
    """The release as plain text: title, lead, paragraphs, then the numbered sources."""
    blocks = [release.title, release.lead, *release.body]
    if release.sources:
        blocks.append("\n".join([pick(lang, "資料來源：", "Sources:"), *release.sources]))
    return "\n\n".join(b for b in blocks if b)
