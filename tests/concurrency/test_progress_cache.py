"""A kept progress report never hides a value committed after it was built, on PostgreSQL,
where two writers run side by side: Ba Vì's value is written first but committed last,
after Hoàn Kiếm's; the report asked for in between is built, not kept, and the next one
shows both."""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.urls import reverse

from districts.scope import SYSTEM
from districts.services import units_load
from reports.services import SOURCE_ENTRY, actuals_save
from tests.factories import hanoi_2024_with_results, unit_by_code

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def report(client, plan) -> dict[str, Decimal | None]:
    response = client.get(reverse("reports:progress", args=[plan.code, 2024]))
    assert response.status_code == 200
    return {row.unit.code: row.assessment.actual for row in response.context["report"].rows
            if row.indicator.code == "graduates_attracted"}


def graduates(code: str, value: str) -> None:
    saved = actuals_save(unit=unit_by_code(code), period="2024", actor=SYSTEM,
                         source=SOURCE_ENTRY, rows={"graduates_attracted": {"value": value}},
                         submit=True)
    assert saved.ok, saved


def test_a_value_committed_after_a_later_one_is_not_hidden(client, make_user):
    units_load(provinces={"01"})
    plan = hanoi_2024_with_results()
    client.force_login(make_user("viewer", "01"))
    written, release = threading.Event(), threading.Event()
    failures: list[BaseException] = []

    def ba_vi_slowly() -> None:
        try:
            with transaction.atomic():
                graduates("271", "3600")  # Huyện Ba Vì: its history ids come first
                written.set()
                assert release.wait(timeout=30)
        except BaseException as error:  # noqa: BLE001 - reported to the test
            failures.append(error)
            written.set()
        finally:
            connection.close()

    slow = threading.Thread(target=ba_vi_slowly)
    slow.start()
    try:
        assert written.wait(timeout=30)
        graduates("002", "1200")  # Quận Hoàn Kiếm, committed while Ba Vì's is in flight
        between = report(client, plan)
        assert between["002"] == Decimal("1200") and between["271"] is None
    finally:
        release.set()
        slow.join(timeout=60)
    assert not failures, failures

    after = report(client, plan)
    assert after["271"] == Decimal("3600") and after["002"] == Decimal("1200")
