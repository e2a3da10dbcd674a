"""Refusals, decided in one place and on scope only: the corpus does not hold what the ask is about.

An ask is refused when, and only when, one of these holds; the refusal says which, and what the
corpus does hold instead:
- `year_not_covered`: the years it names are covered by no document (or no record) in its scope;
- `no_rows_in_role`: the agency it lists or counts has no rows in the asked role, or, for a
  description, no passage in scope mentions it (the refusal still says where the agency appears);
- `not_reported`: the documents in scope do not report the asked value or fact (a KPI catalogue
  has no values; a deck gives targets only; a report names no presenter);
- `unknown_subject`: a content word of the ask links to no name and appears in no passage (an
  English ask: nothing in the corpus is close to it), or the item numbers it names (第5項) are no
  row's of the tables in scope;
- `other_government`: the ask is about another city's government;
- `judgement`: the ask wants the assistant's own opinion or forecast (你覺得哪個做得最差, 幫我預測),
  which no document holds; the documents' own estimates and targets are answered as usual.
A filler word never counts: `assistant.linking.terms` keeps only content words. Coverage sentences
come from the manifest, never from code.
"""

import re
from dataclasses import dataclass, field
from typing import Literal

from assistant.answering.citations import escape_source_brackets as plain
from assistant.answering.composed import Composed
from assistant.answering.context import Request
from assistant.answering.language import join_words, pick, year_span

Rule = Literal["year_not_covered", "no_rows_in_role", "not_reported", "unknown_subject", "other_government",
               "judgement"]

# Taiwan's other cities and counties (world knowledge, not the corpus): an ask about one of them is
# about another government, unless it also names 臺北.
_CITIES = ("新北市|新北|桃園市|桃園|臺中市|臺中|臺南市|臺南|高雄市|高雄|基隆市|基隆|新竹市|新竹縣|新竹|嘉義市|嘉義縣|"
           "宜蘭縣|花蓮縣|臺東縣|屏東縣|苗栗縣|彰化縣|南投縣|雲林縣|澎湖縣|金門縣|連江縣")
_ENGLISH_CITIES = "new taipei|taoyuan|taichung|tainan|kaohsiung|keelung|hsinchu|chiayi|yilan|hualien|taitung|pingtung"
_OTHER_CITY = re.compile(
    rf"^(?:請問|我想知道|想問)?\s*({_CITIES})"
    rf"|(?:\b(?:in|of|for) )({_ENGLISH_CITIES})(?![a-z])|(?<![a-z])({_ENGLISH_CITIES})(?:'s| city government)")
_TAIPEI = re.compile(r"(?<!新)臺北|(?<!新)北市|本府|(?<!new )taipei")


@dataclass
class Refusal:
    """`reason` is for the public (a press release): what the published documents hold instead, as a
    clause without the assistant's own words (語料, 無法回答)."""

    rule: Rule
    headline: str
    lines: list[str] = field(default_factory=list)
    reason: str = ""


_ASSISTANT_WORDS = re.compile(r"[，,]?\s*(?:因此|所以)?(?:無法回答|無法列出|不作回答)[^，。；]*"
                              r"|,? so (?:this|it|the value) cannot be (?:answered|given)[^.;]*")
_CORPUS_WORDS = re.compile(r"語料庫中|語料庫|語料中的|語料|\b[Tt]he corpus\b")


def _public(clause: str) -> str:
    """A refusal's sentence as the public reads it: the published documents, not "the corpus"; no
    "cannot answer" (the press release says what is not stated, not what the assistant cannot do)."""
    clause = _ASSISTANT_WORDS.sub("", clause.strip()).rstrip("。.：:")
    return _CORPUS_WORDS.sub(lambda m: "the published documents" if m.group().isascii() else "現有公開資料", clause)


