"""The facade every interface (CLI, HTTP, evals) calls: `Assistant(index, settings).ask(...)`.

A question is checked, read into its asks (stage 5: planning and linking), each ask answered from
the sources its links point to or refused on scope (stage 6), and the parts composed into one
answer with one citation list: as Markdown (with a summary that leaves the itemised lines to a
table, and the first part's chart), or as a press release; optionally reworded by an LLM;
citations numbered in order of first use. The server keeps no state: history comes with each call.
"""

import logging

from pydantic import ValidationError

from assistant.answering.asks import answer_ask
from assistant.answering.citations import Citations, renumber
from assistant.answering.composed import Composed
from assistant.answering.context import Request, Sources
from assistant.answering.contract import AnswerResponse, Item, Mode, Part, Turn
from assistant.answering.drafting import press_release, press_text, with_sources
from assistant.answering.llm import Phraser
from assistant.answering.templates import load_templates
from assistant.answering.terms import TermWeights
from assistant.answering.validation import check_filters, check_question
from assistant.config import Settings
from assistant.corpus.lexicon import load_lexicon
from assistant.corpus.manifest import load_corpus
from assistant.errors import QueryError
from assistant.index.derived import derived
from assistant.index.record_memory import RecordMemory
from assistant.index.store import SearchIndex
from assistant.linking.semantic import SemanticMatcher
from assistant.linking.vocabulary import CorpusVocabulary
from assistant.understanding.models import QuestionFilters
from assistant.understanding.reading import Reading, read_question

log = logging.getLogger(__name__)

MODES = ("answer", "draft")


def _combine(parts: list[tuple[Reading, Composed]]) -> tuple[str, str, list[Item], list[Part]]:
    """The answer and its summary from the parts (each under its own ask when there are several),
    their items, and one summary per part.

    Two asks the corpus answers with the same text (「…有哪些？請列出項次。」: the same rows, asked
    twice) are shown once, under both asks' headings; each keeps its own part summary."""
    bodies: list[tuple[list[str], Composed]] = []  # the distinct answers in order, with the asks they answer
    items: list[Item] = []
    positions: dict[tuple, int] = {}  # a record listed by several parts is one item
    summaries: list[Part] = []
    for reading, composed in parts:
        question = reading.understanding.question.strip()
        same = next((asked for asked, shown in bodies if shown.render() == composed.render()), None)
        if same is None:
            bodies.append(([question], composed))
        elif question not in same:
            same.append(question)
        indexes = []
        for item in composed.items:
            key = (item.label, item.fields.get("file"), item.fields.get("line"), item.fields.get("year_roc"))
            if key not in positions:
                positions[key] = len(items)
                items.append(item)
            indexes.append(positions[key])
        summaries.append(Part(question=reading.understanding.question, kind=composed.kind, refused=composed.refused,
                              refusal_rule=composed.rule, items=indexes))
    texts: list[str] = []
    briefs: list[str] = []
    # an ask answered in several parts (one per agency or KPI it names) is headed once
    headings = ["；".join(asked) for asked, _ in bodies]
    several = len(bodies) > 1
    previous = None
    for heading_text, (_, composed) in zip(headings, bodies):
        heading = f"**{heading_text}**\n\n" if several and heading_text != previous else ""
        previous = heading_text
        texts.append(heading + composed.render())
        briefs.append(heading + composed.summary())
    return "\n\n".join(texts), "\n\n".join(briefs), items, summaries


class Assistant:
    """Answers questions over one index. Build once (it reads the corpus and the vocabulary), ask many times."""

    def __init__(self, index: SearchIndex, settings: Settings):
        self.index = index
        self.settings = settings
        corpus = load_corpus(index.corpus_dir)  # the documents this index version was built from
        documents = {doc.file: doc for doc in corpus.documents if doc.file in index.manifest.get("documents", {})}
        memory = RecordMemory.load(index.records)
        words = derived(index, "corpus-words", (__file__,), lambda: sorted(index.bm25.vocabulary))
        vocabulary = CorpusVocabulary.build(memory, documents, index.passages, index.segmenter, settings.answering,
                                            frozenset(words))
        matcher = SemanticMatcher(index.embedder, settings.cache_dir / "embeddings.sqlite")
        self.sources = Sources(index, documents, load_lexicon(), memory, vocabulary, settings.answering, matcher)
        self.weights = TermWeights(index)
        load_templates()  # a broken template fails here, at start-up
        self.phraser = Phraser(settings) if settings.llm_base_url else None

    def read(self, question: str, history: list[Turn], overrides: dict) -> list[Reading]:
        """The asks of the question, with the client's explicit filters taking precedence in each."""
        readings = read_question(question, history, self.sources.vocabulary)
        if not overrides:
            return readings
        adjusted = []
        for reading in readings:
            merged = QuestionFilters.model_validate({**reading.filters.model_dump(), **overrides})
            reading.understanding = reading.understanding.model_copy(update={"filters": merged})
            adjusted.append(reading)
        return adjusted

    def ask(self, question: str, history: list[Turn] | None = None, mode: Mode = "answer",
            filters: dict | None = None) -> AnswerResponse:
        """Answer one question; raises QueryError (a 4xx for HTTP) for input that cannot be read."""
        question = check_question(question, self.settings.max_question_chars)
        if history is not None and not isinstance(history, (list, tuple)):
            raise QueryError(f"history must be a list of turns, not {type(history).__name__}")
        try:
            turns = [Turn.model_validate(t) for t in history or []]
        except ValidationError as exc:
            raise QueryError(f"history must be a list of turns with a question: {exc.errors()[0]['msg']}") from exc
        for number, turn in enumerate(turns, start=1):
            check_question(turn.question, self.settings.max_question_chars, f"history turn {number}")
        overrides = check_filters(filters)
        if mode not in MODES:
            raise QueryError(f"unknown mode {mode!r}; use one of: {', '.join(MODES)}")
        readings = self.read(question, turns, overrides)
        citations = Citations(self.sources.documents)
        parts = [(reading, answer_ask(Request(self.sources, reading, citations), self.weights)) for reading in readings]
        answer, summary, items, summaries = _combine(parts)
        refused = all(composed.refused for _, composed in parts)
        lang = readings[0].understanding.language
        release = None
        if mode == "draft":
            cited = [self.sources.documents[f] for f in dict.fromkeys(c.file for c in citations.entries)]
            release = press_release([composed for _, composed in parts], cited, lang)
            answer = summary = ""  # the release cites by its numbered notes, not by markers
        elif self.phraser and mode == "answer" and not refused and citations.entries:
            answer = summary = self.phraser.rephrase(question, answer, citations.entries, lang, items)
        answer, items, numbered, (summary,) = renumber(answer, items, citations.entries, (summary,))
        if release is not None:
            release = with_sources(release, numbered, lang)
            answer = summary = press_text(release, lang)
        first = next((c for _, c in parts if not c.refused), parts[0][1])
        chart = next((c.chart for _, c in parts if c.chart is not None), None)
        last = readings[-1].understanding
        filters_out = {**last.model_dump(mode="json"), "asks": [r.understanding.model_dump(mode="json") for r in readings]}
        return AnswerResponse(question=question, answer=answer, kind="refusal" if refused else first.kind,
                              refused=refused, filters=filters_out, items=items, citations=numbered, parts=summaries,
                              summary=summary, chart=chart, draft=release)
