"""Read a question into its asks, each with an intent, filters and links: stage 5.

    read_question(question, history, vocabulary) -> list[Reading]

Deterministic, no LLM and no retrieval. The order of reading is what keeps words from being read
twice: KPI codes, the corpus's names (the gazetteer, `assistant.linking`), years, documents named by
part of their title; then, ask by ask, status, role and filter phrases, schema words (nouns for
record types, field and document-fact words), partial name mentions and the content words left over.

An ask's intent comes from how it is asked (`cues.py`) and what it names: a list needs something to
enumerate (a record noun or a row filter), otherwise 「哪些」 asks for a description; a count whose
counted noun is no record noun (幾項MOU, 幾項施政重點) asks for a number the documents state. Several
agencies or perspectives in one count or list ask make one ask each (「顧客面跟內部流程面各幾項」).
Which record type answers, and whether the corpus can answer at all, is for the answering stage.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from assistant.answering.contract import Turn
from assistant.errors import QueryError
from assistant.linking.linker import CodeMention, Link, named_in_part
from assistant.parsing.progress_table import MERGED_COLUMNS
from assistant.linking.schema import GOAL_TYPE
from assistant.linking.terms import ContentTerm, leading_body
from assistant.linking.vocabulary import KPI_TYPES, CorpusVocabulary
from assistant.understanding.cues import ClauseCues, asks_agency, asks_whether_any, asks_comparison, asks_presenter, \
    asks_which_of_agencies, closed_by_localizer, names_a_place, read_cues, reported_spans
from assistant.understanding.distribute import distribute_each
from assistant.understanding.flags import about_phrases, adds_rows, asks_about_in_english, asks_whether_met, \
    find_flags, compare_years, lacks_before, quoted, reached_before, unchanged_after
from assistant.understanding.thresholds import read_superlative, read_threshold
from assistant.understanding.followup import inherit, parse_turn_filters
from assistant.understanding.models import Intent, LinkInfo, QuestionFilters, Understanding, YearComparison
from assistant.understanding.planning import AskSpan, plan_asks
from assistant.understanding.question import QuestionText, ascii_lower, normalize_question
from assistant.understanding.roles import RoleWords, find_role, paired_roles
from assistant.understanding.status import find_status
from assistant.understanding.years import find_periods, find_year_mentions
from assistant.text.normalize import match_key

MAX_HISTORY = 8
_SUBJECTS = {"progress_item": "item", "strategy_kpi": "kpi", "kpi_result": "kpi", GOAL_TYPE: "goal",
             "performance_goal": "goal"}
_ROLE_FIELDS = {"lead": "lead_agency", "co": "co_agencies", "lead_or_co": "lead_agency"}
# The fields a role asks to be shown: 主辦跟協辦機關分別是誰 asks both.
_ROLE_SHOWN = {"lead": ("lead_agency",), "co": ("co_agencies",), "lead_or_co": ("lead_agency", "co_agencies")}
_AGENCY_FIELDS = frozenset({"lead_agency", "co_agencies", "agencies", "agency"})
# The field a target is reached in, by record type: its outcome.
_OUTCOME_OF = {"progress_item.target": "progress_item.results", "kpi_result.target": "kpi_result.actual"}
# …and the field an outcome is planned in: 預計要達到多少, after an ask for the actual, asks the target.
_PLANNED_IN = {outcome: target for target, outcome in _OUTCOME_OF.items()}
# Fields holding prose: a list cue before one of them (有哪些成果) asks for the prose.
_TEXT_FIELDS = frozenset({"results", "strategy", "future", "work_items"})
# Link kinds that name what an ask is about; an ask with none of them (and no content word) is a follow-up.
_SUBJECT_KINDS = frozenset({"agency", "item", "kpi", "goal", "category", "outline", "domain", "theme", "group",
                            "document", "table_row", "table", "performance_goal", "heading"})

# Link kinds of one record named by its name (a policy item, a KPI, a goal).
_WHOLE_RECORD_KINDS = frozenset({"item", "kpi", "goal", "performance_goal"})


@dataclass
class Reading:
    """One ask as read: the contract (`understanding`) and what answering needs beyond it."""

    understanding: Understanding
    agencies: list[str] = field(default_factory=list)
    role_words: str | None = None  # the role a clause states without naming an agency (協辦又有幾項)
    links: list[Link] = field(default_factory=list)  # whole names, typos and codes
    fragments: list[Link] = field(default_factory=list)  # partial mentions, best first
    terms: list[ContentTerm] = field(default_factory=list)
    ask: AskSpan | None = None
    words: list[str] = field(default_factory=list)  # every unclaimed word worth scoring sentences on
    has_subject: bool = False  # the ask (or the asks before it) names what it is about
    question: str = ""  # the whole question, normalised: a qualifier one ask states (修正後) may hold for all
    set_change: str | None = None  # 刪除了哪些KPI: a list asked of what a revision changed, read from the text
    unknown_quotes: list[str] = field(default_factory=list)  # 「宜居城市」: quoted names the corpus never prints
    # the words of the ask before in the same question, where this ask states words of its own and names
    # nothing: its words may say more of that subject (敬老卡…？又多了哪些地方可以用點數？) or of a new one
    earlier_topic: list[str] = field(default_factory=list)

    @property
    def filters(self) -> QuestionFilters:
        return self.understanding.filters

    @property
    def intent(self) -> Intent:
        return self.understanding.intent

    @property
    def ungrounded(self) -> list[str]:
        """Content words the corpus never uses; an aspect noun (什麼特色) only when nothing else is the subject,
        and none where the ask names a record by its whole name (「職業災害死亡百萬人率」…說法好像不一樣):
        that record is what is asked about, and a word the corpus lacks says what about it is asked."""
        if any(link.kind in _WHOLE_RECORD_KINDS and link.how == "exact" for link in self.links):
            return list(self.unknown_quotes)
        return [*self.unknown_quotes,
                *(t.text for t in self.terms if not t.grounded and (not t.aspect or not self.has_subject))]


def read_question(question: str, history: Sequence[Turn] | None, vocabulary: CorpusVocabulary) -> list[Reading]:
    """The asks of `question`, given the earlier turns of the conversation (oldest first)."""
    if not question or not question.strip():
        raise QueryError("the question is empty")
    turns = list(history or [])[-MAX_HISTORY:]
    priors = _priors(turns, vocabulary) if turns else []
    return _read(question, priors, vocabulary)


def _priors(turns: list[Turn], vocabulary: CorpusVocabulary) -> list[Understanding]:
    """The asks of the previous turn, as read then: its stored reading, or its question read again."""
    turn = turns[-1]
    stored = parse_turn_filters(turn.filters)
    if stored is not None and stored.question:
        return [stored]
    try:
        readings = _read(turn.question, _priors(turns[:-1], vocabulary) if len(turns) > 1 else [], vocabulary)
    except QueryError:
        return [stored] if stored is not None else []
    if stored is not None:  # the client's filters stand for the turn's last ask
        return [readings[-1].understanding.model_copy(update={"filters": stored.filters})]
    return [r.understanding for r in readings]


def _read(question: str, priors: list[Understanding], vocabulary: CorpusVocabulary) -> list[Reading]:
    """The readings of the question's asks. A first ask that only follows up (那110年呢) follows each
    ask of the previous turn: the turn asked two things, so the follow-up asks both again."""
    text = QuestionText(distribute_each(normalize_question(question)))  # 「KPI跟行動計畫各剩下幾項」: two counts
    codes = vocabulary.linker.codes(text)
    names = vocabulary.linker.link_names(text)
    periods = find_periods(text)
    years = sorted([*find_year_mentions(text), *((year, at) for _, year, at in periods)], key=lambda m: m[1])
    names += vocabulary.linker.link_title_parts(text)
    readings: list[Reading] = []
    last: list[Reading] = []  # the readings of the ask before
    asks = plan_asks(text.text)
    shared = _trailing_scope(text, asks, years)
    for ask in asks:
        ask_years = list(dict.fromkeys(y for y, at in _asked_years(text, years, names, ask, vocabulary))) or shared
        ask_periods = list(dict.fromkeys(label for label, _, at in periods if ask.start <= at < ask.end))
        own = _of_the_kpi_named_in_part(_read_ask(text, ask, codes, names, ask_years, vocabulary, ask_periods))
        if last and _only_scopes(own):  # 「…？請對照109年E組報告和112年白皮書說明」: where to look, for the ask before
            for earlier in last:
                _widen_scope(earlier, own.filters)
            continue
        if readings:
            bases = [readings[-1].understanding]
        elif priors and _follows_up(own, ask.cues, priors[-1], vocabulary):
            bases = priors if _only_follows_up(own) else priors[-1:]
        else:
            bases = []
        last = []
        if not bases:
            last = _distribute(own)
        for base in bases:
            followed = _inherit(own, base, ask.cues, vocabulary, within=bool(readings))
            followed.has_subject = True
            last += _distribute(followed)
        readings.extend(last)
    return readings


def _asked_years(text: QuestionText, years: list[tuple[int, int]], names: list[Link], ask: AskSpan,
                 vocabulary: CorpusVocabulary) -> list[tuple[int, int]]:
    """The year mentions of an ask and of the columns it shows. A year right before a document's title names
    the document (秘書處112年度績效報告裡，提到113年…): where the ask's other years are years no document
    covers (years only plans speak of), those are asked. Where a document covers them (E組110年…，112年白皮書…;
    107年施政綱要…，112年實際辦了什麼), each year asks of its own document."""
    titles = [link for link in names if link.kind == "document" and link.how == "title"]
    # the years of the columns it shows (…有哪些？順便給我109到111年的目標值) are years it asks about too
    mentions = [(year, at) for year, at in years if ask.start <= at < ask.end
                or any(start <= at < end for start, end in ask.display)]

    def names_a_title(at: int) -> bool:
        return any(at < link.start and _TITLE_YEAR.fullmatch(text.text[at:link.start]) for link in titles)

    own = [(year, at) for year, at in mentions if not names_a_title(at)]
    return own if own and not any(year in vocabulary.covered_years for year, _ in own) else mentions


# A year written right before a title part (112年度績效報告, 107年施政綱要).
_TITLE_YEAR = re.compile(r"\d{2,4}\s*年度?\s*")


def _only_scopes(reading: Reading) -> bool:
    """The ask names several documents (and years) and nothing else it asks about: 請對照E組報告和白皮書說明,
    兩份文件各提到什麼. It says where the ask before it is to be answered from, side by side. One document
    named (到了112年白皮書又調整成怎樣) asks what that document says: an ask of its own."""
    others = [link for link in reading.links if link.kind not in ("document", "group", "city", "placeholder")]
    stated = reading.filters.model_dump(exclude={"years", "periods", "files", "group", "topic", "compare"},
                                        exclude_defaults=True)
    return len(reading.filters.files) > 1 and not others and not stated \
        and not any(not t.aspect for t in reading.terms)


def _widen_scope(reading: Reading, scope: QuestionFilters) -> None:
    """The documents of a scope-only ask added to the ask it follows, with their years where that ask
    names years (else the documents say which)."""
    f = reading.filters
    update = {"files": list(dict.fromkeys([*f.files, *scope.files])),
              "years": sorted({*f.years, *scope.years}) if f.years else [], "group": f.group or scope.group}
    reading.understanding = reading.understanding.model_copy(update={"filters": f.model_copy(update=update)})


# A verb of intending before another verb (要做, 想寫, 打算整理): a sentence of purpose; 主要, 重要 are no such verb.
_PURPOSE = re.compile(r"(?<![主重需必只])(?:要|想|打算|準備)[\u4e00-\u9fff]")


def _preamble_end(text: str, start: int, end: int) -> int:
    """Where the ask proper starts after a statement of the asker's purpose that ends in a colon and asks
    nothing (議員辦公室要做對照表：…請全部列出, 我要寫新聞稿：…), else `start`. Its words are not what is
    asked; a topic before a colon (敬老卡：持卡率多少) states no purpose and stays the ask's."""
    colon = re.search(r"(?<!\d)[:：]", text[start:end])
    if colon is None:
        return start
    at = start + colon.start()
    before, after = ascii_lower(text[start:at]), ascii_lower(text[at + 1:end])
    purpose = _PURPOSE.search(before) and read_cues(before).intent is None
    return at + 1 if purpose and read_cues(after).intent is not None else start


