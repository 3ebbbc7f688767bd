"""No lost updates: a save over someone else's newer value is refused and shows theirs."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from reports.models import Actual
from reports.services import (
    SOURCE_ENTRY,
    actuals_save,
)
from tests.factories import entry_post, row

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_reporters(make_user):
    return (
        make_user("reporter", "001", username="lan.nguyen"),
        make_user("reporter", "001", username="minh"),
    )


def url(unit):
    return reverse("reports:entry", args=[unit.pk, "2024"])


def college(unit) -> Actual:
    return Actual.objects.get(unit=unit, period="2024", indicator__code="enrol_college")


def test_the_second_save_is_refused_with_who_changed_what(client, two_reporters, ba_dinh):
    lan, minh = two_reporters
    actuals_save(unit=ba_dinh, period="2024", rows={"enrol_college": row("1.400")}, actor=lan,
        source=SOURCE_ENTRY,
    )
    # Both open the page at version 1; Lan saves first.
    actuals_save(
        unit=ba_dinh,
        period="2024",
        rows={"enrol_college": row("1.450", version=1)},
        actor=lan, source=SOURCE_ENTRY)
    client.force_login(minh)
    rows = {"enrol_college": row("1.420", version=1), "enrol_total": row("6.000")}
    response = client.post(url(ba_dinh), entry_post(ba_dinh, rows))
    assert response.status_code == 409
    html = response.content.decode()
    refused = html[html.index('id="save-refused"') :]
    assert "lan.nguyen" in refused[: refused.index("</div>")]  # who changed it
    assert '<strong class="their-value">1.450</strong>' in html
    assert 'name="enrol_college-value" value="1.420"' in html  # Minh's input is kept
    assert college(ba_dinh).value == Decimal(1450) and college(ba_dinh).updated_by == lan
    assert not Actual.objects.filter(indicator__code="enrol_total").exists()  # all or nothing

    # The page now carries Lan's version: saving again keeps Minh's value, knowingly.
    assert 'name="enrol_college-version" value="2"' in html
    rows["enrol_college"]["version"] = 2
    assert client.post(url(ba_dinh), entry_post(ba_dinh, rows)).status_code == 302
    assert college(ba_dinh).value == Decimal(1420) and college(ba_dinh).version == 3


def test_a_value_created_meanwhile_is_a_conflict_too(two_reporters, ba_dinh):
    lan, minh = two_reporters
    actuals_save(unit=ba_dinh, period="2024", rows={"enrol_college": row("1.400")}, actor=lan,
        source=SOURCE_ENTRY,
    )
    result = actuals_save(
        unit=ba_dinh, period="2024", rows={"enrol_college": row("", version=0)}, actor=minh,
            source=SOURCE_ENTRY,
        )
    assert not result.ok
    (conflict,) = result.conflicts
    assert conflict.indicator.code == "enrol_college"
    assert conflict.current.value == Decimal(1400) and conflict.current.updated_by == lan
    assert college(ba_dinh).value == Decimal(1400)


def test_an_untouched_row_with_an_old_version_is_no_conflict(two_reporters, ba_dinh):
    lan, minh = two_reporters
    actuals_save(unit=ba_dinh, period="2024", rows={"enrol_college": row("1.400")}, actor=lan,
        source=SOURCE_ENTRY,
    )
    actuals_save(
        unit=ba_dinh, period="2024", rows={"enrol_college": row("1.450", version=1)}, actor=lan,
            source=SOURCE_ENTRY,
        )
    # Minh's page was opened after Lan's second save reached the same figure elsewhere.
    result = actuals_save(
        unit=ba_dinh,
        period="2024",
        rows={"enrol_college": row("1.450", version=1), "enrol_total": row("6.000")},
        actor=minh, source=SOURCE_ENTRY)
    assert result.ok and result.unchanged == 1 and result.created == 1
