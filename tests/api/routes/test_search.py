"""GET /api/search: ranked passages with provenance, filters, and bounds."""

import pytest


def test_hits_carry_provenance_and_exact_text(client, shared_settings):
    body = client.get("/api/search", params={"q": "敬老愛心卡", "k": 5}).json()
    assert body["query"] == "敬老愛心卡" and 0 < len(body["hits"]) <= 5
    assert [h["rank"] for h in body["hits"]] == list(range(1, len(body["hits"]) + 1))
    for hit in body["hits"]:
        lines = (shared_settings.corpus_dir / hit["file"]).read_text(encoding="utf-8").split("\n")
        assert hit["text"] in "\n".join(lines[hit["line"] - 1 : hit["end_line"]])
        assert hit["retrievers"] and hit["title"]


def test_file_filter_restricts_hits(client):
    hits = client.get("/api/search", params={"q": "預算", "file": "004_d9643f6566d7e10e.txt"}).json()["hits"]
    assert hits and {h["file"] for h in hits} == {"004_d9643f6566d7e10e.txt"}


@pytest.mark.parametrize("params", [{}, {"q": ""}, {"q": "x", "k": 0}, {"q": "x", "k": 101}, {"q": "x", "k": "many"},
                                    {"q": "x", "year": "民國"}])
def test_bad_parameters_are_422(client, params):
    response = client.get("/api/search", params=params)
    assert response.status_code == 422 and response.json()["error"]["type"] == "invalid_request"


def test_a_blank_query_is_422(client):
    response = client.get("/api/search", params={"q": "   "})
    assert response.status_code == 422 and response.json()["error"]["type"] == "invalid_query"