def _trailing_scope(text: QuestionText, asks: list[AskSpan], years: list[tuple[int, int]]) -> list[int]:
    """The years an English sentence of several asks states once, at its end, for all of them (how many
    KPIs and how many goals does the 2018 outline contain): English puts the shared scope last, where
    Chinese puts it first and later asks inherit it. Empty unless only the last ask states years."""
    if text.language != "en" or len(asks) < 2 or re.search(r"[?？。!！;；]", text.text[asks[0].end:asks[-1].start]):
        return []
    last = [y for y, at in years if asks[-1].start <= at < asks[-1].end]
    earlier = [y for y, at in years if at < asks[-1].start]
    return list(dict.fromkeys(last)) if last and not earlier else []


def _only_follows_up(reading: Reading) -> bool:
    """The ask adds only when or which period (那110年呢): nothing of its own to ask."""
    f = reading.filters
    stated = f.model_dump(exclude={"years", "periods", "compare"}, exclude_defaults=True)
    return not stated and not reading.terms and reading.understanding.intent in ("free", "lookup")


def _states_nothing(reading: Reading, but: frozenset[str] = frozenset()) -> bool:
    """The ask names no filter and no content word of its own (是哪幾個), apart from the slots `but`."""
    return not reading.filters.model_dump(exclude={"compare", *but}, exclude_defaults=True) and not reading.terms


