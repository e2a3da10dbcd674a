"""Answer language: Traditional Chinese by default, English labels and framing when asked in English.

Quotes are never translated: they stay exactly as printed, so they can be checked against the file.
"""

from typing import Literal

from assistant.corpus.lexicon import AgencyLexicon

Language = Literal["zh", "en"]

def pick(lang: Language, zh: str, en: str) -> str:
    """The Chinese or the English wording of the same sentence."""
    return en if lang == "en" else zh


def agency_label(lexicon: AgencyLexicon, name: str | None, lang: Language) -> str:
    """An agency as shown in answers: the canonical Chinese name with its usual short form where the
    documents use one (研究發展考核委員會（研考會）), plus its English name in English answers."""
    if not name:
        return pick(lang, "（未載）", "(not stated)")
    agency = lexicon.get(name)
    short = f"（{agency.short}）" if agency and agency.short and agency.short != name else ""
    if lang == "en" and agency and agency.english:
        return f"{name}{short} ({agency.english[0]})"
    return name + short


def status_label(code: str | None, label: str | None, lang: Language) -> str:
    """A status as the table prints it (B執行中); in English the code with the printed label beside it."""
    code, label = code or "", label or ""
    return f"{code} ({label})" if lang == "en" and label else f"{code}{label}"


def join_words(words: list[str], lang: Language) -> str:
    """A readable enumeration: 甲、乙及丙 / A, B and C."""
    if len(words) <= 1:
        return "".join(words)
    if lang == "en":
        return ", ".join(words[:-1]) + " and " + words[-1]
    return "、".join(words[:-1]) + "及" + words[-1]


def year_span(years: list[int] | tuple[int, ...], lang: Language) -> str:
    """ROC years as a short range: 108–111年 / ROC 108–111; gaps listed."""
    ordered = sorted(set(years))
    if not ordered:
        return ""
    runs: list[str] = []
    start = previous = ordered[0]
    for year in [*ordered[1:], None]:
        if year is not None and year == previous + 1:
            previous = year
            continue
        runs.append(f"{start}–{previous}" if previous > start else str(start))
        if year is not None:
            start = previous = year
    text = "、".join(runs) if lang == "zh" else ", ".join(runs)
    return pick(lang, f"{text}年", f"ROC {text}")
