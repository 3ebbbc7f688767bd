"""Every refusal explained in Vietnamese: the entry grid's errors next to their boxes (never
a bare 400), NUL characters refused on every input with one log line, the product's own
400/403/404/500/CSRF pages, and the admin's and the password rules' texts."""

from __future__ import annotations

import io
import logging

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client, RequestFactory
from django.urls import reverse
from django.views.defaults import bad_request, server_error

from reports.forms import ReasonForm
from reports.imports.importer import report_file_import
from reports.models import Actual
from tests.factories import (
    LONG_VI,
    csv_bytes,
    entry_post,
    hanoi_2024_header,
    quotas_make,
    row,
    submission_make,
)

pytestmark = pytest.mark.django_db

NUL_PAGE = "Dữ liệu gửi lên có ký tự NUL"


@pytest.fixture
def plan(ba_dinh):
    plan = hanoi_2024_header()
    quotas_make(plan=plan, unit=ba_dinh)
    return plan


@pytest.fixture
def reporter(client, plan, reporter_001):
    user = reporter_001
    client.force_login(user)
    return user


def entry_url(unit):
    return reverse("reports:entry", args=[unit.pk, "2024"])


def checks_of(html: str, code: str, part: str = "value") -> str:
    """The text of the messages under one box of the grid."""
    marker = f'id="checks-{code}"' if part == "value" else f'id="note-checks-{code}"'
    start = html.index(marker)
    return html[start:html.index("</div>", start)]


# --- the entry grid ---------------------------------------------------------------------


def test_the_boxes_carry_their_maximum_length(client, reporter, ba_dinh):
    html = client.get(entry_url(ba_dinh)).content.decode()
    assert 'name="enrol_total-value" value="" maxlength="40"' in html
    assert 'name="enrol_total-note" value="" maxlength="2000"' in html


def test_a_value_over_40_characters_is_refused_next_to_its_box(client, reporter, ba_dinh):
    long_value = "1" * 41
    response = client.post(entry_url(ba_dinh), entry_post(ba_dinh, {
        "enrol_total": row(long_value), "enrol_college": row("1.400"),
    }))
    html = response.content.decode()
    assert response.status_code == 400
    assert "Tối đa 40 ký tự (ô này có 41)." in checks_of(html, "enrol_total")
    assert "Chưa lưu được: hãy sửa các giá trị được đánh dấu dưới đây." in html
    assert Actual.objects.count() == 0


def test_a_note_over_2000_characters_is_refused_next_to_it(client, reporter, ba_dinh):
    response = client.post(entry_url(ba_dinh), entry_post(ba_dinh, {
        "enrol_total": row("6.000", note="x" * 2001),
    }))
    assert response.status_code == 400
    note = checks_of(response.content.decode(), "enrol_total", part="note")
    assert "Tối đa 2000 ký tự (ô này có 2001)." in note
    assert Actual.objects.count() == 0


def test_a_nul_in_a_note_is_refused_next_to_it_and_logged_once(
    client, reporter, ba_dinh, caplog
):
    with caplog.at_level(logging.WARNING):
        response = client.post(entry_url(ba_dinh), entry_post(ba_dinh, {
            "enrol_total": row("6.000", note="theo báo cáo\x00"),
        }))
    assert response.status_code == 400
    note = checks_of(response.content.decode(), "enrol_total", part="note")
    assert "Nội dung có ký tự NUL" in note
    refused = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(refused) == 1 and "enrol_total-note" in refused[0].getMessage()
    assert Actual.objects.count() == 0


def test_a_version_of_minus_one_is_explained(client, reporter, ba_dinh):
    response = client.post(entry_url(ba_dinh), entry_post(ba_dinh, {
        "enrol_total": row("6.000", version=-1),
    }))
    assert response.status_code == 400
    assert "đã bị thay đổi hoặc đã cũ: hãy mở lại trang" in checks_of(
        response.content.decode(), "enrol_total"
    )
    assert Actual.objects.count() == 0


def test_another_units_reporter_gets_the_products_404_page(client, make_user, plan, ba_dinh):
    client.force_login(make_user("reporter", "006"))
    response = client.post(entry_url(ba_dinh), entry_post(ba_dinh, {"enrol_total": row("1")}))
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()
    assert Actual.objects.count() == 0