def _follows_up(reading: Reading, cues: ClauseCues, before: Understanding, vocabulary: CorpusVocabulary) -> bool:
    """A new turn that reads as a follow-up of the previous one: it names nothing of its own. A content word
    names something of its own only where the corpus prints it (負成長, grounded by a one-edit form only,
    describes the value just given) and it is no word of what the turn before was about (成長率 after
    長者搭乘大眾運輸工具使用人次成長率 refers back to that KPI)."""
    if cues.points_back or cues.opens_like_follow_up:
        return True
    earlier = [match_key(word) for word in _subject_words(before.filters)]
    own_words = [t for t in reading.terms if t.grounded and vocabulary.terms.printed(t.text)
                 and not any(match_key(t.text) in word for word in earlier)]
    has_subject = any(link.kind in _SUBJECT_KINDS for link in reading.links) or own_words \
        or reading.filters.kpi_code or reading.filters.goal_code
    return not has_subject


def _subject_words(filters: QuestionFilters) -> list[str]:
    """The names and words an ask's filters say it is about."""
    named = [filters.kpi_name, filters.goal_name, filters.category, filters.outline, filters.domain]
    return [w for w in [*named, *filters.items, *filters.names, *filters.about, *filters.topic] if w]


def _of_the_kpi_named_in_part(reading: Reading) -> Reading:
    """An ask saying it is about a KPI and naming one in part (企業創新家數那個指標, 108年目標訂多少) is of
    that KPI; its words are the name's, and the asks after it that leave the KPI open ask of it too."""
    f = reading.filters
    named = _kpi_named_in_part(reading) if reading.intent in ("lookup", "free") else None
    if named is None:
        return reading
    name = match_key(named.entry.text)
    filters = f.model_copy(update={"kpi_name": named.value,
                                   "topic": [w for w in f.topic if match_key(w) not in name]})
    return replace(reading, understanding=reading.understanding.model_copy(update={"filters": filters}))


def _kpi_named_in_part(reading: Reading, base: Understanding | None = None) -> Link | None:
    """The KPI an ask about KPIs, its own or the ask's before (社福機構佈點數那項 after a list of KPIs), names
    in part. Only where KPIs are the subject, or a KPI's figure is looked up in the group whose decks report
    them (D組109年新設企業實際成立了幾家; not 日間照顧中心怎麼布建 or its 布建策略, which their text tells): elsewhere a phrase
    sharing half a KPI's name (都市更新) is about other rows."""
    f = reading.filters
    earlier = base.filters if base is not None else QuestionFilters()
    figure = reading.intent == "lookup" and any(m.startswith("kpi_result.") for m in f.measures)
    about_kpis = (f.subject or earlier.subject) == "kpi" or (bool(f.group or earlier.group) and figure)
    if f.kpi_code or f.kpi_name or not about_kpis:
        return None
    return named_in_part(reading.fragments, "kpi", f.years or earlier.years)


def _inherit(reading: Reading, base: Understanding, cues: ClauseCues, vocabulary: CorpusVocabulary,
             within: bool = False) -> Reading:
    """`reading` with what it leaves open taken from `base`. `within`: `base` is an earlier ask of the same
    question, where a value asked of nothing named (總得分最高的是哪個？分數多少？), or a list asking for
    nothing named (有幾個沒達標？是哪幾個？), is asked of the rows that ask found: it narrows them, as 其中 would."""
    # 有幾個沒達標？是哪幾個？: the rows counted; 列一下項次跟名稱: the rows counted, with those columns
    bare_list = cues.intent == "list" and _states_nothing(reading, frozenset({"measures"}))
    # 「社會局主辦哪些？它協辦幾項？」: a singular 它 after an agency's rows is the agency, whose rows are asked anew,
    # or of which something of its own is asked (它發布了幾則新聞稿)
    # 它目前的進度: a field of the rows just listed is asked of those rows, not of the agency
    of_its_own = reading.intent in ("list", "count", "group") or bool(reading.understanding.counted) \
        or any(t.grounded and not t.aspect for t in reading.terms)
    names_agency = cues.points_back_to_one and bool(base.filters.agency) and base.intent in ("list", "count", "group") \
        and of_its_own
    # 社福機構佈點數那項: an ask naming its own KPI, whole or in part, asks of that KPI, not of the rows before
    named = _kpi_named_in_part(reading, base)
    in_part = named.value if named is not None else None
    names_kpi = bool(reading.filters.kpi_code or reading.filters.kpi_name or in_part)
    # 為什麼沒達標, in a turn of its own after 哪一項沒有達到目標: the reasons for the rows found, as within a question
    asks_why_of_rows = cues.asks_reason and not reading.has_subject and base.intent in ("list", "count", "group")
    narrows = not names_kpi and ((cues.points_back and not names_agency) or asks_why_of_rows
                                 or (within and (reading.intent == "lookup" or bare_list)
                                     and not reading.has_subject and base.intent in ("list", "count", "group")))
    covering = {f: vocabulary.covers(f) for f in vocabulary.documents}
    stated = reading.filters
    if reading.role_words and not stated.agency and base.filters.agency:
        # 「協辦又有幾項」: the role of the agency before
        asked = {f"progress_item.{f}" for f in _ROLE_SHOWN[reading.role_words]}
        stated = stated.model_copy(update={"agency_role": reading.role_words,
                                           "measures": [m for m in stated.measures if m not in asked]})
    if in_part:
        stated = stated.model_copy(update={"kpi_name": in_part})
    filters = inherit(stated, base.filters, narrows, covering, vocabulary.type_years)
    if reading.understanding.counted and not (stated.subject or stated.record_type) \
            and not (narrows and reading.intent == "free"):
        # 「KPI剩下幾項？行動計畫剩下幾項？」: the second ask counts a noun of its own, not the KPIs before;
        # 針對這個問題提出哪些對策 asks what is said about the rows before
        filters = filters.model_copy(update={"subject": None, "record_type": None})
    counted = reading.understanding.counted
    body = leading_body(cues.counted or "") if cues.intent == "count" and not counted else None
    if body and not (stated.subject or stated.record_type or filters.agency) \
            and any(vocabulary.terms.grounded(t) for t in filters.topic):
        # 那裡面一共進駐了幾個機關, after a question about a service centre: the bodies a text counts there
        counted = body
        filters = filters.model_copy(update={"subject": None, "record_type": None})
    if _leaves_the_kpi(reading, stated, filters, vocabulary):
        # 109年供給率實際值？112年增設托育的受益人數？: a subject of its own, in years the KPI is not reported in
        filters = filters.model_copy(update={"kpi_name": None, "kpi_code": stated.kpi_code})
    # 那110年預計要累積到多少處 after 實際做到多少: what was planned is the target; 最後超標到幾家 after
    # 原本目標設多少: what was reached is the outcome. A field the ask names as well (最後做到多少人？辦理等級
    # 是？) is asked beside it.
    swap = _PLANNED_IN if cues.asks_plan else _OUTCOME_OF if cues.asks_reached else {}
    earlier = base.filters.measures if stated.measures else filters.measures
    if set(earlier) & swap.keys():
        swapped = [swap.get(m, m) for m in earlier]
        filters = filters.model_copy(update={"measures": list(dict.fromkeys(
            [*swapped, *stated.measures] if stated.measures else swapped))})
    intent = reading.intent
    if cues.intent is None and base.intent:
        intent = base.intent if base.intent != "group" else "count"
    elif cues.points_back and intent == "free" and asks_whether_any(reading.understanding.normalized) \
            and base.intent in ("list", "count", "group"):
        intent = "list"  # 這些裡面有…的嗎: whether any of the rows before qualify is answered by those rows
    elif cues.asks_reason and narrows:
        intent = "free"  # 哪些沒達標？原因是什麼？: the documents' reasons for the rows found
    elif narrows and (intent == "lookup" or bare_list) and base.intent in ("list", "count", "group") \
            and not reading.understanding.counted:
        # 它們分別由誰主辦, 分數多少, 是哪幾個: the rows before, each with the value asked; a count of a noun
        # of the ask's own (那一項…簽了幾項MOU) is a number the row's text states, not a column of the rows
        intent = "list"
    elif cues.intent == "list" and intent == "free" and not narrows and _asks_field_of_named_row(filters):
        intent = "lookup"  # 「成立青年局」歸在哪個綱要、哪個類別: the second asks the same row's field
    agencies = reading.agencies or ([filters.agency] if filters.agency else [])
    intent = _met_asked(intent, reading.understanding.normalized, cues, filters)
    if counted and not reading.understanding.counted:
        intent = "lookup"  # a number a text states
    understanding = reading.understanding.model_copy(update={
        "filters": filters, "intent": _settle_intent(intent, filters, counted), "counted": counted,
        "follow_up": True, "narrows": narrows})
    earlier = [w for w in base.filters.topic if w not in filters.topic] \
        if within and stated.topic and not any(link.kind in _SUBJECT_KINDS for link in reading.links) else []
    return replace(reading, understanding=understanding, agencies=agencies, earlier_topic=earlier)


