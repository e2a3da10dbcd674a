"""Liveness and readiness once the index is up."""


def test_healthz_is_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


def test_readyz_names_the_index_it_serves(client):
    body = client.get("/readyz").json()
    assert body["ready"] is True and body["state"] == "ready"
    assert body["index_version"] == client.app.state.holder.storage.published()  # CURRENT, or the serving row
    assert body["documents"] == len(client.get("/api/documents").json())
