"""The 000 progress table saved as CSV, XLSX, ODS, DOCX and PDF reads back to the same 112 records
as the text dump, through the same record parser; each line says where it is in the original."""

import pytest

from assistant.corpus.manifest import Corpus, Document
from assistant.corpus.lexicon import AgencyLexicon
from assistant.parsing import progress_table
from assistant.parsing.readers import reader_for

FILE = "000_a326a7c91818490c.txt"
POSITION = {"file", "line", "end_line"}


def comparable(record, squeeze: bool) -> dict:
    data = record.model_dump(exclude=POSITION)
    if squeeze:  # a PDF cell's wrapped lines lose the spaces at the wrap points
        data = {k: "".join(v.split()) if isinstance(v, str) else v for k, v in data.items()}
    return data


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".ods", ".docx", ".pdf"])
def test_every_format_gives_the_records_of_the_text_dump(suffix, progress_files, corpus: Corpus,
                                                          lexicon: AgencyLexicon):
    original = corpus.get(FILE)
    expected = progress_table.parse(original, lexicon).records
    extracted = reader_for(f"t{suffix}").read(progress_files(suffix), 10**8)
    doc = Document(f"t{suffix}", original.info, tuple(extracted.lines), "0", tuple(extracted.locations))
    got = progress_table.parse(doc, lexicon).records
    assert len(expected) == len(got) == 112
    squeeze = suffix == ".pdf"
    assert [comparable(r, squeeze) for r in got] == [comparable(r, squeeze) for r in expected]
    assert len(extracted.locations) == len(extracted.lines)
    assert all(doc.location(r.line) for r in got)


def test_locations_name_what_a_person_opens(progress_files):
    xlsx = reader_for("t.xlsx").read(progress_files(".xlsx"), 10**8)
    row = next(i for i, line in enumerate(xlsx.lines) if line.startswith("都市再生\t"))
    assert xlsx.locations[row] == f"工作表「辦理情形」第 {row + 1} 列"
    pdf = reader_for("t.pdf").read(progress_files(".pdf"), 10**8)
    title = pdf.lines.index("市政白皮書112年下半年辦理情形與成果一覽表")
    assert pdf.locations[title] == "第 1 頁"
    assert pdf.locations[title + 1] == "第 1 頁表 1 第 1 列"
