"""The README's example: `remind --date 2024-12-12` on the demo data (loaded without the
sample actuals, so that the 2024 reports are still owed)."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("load_demo", "--no-samples", stdout=io.StringIO())


def test_demo_users_have_addresses_at_a_reserved_domain(demo):
    emails = dict(get_user_model().objects.values_list("username", "email"))
    assert emails["badinh.reporter"] == "badinh.reporter@example.org"
    assert emails["disu.reporter"] == "disu.reporter@example.org"
    assert all(email.endswith("@example.org") for email in emails.values())


def test_remind_on_12_december_2024_sends_what_the_readme_shows(demo):
    out = io.StringIO()
    call_command("remind", "--date", "2024-12-12", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines == [
        "remind 12/12/2024 (sent)",
        "  overdue  → disu.reporter <disu.reporter@example.org>: Quá hạn: báo cáo năm 2024 "
        "của Phường Dị Sử phải nộp trước ngày 01/12/2024",
        "  reminder → badinh.reporter <badinh.reporter@example.org>: Nhắc hạn: báo cáo năm 2024 "
        "của Quận Ba Đình cần nộp trước ngày 15/12/2024",
        "reminders=1 overdue=1 digests=0",
    ]
    assert sorted(m.to[0] for m in mail.outbox) == [
        "badinh.reporter@example.org", "disu.reporter@example.org",
    ]
    assert "Kính gửi Phạm Thị Dung," in next(
        m.body for m in mail.outbox if m.to == ["disu.reporter@example.org"]
    )
