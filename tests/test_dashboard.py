"""The leaders' dashboard: tiles, charts (plotly JSON drawn by a local plotly.js), their
numbers and CSVs, what needs attention, reporting completeness, filters and scope."""

from __future__ import annotations

import csv
import json
import re
from io import StringIO

import pytest
from django.conf import settings
from django.urls import reverse

from plans.models import Plan
from reports.models import Submission
from tests.factories import (
    actual_make,
    disu_plan,
    hanoi_2024_with_results,
    plan_make,
    target_make,
    unit_by_code,
)

pytestmark = pytest.mark.django_db
SUBMITTED, APPROVED = Submission.State.SUBMITTED, Submission.State.APPROVED
DASHBOARD = reverse("reports:dashboard")


def get(client, query: str = "") -> str:
    response = client.get(f"{DASHBOARD}?{query}")
    assert response.status_code == 200
    return response.content.decode()


def figure(html: str, name: str) -> dict:
    found = re.search(rf'<script id="figure-{name}" type="application/json">(.*?)</script>',
                      html, re.S)
    assert found, f"no figure {name}"
    return json.loads(found.group(1))


def chart_csv(client, chart: str, query: str) -> list[list[str]]:
    response = client.get(reverse("reports:dashboard_chart_csv", args=[chart]) + "?" + query)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    # The export page's dialect: UTF-8 with BOM, `;`, Vietnamese decimals.
    return list(csv.reader(StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def test_it_shows_the_citys_headline_tiles(client, viewer_01):
    hanoi_2024_with_results()
    client.force_login(viewer_01)

    html = get(client, "plan=hn-2024&year=2024")

    tiles = html[html.index('class="tiles"'):html.index('class="charts"')]
    assert "Tuyển sinh giáo dục nghề nghiệp" in tiles  # enrolment
    assert "Tỷ lệ lao động qua đào tạo" in tiles  # trained rate
    assert "Tuyển sinh trình độ cao đẳng" not in tiles  # a component, in the table only
    assert "120.000" in tiles and "73,5" in tiles
    assert "status-on_track" in tiles and "status-at_risk" in tiles


def test_it_draws_the_districts_against_their_quota_sorted_and_coloured_by_status(
    client, viewer_01
):
    hanoi_2024_with_results()
    client.force_login(viewer_01)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    bars = figure(get(client, "plan=hn-2024&year=2024"), "units")

    traces = {trace["name"]: trace for trace in bars["data"]}
    assert traces["met"]["y"] == ["Quận Ba Đình"] and traces["met"]["x"] == [700]
    assert traces["not met"]["y"] == ["Quận Đống Đa"]
    assert len(traces["quota"]["y"]) == 30
    assert traces["quota"]["y"][:2] == ["Quận Ba Đình", "Quận Đống Đa"]  # best first
    assert traces["met"]["marker"]["color"] != traces["not met"]["marker"]["color"]


def test_it_writes_vietnamese_separators_by_default(client, viewer_01):
    hanoi_2024_with_results()
    client.force_login(viewer_01)

    html = get(client, "plan=hn-2024&year=2024")

    assert figure(html, "units")["layout"]["separators"] == ",."  # 1.050 and 74,2
    assert figure(html, "trend")["layout"]["separators"] == ",."


def test_it_writes_english_separators_and_labels_in_english(client, viewer_01):
    hanoi_2024_with_results()
    client.force_login(viewer_01)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    html = get(client, "plan=hn-2024&year=2024")

    assert figure(html, "units")["layout"]["separators"] == ".,"
    assert figure(html, "trend")["layout"]["xaxis"]["title"]["text"] == "Year"


def test_it_draws_the_trend_with_the_target_as_a_line(client, viewer_01):
    hanoi_2024_with_results()
    client.force_login(viewer_01)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    trend = figure(get(client, "plan=hn-2024&year=2024&trend=trained_rate"), "trend")

    traces = {trace["name"]: trace for trace in trend["data"]}
    assert traces["actual"]["x"] == [2023] and traces["actual"]["y"] == [72.8]
    # One target year: drawn across every year shown, to read each year against it.
    assert traces["target"]["x"] == [2023, 2024] and traces["target"]["y"] == [74.2, 74.2]


def test_it_shades_a_range_target_as_a_band(client, make_user):
    hai_phong = unit_by_code("31")
    plan = plan_make("hp-2021-2030", issuer=hai_phong, first_year=2021, last_year=2030,
                     kind="strategy", status=Plan.Status.ISSUED, units_deadline="12-15")
    target_make(plan, "graduates_attracted_rate", 40, unit=hai_phong, year=2025, operator="range",
                value_high=45)
    target_make(plan, "graduates_attracted_rate", 50, unit=hai_phong, year=2030, operator="range",
                value_high=55)
    actual_make("graduates_attracted_rate", hai_phong, "2022", 36, state=APPROVED)
    actual_make("graduates_attracted_rate", hai_phong, "2023", 38, state=APPROVED)
    client.force_login(make_user("viewer", "31"))

    trend = figure(get(client, "plan=hp-2021-2030&year=2025"), "trend")

    band = next(trace for trace in trend["data"] if trace.get("fill") == "tonexty")
    assert band["x"] == [2025, 2030] and band["y"] == [45, 55]


def test_it_puts_each_charts_numbers_in_a_table_and_a_csv(client, viewer_01):
    hanoi_2024_with_results()
    client.force_login(viewer_01)

    html = get(client, "plan=hn-2024&year=2024")
    rows = chart_csv(client, "units", "plan=hn-2024&year=2024")

    assert html.count("<details>") == 2
    assert len(rows) == 1 + 30
    assert rows[1][:4] == ["001", "Quận Ba Đình", "650", "700"]  # plain numbers
    assert rows[2][:4] == ["006", "Quận Đống Đa", "1050", "900"]
    # Achievement as a percentage in Vietnamese notation: 700 of 650 is 107,7 %.
    assert rows[0][4] == "Tỷ lệ đạt (%)" and rows[1][4] == "107,7"
    assert rows[2][4] == "85,7"  # 900 of 1.050
    trend = chart_csv(client, "trend", "plan=hn-2024&year=2024&trend=enrol_total")
    assert trend[1:] == [["2023", "230000", "", ""], ["2024", "", "235000", ""]]


def test_it_serves_plotly_from_the_app_and_nothing_from_outside(client, viewer_01):
    hanoi_2024_with_results()
    client.force_login(viewer_01)

    html = get(client, "plan=hn-2024&year=2024")
    script = client.get("/static/plotly/plotly-basic.min.js")

    assert 'src="/static/plotly/plotly-basic.min.js"' in html
    assert 'src="/static/reports/dashboard.js"' in html
    assert "cdn" not in html.lower()
    assert script.status_code == 200
    # The basic bundle (bar, scatter, pie), not the full one of 4,8 MB.
    first_lines = b"".join(script.streaming_content)[:200]
    assert b"plotly.js (basic - minified) v4." in first_lines
    # Only that one file of node_modules/ is a static file.
    assert client.get("/static/plotly/package.json").status_code == 404
    assert client.get("/static/plotly/plotly.min.js").status_code == 404


def test_it_lists_what_needs_attention_and_how_complete_the_reporting_is(client, viewer_01):
    # Hoàng Mai, Bắc Từ Liêm and Ba Đình are given quotas; Ba Đình's report is approved.
    plan = hanoi_2024_with_results(quotas=3)
    client.force_login(viewer_01)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    html = get(client, f"plan={plan.code}&year=2024")

    attention = html[html.index('id="attention-title"'):html.index('id="completeness-title"')]
    assert "Trained-labour rate" in attention and "at risk" in attention
    assert "Quận Ba Đình" not in attention  # 700 of 650: met
    completeness = html[html.index('id="completeness-title"'):]
    assert "Units given a target</dt><dd class=\"num\">3" in completeness
    assert "1/3 units given a target have submitted" in completeness
    assert "Report submitted or approved</dt><dd class=\"num\">1/3" in completeness


def test_it_keeps_the_attention_list_short_and_links_to_the_rest(client, viewer_01):
    hanoi_2024_with_results()
    client.force_login(viewer_01)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    html = get(client, "plan=hn-2024&year=2024")

    attention = html[html.index('id="attention-title"'):html.index('id="completeness-title"')]
    assert attention.count("<tr>") <= 10 + 1
    assert "more: see the progress table" in attention


def test_it_offers_the_plans_and_units_in_the_users_scope_only(client, viewer_01):
    hanoi_2024_with_results()
    disu_plan()
    client.force_login(viewer_01)

    html = get(client, "plan=hn-2024&year=2024")

    plans = re.findall(r'<option value="([\w-]+)"', html[html.index('name="plan"'):])
    assert "hn-2024" in plans and "disu-2024" not in plans
    assert "Thị xã Mỹ Hào" not in html
    assert client.get(f"{DASHBOARD}?plan=disu-2024").status_code == 404


def test_it_shows_a_reporter_their_own_district_and_never_another(client, dong_da, reporter_001):
    hanoi_2024_with_results()
    client.force_login(reporter_001)

    html = get(client)
    units_csv = chart_csv(client, "units", "plan=hn-2024&year=2024")
    trend_csv = chart_csv(client, "trend", "plan=hn-2024&year=2024")

    assert "Quận Ba Đình" in html
    assert "Đống Đa" not in html
    assert not any("Đống Đa" in cell for row in units_csv + trend_csv for cell in row)
    assert client.get(f"{DASHBOARD}?plan=hn-2024&unit={dong_da.pk}").status_code == 404


def test_it_keeps_the_filters_in_the_url(client, ba_dinh, viewer_01):
    hanoi_2024_with_results()
    client.force_login(viewer_01)

    html = get(client, f"plan=hn-2024&year=2024&unit={ba_dinh.pk}")

    assert f'<option value="{ba_dinh.pk}" selected>' in html
    assert '<option value="2024" selected>' in html
    # The chart downloads keep the view: plan, year and unit.
    assert f"trend.csv?plan=hn-2024&amp;year=2024&amp;unit={ba_dinh.pk}" in html


def test_it_falls_back_to_the_plans_year_and_says_so(client, viewer_01):
    hanoi_2024_with_results()
    client.force_login(viewer_01)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    html = get(client, "plan=hn-2024&year=2019")

    assert "The plan does not cover the year asked for: showing 2024." in html


def test_it_says_so_when_no_plan_concerns_the_user(client, make_user):
    client.force_login(make_user("viewer", "31"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    html = get(client)

    assert "No plan sets targets for your units yet." in html


def test_it_sends_anonymous_visitors_to_the_login(client):
    response = client.get(DASHBOARD)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_it_answers_405_to_a_post(client, viewer_01):
    client.force_login(viewer_01)

    assert client.post(DASHBOARD).status_code == 405
    assert client.post(reverse("reports:dashboard_chart_csv", args=["units"])).status_code == 405


def test_it_is_404_for_an_unknown_chart(client, viewer_01):
    hanoi_2024_with_results()
    client.force_login(viewer_01)

    url = reverse("reports:dashboard_chart_csv", args=["pie"]) + "?plan=hn-2024"
    assert client.get(url).status_code == 404


def test_a_trend_kept_from_another_unit_falls_back_to_one_this_unit_has(
    client, ba_dinh, viewer_01
):
    # The city's enrolment trend was on screen; switching to Ba Đình keeps `trend=` in
    # the URL, but Ba Đình has a target on graduates only: its trend is drawn for that.
    hanoi_2024_with_results()
    client.force_login(viewer_01)
    html = get(client, f"plan=hn-2024&year=2024&unit={ba_dinh.pk}&trend=enrol_total")
    trend = figure(html, "trend")
    assert trend["layout"]["meta"]["indicator"] == (
        "Học sinh tốt nghiệp THCS, THPT vào học trung cấp, cao đẳng"
    )
    city = figure(get(client, "plan=hn-2024&year=2024&trend=enrol_total"), "trend")
    assert city["layout"]["meta"]["indicator"] == "Tuyển sinh giáo dục nghề nghiệp"