def _leaves_the_kpi(reading: Reading, stated: QuestionFilters, merged: QuestionFilters,
                    vocabulary: CorpusVocabulary) -> bool:
    """The ask inherits a KPI it does not name, states years no record reports that KPI in, and names a
    subject of its own the KPI's name does not hold: it asks about something else. Without words of its
    own (那112年呢) it still asks about the KPI, and is told which years report it."""
    name = merged.kpi_name
    if not name or stated.kpi_name or not stated.years:
        return False
    if set(stated.years) & vocabulary.kpi_years.get(match_key(name), frozenset()):
        return False
    own = [match_key(link.entry.text) for link in reading.links if link.kind == "item"]
    own += [match_key(t.text) for t in reading.terms if t.grounded and not t.aspect]
    return any(word not in match_key(name) for word in own)




def _distribute(reading: Reading) -> list[Reading]:
    """One ask per agency, or per perspective, when a list or count names several (各, 和), and per KPI
    when a lookup names several; a breakdown by agency of several named agencies (產業局跟勞動局各主辦
    幾項) is a count of each."""
    f = reading.filters
    by_agency = f.group_by is not None and f.group_by.split(".", 1)[1] in _AGENCY_FIELDS
    if reading.intent == "group" and by_agency and len(reading.agencies) > 1:
        reading = replace(reading, understanding=reading.understanding.model_copy(
            update={"intent": "count", "filters": f.model_copy(update={"group_by": None})}))
        f = reading.filters
    spans = dict.fromkeys((link.start, link.end) for link in reading.links
                          if link.kind == "kpi" and link.how in ("exact", "edit"))
    named = list(dict.fromkeys(_longest([link for link in reading.links if (link.start, link.end) == span], "kpi",
                                        f.years, f.files) for span in spans))
    if reading.intent == "lookup" and len(named) > 1 and not f.kpi_code:
        # 失業率和青年失業率的目標值: the value of each KPI named, each its own ask
        return [replace(reading, understanding=reading.understanding.model_copy(
            update={"filters": f.model_copy(update={"kpi_name": name})})) for name in named]
    if reading.intent not in ("list", "count"):
        return [reading]
    if len(reading.agencies) > 1:
        return [replace(reading, agencies=[a], understanding=reading.understanding.model_copy(
            update={"filters": f.model_copy(update={"agency": a})})) for a in reading.agencies]
    if len(f.perspective) > 1:
        return [replace(reading, understanding=reading.understanding.model_copy(
            update={"filters": f.model_copy(update={"perspective": [p]})})) for p in f.perspective]
    return [reading]


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def _read_ask(text: QuestionText, ask: AskSpan, codes: list[CodeMention], names: list[Link], years: list[int],
              vocabulary: CorpusVocabulary, periods: list[str]) -> Reading:
    start, end = ask.start, ask.end
    links = [link for link in names if start <= link.start < end]
    about = _about(text, start, end, links)
    links = [link for link in links if not _in_about(link, about)]  # 與防災相關的: 防災 is the subject, not an outline
    fragments = vocabulary.linker.fragments(text, start, end)
    links = _widened(links, fragments)
    kinds: dict[str, list[str]] = {}
    for link in links:
        kinds.setdefault(link.kind, []).append(link.value)
    agencies = _named_agencies(links, text)
    status = find_status(text, start, end)
    flags = find_flags(text, start, end)
    # Role words belong to an agency: one the ask names, one it asks for (哪個局處主辦), or, in an ask
    # that names nothing else (「協辦又有幾項」), the one before it. Elsewhere they are ordinary words
    # (labour force participation rate).
    opening = _preamble_end(text.text, start, end)  # the asker's purpose before a colon asks nothing
    clause = text.text[opening:end].lower()
    bare = not any(link.kind in _SUBJECT_KINDS for link in links) and not codes
    if asks_which_of_agencies(clause):
        agencies = []  # 是衛生局還是社會局負責: the choices offered; which of them is asked
    pair = paired_roles(text.text, _agency_spans(links, agencies))
    roles = find_role(text, start, end) if agencies or asks_agency(clause) or bare else RoleWords(None, False)
    if pair is not None:  # 社會局主辦、衛生局協辦的: the lead's rows the other co-organises
        agencies, joint, roles = [agencies[pair[0]]], [agencies[pair[1]]], replace(roles, role="lead")
    else:
        joint = agencies[1:] if roles.joint else []  # 教育局和文化局一起負責: one ask about rows involving both
        agencies = agencies[:1] if joint else agencies
    words = [w for w in vocabulary.linker.link_vocabulary(text, start, end)
             if not _topic_marker(w, text.text) and not _bounds_a_time(w, text.text)]
    show: list[str] = []
    for display_start, display_end in ask.display:
        display_roles = find_role(text, display_start, display_end)
        if display_roles.role:
            show += _ROLE_SHOWN[display_roles.role]
        show += [w.value.split(".", 1)[1] for w in vocabulary.linker.link_vocabulary(text, display_start, display_end)
                 if w.kind == "field"]
    reported = reported_spans(text.text.lower())  # 我看摘要寫達標: why the asker asks, not what
    # 沒名字的那幾列也要算: a clause adding rows names no condition on them, and may describe them in words
    # the documents never print (名字 for an empty name cell); such a word is no subject to refuse on
    terms = [t for t in vocabulary.terms.content(text, start, end) if t.start >= opening
             and not any(at <= t.start < stop for at, stop in reported)
             and (t.grounded or not adds_rows(text.text, t.start))]
    in_part = _named_in_part(text, links, fragments, years)
    links += in_part
    for link in in_part:
        kinds.setdefault(link.kind, []).append(link.value)
    terms = [t for t in terms if not any(link.start <= t.start and t.end <= link.end for link in in_part)]
    for word in words:
        kinds.setdefault(word.kind, []).append(word.value)
        if word.kind == "status" and status is None:
            status = word.value
    clause_asks_agency = asks_agency(clause)
    # 主辦 is the asked field only where the ask asks which agency (哪個局處主辦); elsewhere it is a verb
    # (台北市主辦了幾場國際賽事).
    field_words = [w for w in words if w.kind == "field"]
    thresholds = [t for w in field_words if (t := read_threshold(text.text, w.value, w.start, w.end))]
    superlative = next((s for w in field_words if (s := read_superlative(text.text, w.value, w.start, w.end))), None)
    lacking = _unique(w.value for w in field_words if lacks_before(text.text, w.start)
                      and not asks_whether_met(text.text[start:end]))  # 沒有實際數值的: rows with none
    unchanged = _unique(w.value for w in field_words if unchanged_after(text.text, w.end))  # 目標值都沒調整
    compared = [YearComparison(field=w.value, year=year, than=than, op=op, text=typed) for w in field_words
                if (found := compare_years(text.text, w.start, w.end)) for year, than, op, typed in [found]]
    bounded = {t.field for t in thresholds} | ({superlative.field} if superlative else set()) | set(lacking) \
        | set(unchanged) | {c.field for c in compared}
    # 達成度超過100%, 達成度最高: a filter on the field, not a request for it
    measures = _unique(m for m in kinds.get("field", []) if m not in bounded
                       and (clause_asks_agency or m.split(".", 1)[1] not in _AGENCY_FIELDS))
    # 有達到周轉率目標嗎: whether a target was reached is told by the outcome beside it
    reached = [w.value for w in field_words if w.value in _OUTCOME_OF and reached_before(text.text, w.start)]
    measures += [_OUTCOME_OF[m] for m in reached if _OUTCOME_OF[m] not in measures]
    if asks_whether_met(text.text[start:end]):  # 有達到目標嗎: the target and the outcome beside it tell
        measures += [m for pair in _OUTCOME_OF.items() for m in pair if m not in measures]
    elif not measures and ask.cues.asks_reached and (codes or any(link.kind == "kpi" for link in links)):
        measures = list(_OUTCOME_OF.values())  # 新移民關懷訪視率最後做到多少: the KPI's outcome, not its target
    role = roles.role if agencies else None
    if roles.role and not agencies and clause_asks_agency:
        measures += [f"progress_item.{f}" for f in _ROLE_SHOWN[roles.role]]  # 哪個局處負責: the agency is asked for
    kpi_codes = [c.code for c in codes if start <= c.start < end]
    noun_links = _heads(sorted((w for w in words if w.kind == "noun"), key=lambda w: w.start), words)
    # What is enumerated: Chinese puts the head noun last (策略目標DP3下有哪些KPI), English first.
    heads = [w.value for w in (noun_links if text.language == "en" else noun_links[::-1])]
    head = heads[0] if heads else None
    subject = _SUBJECTS.get(head or "")
    record_type = head if head and head not in KPI_TYPES else None
    if record_type is None and "performance_goal" in kinds:
        record_type = "performance_goal"
    # 社會局那組: the group of decks the agency issues
    issued = _unique([g for link in links if link.kind == "agency" and _names_its(text.text, link.end) == "組"
                      for g in vocabulary.groups_issued_by(link.value)])
    files = _files(links, vocabulary) or sorted({f for g in issued for f in vocabulary.group_files(g)})
    terms = [t for t in terms if not _names_document(t, files, vocabulary)]
    groups = _unique(kinds.get("group", []) + kinds.get("theme", []) + issued)
    filters = QuestionFilters(
        agency=agencies[0] if agencies else None,
        with_agencies=joint,
        agency_role=role,
        status=status,
        years=years,
        periods=periods,
        files=files,
        record_type=record_type,
        kpi_code=next((c for c in kpi_codes if "." in c), None),
        kpi_name=_longest(links, "kpi", years, files),
        group=groups[0] if groups else None,
        category=_longest(links, "category"),
        outline=_longest(links, "outline"),
        domain=_longest(links, "domain"),
        perspective=_unique(kinds.get("perspective", [])),
        topic=[t.text for t in terms],
        names=flags.names,
        about=_about_subjects(about, terms, vocabulary) or _modifiers(text, ask, terms, noun_links, vocabulary),
        items=_unique(kinds.get("item", [])),
        subject=subject,
        goal_code=next((c for c in kpi_codes if "." not in c), None),
        goal_name=_longest(links, "goal") or _longest(links, "performance_goal"),
        measures=[m for m in measures if not m.endswith(".wccd")],
        show=_unique(show),
        rows=_unique(kinds.get("table_row", [])),
        tables=_unique(kinds.get("table", [])),
        thresholds=thresholds,
        superlative=superlative,
        facts=_unique([*kinds.get("doc_field", []), *(["presenter"] if asks_presenter(text.text[start:end]) else [])]),
        target_met=flags.target_met,
        rating=flags.rating,
        wccd=True if any(m.endswith(".wccd") for m in measures) else None,
        has_co_agency=True if roles.others_co else flags.has_co_agency,
        lacking=lacking,
        unchanged=unchanged,
        year_compare=compared,
        item_nos=flags.item_nos,
        group_by=_role_dimension(_dimension(ask.cues, vocabulary) or _counted_field(text, ask, words),
                                 None if agencies else roles.role),
        extreme=ask.cues.extreme,
        compare=asks_comparison(_unreported_text(clause)) and (len(periods) > 1 or record_type == "progress_item" or bool(status)),
    )
    counted = _counted(text, ask, words, terms, links)
    if _unfiltered_items(ask, filters, noun_links) and not counted:
        # 市府針對長者有哪些政策: every item otherwise; the ask's own words say which
        grounded = [t for t in terms if t.grounded]
        subject = [t.text for t in grounded if not t.aspect] or [t.text for t in grounded]
        filters = filters.model_copy(update={"about": subject})
    change = _set_change(text, ask, links)
    intent = _intent(ask.cues, filters, bool(agencies), counted, change)
    intent = _met_asked(intent, text.text[start:end], ask.cues, filters)
    if intent in ("list", "count") and text.language == "en" and asks_about_in_english(text.text.lower(), start, end) \
            and not filters.kpi_code and not filters.items:
        intent = "free"  # items related to housing: what the documents say about it, not every item
    has_subject = bool(kpi_codes or any(link.kind in _SUBJECT_KINDS for link in links)
                       or any(t.grounded and not t.aspect for t in terms))
    understanding = Understanding(
        question=text.text[start:end] if (start, end) != (0, len(text.text)) else text.text,
        normalized=text.text[start:end], language=text.language,
        intent=_settle_intent(intent, filters, counted), filters=filters, counted=counted,
        links=[_info(link, text) for link in links + fragments[:3]],
    )
    rerouted = change if intent == "free" and ask.cues.intent in ("list", "count") else None
    # A quote names something exactly: one the corpus never prints, whole or as a name with parts left out,
    # and that links to no name (a typo of one links by edit), is unknown, though each of its words is
    # somewhere (「宜居城市」: 宜居, 城市)
    unknown = [q for at, stop, q in quoted(text.text) if start <= at < end and not vocabulary.terms.printed(q)
               and not vocabulary.terms.quoted_in_part(q)
               and not any(link.start <= at and stop <= link.end for link in links)]
    return Reading(understanding, agencies, None if agencies else roles.role, links, fragments, terms, ask,
                   vocabulary.terms.words(text, start, end), has_subject, text.text, rerouted, unknown)


