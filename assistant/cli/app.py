"""The Typer application and what every command shares: consoles and index opening (through the storage
backend the settings select)."""

import typer
from rich.console import Console

from assistant.config import get_settings
from assistant.index.store import SearchIndex

app = typer.Typer(help="政策問答: complete, cited answers over Taipei City Government policy documents.",
                  no_args_is_help=True, pretty_exceptions_enable=False)
console = Console()
err_console = Console(stderr=True)


def open_index_verbosely(rebuild: bool = False) -> SearchIndex:
    """Open (building first if needed) the index of the configured backend, telling the user on stderr
    when a build happens."""
    from assistant.storage import open_storage

    def announce(reason: str) -> None:
        err_console.print(f"[cyan]building the index[/cyan] ({reason}); this takes about a minute the first time")

    return open_storage(get_settings()).open(rebuild=rebuild, on_rebuild=announce)
