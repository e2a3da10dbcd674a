"""Browser fixtures: Debian's chromium driven by Playwright (never `playwright install`), and the app
served by uvicorn over the real index. `make test` installs chromium first (the `browser` target)."""

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from api.holder import AssistantFactory, IndexHolder
from api.main import create_app
from assistant.answering.service import Assistant
from assistant.config import Settings

PROJECT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = PROJECT / "test-artifacts"
AXE = Path(__file__).parent / "vendor" / "axe.min.js"  # axe-core from npm (`make vendor`), never a CDN
SERIOUS = ("serious", "critical")
INDEX_READY_S = 600  # the real index is built on first use (about a minute; longer on a cold cache)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (apt-get install chromium) first")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """test-artifacts/, which keeps itself out of git."""
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / ".gitignore").write_text("*\n")
    return ARTIFACTS


@pytest.fixture(scope="session")
def axe_violations() -> Callable[[Page], list[str]]:
    """`axe_violations(page)`: the serious and critical accessibility violations axe-core finds on the page
    as it is now, one line each (rule, impact, first elements)."""

    def run(page: Page) -> list[str]:
        if not page.evaluate("typeof axe !== 'undefined'"):
            page.add_script_tag(path=str(AXE))
        found = page.evaluate("""async () => (await axe.run(document, {resultTypes: ["violations"]})).violations
            .map((v) => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" "))}))""")
        return [f"{v['id']} ({v['impact']}): {', '.join(v['nodes'])}" for v in found if v["impact"] in SERIOUS]

    return run


@pytest.fixture(scope="session")
def real_settings() -> Settings:
    """The bundled corpus and the project's index, whatever ASSISTANT_* says about them."""
    return Settings(_env_file=None, corpus_dir=PROJECT / "corpus",  # type: ignore[call-arg]
                    index_dir=PROJECT / "indexes", api_key=None, cors_origins=[])


@pytest.fixture
def serve(live_server, real_settings) -> Callable[..., tuple[str, IndexHolder]]:
    """`serve(assistant_factory)` runs the app over the real index; returns (base URL, holder) once ready."""

    def start(assistant_factory: AssistantFactory = Assistant) -> tuple[str, IndexHolder]:
        holder = IndexHolder(real_settings, assistant_factory=assistant_factory)
        base = live_server(create_app(real_settings, holder))
        assert holder.wait(INDEX_READY_S), f"the index did not open: {holder.error}"
        return base, holder

    return start