def _about(text: QuestionText, start: int, end: int, links: list[Link]) -> list[tuple[int, int, str]]:
    """What the ask says its rows are about (跟長照有關的), unless that names an agency or a document:
    跟社會局有關的 asks for the agency's rows, 跟白皮書有關 for the document's."""
    named = [link for link in links if link.kind in ("agency", "document", "group")]
    found: dict[str, tuple[int, int, str]] = {}
    for s, e, words in about_phrases(text.text, start, end):
        if not any(link.start < e and s < link.end for link in named):
            found.setdefault(words, (s, e, words))
    return list(found.values())


# 「敬老卡的部分：…」: a noun's 部分 before a clause mark says what the sentence is about (as for …).
_TOPIC_AFTER = re.compile(r"^\s*[:：,，]")


def _topic_marker(word: Link, text: str) -> bool:
    """A document-fact word that only marks the topic (敬老卡的部分：持卡率多少): after 的, before a clause
    mark, it asks about no document's parts."""
    return word.kind == "doc_field" and text[word.start - 1:word.start] == "的" \
        and bool(_TOPIC_AFTER.match(text[word.end:]))


# A time a value is counted to (截至年底, 到112年12月為止): the ask's own period, not a question of when.
_TIME_AFTER = re.compile(r"^\s*(?:\d{2,4}\s*年|年底|年中|年初|今年|去年|當年|本年|目前|現在|\d{1,2}\s*月|上半年|下半年)")
_TIME_BEFORE = re.compile(r"(?:\d{2,4}\s*年|年底|年中|年初|今年|去年|當年|本年|目前|現在|\d{1,2}\s*月(?:底)?|上半年|下半年)\s*$")


