"""No data lost under concurrency, tested the hard way: threads started together by a
barrier, each with its own connection and real transactions on PostgreSQL.

Each test builds Hà Nội's units and Ba Đình's values afresh (a transactional test empties
the database afterwards) and asserts the invariants a user depends on, whatever the order
the database chose: an approved report never changes, no value is lost, each change is
one version step and one history row, and no request answers 500.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable, Sequence
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from districts.models import Role, Unit
from reports.imports.importer import ImportResult, report_file_import
from reports.models import Actual, ImportBatch, Submission
from reports.services import (
    SOURCE_ENTRY,
    SOURCE_REVIEW,
    actuals_save,
    submission_approve,
    submission_submit,
)
from tests.concurrency.helpers import INDICATORS, MONTHS, together, user
from tests.factories import LONG_VI, csv_bytes, entry_post, row

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def ward_file(wards: list[Unit], value: int, *, first: Sequence[list[str]] = (),
              periods: list[str] = MONTHS, indicators: tuple[str, ...] = INDICATORS) -> bytes:
    rows: list[list[object]] = [list(LONG_VI)]
    rows += [list(line) for line in first]
    rows += [[w.code, code, period, str(value)] for w in wards for period in periods
             for code in indicators]
    return csv_bytes(rows, delimiter=";")


# Four years of every period of the wards' counts: 8.512 lines, some seconds of work.
EVERY_PERIOD = [f"{year}{part}" for year in range(2021, 2025)
                for part in ("", "S1", "S2", "Q1", "Q2", "Q3", "Q4", *(f"M{m:02d}" for m in
                                                                        range(1, 13)))]
COUNTS = (*INDICATORS, "high_quality_schools", "graduates_attracted",
          "enrol_support_demobilized", "enrol_support_released_prisoners",
          "enrol_support_poor_disabled_sme")


def importing(data: bytes, actor, name: str) -> Callable[[], ImportResult]:
    return lambda: report_file_import(stream=io.BytesIO(data), file_name=name, actor=actor)


def versions_in_history(actual: Actual) -> list[int]:
    return list(Actual.history.filter(id=actual.pk).order_by("history_date", "history_id")
                .values_list("version", flat=True))


def assert_one_history_row_per_version() -> None:
    for actual in Actual.objects.all():
        assert versions_in_history(actual) == list(range(1, actual.version + 1)), actual


# The reporter hands the report in at once, a little later, or once the import is well
# under way: the outcome differs, the invariants do not.
@pytest.mark.parametrize("delay", [0, 0.3, 1.0])
def test_an_import_never_changes_a_report_approved_while_it_runs(ba_dinh, wards, delay):
    reporter = user("bd-reporter", Role.REPORTER, ba_dinh)
    officer = user("hn-officer", Role.OFFICER, ba_dinh.parent)
    saved = actuals_save(unit=ba_dinh, period="2024", actor=reporter, source=SOURCE_ENTRY,
                         rows={"graduates_attracted": row("100"), "enrol_total": row("5.200")})
    assert saved.ok
    # The file's first line sets Ba Đình's value; the wards' lines after it keep the
    # import busy for a while before it commits.
    data = ward_file(wards, 20, first=[["001", "graduates_attracted", "2024", "999"]],
                     periods=EVERY_PERIOD, indicators=COUNTS)

    def graduates() -> Actual:
        return Actual.objects.get(unit=ba_dinh, period="2024",
                                  indicator__code="graduates_attracted")

    def submit_and_approve() -> tuple[Submission, Decimal | None]:
        time.sleep(delay)
        submission = submission_submit(submission=saved.submission, actor=reporter,
                                       source=SOURCE_ENTRY)
        submission = submission_approve(submission=submission, actor=officer,
                                        source=SOURCE_REVIEW)
        # What the officer approved: the value as stored once the approval committed.
        return submission, graduates().value

    imported, approval = together(importing(data, reporter, "999.csv"), submit_and_approve)

    assert isinstance(imported, ImportResult) and isinstance(approval, tuple), (
        imported, approval)
    report, approved_value = approval
    report.refresh_from_db()
    assert report.state == Submission.State.APPROVED
    value = graduates()
    # The approved value is the one that stays, and nothing was recorded after approval.
    assert value.value == approved_value
    assert not Actual.history.filter(id=value.pk, history_date__gt=report.reviewed_at).exists()
    if imported.written:
        # The import went first: the reporter handed in its 999.
        assert value.value == Decimal(999) and value.version == 2
    else:
        # The report was handed in first: the import was refused whole, saying why.
        assert value.value == Decimal(100) and value.version == 1
        assert [p.code for p in imported.problems] == ["locked"]
        assert "001 Quận Ba Đình" in imported.problems[0].message
        assert not ImportBatch.objects.exists()
        assert not Actual.objects.filter(unit__in=wards).exists()
    assert_one_history_row_per_version()


def test_two_overlapping_imports_lose_nothing(ba_dinh, wards, stored_values):
    first = user("bd-reporter-1", Role.REPORTER, ba_dinh)
    second = user("bd-reporter-2", Role.REPORTER, ba_dinh)
    outcomes = together(importing(ward_file(wards, 21), first, "lan.csv"),
                        importing(ward_file(wards, 22), second, "minh.csv"))

    assert all(isinstance(o, ImportResult) for o in outcomes), outcomes
    written = [o for o in outcomes if o.written]
    refused = [o for o in outcomes if not o.written]
    assert written, "at least one import must get through"
    for result in refused:
        assert [p.code for p in result.problems] == ["concurrent"]
    # Each written import is one version step and one history row on every value, and
    # the values are all those of the import that committed last: none is lost or mixed.
    values = Actual.objects.filter(unit__in=wards)
    assert values.count() == stored_values
    assert set(values.values_list("version", flat=True)) == {1 + len(written)}
    (last,) = set(values.values_list("import_batch_id", flat=True))
    expected = {"lan.csv": Decimal(21), "minh.csv": Decimal(22)}[
        ImportBatch.objects.get(pk=last).file_name]
    assert set(values.values_list("value", flat=True)) == {expected}
    assert_one_history_row_per_version()


def test_an_import_and_an_entry_save_of_the_same_value_both_answer(ba_dinh, wards,
                                                                   stored_values):
    importer = user("bd-reporter-1", Role.REPORTER, ba_dinh)
    typist = user("bd-reporter-2", Role.REPORTER, ba_dinh)
    ward = wards[0]
    page = Client()
    page.force_login(typist)
    url = reverse("reports:entry", args=[ward.pk, "2024M06"])
    form = entry_post(ward, {"rural_trainees": row("35", version=1)})

    imported, response = together(importing(ward_file(wards, 20), importer, "thang.csv"),
                                  lambda: page.post(url, form))

    assert isinstance(imported, ImportResult) and imported.written, imported
    assert response.status_code in (302, 409), response.status_code
    value = Actual.objects.get(unit=ward, period="2024M06", indicator__code="rural_trainees")
    assert value.value == Decimal(20)
    if response.status_code == 302:
        # The typist saved first; the import, waiting for the report, then saw version 2.
        assert value.version == 3
    else:
        # The import changed the value after the form was opened: the typist is shown it.
        assert value.version == 2
        assert 'class="their-value">20<' in response.content.decode()
    assert_one_history_row_per_version()


def test_two_entry_saves_over_the_same_version_keep_one_and_show_the_other(ba_dinh, wards,
                                                                            stored_values):
    ward = wards[0]
    pages = []
    for name in ("lan", "minh"):
        page = Client()
        page.force_login(user(name, Role.REPORTER, ba_dinh))
        pages.append(page)
    url = reverse("reports:entry", args=[ward.pk, "2024M06"])

    def save(page: Client, value: str):
        return lambda: page.post(url, entry_post(ward, {"rural_trainees": row(value,
                                                                            version=1)}))

    responses = together(save(pages[0], "31"), save(pages[1], "32"))

    assert sorted(r.status_code for r in responses) == [302, 409]
    value = Actual.objects.get(unit=ward, period="2024M06", indicator__code="rural_trainees")
    winner = next(i for i, r in enumerate(responses) if r.status_code == 302)
    assert value.value == Decimal(31 + winner) and value.version == 2
    assert_one_history_row_per_version()
