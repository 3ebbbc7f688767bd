"""Demo users, one per role, on real units of the source plans.

Their passwords are for a demonstration machine only; the README lists them.
"""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction

from .models import Membership, Role, Unit
from .selectors import unit_by_code

DEMO_PASSWORD = "gdnn-demo-2024"

# (username, full name, role, unit code, a day the unit existed)
DEMO_USERS = (
    ("hanoi.officer", "Nguyễn Thu Hà", Role.OFFICER, "01", datetime.date(2024, 1, 1)),
    ("hanoi.viewer", "Trần Minh Quang", Role.VIEWER, "01", datetime.date(2024, 1, 1)),
    ("badinh.reporter", "Lê Văn Bình", Role.REPORTER, "001", datetime.date(2024, 1, 1)),
    ("disu.reporter", "Phạm Thị Dung", Role.REPORTER, "12121", datetime.date(2024, 1, 1)),
    ("haiphong.officer", "Vũ Đức Hải", Role.OFFICER, "31", datetime.date(2024, 1, 1)),
)
DEMO_ADMIN = "admin"
DEMO_EMAIL_DOMAIN = "example.org"


def demo_email(username: str) -> str:
    """An address at a domain reserved for examples (RFC 2606): mails to it go nowhere."""
    return f"{username}@{DEMO_EMAIL_DOMAIN}"


class MissingUnits(LookupError):
    pass


def demo_unit(code: str, day: datetime.date) -> Unit:
    unit = unit_by_code(code, on=day)
    if unit is None:
        raise MissingUnits(code)
    return unit


@transaction.atomic
def demo_users_load() -> list[tuple[str, str, str]]:
    """Create (or reset) the demo users and their memberships; returns the logins."""
    User = get_user_model()
    logins = []
    for username, full_name, role, code, day in DEMO_USERS:
        unit = demo_unit(code, day)
        first, _, last = full_name.rpartition(" ")
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": last, "last_name": first, "email": demo_email(username)},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        elif not user.email:  # loaded before demo users had addresses
            user.email = demo_email(username)
            user.save(update_fields=["email"])
        Membership.objects.get_or_create(user=user, unit=unit, role=role)
        logins.append((username, str(Role(role).label), unit.name))
    admin, created = User.objects.get_or_create(
        username=DEMO_ADMIN,
        defaults={"is_staff": True, "is_superuser": True, "email": demo_email(DEMO_ADMIN)},
    )
    if created:
        admin.set_password(DEMO_PASSWORD)
        admin.save()
    logins.append((DEMO_ADMIN, "superuser", "—"))
    return logins