def _bounds_a_time(word: Link, text: str) -> bool:
    """A document-fact word that bounds the time of the asked value (截至年底實際多少, 到12月為止): it asks
    for no as-of date."""
    return word.kind == "doc_field" and word.value == "as_of" \
        and bool(_TIME_AFTER.match(text[word.end:]) or _TIME_BEFORE.search(text[:word.start]))


def _about_subjects(about: list[tuple[int, int, str]], terms: list[ContentTerm],
                    vocabulary: CorpusVocabulary) -> list[str]:
    """The about phrases as subjects rows must hold. A phrase no text prints whole (跟新聞聯絡人訓練有關)
    stands for its content words, each held (加強新聞聯絡人政策行銷訓練): a name puts words between."""
    subjects = []
    for start, end, phrase in about:
        words = [t.text for t in terms if start <= t.start and t.end <= end and t.grounded]
        whole = vocabulary.terms.printed(phrase) or len(words) < 2
        subjects.append(phrase if whole else " ".join(words))
    return subjects


def _modifiers(text: QuestionText, ask: AskSpan, terms: list[ContentTerm], nouns: list[Link],
               vocabulary: CorpusVocabulary) -> list[str]:
    """The content word right before the progress-item noun a list or count enumerates (兒童項目,
    幼兒園的項目): it says which rows, as an about phrase does. Not a word of a status label (屬於例行性
    業務的項目 is a status); Chinese only, as an English noun comes first."""
    if ask.cues.intent not in ("list", "count") or not nouns or text.language != "zh" \
            or nouns[-1].value != "progress_item":
        return []
    head = nouns[-1].start
    return [t.text for t in terms if t.grounded and not t.aspect and t.end <= head and text.text[t.end:head] in ("", "的")
            and not any(match_key(t.text) in label for label in vocabulary.status_labels)]


def _unfiltered_items(ask: AskSpan, f: QuestionFilters, nouns: list[Link]) -> bool:
    """A list or count of progress items that no filter narrows (no agency, status, label or subject)."""
    return ask.cues.intent in ("list", "count") and bool(nouns) and nouns[-1].value == "progress_item" \
        and not (f.agency or _picks_rows(f) or f.items or f.group_by or f.compare)


def _picks_rows(f: QuestionFilters) -> bool:
    """A filter on what rows hold (a status, a label, a met target, a name or subject, a bound), as opposed
    to the scope the rows are drawn from (documents, years, a group of decks)."""
    return bool(f.status or f.category or f.outline or f.domain or f.has_co_agency is not None
                or f.item_nos or f.target_met is not None or f.rating or f.wccd or f.perspective
                or f.names or f.about or f.thresholds or f.superlative or f.goal_code or f.goal_name or f.lacking)


def _in_about(link: Link, about: list[tuple[int, int, str]]) -> bool:
    """A table label (an outline, a category) inside an about phrase is part of the subject."""
    return link.kind in ("category", "outline", "domain") and any(link.start < e and s < link.end for s, e, _ in about)


def _widened(links: list[Link], fragments: list[Link]) -> list[Link]:
    """A table row's label read whole inside a longer run the question shares with another row's
    label stands for that row: 「占決算比例」 holds the label 決算 but names 人事費占決算比例(%)."""
    widened = []
    for link in links:
        wider = [f for f in fragments if f.kind == link.kind == "table_row" and f.start <= link.start
                 and link.end <= f.end and f.end - f.start > link.end - link.start]
        widened.append(max(wider, key=lambda f: (f.end - f.start, f.score)) if wider else link)
    return widened


# Kinds of names a small closed set of labels holds, which documents and askers shorten: a table's row
# labels (約聘僱 for 約聘僱人員) and a strategy map's themes (a table prints 社會支持 for 強化社會支持).
# (A KPI named in part is linked only where KPIs are the subject: `_kpi_named_in_part`.)
_SHORTENED_KINDS = ("table_row", "theme")


def _named_in_part(text: QuestionText, links: list[Link], fragments: list[Link], years: list[int]) -> list[Link]:
    """Per kind of `_SHORTENED_KINDS`, the name named in part (fragments cover enough of it), when the
    ask names none of that kind whole, it is the one name it shares most of, and no other reading claimed
    the shared run (執行中 is a status, not a short form of 執行率)."""
    found: list[Link] = []
    for kind in _SHORTENED_KINDS:
        if any(link.kind == kind for link in links):
            continue
        named = named_in_part(fragments, kind, years)
        if named is not None and text.is_free(named.start, named.end):
            found.append(named)
    return found


