from dataclasses import replace

from assistant.answering.context import Request, Sources
from assistant.answering.refusal import holdings, uncovered_years, years_not_covered
from assistant.understanding.models import QuestionFilters, Understanding


def _request(sources, years, files=()):
    understanding = Understanding(question="q", normalized="q", language="zh", intent="free",
                                  filters=QuestionFilters(years=years, files=list(files)))
    return Request(sources, understanding)


def test_years_no_document_covers_are_found_from_the_manifest(sources):
    assert uncovered_years(_request(sources, [112, 113])) == [113]
    assert uncovered_years(_request(sources, [109], files=["000_a326a7c91818490c.txt"])) == [109]


def test_the_refusal_says_what_the_corpus_covers_instead(sources):
    composed = years_not_covered(_request(sources, [113]), [113])
    assert composed.refused and "沒有113年" in composed.headline and "107–112年" in composed.headline
    assert len(composed.lines) == len(sources.documents)


def test_coverage_sentences_follow_the_manifest_not_fixed_text(sources):
    doc = sources.documents["004_d9643f6566d7e10e.txt"]
    wider = replace(doc, info=doc.info.model_copy(update={"covers_roc": (109, 110, 111, 112, 113)}))
    changed = Sources(sources.index, {**sources.documents, doc.file: wider}, sources.lexicon)
    assert uncovered_years(_request(changed, [113])) == []
    assert any("109–113年" in line for line in holdings(changed, "zh"))
