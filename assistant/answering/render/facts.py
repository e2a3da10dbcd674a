"""Answers about a document itself: its presenter and date, the date its figures run to, its parts,
its title and issuer, each cited to the line that states it (the manifest, for title and issuer)."""

from assistant.answering.citations import escape_source_brackets as plain
from assistant.answering.composed import Composed
from assistant.answering.context import Request
from assistant.answering.gather.catalogue import CatalogueAnswer
from assistant.answering.language import pick

FACT_LABELS = {"presenter": ("報告者", "presenter"), "date": ("日期", "date"), "as_of": ("資料截止", "figures as of"),
               "parts": ("組成部分", "parts"), "title": ("標題", "title"), "issuer": ("發布機關", "issuer")}


def _as_printed(request: Request, field: str, quote: str, value: str) -> str | None:
    """A date the document states as a phrase (截至112年12月底), as it prints it: quotable whole. Only
    where the quote is the value after one of the field's own words, nothing else."""
    if field != "as_of" or not quote.endswith(value):
        return None
    lead = quote[: len(quote) - len(value)].strip()
    words = request.sources.vocabulary.schema.document_fields.get(field, ())
    return f"資料{plain(quote)}" if lead in words else None


def render_facts(request: Request, answer: CatalogueAnswer) -> Composed:
    lang = request.lang
    lines: list[str] = []
    facts: list[str] = []
    by_file: dict[str, list[str]] = {}
    for fact in answer.facts:
        number = request.citations.cite(fact.file, fact.line, fact.line, fact.quote)
        zh, en = FACT_LABELS[fact.field]
        value = plain(fact.value)
        said = _as_printed(request, fact.field, fact.quote, fact.value)
        by_file.setdefault(fact.file, []).append(pick(lang, f"{said or zh + '：' + value} [{number}]",
                                                      f"{en}: {value} [{number}]"))
    for file, value_name, value in answer.manifest:
        zh, en = FACT_LABELS[value_name]
        by_file.setdefault(file, []).append(pick(lang, f"{zh}：{plain(value)}（文件目錄）", f"{en}: {plain(value)} (catalogue)"))
    for file, parts in by_file.items():
        title = plain(request.sources.title(file))
        if len(parts) == 1:
            text = pick(lang, f"《{title}》{parts[0]}", f"《{title}》 — {parts[0]}")
            lines.append(f"- {text}")
            facts.append(text)
            continue
        lines.append(f"**《{title}》**")
        lines += [f"- {p}" for p in parts]
        facts.append(pick(lang, f"《{title}》：" + "；".join(parts), f"《{title}》: " + "; ".join(parts)))
    headline = facts[0] + pick(lang, "。", ".") if len(facts) == 1 and len(lines) == 1 else pick(
        lang, "文件本身的記載如下：", "What the documents state about themselves:")
    return Composed(kind="lookup", refused=False, subject=request.understanding.question, headline=headline,
                    lines=[] if len(lines) == 1 else lines, draft_facts=facts)
