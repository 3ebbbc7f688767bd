"""The admin speaks Vietnamese: the names of the apps and models on its index, and on each
model's list its title, columns, filters and buttons, are Vietnamese — the product's own
models and those of the login lockout (django-axes) alike.

Each page is read twice, in Vietnamese and after the English switch: a text that comes out
the same in both languages is one that nobody translated.
"""

from __future__ import annotations

import datetime

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone, translation
from lxml import html

from notices.models import NoticePreference, Notification, PeriodCalendar
from plans.models import Amendment
from reports.models import ImportBatch, Submission
from tests.factories import (
    actual_make,
    hanoi_2024_two_districts,
    speaking,
    submission_make,
    token_make,
    unit_by_code,
)

pytestmark = pytest.mark.django_db

# The apps whose every list is checked: the product's and the lockout's.
CHECKED_APPS = ("districts", "plans", "targets", "reports", "api", "notices", "axes")
# Texts that read the same in both languages on purpose.
SAME_IN_BOTH = {"ID", "SHA-256", "HTTP Accept", "GET", "POST"}

# The index: app captions and model rows.
INDEX_NAMES = "//*[@id='content-main']//caption | //*[@id='content-main']//th[@scope='row']"
# A list: its title, column headers, filter headings, buttons and breadcrumbs.
COLUMNS = "//*[@id='result_list']/thead//th"
LIST_TEXTS = (
    f"//h1 | {COLUMNS} | //*[@id='changelist-filter']//h3"
    " | //*[contains(@class, 'object-tools')]//a | //*[contains(@class, 'breadcrumbs')]//a"
)

CHECKED_MODELS = sorted(
    (model._meta.app_label, model._meta.model_name)
    for model in admin.site._registry
    if model._meta.app_label in CHECKED_APPS
)


@pytest.fixture
def superuser(make_user):
    return make_user(username="quan-tri", is_superuser=True, is_staff=True,
                     first_name="Hà", last_name="Nguyễn Thu")


@pytest.fixture
def admin_data(superuser, reporter_001):
    """One row in every list, so that each list shows its columns."""
    plan = hanoi_2024_two_districts()
    ba_dinh = unit_by_code("001")
    report = submission_make(ba_dinh, "2024", state=Submission.State.SUBMITTED,
                             submitted_by=reporter_001, submitted_at=timezone.now())
    actual_make("graduates_attracted", ba_dinh, "2024", 650, submission=report)
    Amendment.objects.create(plan=plan, number="15/QĐ-UBND", reason="Điều chỉnh chỉ tiêu",
                             created_by=superuser)
    ImportBatch.objects.create(file_name="bao-cao.csv", checksum="0" * 64, user=superuser,
                               rows=2, created=2)
    token_make(superuser)
    PeriodCalendar.objects.create(plan=plan, period="2024S1",
                                  units_deadline=datetime.date(2024, 7, 15))
    Notification.objects.create(recipient=reporter_001, kind=Notification.Kind.REMINDER,
                                plan=plan, unit=ba_dinh, period="2024",
                                day=datetime.date(2024, 12, 8), subject="Nhắc hạn",
                                body="Báo cáo năm 2024")
    NoticePreference.objects.create(user=reporter_001, email_off=True)
    AccessAttempt.objects.create(username="badinh", ip_address="203.0.113.7",
                                 user_agent="Firefox", failures_since_start=3)
    AccessLog.objects.create(username="badinh", ip_address="203.0.113.7", user_agent="Firefox")
    AccessFailureLog.objects.create(username="badinh", ip_address="203.0.113.7",
                                    user_agent="Firefox")


def texts(page: html.HtmlElement, selector: str) -> list[str]:
    return [" ".join(element.text_content().split()) for element in page.xpath(selector)]


def read(client, url: str, language: str) -> html.HtmlElement:
    response = speaking(client, language).get(url)
    assert response.status_code == 200, url
    return html.fromstring(response.content.decode())


def untranslated(client, url: str, selector: str) -> set[str]:
    """The texts under `selector` that read the same in Vietnamese and in English."""
    in_vietnamese = set(texts(read(client, url, "vi"), selector))
    in_english = set(texts(read(client, url, "en"), selector))
    return (in_vietnamese & in_english) - SAME_IN_BOTH - {""}


def english_names() -> set[str]:
    """Every app's and model's name in English, as the admin would write them."""
    names = set()
    with translation.override("en"):
        for label in CHECKED_APPS:
            config = apps.get_app_config(label)
            names.add(str(config.verbose_name))
            for model in config.get_models():
                names.update({str(model._meta.verbose_name).capitalize(),
                              str(model._meta.verbose_name_plural).capitalize()})
    return names - SAME_IN_BOTH


def test_the_index_names_every_app_and_model_in_vietnamese(client, superuser):
    client.force_login(superuser)
    page = read(client, reverse("admin:index"), "vi")
    shown = set(texts(page, INDEX_NAMES))
    assert {"Kế hoạch", "Khoá đăng nhập", "Lượt đăng nhập"} <= shown
    assert not shown & english_names()
    assert not untranslated(client, reverse("admin:index"), INDEX_NAMES)


@pytest.mark.parametrize(("app_label", "model_name"), CHECKED_MODELS)
def test_each_list_is_in_vietnamese(client, superuser, admin_data, app_label, model_name):
    client.force_login(superuser)
    url = reverse(f"admin:{app_label}_{model_name}_changelist")
    page = read(client, url, "vi")
    headers = texts(page, COLUMNS)
    assert len(headers) > 1, "the list shows its columns"
    assert not set(headers) & english_names()
    assert not untranslated(client, url, LIST_TEXTS)


# The lists that keep a history (django-simple-history): the history page of one row.
HISTORIES = ("plans_plan", "reports_submission", "reports_actual")
# (Its breadcrumbs name the row itself, which reads the same in both languages.)
HISTORY_TEXTS = "//h1 | //*[@id='change-history']//th"


@pytest.mark.parametrize("model", HISTORIES)
def test_a_history_page_is_in_vietnamese(client, superuser, admin_data, model):
    client.force_login(superuser)
    app_label, model_name = model.split("_")
    row = apps.get_model(app_label, model_name).objects.first()
    url = reverse(f"admin:{model}_history", args=[row.pk])
    page = read(client, url, "vi")
    assert texts(page, "//h1")[0].startswith("Lịch sử thay đổi: ")
    assert len(texts(page, "//*[@id='change-history']//th")) >= 4
    assert not untranslated(client, url, HISTORY_TEXTS)
