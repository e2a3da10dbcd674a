"""App wiring: the page and its assets, OpenAPI docs, the API key, CORS."""

import re

import pytest
from pydantic import SecretStr

from api.main import STATIC_DIR

GUARDED = [("get", "/api/documents"), ("get", "/api/search?q=社會局"), ("get", "/api/records?主辦=社會局"),
           ("post", "/api/ask"), ("get", "/v1/models"), ("post", "/v1/chat/completions"),
           ("get", "/api/documents/000_a326a7c91818490c.txt/lines?from=1")]
OPEN = ["/healthz", "/readyz", "/", "/upload", "/static/app.js", "/static/style.css", "/docs", "/openapi.json"]
BODIES = {"/api/ask": {"question": "社會局？"},
          "/v1/chat/completions": {"model": "policy-qa", "messages": [{"role": "user", "content": "社會局？"}]}}


def _call(client, method, url, **kwargs):
    body = BODIES.get(url)
    return getattr(client, method)(url, **({"json": body} if body else {}), **kwargs)


@pytest.mark.parametrize("url, assets", [
    ("/", ("/static/app.js", "/static/panel.js", "/static/charts.js", "/static/common.js", "/static/style.css",
           "/static/vendor/vega.min.js", "/static/vendor/vega-lite.min.js", "/static/vendor/vega-embed.min.js")),
    ("/upload", ("/static/upload.js", "/static/common.js", "/static/style.css"))])
def test_the_pages_and_their_assets_are_served(client, url, assets):
    page = client.get(url)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    for asset in assets:
        assert asset in page.text and client.get(asset).status_code == 200


def test_the_vendored_libraries_are_the_pinned_npm_files():
    import hashlib

    sums = (STATIC_DIR / "vendor" / "SHA256SUMS").read_text().split("\n")
    pinned = dict(reversed(line.split()) for line in sums if line)
    assert set(pinned) == {p.name for p in (STATIC_DIR / "vendor").glob("*.js")}
    for name, digest in pinned.items():
        assert hashlib.sha256((STATIC_DIR / "vendor" / name).read_bytes()).hexdigest() == digest, name


def test_the_page_loads_nothing_from_elsewhere():
    """Our own files name no other host (the vendored libraries are checked in the browser test: every
    request the page makes goes to this service)."""
    for path in (p for p in STATIC_DIR.iterdir() if p.is_file()):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//|@import|url\((?!["']?data:)""", text), path.name
        assert "http://" not in text and "https://" not in text, path.name


def test_openapi_docs_load_their_assets_from_this_app(client):
    docs = client.get("/docs")
    assets = re.findall(r'(?:href|src)="([^"]+)"', docs.text)
    assert docs.status_code == 200 and assets
    assert all(a.startswith("/") for a in assets), assets
    assert all(client.get(a).status_code == 200 for a in assets)


def test_openapi_lists_every_route(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/ask", "/api/search", "/api/records", "/api/documents", "/api/documents/{file}/lines",
            "/api/documents/uploads/{upload_id}", "/healthz", "/readyz", "/v1/chat/completions",
            "/v1/models"} <= set(paths)


@pytest.mark.parametrize("method, url", GUARDED)
def test_without_a_configured_key_the_api_is_open(client, method, url):
    assert _call(client, method, url).status_code == 200


@pytest.fixture(scope="module")
def keyed(shared_settings, running):
    with running(shared_settings.model_copy(update={"api_key": SecretStr("s3cret-key")})) as client:
        yield client


@pytest.mark.parametrize("method, url", GUARDED)
def test_with_a_key_api_routes_need_it(keyed, method, url):
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic s3cret-key"},
                    {"Authorization": "Bearer "}):
        response = _call(keyed, method, url, headers=headers)
        assert response.status_code == 401, headers
        assert response.json()["error"]["type"] == "unauthorized"
        assert response.headers["www-authenticate"] == "Bearer"
    assert _call(keyed, method, url, headers={"Authorization": "Bearer s3cret-key"}).status_code == 200


@pytest.mark.parametrize("url", OPEN)
def test_with_a_key_health_and_the_page_stay_open(keyed, url):
    assert keyed.get(url).status_code == 200


def test_cors_is_closed_by_default(client):
    response = client.get("/api/documents", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in response.headers
    preflight = client.options("/api/ask", headers={"Origin": "https://evil.example",
                                                   "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in preflight.headers


def test_cors_opens_to_configured_origins_only(make_settings, running):
    with running(make_settings(cors_origins=["https://intranet.example"])) as client:
        allowed = client.options("/api/ask", headers={"Origin": "https://intranet.example",
                                                     "Access-Control-Request-Method": "POST",
                                                     "Access-Control-Request-Headers": "authorization,content-type"})
        assert allowed.status_code == 200
        assert allowed.headers["access-control-allow-origin"] == "https://intranet.example"
        other = client.get("/api/documents", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers
