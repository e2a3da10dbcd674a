"""The Traditional Chinese sentences that explain an out-of-scope reading, built from the facts.

Every reason says what the corpus does hold, so the user can re-ask ("語料有112年的辦理情形，沒有113年").
"""

from collections.abc import Iterable

from assistant.understanding.facts import CorpusFacts, DocumentFacts


def year_span(years: Iterable[int]) -> str:
    """(108, 109, 110, 111) → 108–111年; (107,) → 107年; gaps are listed: 107、109年."""
    ordered = sorted(set(years))
    if not ordered:
        return "（年份不明）"
    if ordered == list(range(ordered[0], ordered[-1] + 1)) and len(ordered) > 1:
        return f"{ordered[0]}–{ordered[-1]}年"
    return "、".join(str(y) for y in ordered) + "年"


def document_label(doc: DocumentFacts) -> str:
    """The document's title with its file number: 「市政白皮書…一覽表」(000)."""
    return f"「{doc.title}」({doc.file[:3]})"


def holdings(facts: CorpusFacts) -> str:
    """One sentence listing every document and the years it covers."""
    parts = [f"{document_label(d)}，{year_span(d.covers_roc)}" for d in sorted(facts.documents.values(),
                                                                           key=lambda d: d.file)]
    return "語料涵蓋：" + "；".join(parts) + "。"


def years_not_covered(years: Iterable[int], facts: CorpusFacts) -> str:
    asked = "、".join(f"{y}年" for y in sorted(set(years)))
    return (f"語料沒有{asked}的資料（涵蓋{year_span(facts.covered_years)}）。{holdings(facts)}")


def scope_without_years(files: Iterable[str], years: Iterable[int], facts: CorpusFacts) -> str:
    asked = "、".join(f"{y}年" for y in sorted(set(years)))
    held = "；".join(f"{document_label(facts.documents[f])}只涵蓋{year_span(facts.documents[f].covers_roc)}"
                    for f in sorted(files))
    return f"語料沒有{asked}的這類資料：{held}。"


def other_city(city: str) -> str:
    return f"語料只有臺北市政府的文件，沒有{city}的資料。"


def unrelated(facts: CorpusFacts) -> str:
    return ("這個問題與語料無關：語料是臺北市政府的施政文件（政策項目辦理情形、施政綱要 KPI、"
            f"施政成果簡報與秘書處績效報告）。{holdings(facts)}")


def kpi_not_in_years(name: str, years: Iterable[int], reported: dict[str, set[int]], facts: CorpusFacts) -> str:
    asked = "、".join(f"{y}年" for y in sorted(set(years)))
    held = "；".join(f"{document_label(facts.documents[f])}有{year_span(ys)}" for f, ys in sorted(reported.items()))
    return f"語料沒有{asked}的「{name}」：{held}。"


def values_not_reported(measures: Iterable[str], where: str, reported: str) -> str:
    names = {"target": "目標值", "actual": "實際值", "achievement": "達成度", "rating": "自評燈號", "score": "總得分"}
    asked = "、".join(names[m] for m in measures)
    return f"語料中{where}沒有列出{asked}。{reported}"