def _heads(nouns: list[Link], words: list[Link]) -> list[Link]:
    """Record nouns, without one that right after another noun is a field of that noun's records:
    項目年度目標 is the items' 年度目標 (a field), not the goals of the performance report."""
    kept: list[Link] = []
    for noun in nouns:
        before = kept[-1] if kept else None
        if before is not None and any(w.kind == "field" and (w.start, w.end) == (noun.start, noun.end)
                                      and w.value.split(".", 1)[0] == before.value for w in words):
            continue
        kept.append(noun)
    return kept


def _longest(links: list[Link], kind: str, years: Sequence[int] = (), files: Sequence[str] = ()) -> str | None:
    """The name of the longest mention of `kind`. Names sharing the typed form (a name and the same name
    with an aside, 各機關(基金)資本支出預算達成率 and …(營造永續環境類)) are told apart by the asked
    years and documents, then by the fewest characters beyond what was typed."""
    found = [link for link in links if link.kind == kind]
    if not found:
        return None

    def fits(link: Link) -> bool:
        entry = link.entry
        return (not years or bool(set(years) & set(entry.years))) and (not files or bool(set(files) & set(entry.files)))

    return max(found, key=lambda link: (link.end - link.start, fits(link), -len(link.value), link.score)).value


def _files(links: list[Link], vocabulary: CorpusVocabulary) -> list[str]:
    """The documents an ask names: by title (whole, or a distinctive part), or by group letter; where
    it names several ways, the documents all of them name (E組 + 報告 → the E group's report)."""
    named: dict[tuple[int, int], set[str]] = {}
    for link in links:
        if link.kind == "document":
            named.setdefault((link.start, link.end), set()).add(link.value)
        elif link.kind == "group":
            named.setdefault((link.start, link.end), set()).update(vocabulary.group_files(link.value))
    if not named:
        return []
    sets = list(named.values())
    return sorted(set.intersection(*sets) or set.union(*sets))


_NEGATED = re.compile(r"(?:不是|並非|而非|非|不含|除了|not|except)\s*(?:由)?\s*$")


def _agency_spans(links: list[Link], agencies: list[str]) -> list[tuple[int, int]]:
    """Where each named agency is first mentioned, in the order of `agencies`."""
    first = {}
    for link in sorted((link for link in links if link.kind == "agency"), key=lambda link: link.start):
        first.setdefault(link.value, (link.start, link.end))
    return [first[a] for a in agencies if a in first]


# After an agency, a group or document it stands for (產業局那組, 社會局那份報告): the agency names which one.
_NAMES_ITS = re.compile(r"\s*[那這]一?個?(?P<noun>組|份|場)")


def _names_its(text: str, at: int) -> str | None:
    """The noun (組, 份, 場) of the group or document that the agency ending at `at` says is meant, if any."""
    found = _NAMES_ITS.match(text, at)
    return found.group("noun") if found else None


def _named_agencies(links: list[Link], text: QuestionText) -> list[str]:
    """Agencies the ask names, without those it rules out (「是捷運公司，不是捷運局」) and those that only
    say which group or document is meant (產業局那組（D組）)."""
    return _unique([link.value for link in links if link.kind == "agency"
                    and not _NEGATED.search(text.text[max(0, link.start - 4):link.start].lower())
                    and not _names_its(text.text, link.end)])


def _dimension(cues: ClauseCues, vocabulary: CorpusVocabulary) -> str | None:
    """The field a breakdown's dimension word names (局處 → lead_agency, 主題 → theme_name), if any."""
    fields = vocabulary.schema.field_words()
    for word in cues.dimensions:
        for size in range(len(word), 1, -1):  # 局處主辦 → 局處, which 主辦局處 holds
            part = word[:size]
            found = next((f for f in fields if f[2] == part), None) or next((f for f in fields if part in f[2]), None)
            if found:
                return f"{found[0]}.{found[1]}"
    return None


def _counted_field(text: QuestionText, ask: AskSpan, words: list[Link]) -> str | None:
    """A count of a field's values (白皮書有幾個領域: how many domains) is a breakdown by that field."""
    typed = ask.cues.counted if ask.cues.intent == "count" else None
    at = text.text.lower().find(typed.lower(), ask.start, ask.end) if typed else -1
    if at < 0 or closed_by_localizer(typed):
        return None  # 這個綱要底下有幾項: the rows under one outline, not how many outlines
    inside = [w for w in words if at <= w.start < at + len(typed)]
    if any(w.kind == "noun" for w in inside):
        return None  # 幾項策略目標: a record noun counts records, whatever field shares its word
    field = next((w.value for w in inside if w.kind == "field"), None)
    return field if field is not None and field.split(".", 1)[1] not in _TEXT_FIELDS else None


def _role_dimension(dimension: str | None, role: str | None) -> str | None:
    """A breakdown by agency takes the role the ask gives it: 哪個局處協辦的最多 counts by co-agency."""
    if dimension is None or role is None:
        return dimension
    record_type, field = dimension.split(".", 1)
    return f"{record_type}.{_ROLE_FIELDS[role]}" if record_type == "progress_item" and field in _AGENCY_FIELDS \
        else dimension


def _counted(text: QuestionText, ask: AskSpan, words: list[Link], terms: list[ContentTerm],
             links: list[Link]) -> str | None:
    """What a count counts (or a list lists), when it is not a record noun: a content word right after
    the classifier or the list word, or before it (幾項MOU, 哪些施政重點, 主要任務有哪些). A noun
    phrase ends in its head: after a modifier ending in 的 (哪些跟長照有關的KPI), the head is what is
    listed. A name (an agency, an item) is not what is listed; the words of a title may be (the
    report's 主要任務 are a part of it). A phrase closed by a localizer (一覽表中) is a place. A number
    asked before and after a change (KPI從幾項變成幾項) is a number the documents state, even of a
    record noun."""
    if (ask.cues.intent not in ("count", "list") and not ask.cues.asks_change) or not ask.cues.counted:
        return None
    typed = ask.cues.counted
    at = text.text.lower().find(typed.lower(), ask.start, ask.end)
    if at < 0:
        return None
    head, end = at + typed.rfind("的") + 1, at + len(typed)
    if names_a_place(text.text, head) or closed_by_localizer(typed):
        return None  # 列出一覽表中…的項目: where the rows are, not what is listed
    nouns = [w for w in words if w.kind == "noun" and head <= w.start < end]
    if ask.cues.asks_change and nouns:
        return text.text[nouns[-1].start:nouns[-1].end]  # KPI從幾項變成幾項: the records' number as stated
    if nouns:
        return None
    named = [link for link in links if link.start < end and head < link.end]
    if any(link.kind != "document" for link in named):
        return None
    if ask.cues.counted_leads:
        inside = [t for t in terms if head <= t.start < end]
        last = max((t.end for t in inside if _DONE.fullmatch(text.text, t.end, end)), default=end)
        return _head_run(text.text, inside, last)  # 行動計畫修完剩幾項: the noun before the verb done
    counted = [t.text for t in terms if head <= t.start < end]
    if counted:
        return counted[0]
    body = leading_body(text.text[head:end]) if ask.cues.intent == "count" else None
    if body and any(t.grounded and not t.aspect for t in terms):
        return body  # 聯合服務中心有幾個機關進駐: bodies a text counts, not rows
    return text.text[head:end] if named else None


