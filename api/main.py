"""The FastAPI application: `create_app(settings)` wires routers, middleware, errors and the page.

The index is opened in a background thread at start-up, so `/healthz` and the page answer at
once and `/readyz` turns true when questions can be answered. `uvicorn --factory api.main:app`
serves the default settings; `assistant serve` does the same with --host/--port and the
connection settings (see `assistant.cli.serve_commands`).

Middleware, outermost first: CORS (answers preflights), the API key (from the head, before any
body is read), the body size and time limits, then the catch-all that turns an unexpected error
into a logged 500 without closing the connection.
"""

from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from fastapi_offline import (
    FastAPIOffline,  # serves /docs assets from the package, not a CDN
)

from api.auth import ApiKeyMiddleware, bearer_scheme
from api.errors import install_error_handlers
from api.holder import IndexHolder
from api.limits import BodySizeLimitMiddleware
from api.pool import WorkPool
from api.repair import Repairer
from api.routes import ask, documents, drafts, health, openai_compat, records, search
from api.uploads import UploadQueue
from assistant.config import Settings, get_settings

STATIC_DIR = Path(__file__).parent / "static"


def create_app(settings: Settings | None = None, holder: IndexHolder | None = None) -> FastAPI:
    """The service for `settings`; `holder` may be given to share or fake the index (tests)."""
    settings = settings or get_settings()
    holder = holder or IndexHolder(settings)

    uploads = UploadQueue(holder)
    # A question waiting on the LLM holds its thread (at most llm_concurrency do): they get threads of their
    # own, so `threads` always remain for the CPU work of everyone else.
    llm_waiters = settings.llm_concurrency if settings.llm_base_url else 0
    pool = WorkPool(settings.threads + llm_waiters, settings.max_queued)

    @asynccontextmanager
    async def lifespan(_: FastAPI):
        holder.start()
        uploads.start()
        yield
        uploads.shutdown()
        pool.shutdown()
        holder.stop()

    app = FastAPIOffline(title="政策問答 API", version="0.1.0", lifespan=lifespan,
                  description="Complete, cited answers over Taipei City Government policy documents.")
    app.state.settings = settings
    app.state.holder = holder
    app.state.uploads = uploads
    app.state.pool = pool
    app.state.repair = Repairer(holder)

    install_error_handlers(app)
    app.add_middleware(BodySizeLimitMiddleware, settings=settings)
    app.add_middleware(ApiKeyMiddleware, settings=settings)
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "Content-Type", "Accept"])

    app.include_router(health.router)
    documented_key = [Depends(bearer_scheme)]  # checked by ApiKeyMiddleware; here for the OpenAPI document
    for module in (ask, drafts, search, records, documents, openai_compat):
        app.include_router(module.router, dependencies=documented_key)

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    @app.get("/", include_in_schema=False)
    async def page() -> FileResponse:
        return FileResponse(STATIC_DIR / "index.html")

    @app.get("/upload", include_in_schema=False)
    def upload_page() -> FileResponse:
        return FileResponse(STATIC_DIR / "upload.html")

    return app


def app() -> FastAPI:
    """Factory for `uvicorn --factory api.main:app`."""
    return create_app()
