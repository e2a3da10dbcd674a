"""Files in every accepted format, generated from a bundled text dump, for reader and upload tests.

A text dump's lines are rows (cells split at tabs); runs of tab rows between blank lines become one
table each (one printed page of the original), other lines become paragraphs. Each writer uses the
library a person would save such a file with: openpyxl, odfpy, python-docx, fpdf2 (with the CJK
font from Debian's fonts-noto-cjk, which `make test` installs).
"""

import csv
import io
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
CORPUS = PROJECT / "corpus"
PROGRESS_TABLE = CORPUS / "000_a326a7c91818490c.txt"
CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
CJK_FONT_TC = 3  # Noto Sans CJK TC inside the collection

Block = str | list[list[str]]  # a paragraph, or a table of rows


def dump_rows(path: Path = PROGRESS_TABLE) -> list[list[str]]:
    """The dump's lines as rows of cells."""
    lines = path.read_text(encoding="utf-8").split("\n")
    if lines[-1] == "":
        lines.pop()
    return [line.split("\t") for line in lines]


def blocks(rows: list[list[str]]) -> list[Block]:
    """Paragraphs and tables in order; a table's rows padded to its widest row."""
    out: list[Block] = []
    for row in rows:
        if len(row) > 1:
            if not out or isinstance(out[-1], str):
                out.append([])
            out[-1].append(row)  # type: ignore[union-attr]
        else:
            out.append(row[0])
    for block in out:
        if isinstance(block, list):
            width = max(len(r) for r in block)
            for r in block:
                r.extend([""] * (width - len(r)))
    return out


def to_csv(rows: list[list[str]], encoding: str = "utf-8") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue().encode(encoding)


def to_xlsx(rows: list[list[str]], merged: tuple[str, ...] = ()) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "辦理情形"
    for row in rows:
        sheet.append(row)
    for cells in merged:
        sheet.merge_cells(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def to_ods(rows: list[list[str]]) -> bytes:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    table = Table(name="辦理情形")
    for row in rows:
        element = TableRow()
        for cell in row:
            td = TableCell(valuetype="string") if cell else TableCell()
            if cell:
                td.addElement(P(text=cell))
            element.addElement(td)
        table.addElement(element)
    document.spreadsheet.addElement(table)
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def to_docx(rows: list[list[str]]) -> bytes:
    import docx

    document = docx.Document()
    for block in blocks(rows):
        if isinstance(block, str):
            document.add_paragraph(block)
            continue
        table = document.add_table(rows=len(block), cols=len(block[0]))
        for r, row in enumerate(block):
            for c, cell in enumerate(row):
                table.cell(r, c).text = cell
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def to_pdf(rows: list[list[str]]) -> bytes:
    """A3 landscape, one ruled table per page of the dump, columns as wide as their text needs."""
    from fpdf import FPDF

    pdf = FPDF(orientation="L", format="A3")
    pdf.set_auto_page_break(True, margin=8)
    pdf.set_margins(8, 8)
    pdf.add_font("noto", fname=str(CJK_FONT), collection_font_number=CJK_FONT_TC)
    pdf.set_font("noto", size=5)
    pdf.add_page()
    usable = pdf.w - 16
    tables = 0
    for block in blocks(rows):
        if isinstance(block, str):
            if block:
                pdf.multi_cell(usable, 4, block, new_x="LMARGIN", new_y="NEXT")
            continue
        if tables:
            pdf.add_page()
        tables += 1
        width = len(block[0])
        need = [max(8.0, max(len(r[c]) for r in block) ** 0.5) for c in range(width)]
        scale = usable / sum(need)
        with pdf.table(col_widths=[n * scale for n in need], width=usable, line_height=2.4,
                       first_row_as_headings=False, text_align="LEFT") as table:
            for row in block:
                table.row(row)
    return bytes(pdf.output())


WRITERS = {".csv": to_csv, ".xlsx": to_xlsx, ".ods": to_ods, ".docx": to_docx, ".pdf": to_pdf}


def image_only_pdf() -> bytes:
    """A PDF page holding only a drawing: what a scan without OCR looks like to a reader."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")
    return bytes(pdf.output())


def encrypted_pdf(rows: list[list[str]]) -> bytes:
    """A small PDF with text, protected by a user password."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_font("noto", fname=str(CJK_FONT), collection_font_number=CJK_FONT_TC)
    pdf.set_font("noto", size=10)
    pdf.add_page()
    pdf.multi_cell(0, 6, "\n".join(" ".join(r) for r in rows[:5]))
    return bytes(pdf.output())
