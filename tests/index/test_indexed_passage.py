"""A passage's filter metadata: the agencies it speaks for."""

from assistant.corpus.lexicon import load_lexicon
from assistant.corpus.manifest import Document, DocumentInfo
from assistant.index.indexed_passage import index_passages
from assistant.parsing.models import Passage


def test_every_passage_of_a_report_an_agency_issues_speaks_for_that_agency():
    lexicon = load_lexicon()
    info = DocumentInfo(title="年度報告", issuer="臺北市政府社會局", year_roc=110, year_ad=2021)
    doc = Document("r.txt", info, ("本年度辦理關懷訪視。", "另與衛生局合辦講座。"), "0")
    passages = [Passage(id=f"r.txt:{n}-{n}", file="r.txt", line=n, end_line=n, text=text)
                for n, text in enumerate(doc.lines, start=1)]
    first, second = index_passages(doc, passages, [], lexicon)
    assert first.agencies == ("社會局",)
    assert set(second.agencies) == {"社會局", "衛生局"}


def test_a_city_wide_issuer_names_no_agency():
    info = DocumentInfo(title="綱要", issuer="臺北市政府", year_roc=107, year_ad=2018)
    doc = Document("g.txt", info, ("推動智慧城市。",), "0")
    [indexed] = index_passages(doc, [Passage(id="g.txt:1-1", file="g.txt", line=1, end_line=1, text=doc.lines[0])],
                               [], load_lexicon())
    assert indexed.agencies == ()


def test_a_passage_speaks_of_the_years_its_text_names_or_else_of_all_its_documents_years():
    from assistant.index.indexed_passage import years_spoken_of

    covered = [109, 110, 111, 112]
    assert years_spoken_of("112年度本局辦理講座計12場。", covered) == (112,)  # prose of one year
    assert years_spoken_of("年度\t109\t110\t111\t112", covered) == (109, 110, 111, 112)  # a header names no year
    assert years_spoken_of("109至110年度持續推動。", covered) == (109, 110)  # a range
    assert years_spoken_of("自98年起陸續擴大。", covered) == (109, 110, 111, 112)  # none of its years: all of them
