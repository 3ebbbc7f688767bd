"""One scope door for plans, `plans.selectors.plans_for_user(user, action)`: the pages, the
import, template and export pickers, the completeness page and the command all offer the
plans the user may act on, and no others.

Hà Nội issues two 2024 plans: hn-2024 gives Ba Đình a quota, hn-dong-da gives one to
Đống Đa only. A Ba Đình reporter may report on the first, and is not offered the second.
"""
from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from districts.scope import SYSTEM, Action
from plans.models import Plan
from plans.selectors import plan_for_user, plans_for_user
from reports.imports.forms import ExportForm, TemplateForm, UploadForm
from targets.models import Indicator, Target
from tests.factories import unit_by_code

pytestmark = pytest.mark.django_db


def plan_with_quota(code: str, unit_code: str) -> Plan:
    plan = Plan.objects.create(
        code=code, number="72/KH-UBND", title="Kế hoạch phát triển giáo dục nghề nghiệp năm 2024",
        issuer=unit_by_code("01"), first_year=2024, last_year=2024, status=Plan.Status.ISSUED,
    )
    Target.objects.create(
        plan=plan, indicator=Indicator.objects.get(code="graduates_attracted"),
        unit=unit_by_code(unit_code), year=2024, operator="gte", value=Decimal(650),
        wording="650",
    )
    return plan


@pytest.fixture
def plans():
    return plan_with_quota("hn-2024", "001"), plan_with_quota("hn-dong-da", "006")


def codes(queryset) -> set[str]:
    return set(queryset.values_list("code", flat=True))


@pytest.mark.parametrize("action", [Action.VIEW, Action.REPORT])
def test_a_reporter_gets_the_plans_that_give_their_unit_a_target(plans, make_user, action):
    reporter = make_user("reporter", "001")
    assert codes(plans_for_user(reporter, action)) == {"hn-2024"}


def test_a_reporter_manages_no_plan(plans, make_user):
    assert codes(plans_for_user(make_user("reporter", "001"), Action.MANAGE)) == set()


def test_the_issuers_officer_and_the_system_operator_get_every_plan(plans, make_user):
    officer = make_user("officer", "01")
    for action in Action:
        assert codes(plans_for_user(officer, action)) == {"hn-2024", "hn-dong-da"}
        assert codes(plans_for_user(SYSTEM, action)) == {"hn-2024", "hn-dong-da"}


def test_an_officer_of_another_province_gets_none(plans, make_user):
    officer = make_user("officer", "31")
    for action in Action:
        assert codes(plans_for_user(officer, action)) == set()


def test_a_district_officer_reports_on_the_city_plan_but_does_not_manage_it(plans, make_user):
    officer = make_user("officer", "001")
    plan = plan_for_user(officer, "hn-2024", Action.REPORT)
    assert plan.code == "hn-2024"
    with pytest.raises(PermissionDenied):
        plan_for_user(officer, "hn-2024", Action.MANAGE)


@pytest.mark.parametrize("form_class", [UploadForm, TemplateForm, ExportForm])
def test_the_import_template_and_export_pickers_offer_the_same_plans(
    plans, make_user, form_class
):
    form = form_class(user=make_user("reporter", "001"))
    assert codes(form.fields["plan"].queryset) == {"hn-2024"}


def test_the_completeness_page_offers_only_the_plans_the_officer_manages(plans, client,
                                                                          make_user):
    client.force_login(make_user("officer", "01"))
    html = client.get("/reports/completeness/").content.decode()
    assert "hn-2024" in html and "hn-dong-da" in html
    client.force_login(make_user("officer", "31"))
    assert "hn-2024" not in client.get("/reports/completeness/").content.decode()
