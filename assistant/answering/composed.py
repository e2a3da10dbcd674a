"""An answer before it is rendered: the parts the plain answer, the press release and the LLM prompt share.

Composers (listing, lookup, free text, refusal) fill one of these; `render` turns it into the
Markdown answer, `summary` into the same without the per-item lines (for clients that show the
items as a table), `drafting` into the paragraphs of a 新聞稿. Keeping the parts apart means every
rendering carries the same facts and the same citations.
"""

from dataclasses import dataclass, field

from assistant.answering.contract import AnswerKind, Chart, Item


@dataclass
class Composed:
    """`headline` answers directly; `lines` are Markdown list lines (items or quotes), each with its
    own [n]; `itemised` says those lines repeat `items` one by one; `notes` are caveats and known gaps;
    `subject` names what was asked, for the draft; `draft_facts` are the same facts as phrases a
    paragraph can string together (with [n]); `press` is what a press release says in plain prose
    (no markers, no code without its name), when the facts need other words than `draft_facts`;
    `reason` is, for a refusal, why the published documents cannot answer, as a clause the public
    can read; `chart` plots the records behind the answer."""

    kind: AnswerKind
    refused: bool
    headline: str = ""
    lines: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    subject: str = ""
    draft_facts: list[str] = field(default_factory=list)
    press: list[str] = field(default_factory=list)
    reason: str = ""
    rule: str | None = None  # for a refusal, which scope rule applied (refusal.Rule)
    itemised: bool = False
    chart: Chart | None = None

    def render(self) -> str:
        """Markdown: the headline, one line per fact or item, then the notes."""
        return _join(self.headline, self.lines, self.notes)

    def summary(self) -> str:
        """The Markdown without the lines that repeat the items, which a table shows instead."""
        return _join(self.headline, [] if self.itemised else self.lines, self.notes)


def _join(headline: str, lines: list[str], notes: list[str]) -> str:
    parts = [headline.strip()]
    if lines:
        parts.append(_markdown_lines(lines))
    if notes:
        parts.append("\n".join(notes))
    return "\n\n".join(p for p in parts if p)


def _markdown_lines(lines: list[str]) -> str:
    """Join lines, with a blank line wherever plain text follows a list item, so Markdown keeps it out of the list."""
    out: list[str] = []
    for line in lines:
        if out and out[-1].startswith("- ") and not line.startswith(("- ", "  ")):
            out.append("")
        out.append(line)
    return "\n".join(out)
