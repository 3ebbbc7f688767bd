"""The audit trail: who changed which value, when, from what to what, from which page or file."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from districts.scope import SYSTEM
from reports.models import Actual, Submission
from reports.selectors.history import actual_changes, submission_changes
from reports.services import (
    SOURCE_ENTRY,
    SOURCE_REVIEW,
    actuals_save,
    submission_approve,
    submission_reopen,
    submission_return,
    submission_submit,
)
from tests.factories import BA_DINH_QUOTAS, entry_post, hanoi_2024_header, quotas_make, row

pytestmark = pytest.mark.django_db


@pytest.fixture
def reporter(make_user):
    return make_user("reporter", "001", username="bd-reporter")


def college(unit) -> Actual:
    return Actual.objects.get(unit=unit, period="2024", indicator__code="enrol_college")


def test_the_entry_page_records_who_old_new_and_the_page(client, reporter, ba_dinh):
    client.force_login(reporter)
    url = reverse("reports:entry", args=[ba_dinh.pk, "2024"])
    client.post(url, entry_post(ba_dinh, {"enrol_college": row("1.400")}))
    client.post(url, entry_post(ba_dinh, {"enrol_college": row("1.450", version=1)}))
    changes = actual_changes(college(ba_dinh))
    assert [(c.old, c.new) for c in changes] == [
        (Decimal(1400), Decimal(1450)),
        (None, Decimal(1400)),
    ]
    assert {c.who for c in changes} == {reporter}
    assert {c.source for c in changes} == {"Trang nhập liệu"}


def test_the_history_page_shows_the_changes(client, reporter, ba_dinh):
    client.force_login(reporter)
    url = reverse("reports:entry", args=[ba_dinh.pk, "2024"])
    client.post(url, entry_post(ba_dinh, {"enrol_college": row("1.400")}))
    client.post(url, entry_post(ba_dinh, {"enrol_college": row("1.450", version=1)}))
    response = client.get(reverse("reports:actual_history", args=[college(ba_dinh).pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('<td class="who">bd-reporter</td>') == 2
    assert '<td class="num old">1.400</td>' in html
    assert '<td class="num new">1.450</td>' in html
    assert '<td class="source">Trang nhập liệu</td>' in html


def test_an_import_records_the_file_and_the_system_operator(reporter, ba_dinh):
    actuals_save(
        unit=ba_dinh,
        period="2024",
        rows={"enrol_college": row("1.400")},
        actor=SYSTEM,
        source="import bao-cao-ba-dinh-2024.xlsx",
        origin=Actual.Origin.IMPORTED,
    )
    (change,) = actual_changes(college(ba_dinh))
    assert change.who is None and change.source == "import bao-cao-ba-dinh-2024.xlsx"
    assert college(ba_dinh).origin == Actual.Origin.IMPORTED


def test_every_state_change_is_recorded_with_its_reason(make_user, reporter, ba_dinh):
    plan = hanoi_2024_header()
    quotas_make(plan=plan, unit=ba_dinh)
    officer = make_user("officer", "01", username="hn-officer")
    rows = {code: row(value) for code, value in BA_DINH_QUOTAS.items()}
    submission = actuals_save(
        unit=ba_dinh, period="2024", rows=rows, actor=reporter, source=SOURCE_ENTRY
    ).submission
    submission = submission_submit(submission=submission, actor=reporter, source=SOURCE_ENTRY)
    submission = submission_return(submission=submission, actor=officer, reason="Thiếu số liệu.",
        source=SOURCE_REVIEW,
    )
    submission = submission_submit(submission=submission, actor=reporter, source=SOURCE_ENTRY)
    submission = submission_approve(submission=submission, actor=officer, source=SOURCE_REVIEW)
    submission_reopen(submission=submission, actor=officer, reason="Bổ sung theo đoàn kiểm tra.",
        source=SOURCE_REVIEW,
    )
    changes = list(reversed(submission_changes(submission)))
    assert [(c.old, c.new) for c in changes] == [
        ("", Submission.State.DRAFT),
        (Submission.State.DRAFT, Submission.State.SUBMITTED),
        (Submission.State.SUBMITTED, Submission.State.RETURNED),
        (Submission.State.RETURNED, Submission.State.SUBMITTED),
        (Submission.State.SUBMITTED, Submission.State.APPROVED),
        (Submission.State.APPROVED, Submission.State.RETURNED),
    ]
    assert [c.who for c in changes] == [reporter, reporter, officer, reporter, officer, officer]
    assert changes[2].reason == "Thiếu số liệu." and changes[2].source == "Xét duyệt"
    assert changes[5].reason == "Bổ sung theo đoàn kiểm tra."


def test_the_submission_page_shows_both_histories(client, make_user, reporter, ba_dinh):
    submission = actuals_save(
        unit=ba_dinh, period="2024", rows={"enrol_college": row("1.400")}, actor=reporter,
        source=SOURCE_ENTRY,
    ).submission
    submission_submit(submission=submission, actor=reporter, source=SOURCE_ENTRY)
    client.force_login(make_user("officer", "01"))
    response = client.get(reverse("reports:submission", args=[submission.pk]))
    html = response.content.decode()
    assert 'id="state-history"' in html and "bd-reporter" in html
    assert '<td class="num new">1.400</td>' in html


def test_the_history_of_another_districts_value_is_not_found(client, make_user, dong_da):
    actual = actuals_save(
        unit=dong_da, period="2024", rows={"enrol_college": row("900")}, actor=SYSTEM,
        source=SOURCE_ENTRY,
    ).submission.actuals.get()
    url = reverse("reports:actual_history", args=[actual.pk])
    client.force_login(make_user("reporter", "001"))
    assert client.get(url).status_code == 404
    client.logout()
    response = client.get(url)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def _indexes(model) -> list[tuple[list[str], bool]]:
    from django.db import connection

    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, model._meta.db_table)
    return [(c["columns"], c["unique"]) for c in found.values() if c["index"] or c["unique"]]


def test_a_reports_changes_and_its_values_are_found_by_index_not_by_reading_everything():
    # The submission page reads the history of a unit's period; the entry page and the
    # importer the values of a unit's period: on years of national data, a full scan each.
    assert (["unit_id", "period"], False) in _indexes(Actual.history.model)
    assert (["unit_id", "period", "indicator_id"], True) in _indexes(Actual)
