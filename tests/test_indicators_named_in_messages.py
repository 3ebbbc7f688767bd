"""Messages name indicators as people know them — "Tuyển sinh trình độ cao đẳng" —, never by
their catalogue codes (`enrol_college`): what a report still lacks before it can be handed
in (entry page, submit, import), a line given twice in a file, a file's plan figure that
is not the stored target, a value changed meanwhile in the admin."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from django.utils import translation

from districts.scope import SYSTEM
from reports.imports.importer import ImportResult, report_file_import
from reports.models import Actual, Submission
from reports.services import SOURCE_ENTRY, TransitionError, actuals_save, submission_submit
from tests.factories import (
    LONG_VI,
    csv_bytes,
    entry_post,
    hanoi_2024_header,
    indicator,
    quotas_make,
    row,
    speaking,
    vi,
)

pytestmark = pytest.mark.django_db

# Ba Đình's 2024 quotas are the total and its three levels; only the total is filled.
EMPTY = ("enrol_college", "enrol_intermediate", "enrol_elementary")
COLLEGE_VI, INTERMEDIATE_VI, ELEMENTARY_VI = (
    "Tuyển sinh trình độ cao đẳng",
    "Tuyển sinh trình độ trung cấp",
    "Tuyển sinh trình độ sơ cấp và dưới 3 tháng",
)


@pytest.fixture
def plan(ba_dinh):
    plan = hanoi_2024_header()
    quotas_make(plan=plan, unit=ba_dinh)
    return plan


def names(language: str) -> list[str]:
    """The three empty levels in `language`, in the catalogue's order."""
    with translation.override(language):
        return [indicator(code).name for code in EMPTY]


def assert_named(message: str, language: str = "vi") -> None:
    assert ", ".join(names(language)) in message, message
    for code in (*EMPTY, "enrol_total"):
        assert code not in message, message


def test_the_catalogue_names_the_three_levels_as_the_plans_print_them():
    assert names("vi") == [COLLEGE_VI, INTERMEDIATE_VI, ELEMENTARY_VI]


def test_the_entry_page_says_which_indicators_are_still_missing(client, plan, reporter_001,
                                                                 ba_dinh):
    client.force_login(reporter_001)
    url = reverse("reports:entry", args=[ba_dinh.pk, "2024"])
    rows = {"enrol_total": row("6.000"), **{code: row("") for code in EMPTY}}
    response = client.post(url, entry_post(ba_dinh, rows, action="submit"))
    assert response.status_code == 400
    [summary] = [e for e in response.context["form_errors"] if "cao đẳng" in e]
    assert summary == vi("Fill in every indicator with a target before submitting: %(names)s.",
                         html=False, names=", ".join(names("vi")))
    assert_named(summary)
    assert not Submission.objects.exists() and not Actual.objects.exists()


def test_the_english_entry_page_names_them_in_english(client, plan, reporter_001, ba_dinh):
    client.force_login(reporter_001)
    speaking(client, "en")
    url = reverse("reports:entry", args=[ba_dinh.pk, "2024"])
    rows = {"enrol_total": row("6000"), **{code: row("") for code in EMPTY}}
    response = client.post(url, entry_post(ba_dinh, rows, action="submit"))
    [summary] = [e for e in response.context["form_errors"] if "before submitting" in e]
    assert_named(summary, "en")


def test_submitting_a_draft_with_empty_quotas_names_them(plan, ba_dinh):
    saved = actuals_save(unit=ba_dinh, period="2024", actor=SYSTEM, source=SOURCE_ENTRY,
                         rows={"enrol_total": row("6000")})
    assert saved.ok
    with pytest.raises(TransitionError) as refused:
        submission_submit(submission=saved.submission, actor=SYSTEM, source=SOURCE_ENTRY)
    assert_named(refused.value.message)
    assert Submission.objects.get().state == Submission.State.DRAFT


def run(rows: list[list[str]], actor, **options) -> ImportResult:
    return report_file_import(stream=io.BytesIO(csv_bytes(rows)), file_name="bao-cao.csv",
                              actor=actor, **options)


def messages(result: ImportResult) -> list[str]:
    return [str(problem) for problem in result.sorted_problems()]


def test_an_import_that_submits_an_incomplete_report_names_what_it_lacks(plan, officer_01):
    result = run([LONG_VI, ["001", "enrol_total", "2024", "6000"]], officer_01, submit=True)
    [message] = messages(result)
    assert "Quận Ba Đình" in message
    assert_named(message)
    assert not Actual.objects.exists()


def test_a_line_given_twice_names_its_indicator(plan, officer_01):
    result = run([LONG_VI, ["001", "enrol_college", "2024", "1400"],
                  ["001", "enrol_college", "2024", "1500"]], officer_01)
    assert result.errors == 1
    [message] = messages(result)
    assert f"“{COLLEGE_VI}”" in message and "enrol_college" not in message
    assert not Actual.objects.exists()


def test_an_admin_form_overtaken_by_another_change_names_the_indicator(client, plan, ba_dinh,
                                                                       make_user):
    saved = actuals_save(unit=ba_dinh, period="2024", actor=SYSTEM, source=SOURCE_ENTRY,
                         rows={"enrol_college": row("1400")})
    value = saved.submission.actuals.get()
    # Someone corrects the value after the admin opened the form at version 1.
    actuals_save(unit=ba_dinh, period="2024", actor=SYSTEM, source=SOURCE_ENTRY,
                 rows={"enrol_college": row("1500", version=1)})
    client.force_login(make_user(is_superuser=True, is_staff=True))
    response = client.post(
        reverse("admin:reports_actual_change", args=[value.pk]),
        {"value": "1600", "numerator": "", "denominator": "", "note": "", "opened_version": 1},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert vi("“%(indicator)s” was changed meanwhile to %(value)s (version %(version)s): "
              "open the page again.", indicator=COLLEGE_VI, value="1.500", version=2) in page
