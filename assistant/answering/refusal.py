"""Refusals: say plainly that the corpus does not hold the answer, and what it does hold instead.

Coverage sentences are built from the manifest (`covers_roc` of each document), never hard-coded,
so adding a document changes what the assistant says it covers.
"""

from assistant.answering.composed import Composed
from assistant.answering.context import Request, Sources
from assistant.answering.evidence import Evidence
from assistant.answering.language import Language, join_words, pick, year_span


def holdings(sources: Sources, lang: Language, files: list[str] | None = None) -> list[str]:
    """One line per document: its title and the ROC years it covers."""
    lines = []
    for name, doc in sorted(sources.documents.items()):
        if files and name not in files:
            continue
        years = doc.info.covers_roc or (doc.info.year_roc,)
        lines.append(f"- 《{doc.info.title}》：{year_span(years, lang)}" if lang == "zh"
                     else f"- 《{doc.info.title}》: {year_span(years, lang)}")
    return lines


def uncovered_years(request: Request) -> list[int]:
    """Years asked about that no document in scope covers."""
    covered = request.sources.covered_years(request.filters.files or None)
    return sorted(y for y in request.filters.years if y not in covered)


def years_not_covered(request: Request, missing: list[int]) -> Composed:
    lang, files = request.lang, request.filters.files or None
    covered = sorted(request.sources.covered_years(files))
    asked = join_words([year_span([y], lang) for y in missing], lang)
    scope = pick(lang, "這些文件", "these documents") if files else pick(lang, "語料庫", "the corpus")
    headline = pick(lang, f"{scope}沒有{asked}的資料：只涵蓋{year_span(covered, lang)}，無法回答。",
                    f"{scope.capitalize()} has nothing for {asked}: it covers only {year_span(covered, lang)}, "
                    f"so this cannot be answered.")
    reason = pick(lang, f"現有資料只涵蓋{year_span(covered, lang)}，沒有{asked}的資料",
                  f"the records cover {year_span(covered, lang)} only, not {asked}")
    return Composed(kind="refusal", refused=True, headline=headline, lines=holdings(request.sources, lang, files),
                    subject=request.understanding.question, reason=reason)


def out_of_scope(request: Request) -> Composed:
    """Understanding judged the question out of scope; its reason says why (and what the corpus holds)."""
    lang = request.lang
    reason = (request.understanding.out_of_scope_reason or "").strip()
    if reason:
        return Composed(kind="refusal", refused=True, headline=pick(lang, "無法回答：", "Cannot answer: ") + reason,
                        subject=request.understanding.question, reason=reason.split("。")[0].rstrip("."))
    headline = pick(lang, "這個問題超出語料庫的範圍，無法回答。語料庫只有以下臺北市政府文件：",
                    "This question is outside what the corpus covers. The corpus holds only these Taipei City "
                    "Government documents:")
    return Composed(kind="refusal", refused=True, headline=headline, lines=holdings(request.sources, lang),
                    subject=request.understanding.question,
                    reason=pick(lang, "此問題不在本府現有施政文件的範圍內", "the question is outside the documents held"))


def weak_evidence(request: Request, evidence: Evidence | None) -> Composed:
    lang = request.lang
    missing = list(evidence.missing[:3]) if evidence else []
    detail = ""
    if missing:
        words = "、".join(f"「{w}」" for w in missing) if lang == "zh" else ", ".join(f"“{w}”" for w in missing)
        detail = pick(lang, f"（找不到{words}的相關記載）", f" (nothing found about {words})")
    headline = pick(lang, f"語料庫中找不到能回答這個問題的內容{detail}，因此不作回答，以免以相近但不相符的資料代替。",
                    f"The corpus does not contain an answer to this question{detail}; rather than quote something "
                    f"merely similar, the assistant does not answer.")
    reason = pick(lang, f"現有文件中查無相關記載{detail}", f"the documents hold nothing on it{detail}")
    return Composed(kind="refusal", refused=True, headline=headline, lines=holdings(request.sources, lang),
                    subject=request.understanding.question, reason=reason)
