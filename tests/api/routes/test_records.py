"""GET /api/records: exact filters, pagination, CSV."""

import csv
import io

import pytest

from assistant.index.records_db import Condition


def _store(client):
    return client.app.state.holder.snapshot().index.records


def test_filters_return_exactly_the_store_rows(client):
    conditions = [Condition("lead_agency", "社會局"), Condition("status_code", "B")]
    expected = _store(client).query("progress_item", conditions)
    body = client.get("/api/records", params={"主辦": "社會局", "status": "B"}).json()
    assert body["total"] == len(expected) and body["pages"] == 1
    assert [(r["file"], r["line"]) for r in body["records"]] == [(r.file, r.line) for r in expected]
    assert all(r["record_type"] == "progress_item" for r in body["records"])


def test_pages_cover_every_match_once(client):
    everything = client.get("/api/records", params={"type": "progress_item", "per_page": 500}).json()
    seen = []
    for page in range(1, everything["total"] // 25 + 2):
        body = client.get("/api/records", params={"type": "progress_item", "per_page": 25, "page": page}).json()
        seen += [r["line"] for r in body["records"]]
    assert seen == [r["line"] for r in everything["records"]] and len(seen) == everything["total"]


def test_csv_downloads_every_match(client):
    response = client.get("/api/records", params={"協辦": "社會局", "format": "csv", "per_page": 1})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text.removeprefix("\ufeff"))))
    total = client.get("/api/records", params={"協辦": "社會局"}).json()["total"]
    assert len(rows) == total > 1


@pytest.mark.parametrize("params", [{"colour": "red"}, {"type": "spaceship"}, {"項次": "abc"}, {"page": 0},
                                    {"per_page": 501}, {"format": "xlsx"}])
def test_bad_filters_are_422(client, params):
    response = client.get("/api/records", params=params)
    assert response.status_code == 422 and response.json()["error"]["message"]


BEYOND_64_BITS = "99999999999999999999"


@pytest.mark.parametrize("name", ["line", "end_line", "item_no", "項次", "年度", "year", "year_roc", "value_line"])
@pytest.mark.parametrize("value", [BEYOND_64_BITS, "-" + BEYOND_64_BITS, "١٢", "1_0", "1e3", "0x10"])
def test_integers_out_of_range_or_not_ascii_digits_are_422(client, name, value):
    response = client.get("/api/records", params={name: value})
    assert response.status_code == 422, response.text
    assert response.json()["error"]["type"] == "invalid_query"


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "1e400", "1,5"])
def test_numbers_that_are_not_finite_decimals_are_422(client, value):
    assert client.get("/api/records", params={"target": value, "type": "kpi_result"}).status_code == 422


def test_the_largest_integer_is_a_query_not_an_error(client):
    assert client.get("/api/records", params={"line": str(2**63 - 1)}).json()["total"] == 0
    assert client.get("/api/records", params={"page": str(2**63 - 1)}).json()["records"] == []


def test_every_filter_is_in_the_openapi_document_with_its_type(client):
    (operation,) = client.get("/openapi.json").json()["paths"]["/api/records"].values()
    schemas = {p["name"]: p["schema"] for p in operation["parameters"]}
    assert schemas["項次"]["type"] == schemas["line"]["type"] == "integer"
    assert schemas["項次"]["maximum"] == 2**63 - 1 and schemas["wccd"]["type"] == "boolean"
    assert schemas["actual"]["type"] == "number" and schemas["主辦"]["type"] == "string"
    assert {"page", "per_page", "format"} <= schemas.keys()
def test_csv_rows_carry_period_file_line_and_an_exact_quote(client, shared_settings):
    response = client.get("/api/records", params={"主辦": "社會局", "format": "csv"})
    rows = list(csv.DictReader(io.StringIO(response.text.removeprefix("\ufeff"))))
    header = response.text.removeprefix("\ufeff").split("\r\n")[0].split(",")
    assert header[:6] == ["record_type", "file", "line", "end_line", "period", "series"] and header[-1] == "quote"
    for row in rows:
        lines = (shared_settings.corpus_dir / row["file"]).read_text(encoding="utf-8").split("\n")
        assert row["quote"] and row["quote"] in "\n".join(lines[int(row["line"]) - 1:int(row["end_line"])])
        assert row["period"].endswith("半年"), "the period as a label, not a structure"
