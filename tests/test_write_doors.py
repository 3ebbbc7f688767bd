"""Every write path goes through the same doors: the state and versions an import is
checked against are those at write time, not those of its preview; the value rules are the
same on the entry page and in a file; the database's own version check and the retries
that follow a lost race. On both databases (the threads are in tests/concurrency/)."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from districts.scope import SYSTEM
from reports.imports import writing
from reports.imports.importer import report_file_import
from reports.locks import ConcurrentWrite, WriteRefused, retry_on_conflict
from reports.models import Actual, ImportBatch, Submission
from reports.services import (
    SOURCE_ENTRY,
    SOURCE_REVIEW,
    actuals_save,
    submission_approve,
    submission_submit,
)
from tests.factories import (
    LONG_VI,
    csv_bytes,
    entry_post,
    hanoi_2024_two_districts,
    row,
    unit_by_code,
)

pytestmark = pytest.mark.django_db

JUST_UNDER = "999.999.999.999,99995"  # rounds up to 10¹², which the column cannot hold


def run(rows, actor, **options):
    return report_file_import(stream=io.BytesIO(csv_bytes(rows, delimiter=";")),
                              file_name="bao-cao.csv", actor=actor, **options)


@pytest.fixture
def people(make_user):
    hanoi_2024_two_districts()
    return {
        "reporter": make_user("reporter", "001", username="bd-reporter"),
        "officer": make_user("officer", "01", username="hn-officer"),
    }


def test_an_import_is_checked_again_when_it_writes(people, ba_dinh):
    reporter, officer = people["reporter"], people["officer"]
    saved = actuals_save(unit=ba_dinh, period="2024", actor=reporter, source=SOURCE_ENTRY,
                         rows={"graduates_attracted": row("100"), "enrol_total": row("5.200")})
    file = [LONG_VI, ["001", "graduates_attracted", "2024", "999"]]
    preview = run(file, reporter, dry_run=True)
    assert preview.ok and preview.updated == 1
    # Between the preview and the confirmation the report is handed in and approved.
    submission = submission_submit(submission=saved.submission, actor=reporter,
                                   source=SOURCE_ENTRY)
    submission_approve(submission=submission, actor=officer, source=SOURCE_REVIEW)

    confirmed = run(file, reporter)

    assert not confirmed.written
    (problem,) = confirmed.problems
    assert problem.code == "locked" and "001 Quận Ba Đình" in problem.message
    assert Actual.objects.get(indicator__code="graduates_attracted").value == Decimal(100)
    assert not ImportBatch.objects.exists()


def test_a_value_that_rounds_beyond_the_column_is_refused_on_the_entry_page(client, people,
                                                                            ba_dinh):
    client.force_login(people["reporter"])
    response = client.post(reverse("reports:entry", args=[ba_dinh.pk, "2024"]),
                           entry_post(ba_dinh, {"enrol_total": row(JUST_UNDER)}))
    assert response.status_code == 400
    assert JUST_UNDER in response.content.decode()
    assert not Actual.objects.exists()


def test_a_value_that_rounds_beyond_the_column_is_refused_in_a_file(people):
    for dry_run in (True, False):  # the preview answers too, not only the write
        result = run([LONG_VI, ["001", "enrol_total", "2024", JUST_UNDER]], people["reporter"],
                     dry_run=dry_run)
        assert [p.code for p in result.problems] == ["too_large"]
    assert not Actual.objects.exists()


def test_an_officers_import_hands_in_only_complete_reports(people):
    # Ba Đình has targets for graduates attracted and enrolment; the file gives only one.
    result = run([LONG_VI, ["001", "graduates_attracted", "2024", "700"]], people["officer"],
                 submit=True)
    assert not result.written
    (problem,) = result.problems
    assert problem.code == "incomplete" and "Tuyển sinh giáo dục nghề nghiệp" in problem.message
    assert "enrol_total" not in problem.message  # named, not coded
    assert problem.line == 2
    assert not Actual.objects.exists() and not Submission.objects.exists()

    complete = run([LONG_VI, ["001", "graduates_attracted", "2024", "700"],
                    ["001", "enrol_total", "2024", "5100"]], people["officer"], submit=True)
    assert complete.written
    assert Submission.objects.get().state == Submission.State.SUBMITTED


def test_an_update_over_a_version_that_moved_writes_nothing(ba_dinh):
    saved = actuals_save(unit=ba_dinh, period="2024", actor=SYSTEM, source=SOURCE_ENTRY,
                         rows={"enrol_total": row("5.200")})
    actual = Actual.objects.get()
    stamp = writing.Stamp(Actual.Origin.IMPORTED, 0, None, timezone.now())
    # As if read at version 1, while someone else already made it version 2.
    Actual.objects.filter(pk=actual.pk).update(version=2)
    with pytest.raises(ConcurrentWrite):
        writing.actuals_update(
            [(actual.pk, Decimal(5300), "", None, None, "", 2, saved.submission.pk)],
            stamp=stamp)
    actual.refresh_from_db()
    assert actual.value == Decimal(5200) and actual.version == 2


def test_a_save_over_a_version_that_moved_is_refused_by_the_database(ba_dinh):
    actuals_save(unit=ba_dinh, period="2024", actor=SYSTEM, source=SOURCE_ENTRY,
                 rows={"enrol_total": row("5.200")})
    stale = Actual.objects.get()
    Actual.objects.filter(pk=stale.pk).update(value=Decimal(5250), version=2)
    stale.expected_version, stale.value, stale.version = 1, Decimal(5300), 2
    with pytest.raises(ConcurrentWrite), transaction.atomic():
        stale.save(force_update=True)
    assert Actual.objects.get().value == Decimal(5250)


def test_a_write_that_lost_a_race_runs_again_then_gives_up_with_a_message():
    attempts = []

    @retry_on_conflict
    def lucky_second_time() -> str:
        attempts.append(1)
        if len(attempts) == 1:
            raise ConcurrentWrite("changed meanwhile")
        return "written"

    assert lucky_second_time() == "written" and len(attempts) == 2

    @retry_on_conflict
    def never() -> None:
        attempts.append(1)
        raise ConcurrentWrite("changed meanwhile")

    attempts.clear()
    with pytest.raises(WriteRefused) as refused:
        never()
    assert len(attempts) == 3 and refused.value.message


def test_an_import_that_keeps_losing_is_refused_whole_with_a_message(people, monkeypatch):
    def moved(rows, **kwargs):
        raise ConcurrentWrite("changed meanwhile")

    actual = actuals_save(unit=unit_by_code("001"), period="2024", actor=SYSTEM,
                          source=SOURCE_ENTRY, rows={"enrol_total": row("5.200")})
    assert actual.ok
    monkeypatch.setattr(writing, "actuals_update", moved)
    result = run([LONG_VI, ["001", "enrol_total", "2024", "5300"]], people["reporter"])
    assert not result.written
    assert [p.code for p in result.problems] == ["concurrent"]
    assert Actual.objects.get().value == Decimal(5200)
    assert not ImportBatch.objects.exists()