# A verb done, between a counted noun and its count (修完, 調整後, 修正之後): 行動計畫修完剩幾項.
_DONE = re.compile(r"[\u4e00-\u9fff]{1,2}(?:完|好|之後|以後|後)")


def _head_run(text: str, terms: list[ContentTerm], end: int) -> str | None:
    """The content words that close a phrase ending at `end`, run together (110年行動計畫 → 行動計畫 =
    行動 + 計畫): a noun phrase ends in its head. None when the phrase ends in no content word (其中已完成)."""
    start = end
    for term in sorted(terms, key=lambda t: -t.start):
        if term.end != start:
            break
        start = term.start
    return text[start:end] if start < end else None


def _names_document(term: ContentTerm, files: list[str], vocabulary: CorpusVocabulary) -> bool:
    """The word is part of the title of a document the ask names (E組報告裡提到的…: 報告 is that
    report): it names the document, it is not what the ask is about there."""
    key = match_key(term.text)
    return bool(key) and any(key in match_key(vocabulary.documents[f].title) for f in files)


def _set_change(text: QuestionText, ask: AskSpan, links: list[Link]) -> str | None:
    """The verb of a change to a set the ask asks about (刪除了哪些KPI), unless it is part of a name
    the ask links (調降幼托家長自付額 is an item)."""
    verb = ask.cues.set_changed
    at = text.text.find(verb, ask.start, ask.end) if verb else -1
    if at < 0 or any(link.start <= at < link.end for link in links):
        return None
    return verb


def _met_asked(intent: Intent, text: str, cues: ClauseCues, f: QuestionFilters) -> Intent:
    """失業率有達到目標嗎 asks what the KPI's figures tell (a lookup), though 嗎 reads as a question in
    words; why it was not met, or how, is asked in words."""
    if intent == "free" and asks_whether_met(text) and (f.kpi_code or f.kpi_name) \
            and not (cues.asks_reason or cues.asks_manner or cues.asks_plan):
        return "lookup"
    return intent


def _unreported_text(clause: str) -> str:
    """The clause without what the asker reports or means to do (我要給議員辦公室對照: no comparison asked)."""
    for start, stop in reversed(reported_spans(clause)):
        clause = clause[:start] + clause[stop:]
    return clause


def _intent(cues: ClauseCues, f: QuestionFilters, has_agency: bool, counted: str | None,
            change: str | None = None) -> Intent:
    by_content = _picks_rows(f) or bool(has_agency and f.agency_role)
    row_filter = by_content or bool(f.group)
    enumerates = bool(f.subject or f.record_type)
    cue = cues.intent
    if f.compare:
        return "list"  # the rows that changed between the periods
    if f.facts and not f.subject and not f.kpi_code:
        return "lookup"  # 分成哪幾個部分, 是誰報告的: a fact the document states about itself
    # 有哪些成果, 有什麼打算: the rows' text is asked for (a plan is told, as results are)
    describes = any(m.split(".", 1)[1] in _TEXT_FIELDS for m in f.measures) or cues.asks_plan
    named_one = bool(f.kpi_code or f.kpi_name or f.items or f.item_nos or f.rows or f.tables)
    if cue == "list" and describes and (not f.subject or named_one or f.goal_name):
        return "free"  # 有哪些成果, 這個年度目標的精進方向寫了什麼: the rows' text is asked for
    if cue == "group":
        return "group" if f.group_by else "count"
    if cue == "count":
        if counted:
            return "lookup"
        return "group" if f.group_by else "count"
    if cue in ("list", "count") and change and not by_content and not has_agency:
        return "free"  # 109年刪除了哪些KPI: the revision's own account says which, and why
    if cue == "lookup" and enumerates and (by_content or f.group) and f.measures and not named_one:
        return "list"  # 顧客構面的KPI達成度各是多少: the value of each row of a set, listed
    if cue == "list" and not enumerates and any(m.split(".", 1)[1] in _AGENCY_FIELDS for m in f.measures):
        return "lookup"  # 主辦機關是哪個: which body, for the row the ask is about
    if cue == "list" and _asks_field_of_named_row(f):
        return "lookup"  # 「成立青年局」歸在哪個綱要: which label a field of the one named row holds
    if cue == "list":
        # a label the ask names as a label (「…」這個類別下面有哪些工作): the rows it heads, whatever the user
        # calls them; 防災的推動重點 only uses a word that is also a label
        labelled = any(getattr(f, column) and f"progress_item.{column}" in f.measures
                       for column in (*MERGED_COLUMNS, "category"))
        if counted and not f.about and not labelled:
            return "free"  # 列了哪些施政重點: no record holds them, the text does
        return "list" if enumerates or row_filter or has_agency else "free"
    asks_value = bool(f.measures or f.kpi_code or f.kpi_name or f.rows or f.tables or f.facts)
    if cue == "lookup" and f.status and enumerates and not asks_value:
        return "count"  # 消防局的項目完成了多少: how many rows have that status
    if cue in (None, "free") and not cues.asks_manner and has_agency and f.agency_role and not asks_value \
            and not (f.topic or f.about or f.items or f.names):
        return "list"  # 民政局主辦了什麼, 整理產業局協辦的所有項目嗎: an agency's rows in a role, nothing else asked
    if cue in ("lookup", "free"):
        return cue
    if cue is None and cues.asks_plan and (named_one or f.goal_name):
        return "free"  # 優化辦公環境未來有什麼打算: what a named row plans is told in its text
    if enumerates and (row_filter or has_agency):
        return "list"
    if asks_value:
        return "lookup"
    return "free"


def _asks_field_of_named_row(f: QuestionFilters) -> bool:
    """A field (綱要, 類別) of one named row is asked, not a set of rows: 哪個 asks which value it holds."""
    named_one = bool(f.kpi_code or f.kpi_name or f.items or f.item_nos)
    describes = any(m.split(".", 1)[1] in _TEXT_FIELDS for m in f.measures)
    return named_one and bool(f.measures) and not describes and not (f.subject or f.record_type)


def _settle_intent(intent: Intent, f: QuestionFilters, counted: str | None) -> Intent:
    """A breakdown needs a dimension; without one it is a count."""
    if intent == "group" and not f.group_by:
        return "count"
    return intent


def _info(link: Link, text: QuestionText) -> LinkInfo:
    return LinkInfo(kind=link.kind, text=link.entry.text, typed=text.text[link.start:link.end], how=link.how,
                    score=round(link.score, 3))
