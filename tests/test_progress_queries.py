"""The progress pages and the dashboard read a fixed number of queries, whatever the
number of units: the same for a plan with 3 district quotas as for one with 30."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import (
    actual_make,
    hanoi_2024_graduate_quotas,
    hanoi_2024_with_results,
    unit_by_code,
)

pytestmark = pytest.mark.django_db

PAGES = {
    "dashboard": lambda code: reverse("reports:dashboard") + f"?plan={code}&year=2024",
    "progress": lambda code: reverse("reports:progress", args=[code, 2024]),
    "allocation": lambda code: reverse(
        "reports:allocation", args=[code, 2024, "graduates_attracted"]
    ),
    "progress_xlsx": lambda code: reverse("reports:progress_xlsx", args=[code, 2024]),
    "official": lambda code: reverse("reports:official", args=[code, 2024]),
    "chart_csv": lambda code: reverse("reports:dashboard_chart_csv", args=["units"])
    + f"?plan={code}&year=2024",
}


def queries(client, url: str) -> int:
    client.get(url)  # warm up: session, caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


@pytest.mark.parametrize("name", PAGES)
def test_it_reads_as_many_queries_for_30_quota_units_as_for_3(client, make_user, name):
    hanoi_2024_with_results(quotas=3, code="hn-small")
    hanoi_2024_with_results(quotas=30, code="hn-large", actuals=False)
    for district, quota in hanoi_2024_graduate_quotas():
        if district not in ("001", "006"):  # those two have theirs already
            actual_make("graduates_attracted", unit_by_code(district), "2024S1", quota / 2)
    client.force_login(make_user("viewer", "01"))

    small = queries(client, PAGES[name]("hn-small"))
    large = queries(client, PAGES[name]("hn-large"))

    assert small == large
    assert large <= 16
