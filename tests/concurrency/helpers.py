"""Threads released together by a barrier, and the indicators and months Ba Đình's wards
report, for the concurrency tests."""

from __future__ import annotations

import threading
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.db import connection

from districts.models import Membership, Unit

# Counts Ba Đình's wards report every month; none is a component or part of another, so
# the files raise no warning.
INDICATORS = ("rural_trainees", "key_occupations", "institutions")
MONTHS = [f"2024M{month:02d}" for month in range(1, 13)]


def together(*tasks: Callable[[], object]) -> list[object]:
    """Run the tasks in threads released at the same instant; their results, or the
    exception each raised."""
    barrier = threading.Barrier(len(tasks))
    outcomes: list[object] = [None] * len(tasks)

    def work(index: int, task: Callable[[], object]) -> None:
        try:
            barrier.wait(timeout=30)
            outcomes[index] = task()
        except BaseException as error:  # noqa: BLE001 - reported to the test
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(i, task)) for i, task in enumerate(tasks)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a writer never finished"
    return outcomes


def user(username: str, role: str, unit: Unit):
    person = get_user_model().objects.create_user(username=username, password="x-test-pass-1")
    Membership.objects.create(user=person, unit=unit, role=role)
    return person
