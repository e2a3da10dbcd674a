"""Which role an agency plays in the rows asked for: 主辦, 協辦, either, or KPI 主責.

This module only reads the role word. The reader turns `lead` into `kpi` for KPI questions, and
gives an agency with no role word the role `lead` in list and count questions over the progress
table, because that is how council liaisons ask ("社會局的項目有哪些" means the items it leads).
"""

import re

from assistant.understanding.question import QuestionText

_EITHER = re.compile(
    r"(?a)主辦(?:或|及|與|和|、|/|或是)協辦|主協辦|協辦(?:或|及|與|和|、|/)主辦|參與|涉及"
    r"|\blead or co-?\w*|\b(?:involved|participat\w*)")
_CO = re.compile(r"(?a)協辦|協助辦理|配合辦理|co-?organi[sz]\w*|co-?agenc\w*|co-?lead\w*|\bassist\w*|supporting agenc\w*")
_LEAD = re.compile(r"(?a)主辦|主責|負責|主政|led by|\bled\b|\blead(?:s|ing)?\b|\bresponsible\b|\bin charge\b")


def find_role(question: QuestionText) -> str | None:
    """"lead_or_co", "co", "lead" or None; claims the role words."""
    if question.claim_any(_EITHER):
        return "lead_or_co"
    has_co = question.claim_any(_CO)
    has_lead = question.claim_any(_LEAD)
    if has_co and has_lead:
        return "lead_or_co"
    if has_co:
        return "co"
    return "lead" if has_lead else None