def holdings(request: Request, files: list[str] | None = None) -> list[str]:
    """One line per document (or per given document): its title and the years it covers."""
    vocabulary, lang = request.sources.vocabulary, request.lang
    lines = []
    for file in sorted(vocabulary.documents):
        if files and file not in files:
            continue
        span = year_span(sorted(vocabulary.covers(file)), lang)
        title = plain(vocabulary.documents[file].title)
        lines.append(f"- 《{title}》：{span}" if lang == "zh" else f"- 《{title}》: {span}")
    return lines


def other_government(request: Request) -> Refusal | None:
    text = request.text.lower()
    match = _OTHER_CITY.search(text)
    if not match or _TAIPEI.search(text):
        return None
    city = next(g for g in match.groups() if g)
    titles = sorted({plain(info.issuer) for info in request.sources.vocabulary.documents.values()})
    return Refusal("other_government", pick(
        request.lang, f"無法回答：語料只有{join_words(titles, 'zh')}的文件，沒有{city}的資料。",
        f"Cannot answer: the corpus holds documents of {join_words(titles, 'en')} only, nothing on {city}."),
        holdings(request), pick(request.lang, f"現有資料沒有{city}的資料", f"the records hold nothing on {city}"))


def judgement(request: Request) -> Refusal | None:
    """The ask wants the assistant to judge or forecast: the documents hold only what they state."""
    ask = request.reading.ask
    if ask is None or not ask.cues.asks_judgement:
        return None
    return Refusal("judgement", pick(
        request.lang, "無法回答：這是要求評價或預測，而文件只記載計畫、目標與執行情形；本助理只引述文件所載，"
                      "不提供自己的意見或推估。",
        "Cannot answer: this asks for a judgement or a forecast, and the documents record only plans, targets "
        "and what was done; the assistant quotes them and offers no opinion or forecast of its own."),
        holdings(request), pick(request.lang, "現有資料只記載計畫、目標與執行情形，不含評價或預測",
                                "the records state plans, targets and results, not judgements or forecasts"))


def years_not_covered(request: Request, covered: set[int], files: list[str] | None) -> Refusal | None:
    """The named years are outside `covered` (the years of the documents or records in scope)."""
    asked = request.filters.years
    if not asked or set(asked) & covered:
        return None
    lang = request.lang
    years = join_words([year_span([y], lang) for y in sorted(set(asked))], lang)
    scope = pick(lang, "相關文件", "The documents in scope hold") if files else pick(lang, "語料庫", "The corpus holds")
    return Refusal("year_not_covered", pick(
        lang, f"{scope}沒有{years}的資料：只涵蓋{year_span(sorted(covered), lang)}，無法回答。",
        f"{scope} nothing for {years}: only {year_span(sorted(covered), lang)}, so this cannot be answered."),
        holdings(request, files),
        pick(lang, f"現有資料只涵蓋{year_span(sorted(covered), lang)}，沒有{years}的資料",
             f"the records cover {year_span(sorted(covered), lang)} only, not {years}"))


def periods_not_covered(request: Request) -> Refusal | None:
    """The named periods (112年上半年) are those of no document in scope: the series has other periods."""
    from assistant.answering.gather.periods import period_scope  # gathering builds on this module's answers

    f, lang = request.filters, request.lang
    if not f.periods:
        return None
    scope = set(period_scope(request.sources, f).files)
    if f.files:
        scope &= set(f.files)
    if f.record_type:  # 112年上半年…的項目: the documents with such rows
        scope = {file for file in scope if f.record_type in request.sources.vocabulary.record_types.get(file, ())}
    if scope:
        return None
    files = [file for file in (f.files or request.sources.documents)
             if not f.record_type or f.record_type in request.sources.vocabulary.record_types.get(file, ())]
    held = join_words(sorted({request.sources.documents[file].period.label for file in files}), lang)
    asked = join_words(f.periods, lang)
    return Refusal("year_not_covered", pick(
        lang, f"相關文件沒有{asked}的資料：現有的是{held}，無法回答。",
        f"The documents in scope hold nothing for {asked}: they cover {held}, so this cannot be answered."),
        holdings(request, f.files or None),
        pick(lang, f"現有資料為{held}，沒有{asked}的資料", f"the records cover {held}, not {asked}"))