def test_an_anonymous_visitor_is_sent_to_log_in(client, plan, ba_dinh):
    response = client.post(entry_url(ba_dinh), entry_post(ba_dinh, {"enrol_total": row("1")}))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


# --- NUL characters on every input ---------------------------------------------------------


def test_a_nul_in_a_search_is_refused_with_a_message_and_one_log_line(client, caplog, viewer_01):
    client.force_login(viewer_01)
    with caplog.at_level(logging.WARNING):
        response = client.get(reverse("districts:search"), {"q": "ba\x00dinh"})
    assert response.status_code == 400
    assert NUL_PAGE in response.content.decode()
    lines = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert [r.name for r in lines] == ["gdnn.refused"] and "q" in lines[0].getMessage()
    assert "Đăng xuất" in response.content.decode()  # the page still knows who is there


def test_a_nul_in_a_query_string_is_refused_before_logging_in_too(client):
    response = client.get(reverse("login") + "?next=/%00")
    assert response.status_code == 400 and NUL_PAGE in response.content.decode()


def test_a_nul_in_a_posted_reason_is_refused_with_a_message(client, ba_dinh, officer_01):
    submission = submission_make(unit=ba_dinh, period="2024", state="submitted")
    client.force_login(officer_01)
    response = client.post(reverse("reports:submission_return", args=[submission.pk]),
                           {"reason": "thiếu\x00 số liệu"})
    assert response.status_code == 400 and NUL_PAGE in response.content.decode()
    submission.refresh_from_db()
    assert submission.state == "submitted"


def test_every_form_refuses_a_nul_in_vietnamese():
    form = ReasonForm({"reason": "a\x00b"})
    assert not form.is_valid()
    assert form.errors["reason"] == ["Không được chứa ký tự NUL (\\0)."]


def test_an_import_file_with_a_nul_is_refused_whole(reporter_001):
    data = csv_bytes([[*LONG_VI, "ghi_chu"], ["001", "enrol_total", "2024", "1200", "a\x00"]])
    result = report_file_import(stream=io.BytesIO(data), file_name="x.csv",
                                actor=reporter_001)
    assert result.errors == 1 and "ký tự NUL" in str(result.problems[0])
    assert Actual.objects.count() == 0


# --- the product's own error pages -----------------------------------------------------------


def test_a_unit_outside_the_scope_is_the_products_404_even_under_debug(
    client, make_user, dong_da, settings
):
    settings.DEBUG = True
    client.force_login(make_user("viewer", "001"))
    response = client.get(reverse("districts:unit", args=[dong_da.pk]))
    html = response.content.decode()
    assert response.status_code == 404
    assert "Không tìm thấy trang" in html
    assert "URLconf" not in html and "DEBUG = True" not in html


def test_the_400_and_500_pages_are_vietnamese():
    request = RequestFactory().get("/")
    assert "Yêu cầu bị từ chối" in bad_request(request, ValidationError("x")).content.decode()
    page = server_error(request)
    assert page.status_code == 500 and "Đã xảy ra lỗi" in page.content.decode()


def test_a_form_without_its_csrf_token_gets_the_vietnamese_page(make_user):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "a", "password": "b"})
    assert response.status_code == 403
    assert "Biểu mẫu đã hết hạn" in response.content.decode()


# --- the admin and the password rules ---------------------------------------------------


def test_the_admin_shows_the_lockout_records_in_vietnamese(client, make_user):
    AccessAttempt.objects.create(
        username="hanoi.officer", ip_address="203.0.113.66", user_agent="curl", http_accept="*/*",
        path_info="/accounts/login/", get_data="", post_data="", failures_since_start=5,
    )
    client.force_login(make_user(is_superuser=True, is_staff=True))
    html = client.get(reverse("admin:index")).content.decode()
    assert "Lượt đăng nhập" in html and "Access attempts" not in html
    page = client.get(reverse("admin:axes_accessattempt_changelist")).content.decode()
    assert "Địa chỉ IP" in page and "IP Address" not in page


def test_a_short_password_is_refused_in_vietnamese():
    with pytest.raises(ValidationError) as refused:
        validate_password("gdnn7")
    assert "Mật khẩu quá ngắn: cần ít nhất 8 ký tự." in refused.value.messages
