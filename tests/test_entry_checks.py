"""The checks of DESIGN §3 through the entry page: errors block, warnings need a note."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from reports.models import Actual, Submission
from tests.factories import DISU_2023_ENROLMENT, actual_make, entry_post, row, unit_by_code, vi

pytestmark = pytest.mark.django_db

COMPONENTS = "components add up to %(sum)s, the total says %(total)s (difference %(diff)s)"
NOTE_NEEDED = "Answer the warning with a note before saving."


@pytest.fixture
def di_su():
    """Phường Dị Sử (Hưng Yên) in 2023, before it joined Phường Mỹ Hào."""
    return unit_by_code("12121", year=2023)


def post(client, unit, rows, period="2024", action="save"):
    url = reverse("reports:entry", args=[unit.pk, period])
    return client.post(url, entry_post(unit, rows, action=action))


@pytest.mark.parametrize(
    ("code", "fields", "message", "params"),
    [
        ("enrol_total", {"value": "1.4OO"}, "“%(text)s” is not a number.", {"text": "1.4OO"}),
        (
            "enrol_total",
            {"value": "-1.400"},
            "%(value)s is negative; it cannot be below zero",
            {"value": "-1.400"},
        ),
        (
            "enrol_total",
            {"value": "1.400,5"},
            "%(value)s is not a whole number",
            {"value": "1.400,5"},
        ),
        (
            "trained_rate",
            {"value": "101,5"},
            "%(value)s %% is outside 0–100 %%",
            {"value": "101,5"},
        ),
        (
            "trained_rate",
            {"numerator": "1.200", "denominator": "1.000"},
            "the numerator %(numerator)s is larger than the denominator %(denominator)s",
            {"numerator": "1.200", "denominator": "1.000"},
        ),
        (
            "trained_rate",
            {"numerator": "742"},
            "give both the numerator and the denominator, or neither.",
            {},
        ),
    ],
)
def test_an_error_blocks_the_save_and_writes_nothing(
    client, ba_dinh, code, fields, message, params, reporter_001
):
    client.force_login(reporter_001)
    response = post(client, ba_dinh, {code: row(**fields), "enrol_college": row("1.400")})
    assert response.status_code == 400
    html = response.content.decode()
    assert vi(message, **params) in html
    assert 'id="save-refused"' in html
    assert not Actual.objects.exists() and not Submission.objects.exists()


def test_components_that_do_not_add_up_need_a_note(client, make_user, di_su):
    client.force_login(make_user("reporter", "12121", year=2023))
    rows = {code: row(text) for code, text in DISU_2023_ENROLMENT.items()}
    response = post(client, di_su, rows, period="2023")
    assert response.status_code == 400
    html = response.content.decode()
    # Vietnamese numbers: 1.700 + 4.200 + 56.600 = 62.500, not the 62.750 printed.
    mismatch = vi(COMPONENTS, first_capital=True, sum="62.500", total="62.750", diff="250")
    assert mismatch in html
    assert "62.500" in mismatch and "62.750" in mismatch and "250" in mismatch
    assert vi(NOTE_NEEDED) in html
    assert not Actual.objects.exists()

    rows["enrol_total"]["note"] = "Tổng in trong báo cáo là 62.750; các trình độ cộng lại 62.500."
    response = post(client, di_su, rows, period="2023")
    assert response.status_code == 302
    total = Actual.objects.get(unit=di_su, period="2023", indicator__code="enrol_total")
    assert total.value == Decimal(62750) and total.note.startswith("Tổng in")
    page = client.get(response.url)
    assert mismatch in page.content.decode()


def test_an_of_which_part_above_its_whole_needs_a_note(client, ba_dinh, reporter_001):
    client.force_login(reporter_001)
    rows = {"enrol_elementary": row("300"), "enrol_support_demobilized": row("350")}
    response = post(client, ba_dinh, rows)
    assert response.status_code == 400
    message = "the of-which part %(part)s is larger than its whole %(whole)s"
    expected = vi(message, first_capital=True, part="350", whole="300")
    assert expected in response.content.decode()
    assert not Actual.objects.exists()
    rows["enrol_support_demobilized"]["note"] = "Gồm cả học viên chuyển từ năm trước."
    assert post(client, ba_dinh, rows).status_code == 302
    assert Actual.objects.count() == 2


def test_a_value_three_times_last_years_needs_a_note(client, ba_dinh, reporter_001):
    actual_make("enrol_college", ba_dinh, "2023", "1400")
    client.force_login(reporter_001)
    response = post(client, ba_dinh, {"enrol_college": row("4.500")})
    assert response.status_code == 400
    message = "%(value)s is more than three times last year's %(last_year)s"
    assert vi(message, value="4.500", last_year="1.400") in response.content.decode()
    assert not Actual.objects.filter(period="2024").exists()
    response = post(client, ba_dinh, {"enrol_college": row("4.500", note="Trường mới mở.")})
    assert response.status_code == 302


def test_a_value_below_a_third_of_last_years_needs_a_note(client, ba_dinh, reporter_001):
    actual_make("enrol_college", ba_dinh, "2023", "1400")
    client.force_login(reporter_001)
    response = post(client, ba_dinh, {"enrol_college": row("400")})
    assert response.status_code == 400
    message = "%(value)s is less than a third of last year's %(last_year)s"
    assert vi(message, value="400", last_year="1.400") in response.content.decode()


def test_a_warning_without_a_note_also_blocks_submit(client, make_user, di_su):
    client.force_login(make_user("reporter", "12121", year=2023))
    rows = {code: row(text) for code, text in DISU_2023_ENROLMENT.items()}
    response = post(client, di_su, rows, period="2023", action="submit")
    assert response.status_code == 400
    assert not Submission.objects.exists()


def test_the_english_page_shows_english_numbers(client, make_user, di_su):
    client.force_login(make_user("reporter", "12121", year=2023))
    client.cookies["django_language"] = "en"
    rows = {
        "enrol_total": row("62,750"),
        "enrol_college": row("1,700"),
        "enrol_intermediate": row("4,200"),
        "enrol_elementary": row("56,600"),
    }
    response = post(client, di_su, rows, period="2023")
    assert "add up to 62,500, the total says 62,750 (difference 250)" in response.content.decode()
