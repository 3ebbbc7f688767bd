"""The entry page: one row per indicator with a target, Vietnamese numbers, drafts, submit."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from reports.models import Actual, Submission
from tests.factories import (
    actual_make,
    entry_post,
    hanoi_2024_header,
    quotas_make,
    row,
    submission_make,
    target_make,
    unit_by_code,
    vi,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(ba_dinh):
    plan = hanoi_2024_header()
    quotas_make(plan=plan, unit=ba_dinh)
    return plan


@pytest.fixture
def reporter(reporter_001):
    return reporter_001


def entry_url(unit, period="2024", query=""):
    return reverse("reports:entry", args=[unit.pk, period]) + query


def full_rows(total="6.000", college="1.400", intermediate="1.600", elementary="3.000"):
    return {
        "enrol_total": row(total),
        "enrol_college": row(college),
        "enrol_intermediate": row(intermediate),
        "enrol_elementary": row(elementary),
    }


def values(unit, period="2024"):
    return {
        a.indicator.code: a.value
        for a in Actual.objects.filter(unit=unit, period=period).select_related("indicator")
    }


def test_it_sends_anonymous_visitors_to_log_in(client, ba_dinh):
    for response in (
        client.get(reverse("reports:entry_home")),
        client.get(entry_url(ba_dinh)),
        client.post(entry_url(ba_dinh), entry_post(ba_dinh, full_rows())),
    ):
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
    assert not Actual.objects.exists()


def test_it_shows_one_row_per_quota_with_its_wording(client, plan, reporter, ba_dinh):
    client.force_login(reporter)
    response = client.get(entry_url(ba_dinh))
    assert response.status_code == 200
    codes = [r.code for r in response.context["rows"]]
    assert codes == ["enrol_total", "enrol_college", "enrol_intermediate", "enrol_elementary"]
    html = response.content.decode()
    assert "“1.400 người”" in html and "hn-2024" in html
    assert 'name="enrol_total-value"' in html and 'name="enrol_total-version"' in html
    assert "reports/entry.js" in html and 'id="entry-checks"' in html


def test_it_shows_last_years_value_and_the_previous_period(client, plan, reporter, ba_dinh):
    actual_make("enrol_college", ba_dinh, "2023S1", "650")
    actual_make("enrol_college", ba_dinh, "2023S2", "1310")
    client.force_login(reporter)
    response = client.get(entry_url(ba_dinh, "2024S1"))
    college = next(r for r in response.context["rows"] if r.code == "enrol_college")
    assert college.row.last_year.value == Decimal("650")
    assert college.row.previous.value == Decimal("1310")
    html = response.content.decode()
    assert "1.310" in html and 'data-last-year="650.0000"' in html


def test_it_offers_the_rest_of_the_catalogue_on_request(client, plan, reporter, ba_dinh):
    client.force_login(reporter)
    response = client.get(entry_url(ba_dinh, query="?all=1"))
    assert len(response.context["rows"]) == 26


def test_it_saves_vietnamese_numbers_as_a_draft(client, plan, reporter, ba_dinh):
    client.force_login(reporter)
    response = client.post(entry_url(ba_dinh), entry_post(ba_dinh, full_rows()))
    assert response.status_code == 302 and response.url == entry_url(ba_dinh)
    assert values(ba_dinh) == {
        "enrol_total": Decimal(6000),
        "enrol_college": Decimal(1400),
        "enrol_intermediate": Decimal(1600),
        "enrol_elementary": Decimal(3000),
    }
    submission = Submission.objects.get(unit=ba_dinh, period="2024")
    assert submission.state == Submission.State.DRAFT
    actual = Actual.objects.get(unit=ba_dinh, period="2024", indicator__code="enrol_college")
    assert actual.origin == Actual.Origin.TYPED and actual.updated_by == reporter
    assert actual.version == 1 and actual.submission == submission
    page = client.get(entry_url(ba_dinh))
    assert 'value="1.400"' in page.content.decode()


def test_it_reads_english_numbers_on_the_english_page(client, plan, reporter, ba_dinh):
    client.force_login(reporter)
    client.cookies["django_language"] = "en"
    rows = full_rows(total="6,000", college="1,400", intermediate="1,600", elementary="3000")
    rows["trained_rate"] = row("74.2")
    response = client.post(entry_url(ba_dinh), entry_post(ba_dinh, rows))
    assert response.status_code == 302
    saved = values(ba_dinh)
    assert saved["enrol_college"] == Decimal(1400) and saved["trained_rate"] == Decimal("74.2")


def test_it_takes_a_rate_as_numerator_and_denominator(client, plan, reporter, ba_dinh):
    client.force_login(reporter)
    rows = {"trained_rate": row(numerator="742", denominator="1.000")}
    response = client.post(entry_url(ba_dinh), entry_post(ba_dinh, rows))
    assert response.status_code == 302
    actual = Actual.objects.get(unit=ba_dinh, indicator__code="trained_rate")
    assert (actual.value, actual.numerator, actual.denominator) == (
        Decimal("74.2"),
        Decimal(742),
        Decimal(1000),
    )


def test_one_bad_row_writes_nothing(client, plan, reporter, ba_dinh):
    client.force_login(reporter)
    response = client.post(
        entry_url(ba_dinh), entry_post(ba_dinh, full_rows(elementary="ba nghìn"))
    )
    assert response.status_code == 400
    assert vi("“%(text)s” is not a number.", text="ba nghìn") in response.content.decode()
    assert not Actual.objects.exists() and not Submission.objects.exists()


def test_a_reporter_cannot_open_another_districts_page(client, plan, reporter, dong_da):
    client.force_login(reporter)
    assert client.get(entry_url(dong_da)).status_code == 404
    response = client.post(entry_url(dong_da), entry_post(dong_da, full_rows()))
    assert response.status_code == 404
    assert not Actual.objects.exists()


def test_a_viewer_reads_the_page_but_cannot_write(client, plan, make_user, ba_dinh):
    client.force_login(make_user("viewer", "001"))
    page = client.get(entry_url(ba_dinh))
    assert page.status_code == 200 and page.context["editable"] is False
    assert 'name="action" value="save"' not in page.content.decode()
    response = client.post(entry_url(ba_dinh), entry_post(ba_dinh, full_rows()))
    assert response.status_code == 403
    assert not Actual.objects.exists()


def test_a_city_officer_may_enter_a_districts_values(client, plan, ba_dinh, officer_01):
    client.force_login(officer_01)
    response = client.post(entry_url(ba_dinh), entry_post(ba_dinh, full_rows()))
    assert response.status_code == 302
    assert len(values(ba_dinh)) == 4


def test_a_period_that_does_not_exist_is_not_found(client, plan, reporter, ba_dinh):
    client.force_login(reporter)
    assert client.get(entry_url(ba_dinh, "2024X1")).status_code == 404
    assert client.get(entry_url(ba_dinh, "2024Q5")).status_code == 404


def test_a_district_abolished_in_2025_has_no_2026_page(client, reporter, ba_dinh):
    client.force_login(reporter)
    assert client.get(entry_url(ba_dinh, "2026")).status_code == 404


def test_submit_needs_every_row_with_a_target(client, plan, reporter, ba_dinh):
    client.force_login(reporter)
    rows = full_rows()
    rows["enrol_elementary"] = row("")
    response = client.post(entry_url(ba_dinh), entry_post(ba_dinh, rows, action="submit"))
    assert response.status_code == 400
    assert vi("a value is needed to submit the report") in response.content.decode()
    assert not Actual.objects.exists() and not Submission.objects.exists()


def test_submit_sends_the_report_and_locks_it_for_the_reporter(client, plan, reporter, ba_dinh):
    client.force_login(reporter)
    response = client.post(entry_url(ba_dinh), entry_post(ba_dinh, full_rows(), action="submit"))
    assert response.status_code == 302
    submission = Submission.objects.get(unit=ba_dinh, period="2024")
    assert submission.state == Submission.State.SUBMITTED
    assert submission.submitted_by == reporter
    page = client.get(entry_url(ba_dinh))
    assert page.context["editable"] is False
    assert re.search(r'name="enrol_total-value" value="6.000"[^>]*disabled', page.content.decode())
    again = {code: row("9.999", version=1) for code in full_rows()}
    response = client.post(entry_url(ba_dinh), entry_post(ba_dinh, again, submission=submission))
    assert response.status_code == 409
    locked = vi(
        "The report has been submitted and waits for review; it can be changed again "
        "if it is returned."
    )
    assert locked in response.content.decode()
    assert values(ba_dinh)["enrol_total"] == Decimal(6000)


def test_the_reporter_reads_why_the_report_was_returned(client, plan, reporter, ba_dinh):
    submission_make(
        unit=ba_dinh,
        period="2024",
        state=Submission.State.RETURNED,
        reason="Tổng tuyển sinh phải bằng tổng ba trình độ.",
    )
    client.force_login(reporter)
    page = client.get(entry_url(ba_dinh))
    assert page.context["editable"] is True and page.context["can_submit"] is True
    assert "Tổng tuyển sinh phải bằng tổng ba trình độ." in page.content.decode()


def test_a_target_of_another_plan_shows_beside_the_quota(client, plan, reporter, ba_dinh):
    other = hanoi_2024_header(code="hn-rural-2024")
    target_make(other, "rural_trainees", "300", unit=ba_dinh, wording="300 người")
    client.force_login(reporter)
    codes = [r.code for r in client.get(entry_url(ba_dinh)).context["rows"]]
    assert "rural_trainees" in codes and len(codes) == 5


def test_the_page_stays_in_its_queries_with_every_indicator(
    client, plan, reporter, ba_dinh, django_assert_max_num_queries
):
    actual_make("enrol_total", ba_dinh, "2023", "5800")
    client.force_login(reporter)
    client.get(entry_url(ba_dinh))  # warm the session
    with django_assert_max_num_queries(12):
        client.get(entry_url(ba_dinh, query="?all=1"))


def test_get_only_and_post_only_methods(client, reporter, ba_dinh):
    client.force_login(reporter)
    assert client.put(entry_url(ba_dinh)).status_code == 405
    assert client.post(reverse("reports:entry_home")).status_code == 405


def test_a_ward_code_is_resolved_by_the_periods_era(client, reporter_001):
    # 00004 is Phường Trúc Bạch in 2024 and Phường Ba Đình after the reorganisation.
    truc_bach = unit_by_code("00004", year=2024)
    client.force_login(reporter_001)
    assert client.get(entry_url(truc_bach, "2024")).status_code == 200
    assert client.get(entry_url(truc_bach, "2026")).status_code == 404
