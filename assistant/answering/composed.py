"""An answer before it is rendered: the parts the plain answer, the press draft and the LLM prompt share.

Composers (listing, lookup, free text, refusal) fill one of these; `render` turns it into the
Markdown answer, `drafting` into a 本府 paragraph. Keeping the parts apart means every rendering
carries the same facts and the same citation markers.
"""

from dataclasses import dataclass, field

from assistant.answering.contract import AnswerKind, Item


@dataclass
class Composed:
    """`headline` answers directly; `lines` are Markdown list lines (items or quotes), each with its
    own [n]; `notes` are caveats and known gaps; `subject` names what was asked, for the draft;
    `draft_facts` are the same facts as phrases or sentences a 本府 paragraph can string together;
    `reason` is, for a refusal, why the corpus cannot answer, as a clause."""

    kind: AnswerKind
    refused: bool
    headline: str = ""
    lines: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    subject: str = ""
    draft_facts: list[str] = field(default_factory=list)
    reason: str = ""
    rule: str | None = None  # for a refusal, which scope rule applied (refusal.Rule)

    def render(self) -> str:
        """Markdown: the headline, one line per fact or item, then the notes."""
        parts = [self.headline.strip()]
        if self.lines:
            parts.append(_markdown_lines(self.lines))
        if self.notes:
            parts.append("\n".join(self.notes))
        return "\n\n".join(p for p in parts if p)


def _markdown_lines(lines: list[str]) -> str:
    """Join lines, with a blank line wherever plain text follows a list item, so Markdown keeps it out of the list."""
    out: list[str] = []
    for line in lines:
        if out and out[-1].startswith("- ") and not line.startswith(("- ", "  ")):
            out.append("")
        out.append(line)
    return "\n".join(out)
