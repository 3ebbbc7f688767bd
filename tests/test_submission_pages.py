"""Review pages: the officer's queue, a report against its targets, approve / return / reopen."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from reports.models import Submission
from reports.services import (
    SOURCE_ENTRY,
    actuals_save,
    submission_submit,
)
from tests.factories import (
    BA_DINH_QUOTAS,
    actual_make,
    hanoi_2024_header,
    quotas_make,
    row,
    submission_make,
    vi,
)

pytestmark = pytest.mark.django_db

State = Submission.State


@pytest.fixture
def submission(make_user, ba_dinh):
    """Ba Đình's 2024 report, submitted with an unanswered-then-answered components warning."""
    plan = hanoi_2024_header()
    quotas_make(plan=plan, unit=ba_dinh)
    actual_make("enrol_total", ba_dinh, "2023", "5800")
    reporter = make_user("reporter", "001", username="bd-reporter")
    rows = {code: row(value) for code, value in BA_DINH_QUOTAS.items()}
    rows["enrol_total"] = row("6200", note="200 người học liên thông được tính hai lần.")
    result = actuals_save(unit=ba_dinh, period="2024", rows=rows, actor=reporter,
        source=SOURCE_ENTRY,
    )
    assert result.ok
    return submission_submit(submission=result.submission, actor=reporter, source=SOURCE_ENTRY)


@pytest.fixture
def officer(client, make_user):
    user = make_user("officer", "01", username="hn-officer")
    client.force_login(user)
    return user


def test_it_sends_anonymous_visitors_to_log_in(client, submission):
    for response in (
        client.get(reverse("reports:review_list")),
        client.get(reverse("reports:submission", args=[submission.pk])),
        client.post(reverse("reports:submission_approve", args=[submission.pk])),
    ):
        assert response.status_code == 302 and response.url.startswith(reverse("login"))
    submission.refresh_from_db()
    assert submission.state == State.SUBMITTED


def test_the_city_officer_sees_the_waiting_report(client, submission, officer):
    response = client.get(reverse("reports:review_list"))
    assert response.status_code == 200
    assert response.context["submissions"] == [submission]
    assert "Quận Ba Đình" in response.content.decode()


def test_an_officer_of_another_province_sees_nothing_of_it(client, submission, officer_31):
    client.force_login(officer_31)
    assert client.get(reverse("reports:review_list")).context["submissions"] == []
    assert client.get(reverse("reports:submission", args=[submission.pk])).status_code == 404
    url = reverse("reports:submission_approve", args=[submission.pk])
    assert client.post(url).status_code == 404
    submission.refresh_from_db()
    assert submission.state == State.SUBMITTED


def test_reporters_and_viewers_have_no_review_queue(client, make_user, reporter_001):
    client.force_login(reporter_001)
    assert client.get(reverse("reports:review_list")).status_code == 403
    client.force_login(make_user("viewer", "01"))
    assert client.get(reverse("reports:review_list")).status_code == 403


def test_the_report_page_shows_values_targets_last_year_and_warnings(
    client, submission, officer
):
    response = client.get(reverse("reports:submission", args=[submission.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "6.200" in html and "5.800" in html  # the value and last year's
    assert "6.000" in html and "hn-2024" in html  # the quota
    message = "components add up to %(sum)s, the total says %(total)s (difference %(diff)s)"
    assert vi(message, first_capital=True, sum="6.000", total="6.200", diff="200") in html
    assert "200 người học liên thông" in html
    assert 'id="approve"' in html and 'id="return-form"' in html


def test_a_viewer_reads_the_report_without_the_decision_buttons(client, submission, viewer_01):
    client.force_login(viewer_01)
    response = client.get(reverse("reports:submission", args=[submission.pk]))
    assert response.status_code == 200
    assert 'id="approve"' not in response.content.decode()
    url = reverse("reports:submission_approve", args=[submission.pk])
    assert client.post(url).status_code == 403


def test_the_officer_approves(client, submission, officer):
    response = client.post(reverse("reports:submission_approve", args=[submission.pk]))
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.state == State.APPROVED and submission.reviewed_by == officer
    page = client.get(response.url)
    assert 'class="message success"' in page.content.decode()
    assert 'id="reopen-form"' in page.content.decode()


def test_the_officer_returns_with_a_reason_the_reporter_then_reads(
    client, submission, officer, ba_dinh, make_user
):
    url = reverse("reports:submission_return", args=[submission.pk])
    response = client.post(url, {"reason": "Tổng tuyển sinh phải bằng tổng ba trình độ."})
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.state == State.RETURNED
    client.force_login(make_user("reporter", "001"))
    page = client.get(reverse("reports:entry", args=[ba_dinh.pk, "2024"]))
    assert "Tổng tuyển sinh phải bằng tổng ba trình độ." in page.content.decode()


def test_return_without_a_reason_is_refused_with_a_message(client, submission, officer):
    url = reverse("reports:submission_return", args=[submission.pk])
    response = client.post(url, {"reason": "  "})
    assert response.status_code == 400
    assert vi("Give a reason.") in response.content.decode()
    submission.refresh_from_db()
    assert submission.state == State.SUBMITTED


def test_approving_a_draft_is_refused_with_a_message(client, officer, dong_da):
    draft = submission_make(unit=dong_da, period="2024")
    response = client.post(reverse("reports:submission_approve", args=[draft.pk]))
    assert response.status_code == 409
    with translation.override("vi"):
        state = str(State.DRAFT.label)
    message = "The report is %(state)s: only a submitted report can be approved."
    assert vi(message, state=state) in response.content.decode()
    draft.refresh_from_db()
    assert draft.state == State.DRAFT


def test_the_officer_reopens_an_approved_report(client, submission, officer):
    client.post(reverse("reports:submission_approve", args=[submission.pk]))
    url = reverse("reports:submission_reopen", args=[submission.pk])
    assert client.post(url, {"reason": ""}).status_code == 400
    response = client.post(url, {"reason": "Trường Cao đẳng nghề bổ sung danh sách."})
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.state == State.RETURNED
    assert submission.reason == "Trường Cao đẳng nghề bổ sung danh sách."


def test_the_actions_only_take_posts(client, submission, officer):
    for name in ("submission_approve", "submission_return", "submission_reopen"):
        assert client.get(reverse(f"reports:{name}", args=[submission.pk])).status_code == 405
    assert client.post(reverse("reports:submission", args=[submission.pk])).status_code == 405
    assert client.post(reverse("reports:review_list")).status_code == 405


def test_an_unknown_submission_is_not_found(client, officer):
    assert client.get(reverse("reports:submission", args=[999_999])).status_code == 404
