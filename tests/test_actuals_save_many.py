"""The bulk door for values (`actuals_save_many`): the rules of `actuals_save` for each
report, the writes in bulk — one version step and one history row per value changed,
unchanged values untouched, an approved report left as it is, nothing written unless
every report passes. On both databases (the bulk writes differ: COPY and one UPDATE on
PostgreSQL, bulk_create and executemany on SQLite)."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from districts.scope import SYSTEM
from districts.sources import describe
from reports.models import Actual, Submission
from reports.periods import Period
from reports.services import (
    SOURCE_ENTRY,
    ReportRows,
    actuals_save,
    actuals_save_many,
)
from reports.workflow import lock_message, write_lock
from tests.factories import (
    actual_make,
    bearer,
    hanoi_2024_two_districts,
    row,
    token_make,
    unit_by_code,
)

pytestmark = pytest.mark.django_db

API = "api:phần mềm quận"


@pytest.fixture(autouse=True)
def plan():
    return hanoi_2024_two_districts()


def report(unit: str, rows: dict, period: str = "2024") -> ReportRows:
    return ReportRows(unit=unit_by_code(unit, year=int(period[:4])),
                      period=Period.parse(period), rows=rows)


def post_set(client, key: str, values: list[dict]):
    return client.post("/api/dataValueSets", json.dumps({"dataValues": values}),
                       content_type="application/json", headers=bearer(key))


def value_of(code: str, unit: str = "001", period: str = "2024") -> Actual:
    return Actual.objects.get(indicator__code=code, unit=unit_by_code(unit), period=period)


def test_it_writes_one_version_step_and_one_history_row_per_change(reporter_001, officer_01):
    actuals_save(unit=unit_by_code("001"), period="2024", actor=reporter_001,
                 source=SOURCE_ENTRY, rows={"enrol_total": row("5.000"),
                                            "graduates_attracted": row("700")})
    kept = value_of("graduates_attracted")

    saved = actuals_save_many(reports=[
        report("001", {"enrol_total": row("5.200", version=1, note="Theo báo cáo quý 4"),
                       "graduates_attracted": row("700", version=1)}),
        report("006", {"graduates_attracted": row("1.100")}),
    ], actor=officer_01, source=API, origin=Actual.Origin.API)

    assert saved.ok and saved.written
    counts = [(s.result.created, s.result.updated, s.result.unchanged) for s in saved.reports]
    assert counts == [(0, 1, 1), (1, 0, 0)]
    changed = value_of("enrol_total")
    assert (changed.value, changed.note, changed.version, changed.origin) == (
        Decimal(5200), "Theo báo cáo quý 4", 2, Actual.Origin.API)
    assert changed.updated_by == officer_01 and changed.import_batch_id is None
    history = list(changed.history.order_by("history_date", "history_id"))
    assert [(h.history_type, h.value, h.version) for h in history] == [
        ("+", Decimal(5000), 1), ("~", Decimal(5200), 2)]
    assert (describe(history[-1].history_change_reason), history[-1].history_user) == (
        "API (phần mềm quận)", officer_01)
    # The unchanged value is not touched: same version, same time, no new history row.
    untouched = value_of("graduates_attracted")
    assert (untouched.version, untouched.updated_at, untouched.origin) == (
        1, kept.updated_at, Actual.Origin.TYPED)
    assert untouched.history.count() == 1
    # A new value is version 1 with its "+" row, in a new draft report with its own.
    new = value_of("graduates_attracted", unit="006")
    assert (new.value, new.version, new.history.get().history_type) == (Decimal(1100), 1, "+")
    assert new.submission.state == Submission.State.DRAFT
    assert new.submission.history.get().history_user == officer_01
    assert saved.reports[1].result.submission == new.submission
    assert Actual.history.count() == 4


def test_an_approved_report_is_left_untouched_and_nothing_else_is_written(reporter_001):
    actual_make("enrol_total", "001", "2024", 5000, state=Submission.State.APPROVED)
    history = Actual.history.count()

    saved = actuals_save_many(reports=[
        report("001", {"enrol_total": row("5.300", version=1)}),
        report("001", {"graduates_attracted": row("700")}, period="2024Q4"),
    ], actor=reporter_001, source=API)

    assert not saved.ok and not saved.written
    locked, fine = saved.reports
    assert locked.refused == lock_message(write_lock(Submission.State.APPROVED, manages=False))
    assert fine.ok and fine.refused == ""
    assert value_of("enrol_total").version == 1 and value_of("enrol_total").value == 5000
    assert Actual.history.count() == history
    # The fine report is not written either: the whole is all or nothing.
    assert not Actual.objects.filter(period="2024Q4").exists()
    assert not Submission.objects.filter(period="2024Q4").exists()
    # The stored value again is no change, whatever the report's state.
    same = actuals_save_many(reports=[report("001", {"enrol_total": row("5.000")})],
                             actor=reporter_001, source=API)
    assert same.ok and same.reports[0].result.unchanged == 1
    assert value_of("enrol_total").version == 1 and Actual.history.count() == history


def test_a_version_changed_meanwhile_is_a_conflict_and_nothing_is_written(reporter_001):
    actuals_save(unit=unit_by_code("001"), period="2024", actor=reporter_001,
                 source=SOURCE_ENTRY, rows={"enrol_total": row("5.000")})
    actuals_save(unit=unit_by_code("001"), period="2024", actor=reporter_001,
                 source=SOURCE_ENTRY, rows={"enrol_total": row("5.100", version=1)})

    saved = actuals_save_many(reports=[report("001", {"enrol_total": row("5.200", version=1)})],
                              actor=reporter_001, source=API)

    (conflict,) = saved.reports[0].result.conflicts
    assert (conflict.indicator.code, conflict.current.value, conflict.current.version) == (
        "enrol_total", Decimal(5100), 2)
    assert not saved.written and value_of("enrol_total").version == 2


@pytest.mark.parametrize("rows", [
    {"graduates_attracted": row("-5"), "enrol_total": row("12,5")},
    {"enrol_total": row("6.000"), "enrol_college": row("1.400"),
     "enrol_intermediate": row("1.600"), "enrol_elementary": row("2.000")},
    {"trained_rate": row("74,5", numerator="300", denominator="200")},
    {"enrol_everything": row("12")},
])
def test_a_report_is_checked_as_actuals_save_checks_it(reporter_001, rows):
    many = actuals_save_many(reports=[report("001", rows)], actor=reporter_001,
                             source=API).reports[0].result
    one = actuals_save(unit=unit_by_code("001"), period="2024", rows=rows,
                       actor=reporter_001, source=SOURCE_ENTRY)
    assert not one.ok
    assert (many.errors, many.unanswered) == (one.errors, one.unanswered)
    assert {code: [i.message for i in issues] for code, issues in many.warnings.items()} == {
        code: [i.message for i in issues] for code, issues in one.warnings.items()}
    assert not Actual.objects.exists()


def test_a_year_is_warned_against_last_year_as_the_set_gives_it(reporter_001):
    saved = actuals_save_many(reports=[
        report("001", {"graduates_attracted": row("100")}, period="2023"),
        report("001", {"graduates_attracted": row("700")}),
    ], actor=reporter_001, source=API)
    # 700 is more than 3× the 100 the set gives for 2023, as if saved one after the other.
    assert saved.reports[1].result.unanswered == {"graduates_attracted"}
    assert not Actual.objects.exists()


def test_check_only_counts_and_writes_nothing(reporter_001):
    saved = actuals_save_many(reports=[report("001", {"enrol_total": row("5.000")})],
                              actor=reporter_001, source=API, check_only=True)
    assert saved.ok and not saved.written and saved.reports[0].result.created == 1
    assert not Actual.objects.exists() and not Submission.objects.exists()


def test_a_result_printed_as_a_bound_is_kept_as_printed_and_the_same_bound_is_unchanged(
        officer_01):
    """Mỹ Hào prints its employment rate ">92": the bulk door keeps the text, no number,
    as `actuals_save` does; "trên 92" sent again is the same result, not a change."""
    first = actuals_save_many(reports=[report("01", {"trained_rate": row(">74,2")})],
                              actor=officer_01, source=API)
    assert first.written and first.reports[0].result.created == 1
    stored = value_of("trained_rate", unit="01")
    assert (stored.value, stored.printed, stored.version) == (None, ">74,2", 1)

    again = actuals_save_many(reports=[report("01", {"trained_rate": row("trên 74,2",
                                                                          version=1)})],
                              actor=officer_01, source=API)
    assert again.ok and again.reports[0].result.unchanged == 1
    stored.refresh_from_db()
    assert (stored.printed, stored.version, stored.history.count()) == (">74,2", 1, 1)


def test_a_number_for_a_count_written_as_a_bound_below_zero_is_an_error(reporter_001):
    saved = actuals_save_many(reports=[report("001", {"enrol_total": row("<0")})],
                              actor=reporter_001, source=API)
    assert not saved.ok and not saved.written
    assert not Actual.objects.exists()


def test_another_districts_report_is_refused(reporter_001):
    saved = actuals_save_many(reports=[report("006", {"enrol_total": row("5.000")})],
                              actor=reporter_001, source=API)
    assert saved.reports[0].refused and not Actual.objects.exists()


def test_the_system_operator_writes_without_a_user(db):
    saved = actuals_save_many(reports=[report("001", {"enrol_total": row("5.000")})],
                              actor=SYSTEM, source=API)
    assert saved.written
    record = value_of("enrol_total").history.get()
    assert (record.history_user, record.history_type) == (None, "+")


def test_a_data_value_set_steps_only_the_values_it_changes(client, reporter_001):
    key = token_make(reporter_001, name="phần mềm quận")
    values = [{"dataElement": code, "period": "2024", "orgUnit": "001", "value": number}
              for code, number in (("enrol_total", "5000"), ("graduates_attracted", "700"))]
    assert post_set(client, key, values).status_code == 200
    values[0]["value"] = "5200"
    response = post_set(client, key, values)
    assert response.json()["importCount"] == {"imported": 0, "updated": 1, "ignored": 1,
                                              "deleted": 0}
    changed, kept = value_of("enrol_total"), value_of("graduates_attracted")
    assert (changed.value, changed.version, changed.history.count()) == (Decimal(5200), 2, 2)
    assert (kept.version, kept.history.count()) == (1, 1)
    assert describe(changed.history.latest("history_date").history_change_reason) == (
        "API (phần mềm quận)")
