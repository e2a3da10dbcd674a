"""The facade every interface (CLI, HTTP, evals) calls: `Assistant(index, settings).ask(...)`.

A question is checked, read (question understanding, with the client's filter overrides), routed
by intent (exact records for lists, counts and lookups; extractive retrieval for free text; a
refusal when the corpus cannot answer), rendered as an answer or a press draft, optionally reworded
by an LLM, and its citations numbered in order of first use. The server keeps no state: history
comes with each call.
"""

import logging

from pydantic import ValidationError

from assistant.answering.citations import renumber
from assistant.answering.composed import Composed
from assistant.answering.context import Request, Sources
from assistant.answering.contract import AnswerResponse, Mode, Turn
from assistant.answering.drafting import draft
from assistant.answering.free_text import answer_free
from assistant.answering.language import join_words, pick, year_span
from assistant.answering.listing import answer_records
from assistant.answering.llm import Phraser
from assistant.answering.lookup import answer_lookup
from assistant.answering.refusal import out_of_scope, uncovered_years, years_not_covered
from assistant.answering.templates import load_templates
from assistant.answering.terms import TermWeights
from assistant.answering.validation import check_filters, check_question
from assistant.config import Settings
from assistant.corpus.lexicon import load_lexicon
from assistant.corpus.manifest import load_corpus
from assistant.errors import QueryError
from assistant.index.store import SearchIndex
from assistant.understanding.models import QuestionFilters, Understanding

log = logging.getLogger(__name__)

MODES = ("answer", "draft")


def compose(request: Request, weights: TermWeights) -> Composed:
    """Route one read question to the composer for its intent."""
    intent = request.understanding.intent
    missing = uncovered_years(request)
    if missing and set(missing) == set(request.filters.years):
        return years_not_covered(request, missing)
    if intent == "out_of_scope":
        return out_of_scope(request)
    if intent in ("list", "count"):
        composed = answer_records(request, count=intent == "count")
    elif intent == "lookup":
        composed = answer_lookup(request) or answer_free(request, weights, kind="lookup")
    else:
        composed = answer_free(request, weights)
    if missing and not composed.refused:
        asked = join_words([year_span([y], request.lang) for y in missing], request.lang)
        composed.notes.append(pick(request.lang, f"註：語料庫沒有{asked}的資料，以上只含涵蓋的年度。",
                                   f"Note: the corpus has nothing for {asked}; the answer covers the others only."))
    return composed


class Assistant:
    """Answers questions over one index. Build once (it reads the corpus and question facts), ask many times."""

    def __init__(self, index: SearchIndex, settings: Settings):
        from assistant.understanding.facts import CorpusFacts

        self.index = index
        self.settings = settings
        corpus = load_corpus(settings.corpus_dir)
        self.sources = Sources(index, {doc.file: doc for doc in corpus.documents}, load_lexicon())
        self.facts = CorpusFacts.from_index(index)
        self.weights = TermWeights(index)
        load_templates()  # a broken template fails here, at start-up
        self.phraser = Phraser(settings) if settings.llm_base_url else None

    def understand(self, question: str, history: list[Turn], filters: dict) -> Understanding:
        """The reading of the question, with the client's explicit filters taking precedence."""
        from assistant.understanding.reader import understand

        understanding = understand(question, history, self.facts)
        if filters:
            merged = QuestionFilters.model_validate({**understanding.filters.model_dump(), **filters})
            understanding = understanding.model_copy(update={"filters": merged})
        return understanding

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
        understanding = self.understand(question, turns, overrides)
        request = Request(self.sources, understanding)
        composed = compose(request, self.weights)
        answer = draft(composed, request.lang) if mode == "draft" else composed.render()
        if self.phraser and mode == "answer" and not composed.refused and request.citations.entries:
            answer = self.phraser.rephrase(question, answer, request.citations.entries, request.lang, composed.items)
        answer, items, citations = renumber(answer, composed.items, request.citations.entries)
        return AnswerResponse(question=question, answer=answer, kind=composed.kind, refused=composed.refused,
                              filters=understanding.model_dump(mode="json"), items=items, citations=citations)
