"""Stage 6 from the command line: `ask` (one question) and `chat` (a conversation with history)."""

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.markdown import Markdown

from assistant.answering.contract import AnswerResponse, Turn
from assistant.cli.app import app, console, err_console, open_index_verbosely
from assistant.config import get_settings
from assistant.errors import QueryError

EXIT_WORDS = frozenset({"exit", "quit", ":q", "離開", "結束"})


def _assistant():
    from assistant.answering.service import Assistant
    from assistant.index.store import served_settings

    index = open_index_verbosely()
    return Assistant(index, served_settings(get_settings(), index))


def print_answer(response: AnswerResponse) -> None:
    """The answer as Markdown, then every source: marker, file:line, and the quote as printed (a press
    release is plain text with its sources already at the end)."""
    if response.draft:
        console.print(response.answer, highlight=False, markup=False)
        return
    console.print(Markdown(response.answer))
    if response.citations:
        console.print()
        console.print("[bold]來源 Sources[/bold]")
        for c in response.citations:
            where = f"{c.file}:{c.line}" + (f"-{c.end_line}" if c.end_line != c.line else "")
            quote = " | ".join(part.strip() for part in c.quote.split("\t"))
            console.print(f"[{c.id}] {where}  「{quote}」", highlight=False, markup=False)


def print_json(response: AnswerResponse) -> None:
    typer.echo(json.dumps(response.model_dump(mode="json"), ensure_ascii=False, indent=2))


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="the question, in Chinese (any script) or English")],
    as_json: Annotated[bool, typer.Option("--json", help="print the AnswerResponse JSON exactly")] = False,
    draft: Annotated[bool, typer.Option("--draft", help="a press release (新聞稿) built on the same facts")] = False,
    docx: Annotated[Path | None, typer.Option("--docx", help="with --draft: also write the release as a Word file",
                                              dir_okay=False, writable=True)] = None,
) -> None:
    """Answer one question from the corpus, with its sources."""
    if docx and not draft:
        raise typer.BadParameter("--docx writes a press release: use it with --draft", param_hint="--docx")
    response = _assistant().ask(question, mode="draft" if draft else "answer")
    if docx and response.draft:
        from assistant.answering.press_docx import to_docx

        docx.write_bytes(to_docx(response.draft, response.filters.get("language", "zh")))
        if not as_json:  # --json prints the response and nothing else
            err_console.print(f"[dim]wrote {docx}[/dim]")
    if as_json:
        print_json(response)
    else:
        print_answer(response)


@app.command()
def chat(
    draft: Annotated[bool, typer.Option("--draft", help="answer every question as a press draft")] = False,
) -> None:
    """Ask questions one after another; follow-ups (「那協辦的呢？」) reuse the earlier turns. Exit with `exit` or Ctrl-D."""
    assistant = _assistant()
    history: list[Turn] = []
    err_console.print("[dim]政策問答：輸入問題，`exit` 或 Ctrl-D 離開。[/dim]")
    while True:
        try:
            question = console.input("[bold cyan]問> [/bold cyan]")
        except (EOFError, KeyboardInterrupt):
            console.print()
            return
        if question.strip().lower() in EXIT_WORDS:
            return
        if not question.strip():
            continue
        try:
            response = assistant.ask(question, history=history, mode="draft" if draft else "answer")
        except QueryError as exc:
            err_console.print(f"[red]error:[/red] {exc}")
            continue
        print_answer(response)
        history.append(Turn(question=response.question, answer=response.answer, filters=response.filters))
