"""Whatever is posted to /api/dataValueSets, the answer is a 200, a 4xx with a message or
a 409 with conflicts — never a 500 — and a refused set writes nothing at all."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.test import override_settings
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from api.dhis2.reading import VALUE_FIELDS
from reports.models import Actual, Submission
from tests.factories import bearer, hanoi_2024_two_districts, token_make

pytestmark = pytest.mark.django_db
URL = "/api/dataValueSets"
SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
ANSWERS = {200, 400, 409, 413, 415}


@pytest.fixture
def key(reporter_001):
    hanoi_2024_two_districts()
    with override_settings(API_RATE_LIMIT=100_000):
        yield token_make(reporter_001)


def snapshot() -> tuple:
    values = tuple(Actual.objects.order_by("pk").values_list(
        "pk", "value", "note", "version", "submission_id"))
    return values, Submission.objects.count(), Actual.history.count()


def check(client, key, body: bytes, content_type: str) -> None:
    before = snapshot()
    response = client.post(URL, body, content_type=content_type, headers=bearer(key))
    assert response.status_code in ANSWERS, response.content[:300]
    event(f"HTTP {response.status_code}")
    summary = response.json()
    after = snapshot()
    if response.status_code != 200:
        assert after == before, "a refused set wrote something"
        assert summary["status"] == "ERROR"
        assert summary["conflicts"] or summary["description"]
        for conflict in summary["conflicts"]:
            assert conflict["value"] and isinstance(conflict["indexes"], list)
        return
    counts = summary["importCount"]
    changed = {row[0] for row in after[0]} - {row[0] for row in before[0]}
    assert counts["imported"] == len(changed)
    assert counts["deleted"] == 0
    # Every value of an accepted set is stored as sent.
    for item in json.loads(body).get("dataValues", []) if content_type.endswith("json") else []:
        period = item["period"]
        if len(period) == 6 and period.isdigit():
            period = f"{period[:4]}M{period[4:]}"
        stored = Actual.objects.get(indicator__code=item["dataElement"], period=period,
                                    unit__code=item["orgUnit"])
        assert stored.value == Decimal(str(item["value"]))


_codes = st.sampled_from(["enrol_total", "enrol_college", "graduates_attracted", "trained_rate",
                          "certified_rate", "nope", "", "ENROL_TOTAL"])
_periods = st.sampled_from(["2024", "2024S1", "202407", "2024M13", "2023", "2025", "x", ""])
_units = st.sampled_from(["001", "006", "01", "00004", "1", "99999", ""])
_numbers = st.one_of(
    st.integers(min_value=-5, max_value=10**14),
    st.decimals(min_value=-1, max_value=200, places=2).map(str),
    st.sampled_from(["5100", "74.2", "1.400", "74,2", "-0", "1e3", " 12 ", "", "nhiều",
                     "100.00001", "\u0000"]),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.none(), st.booleans(),
)
_plausible = st.fixed_dictionaries(
    {"dataElement": _codes, "period": _periods, "orgUnit": _units, "value": _numbers},
    optional={"comment": st.text(max_size=30), "categoryOptionCombo":
              st.sampled_from(["default", "xYz", ""]), "deleted": st.booleans()},
)
_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)
_anything = st.dictionaries(st.sampled_from(sorted(VALUE_FIELDS) + ["extra"]), _json,
                            max_size=6)
_sets = st.fixed_dictionaries(
    {"dataValues": st.lists(st.one_of(_plausible, _plausible, _anything, _json), max_size=8)},
    optional={"dataSet": st.sampled_from(["hn-2024", "nope", ""]),
              "period": _periods, "orgUnit": _units},
)


@SETTINGS
@given(data=_sets)
def test_any_json_set(client, key, data):
    body = json.dumps(data)
    check(client, key, body.encode(), "application/json")


@SETTINGS
@given(data=st.binary(max_size=300), content_type=st.sampled_from(["application/json",
                                                                   "text/csv"]))
def test_any_bytes(client, key, data, content_type):
    check(client, key, data, content_type)


_cell = st.one_of(_codes, _periods, _units, _numbers.map(lambda n: "" if n is None else str(n)),
                  st.text(max_size=6))


@SETTINGS
@given(rows=st.lists(st.lists(_cell, min_size=0, max_size=12), max_size=8))
def test_any_csv_rows(client, key, rows):
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    check(client, key, buffer.getvalue().encode("utf-8"), "text/csv")


_params = st.dictionaries(
    st.sampled_from(["plan", "unit", "day", "subtree", "period", "basis", "lastUpdated",
                     "limit", "offset", "q", "code", "year", "state", "dataSet", "orgUnit",
                     "children", "idScheme"]),
    st.one_of(st.text(max_size=12), st.integers(min_value=-10**20, max_value=10**20).map(str),
              st.sampled_from(["hn-2024", "001", "01", "2024", "202407", "true", "all",
                               "2024-07-01", "2024-07-01T08:00:00+07:00"])),
    max_size=6,
)


@SETTINGS
@given(path=st.sampled_from(["/api/v1/units", "/api/v1/units/001", "/api/v1/units/01/children",
                             "/api/v1/plans", "/api/v1/plans/hn-2024/targets",
                             "/api/v1/actuals", "/api/v1/progress", "/api/v1/submissions",
                             "/api/dataValueSets", "/api/dataValueSets.csv"]),
       params=_params)
def test_any_query_string_of_a_read(client, key, path, params):
    before = snapshot()
    response = client.get(path, params, headers=bearer(key))
    event(f"HTTP {response.status_code}")
    assert response.status_code in {200, 400, 404}, (path, params, response.content[:300])
    if response.status_code != 200:
        assert response.json()["detail"]
    assert snapshot() == before
