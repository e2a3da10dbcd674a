"""Property-based: any values for any record filter (every field and alias), with or without a record
type, are a 200 or a 422 with a message, never a 5xx."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.index.record_search import KNOWN_FIELDS
from assistant.parsing.models import FIELD_ALIASES

FILTERS = sorted(KNOWN_FIELDS | FIELD_ALIASES.keys())
VALUES = st.one_of(
    st.text(max_size=40),
    st.integers(min_value=-(2**80), max_value=2**80).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["A", "B", "社會局", "true", "0", "1e309", "-0", "+5", " 7 ", "٣", "1_000", "\x00", "%"]),
)


@pytest.mark.parametrize("name", FILTERS)
def test_any_value_of_any_filter_is_answered_or_refused(client, name):
    @given(values=st.lists(VALUES, min_size=1, max_size=3), record_type=st.none() | st.sampled_from(
        ["progress_item", "strategy_kpi", "kpi_result", "budget_figure", "performance_goal"]))
    @settings(max_examples=25, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    def check(values, record_type):
        params = [(name, v) for v in values] + ([("type", record_type)] if record_type else [])
        response = client.get("/api/records", params=params)
        assert response.status_code in (200, 422), f"{params}: {response.status_code} {response.text[:200]}"
        if response.status_code == 422:
            assert response.json()["error"]["message"]

    check()