def missing_years_note(request: Request, covered: set[int]) -> str | None:
    """A note when some of the named years are covered and some are not."""
    missing = sorted(set(request.filters.years) - covered)
    if not missing or not set(request.filters.years) & covered:
        return None
    asked = join_words([year_span([y], request.lang) for y in missing], request.lang)
    return pick(request.lang, f"註：相關文件沒有{asked}的資料，以上只含涵蓋的年度。",
                f"Note: nothing covers {asked}; the answer covers the other years only.")


def unknown_subject(request: Request, words: list[str]) -> Refusal:
    """`words`: the content words the corpus never uses (quoted back so the user can rephrase), or none."""
    lang = request.lang
    if not words:
        return Refusal("unknown_subject", pick(
            lang, "這個問題沒有提到語料中的任何項目、機關或主題，因此不作回答。",
            "The question names nothing the corpus holds (no item, agency or subject), so it is not answered."),
            holdings(request), "")
    quoted = "、".join(f"「{w}」" for w in words) if lang == "zh" else ", ".join(f"“{w}”" for w in words)
    return Refusal("unknown_subject", pick(
        lang, f"語料庫中沒有{quoted}的相關記載，因此不作回答，以免以相近但不相符的資料代替。",
        f"The corpus says nothing about {quoted}; rather than quote something merely similar, the assistant "
        f"does not answer."), holdings(request),
        pick(lang, f"現有文件中查無{quoted}的相關記載", f"the documents hold nothing on {quoted}"))


def numbers_not_held(request: Request, missing: list[int], files: list[str], held: tuple[int, int]) -> Refusal:
    """No row of the progress tables `files` carries the item numbers asked about (a table may skip a
    number; `held` is its lowest and highest number)."""
    lang = request.lang
    titles = "、".join(f"《{plain(request.sources.title(file))}》" for file in files)
    numbers = join_words([f"#{n}" for n in missing], lang)
    headline = pick(lang, f"{titles}沒有編號{numbers}的政策項目（表中編號為#{held[0]}至#{held[1]}，沒有這個編號），無法回答。",
                    f"{titles} has no item numbered {numbers} (its items are numbered #{held[0]} to #{held[1]}, without "
                    f"this number), so this cannot be answered.")
    return Refusal("unknown_subject", headline, holdings(request, files), _public(headline))


def not_together(request: Request, words: list[str]) -> Refusal:
    """The words occur in the corpus, but no passage about them answers the ask."""
    lang = request.lang
    quoted = "、".join(f"「{w}」" for w in words) if lang == "zh" else ", ".join(f"“{w}”" for w in words)
    return Refusal("unknown_subject", pick(
        lang, f"語料庫中找不到回答這個問題的記載（沒有關於{quoted}的相關段落），因此不作回答。",
        f"No passage of the corpus answers this (none is about {quoted}), so the assistant does not answer."),
        holdings(request), pick(lang, f"現有文件中查無關於{quoted}的記載", f"the documents hold nothing about {quoted}"))


def not_reported(request: Request, what: str, lines: list[str] | None = None) -> Refusal:
    """`what`: a sentence saying which documents do not report which value or fact."""
    return Refusal("not_reported", what, lines or [], _public(what.split("：")[0]))


def no_rows(request: Request, subject: str, lines: list[str], anywhere: bool) -> Refusal:
    f, lang = request.filters, request.lang
    if not anywhere:
        headline = pick(lang, f"語料庫中沒有{f.agency}的任何紀錄，無法回答。",
                        f"The corpus has no rows at all for {f.agency}, so it cannot answer this.")
    else:
        headline = pick(lang, f"語料庫中沒有{subject}，無法列出。", f"The corpus has no {subject}, so there is nothing to list.")
    return Refusal("no_rows_in_role", headline, lines, _public(headline))


def render(request: Request, refusal: Refusal) -> Composed:
    return Composed(kind="refusal", refused=True, headline=refusal.headline, lines=refusal.lines,
                    subject=request.understanding.question, reason=refusal.reason, rule=refusal.rule)
