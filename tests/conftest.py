"""Shared fixtures: real units of the provinces the source plans come from, and users.

The units are loaded once per test session from the vietnamadminunits package (the
same loader `make run` uses); each test runs in a transaction that is rolled back.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.utils import translation

from districts.models import Membership, Unit
from districts.services import units_load
from reports.progress.cache import kept
from tests.factories import unit_by_code

# Hà Nội (01), Hải Phòng (31) and Hưng Yên (33): the issuers of the five source plans.
TEST_PROVINCES = {"01", "31", "33"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked `postgres` (threads writing at once) need a real PostgreSQL server:
    on SQLite, which has one writer at a time, they are deselected, not skipped."""
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        return
    kept, left_out = [], []
    for item in items:
        (left_out if item.get_closest_marker("postgres") else kept).append(item)
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = kept


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        units_load(provinces=TEST_PROVINCES)


@pytest.fixture(autouse=True, scope="session")
def fast_password_hashing():
    """PBKDF2 costs most of a second per test user; the tests do not test hashing."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True, scope="session")
def jobs_run_inline():
    """Background jobs run inside the call that queues them: no worker process is needed,
    and a test sees a job's outcome as soon as the request that queued it returns."""
    inline = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with override_settings(TASKS=inline):
        yield


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in Vietnamese, the default: a request in English earlier in the
    same thread must not change what a later test sees."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def progress_cache_empty():
    """Each test starts with no computed progress kept: a rolled-back test's history ids
    are handed out again on SQLite, so an entry of one test could match another's data."""
    kept.clear()


@pytest.fixture
def make_user(db):
    """make_user("reporter", "001") → a user with that role on Quận Ba Đình."""
    counter = iter(range(1, 10_000))

    def make(role: str | None = None, code: str | None = None, *, year: int = 2024, **extra):
        username = extra.pop("username", None) or f"user{next(counter)}"
        user = get_user_model().objects.create_user(
            username=username, password="x-test-pass-1", **extra
        )
        if role and code:
            Membership.objects.create(user=user, unit=unit_by_code(code, year=year), role=role)
        return user

    return make


# The standard people, one per role and unit the tests keep meeting. Each is made by
# `make_user` like any other user of the test (username userN, the same password).


@pytest.fixture
def officer_01(make_user):
    """An officer of Thành phố Hà Nội (01)."""
    return make_user("officer", "01")


@pytest.fixture
def viewer_01(make_user):
    """A viewer of Thành phố Hà Nội (01)."""
    return make_user("viewer", "01")


@pytest.fixture
def reporter_001(make_user):
    """A reporter of Quận Ba Đình (001), a district of Hà Nội until 30 June 2025."""
    return make_user("reporter", "001")


@pytest.fixture
def officer_31(make_user):
    """An officer of Thành phố Hải Phòng (31)."""
    return make_user("officer", "31")


@pytest.fixture
def reporter_12121(make_user):
    """A reporter of Phường Dị Sử (12121), a ward of Thị xã Mỹ Hào (328) in Tỉnh Hưng Yên
    (33) until 30 June 2025: the issuer of the disu-2024 plan."""
    return make_user("reporter", "12121")


@pytest.fixture
def hanoi() -> Unit:
    return unit_by_code("01")


@pytest.fixture
def ba_dinh() -> Unit:
    return unit_by_code("001")


@pytest.fixture
def dong_da() -> Unit:
    return unit_by_code("006")


@pytest.fixture
def run_db_worker(monkeypatch):
    """run_db_worker() runs `manage.py db_worker --batch`: every queued job, then it ends.

    The worker looks for dropped connections before each job (close_old_connections); in a
    test, which runs inside a transaction, that would close the test's own connection, so
    it is left out here, as Django's test client leaves it out of the requests it makes."""
    import io

    from django.core.management import call_command
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    def run() -> str:
        out = io.StringIO()
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=out)
        return out.getvalue()

    return run
