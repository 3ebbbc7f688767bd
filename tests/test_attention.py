""""Cần chú ý" agrees with the tiles above it: a target missed in a closed year is listed
first, then off track, overdue and at risk, each linking to its row.

Thị xã Mỹ Hào's 2023 results (Dị Sử's plan, Appendix I): 1.700 college-level trainees
against a target of 3.000, a closed year, not met.
"""
from __future__ import annotations

import datetime

import pytest

from districts.scope import SYSTEM
from reports.progress.dashboard import dashboard_build
from reports.progress.engine import ATTENTION, Status
from reports.progress.selectors import progress_report
from tests.factories import disu_plan, unit_by_code

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 12, 3)


def test_a_closed_years_missed_target_needs_attention():
    report = progress_report(plan=disu_plan(), year=2023, user=SYSTEM, today=TODAY)
    missed = [(r.unit.code, r.indicator.code) for r in report.attention
              if r.assessment.status is Status.NOT_MET]
    assert ("328", "enrol_college") in missed
    college = next(r for r in report.attention if r.indicator.code == "enrol_college")
    assert college.assessment.actual == 1700 and college.target.value == 3000


def test_attention_is_worst_first():
    report = progress_report(plan=disu_plan(), year=2023, user=SYSTEM, today=TODAY)
    ranks = [ATTENTION.index(r.assessment.status) for r in report.attention]
    assert ranks == sorted(ranks) and ranks


@pytest.mark.parametrize("year", [2023, 2024])
def test_every_tile_that_needs_attention_is_in_the_card(year):
    report = progress_report(plan=disu_plan(), year=year, user=SYSTEM, today=TODAY)
    board = dashboard_build(report, user=SYSTEM, figures=False)
    listed = {(r.unit.pk, r.indicator.code) for r in report.attention}
    for tile in board.tiles:
        if tile.assessment.status in ATTENTION:
            assert (tile.unit.pk, tile.indicator.code) in listed, tile.indicator.code
    for row in report.attention:
        assert row.assessment.status in ATTENTION


def test_the_dashboard_card_links_to_the_row_of_the_progress_table(client, make_user):
    plan = disu_plan()
    client.force_login(make_user("viewer", "33"))
    town = unit_by_code("328")
    html = client.get(
        f"/reports/progress/dashboard/?plan={plan.code}&year=2023&unit={town.pk}"
    ).content.decode()
    link = f"/reports/progress/{plan.code}/2023/?unit={town.pk}#target-enrol_college"
    assert link in html
    table = client.get(f"/reports/progress/{plan.code}/2023/?unit={town.pk}").content.decode()
    assert 'id="target-enrol_college"' in table
