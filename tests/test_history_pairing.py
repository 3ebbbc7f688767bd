"""districts.history.paired: each record with the one before it of the same object."""

from __future__ import annotations

from types import SimpleNamespace

from districts.history import paired


def record(id_: int, kind: str, value: int) -> SimpleNamespace:
    return SimpleNamespace(id=id_, history_type=kind, value=value)


def test_it_pairs_each_record_with_the_previous_one_of_the_same_object():
    records = [record(1, "+", 650), record(2, "+", 1050), record(1, "~", 700)]
    pairs = [(before and before.value, after.value) for before, after in paired(records)]
    assert pairs == [(None, 650), (None, 1050), (650, 700)]


def test_a_record_after_a_deletion_has_nothing_before_it():
    records = [record(1, "+", 650), record(1, "-", 650), record(1, "+", 700)]
    befores = [before for before, _after in paired(records)]
    assert befores[1].value == 650
    assert befores[2] is None
