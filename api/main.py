"""The FastAPI application: `create_app(settings)` wires routers, middleware, errors and the page.

The index is opened in a background thread at start-up, so `/healthz` and the page answer at
once and `/readyz` turns true when questions can be answered. `uvicorn --factory api.main:app`
serves the default settings; `assistant serve` does the same with --host/--port.
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

from api.deps import require_api_key
from api.errors import install_error_handlers
from api.holder import IndexHolder
from api.limits import BodySizeLimitMiddleware
from api.routes import ask, documents, drafts, health, openai_compat, records, search
from api.uploads import UploadQueue
from assistant.config import Settings, get_settings

STATIC_DIR = Path(__file__).parent / "static"


def create_app(settings: Settings | None = None, holder: IndexHolder | None = None) -> FastAPI:
    """The service for `settings`; `holder` may be given to share or fake the index (tests)."""
    settings = settings or get_settings()
    holder = holder or IndexHolder(settings)

    uploads = UploadQueue(holder)

    @asynccontextmanager
    async def lifespan(_: FastAPI):
        holder.start()
        uploads.start()
        yield
        uploads.shutdown()

    app = FastAPIOffline(title="政策問答 API", version="0.1.0", lifespan=lifespan,
                  description="Complete, cited answers over Taipei City Government policy documents.")
    app.state.settings = settings
    app.state.holder = holder
    app.state.uploads = uploads

    install_error_handlers(app)
    app.add_middleware(BodySizeLimitMiddleware, settings=settings)
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "Content-Type", "Accept"])

    app.include_router(health.router)
    guarded = [Depends(require_api_key)]
    for module in (ask, drafts, search, records, documents, openai_compat):
        app.include_router(module.router, dependencies=guarded)

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(STATIC_DIR / "index.html")

    @app.get("/upload", include_in_schema=False)
    def upload_page() -> FileResponse:
        return FileResponse(STATIC_DIR / "upload.html")

    return app


def app() -> FastAPI:
    """Factory for `uvicorn --factory api.main:app`."""
    return create_app()
