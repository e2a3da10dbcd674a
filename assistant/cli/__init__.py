"""The `assistant` command line: one module per group of commands, all registered on one Typer app."""

import logging

from assistant.cli import (  # noqa: F401  (importing a module registers its commands)
    ask_commands,
    corpus_commands,
    db_commands,
    eval_commands,
    search_commands,
    serve_commands,
)
from assistant.cli.app import app, err_console
from assistant.errors import AssistantError

__all__ = ["app", "main"]


def main() -> None:
    """Entry point that turns expected failures into a readable message and exit code 2."""
    logging.basicConfig(level=logging.ERROR, format="%(levelname)s %(name)s: %(message)s")
    try:
        app()
    except AssistantError as exc:
        err_console.print(f"[red]error:[/red] {exc}")
        raise SystemExit(2) from None
