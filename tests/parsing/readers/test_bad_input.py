"""Files that are not what their suffix says get a clear `UnreadableDocumentError`, never a crash;
what a reader skips or changes is said in its notes."""

import io
import zipfile

import pytest

from assistant.errors import UnreadableDocumentError, UploadError
from assistant.parsing.readers import reader_for
from tests.documents import dump_rows, encrypted_pdf, image_only_pdf, to_csv, to_docx, to_xlsx


@pytest.mark.parametrize("suffix", [".xlsx", ".ods", ".docx", ".pdf"])
def test_corrupt_files_are_refused_with_the_format_named(suffix, progress_files):
    damaged = progress_files(suffix)[: 3000] + b"\x00garbage"
    with pytest.raises(UnreadableDocumentError, match=r"(?i)xlsx|ods|docx|pdf|text"):
        reader_for(f"t{suffix}").read(damaged, 10**8)


def test_a_zip_that_expands_too_far_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/big.xml", b"0" * 3_000_000)
    with pytest.raises(UnreadableDocumentError, match="expand"):
        reader_for("t.xlsx").read(buffer.getvalue(), 100_000)


def test_encrypted_pdf_is_refused():
    with pytest.raises(UnreadableDocumentError, match="password"):
        reader_for("t.pdf").read(encrypted_pdf(dump_rows()), 10**8)


def test_image_only_pdf_is_refused():
    with pytest.raises(UnreadableDocumentError, match="no text layer"):
        reader_for("t.pdf").read(image_only_pdf(), 10**8)


def test_docx_without_text_is_refused():
    with pytest.raises(UnreadableDocumentError, match="no text"):
        reader_for("t.docx").read(to_docx([[""], [""]]), 10**8)


def test_big5_csv_is_converted_and_said_so():
    rows = [["項次", "主辦"], ["1、測試", "社會局"]]
    extracted = reader_for("t.csv").read(to_csv(rows, "cp950"), 10**8)
    assert extracted.lines == ["項次\t主辦", "1、測試\t社會局"]
    assert any("Big5" in note for note in extracted.notes)


def test_merged_header_cells_are_named_in_the_notes():
    rows = [["政策項目", "辦理情形", "", "辦理等級"], ["1、測試", "甲", "乙", "B執行中"]]
    extracted = reader_for("t.xlsx").read(to_xlsx(rows, merged=("B1:C1",)), 10**8)
    assert extracted.lines[0] == "政策項目\t辦理情形\t\t辦理等級"
    assert any("B1:C1" in note and "辦理情形" in note for note in extracted.notes)


def test_unknown_suffix_names_the_accepted_ones():
    with pytest.raises(UploadError, match=r"\.xlsx.*\.pdf"):
        reader_for("slides.pptx")
