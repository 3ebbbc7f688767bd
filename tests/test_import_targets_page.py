"""Quotas from a spreadsheet on the plan's page (issue 13, item 4): upload → preview →
confirm, for the officers who manage the plan; the sheet is Appendix I of Hà Nội's 2024
plan as `test_import_targets` builds it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plans.models import Amendment, Plan
from targets.models import Target
from tests.factories import hanoi_2024_graduate_quotas, plan_make, target_make, vi
from tests.test_import_targets import DISTRICTS, quota_sheet

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def upload(data: bytes | None = None, name: str = "phu-luc-1.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, quota_sheet() if data is None else data, content_type=XLSX)


def url(code: str = "hn-2024", *, confirm: bool = False) -> str:
    name = "reports:quota_import_confirm" if confirm else "reports:quota_import"
    return reverse(name, args=[code])


def checksum_of(response) -> str:
    return response.context["confirm"]["checksum"].value()


def test_the_plan_page_links_to_the_import_for_its_officer(client, officer_01, viewer_01):
    plan_make("hn-2024")
    client.force_login(officer_01)
    page = client.get(reverse("targets:plan_detail", args=["hn-2024"])).content.decode()
    assert f'href="{url()}"' in page
    client.force_login(viewer_01)
    page = client.get(reverse("targets:plan_detail", args=["hn-2024"])).content.decode()
    assert url() not in page


def test_the_upload_page_asks_for_the_year(client, officer_01):
    plan_make("hn-2024", first_year=2024, last_year=2025)
    client.force_login(officer_01)
    page = client.get(url())
    assert page.status_code == 200
    assert [y for y, _label in page.context["form"].fields["year"].choices] == [2024, 2025]
    assert "amendment_reason" not in page.context["form"].fields
    assert vi("Import targets from a file") in page.content.decode()


def test_a_preview_writes_nothing_and_the_confirmation_writes_all(client, officer_01):
    plan = plan_make("hn-2024")
    client.force_login(officer_01)
    preview = client.post(url(), {"file": upload(), "year": "2024"})
    assert preview.status_code == 200
    page = preview.content.decode()
    assert '<dd id="count-created">21</dd>' in page
    assert "trên 86,2%" in page and "Quận Đống Đa" in page
    assert not Target.objects.filter(plan=plan).exists()
    done = client.post(url(confirm=True), {"checksum": checksum_of(preview), "year": "2024"},
                       follow=True)
    assert done.redirect_chain[-1][0] == reverse("targets:plan_detail", args=["hn-2024"])
    assert Target.objects.filter(plan=plan).count() == 21
    quota = Target.objects.get(plan=plan, unit__code="006", indicator__code="graduates_attracted")
    assert (quota.value, quota.wording) == (Decimal(1050), "1.050")
    message = vi("Targets of %(year)s imported from %(file)s: %(created)s created, "
                 "%(updated)s updated, %(unchanged)s unchanged.", year=2024,
                 file="phu-luc-1.xlsx", created="21", updated="0", unchanged="0")
    assert message in done.content.decode()


def test_an_issued_plan_needs_the_amendment_on_the_form(client, officer_01):
    plan = plan_make("hn-2024", status=Plan.Status.ISSUED, number="72/KH-UBND")
    client.force_login(officer_01)
    refused = client.post(url(), {"file": upload(), "year": "2024"})
    assert refused.status_code == 200
    assert refused.context["form"].errors.keys() == {"amendment_number", "amendment_reason"}
    preview = client.post(url(), {"file": upload(), "year": "2024",
                                  "amendment_number": "15/KH-UBND",
                                  "amendment_reason": "Giao chỉ tiêu cho các quận"})
    assert '<dd id="count-created">21</dd>' in preview.content.decode()
    assert not Amendment.objects.exists()
    client.post(url(confirm=True), {
        "checksum": checksum_of(preview), "year": "2024", "amendment_number": "15/KH-UBND",
        "amendment_reason": "Giao chỉ tiêu cho các quận",
    })
    amendment = Amendment.objects.get(plan=plan)
    assert amendment.number == "15/KH-UBND"
    assert amendment.created_by == officer_01
    assert Target.objects.filter(plan=plan).count() == 21


def test_a_confirmation_without_the_amendment_writes_nothing(client, officer_01):
    plan = plan_make("hn-2024", status=Plan.Status.ISSUED)
    client.force_login(officer_01)
    preview = client.post(url(), {"file": upload(), "year": "2024", "amendment_number": "15",
                                  "amendment_reason": "Giao chỉ tiêu"})
    # The amendment left out of the confirmation (a tampered form): refused, not written.
    response = client.post(url(confirm=True), {"checksum": checksum_of(preview), "year": "2024"},
                           follow=True)
    assert response.redirect_chain[-1][0] == url()
    assert vi("The import could not be confirmed: upload the file again.") in (
        response.content.decode()
    )
    assert not Target.objects.filter(plan=plan).exists()
    assert not Amendment.objects.exists()


def test_a_file_with_an_error_is_previewed_without_a_confirmation(client, officer_01):
    plan = plan_make("hn-2024")
    bad = (*DISTRICTS, (4, "Quận Bình Thạnh", 500, "1.000", 200, 300, 500, "80%", "40"))
    client.force_login(officer_01)
    preview = client.post(url(), {"file": upload(quota_sheet(districts=bad)), "year": "2024"})
    page = preview.content.decode()
    assert "Quận Bình Thạnh" in page
    assert 'id="confirm-form"' not in page
    assert vi("The file has errors, so it is rejected whole: nothing will be written. Correct "
              "the lines below and upload it again.") in page
    # Confirmed all the same, with the checksum of the stored upload: still nothing.
    checksum = preview.context["result"].checksum
    again = client.post(url(confirm=True), {"checksum": checksum, "year": "2024"})
    assert again.status_code == 200
    assert not Target.objects.filter(plan=plan).exists()


def test_a_total_that_disagrees_is_shown_as_a_warning(client, officer_01):
    plan_make("hn-2024")
    client.force_login(officer_01)
    preview = client.post(url(), {"file": upload(quota_sheet(total=("2.000", "14.000"))),
                                  "year": "2024"})
    page = preview.content.decode()
    assert "chênh lệch 100" in page
    assert 'id="confirm-form"' in page


def test_an_officer_of_another_province_sees_nothing(client, officer_31):
    plan = plan_make("hn-2024")
    client.force_login(officer_31)
    assert client.get(url()).status_code == 404
    assert client.post(url(), {"file": upload(), "year": "2024"}).status_code == 404
    assert client.post(url(confirm=True), {"checksum": "0" * 64, "year": "2024"}).status_code == 404
    assert not Target.objects.filter(plan=plan).exists()


def test_a_viewer_may_not_import(client, viewer_01):
    plan = plan_make("hn-2024")
    client.force_login(viewer_01)
    assert client.get(url()).status_code == 403
    assert client.post(url(), {"file": upload(), "year": "2024"}).status_code == 403
    assert not Target.objects.filter(plan=plan).exists()


def test_a_reporter_of_a_district_may_not_import(client, reporter_001):
    """Ba Đình's reporter sees the issued plan that gives the district a quota (650,
    Appendix I), but may not change its targets."""
    plan = plan_make("hn-2024", status=Plan.Status.ISSUED)
    target_make(plan, "graduates_attracted", 650, unit="001", wording="650")
    client.force_login(reporter_001)
    assert client.get(url()).status_code == 403
    assert client.post(url(), {"file": upload(), "year": "2024", "amendment_number": "1",
                               "amendment_reason": "x"}).status_code == 403
    assert Target.objects.filter(plan=plan).count() == 1


def test_anonymous_is_sent_to_log_in(client):
    plan_make("hn-2024")
    response = client.get(url())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_confirmation_after_the_upload_is_gone_says_so(client, officer_01):
    plan = plan_make("hn-2024")
    client.force_login(officer_01)
    response = client.post(url(confirm=True), {"checksum": "a" * 64, "year": "2024"},
                           follow=True)
    assert vi("The uploaded file is no longer there: upload it again.") in (
        response.content.decode()
    )
    assert not Target.objects.filter(plan=plan).exists()


def test_get_on_the_confirmation_is_405(client, officer_01):
    plan_make("hn-2024")
    client.force_login(officer_01)
    assert client.get(url(confirm=True)).status_code == 405


def test_a_superseded_plan_takes_no_file(client, officer_01):
    plan_make("hn-2024", status=Plan.Status.SUPERSEDED)
    client.force_login(officer_01)
    assert client.get(url()).status_code == 403


def _appendix(count: int) -> bytes:
    """The first `count` districts of Appendix I with their printed graduate quotas."""
    from plans.demo_sources import HANOI_DISTRICTS

    quotas = dict(hanoi_2024_graduate_quotas())
    rows = tuple(
        (i, name, int(quotas[code]), "1.000", 200, 300, 500, "80%", "40")
        for i, (code, name) in enumerate(HANOI_DISTRICTS[:count], start=1)
    )
    return quota_sheet(districts=rows, total=(None, None))


def test_the_preview_reads_as_many_queries_for_30_districts_as_for_3(client, officer_01):
    plan_make("hn-2024")
    client.force_login(officer_01)
    counts = []
    for count in (3, 30):
        client.post(url(), {"file": upload(_appendix(count)), "year": "2024"})  # warm up
        with CaptureQueriesContext(connection) as captured:
            response = client.post(url(), {"file": upload(_appendix(count)), "year": "2024"})
        assert response.context["result"].created == 7 * count
        counts.append(len(captured))
    assert counts[0] == counts[1]
