"""Bulk writes of actual values and their history rows, for the importer's fast path.

The importer hands over plain rows (tuples in `NEW_COLUMNS` or `CHANGED_COLUMNS` order)
and a `Stamp` that all of them share (origin, import, user, time). On PostgreSQL new
rows go in with `COPY … FROM STDIN` and changed ones with one `UPDATE … FROM (VALUES …)`
per batch; on other databases (SQLite) through Django's `bulk_create` and one
`executemany` of single-row UPDATEs.

History: django-simple-history writes a historical row per save; a bulk write has no
save, so `history_record` writes them itself, once per import, with one
`INSERT INTO <historical table> … SELECT … FROM reports_actual WHERE import_batch_id = …`:
every value the import created (version 1, "+") or changed ("~"), with the import's
time, user and reason. Submissions the import creates or submits get theirs the same way,
selected by id. The columns are the history model's tracked fields, so a field
added to `Actual` is recorded too. Plain SQL, the same on both databases.

Nothing here checks a value: the importer has validated every row under the reports'
write locks, and the caller's transaction makes the import all or nothing. The one
check made here is the version of each changed value, in the UPDATE itself.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection

from reports.locks import ConcurrentWrite
from reports.models import Actual, Submission

from .memo import Memo

BATCH = 2000
SUBMISSION_BATCH = 500

# A new value: what differs from one row to the next, in this order.
NEW_COLUMNS = (
    "indicator_id",
    "unit_id",
    "period",
    "year",
    "value",
    "printed",
    "numerator",
    "denominator",
    "note",
    "submission_id",
)
# A changed value: its id and what it changes, in this order.
CHANGED_COLUMNS = (
    "id",
    "value",
    "printed",
    "numerator",
    "denominator",
    "note",
    "version",
    "submission_id",
)
# What every value an import writes shares (`Stamp`); an imported value is never a sample.
STAMP_COLUMNS = ("origin", "is_sample", "import_batch_id", "updated_by_id", "updated_at")


@dataclass(frozen=True)
class Stamp:
    """Who wrote the values, when, from which import (None: not from a file, e.g. the
    API's data value sets)."""

    origin: str
    batch_id: int | None
    user_id: int | None
    when: datetime.datetime

    def values(self) -> tuple:
        return (self.origin, False, self.batch_id, self.user_id, self.when)


_PG_TYPES = {
    "id": "bigint",
    "value": "numeric",
    "printed": "varchar",
    "numerator": "numeric",
    "denominator": "numeric",
    "note": "text",
    "origin": "varchar",
    "is_sample": "boolean",
    "version": "integer",
    "submission_id": "bigint",
    "import_batch_id": "bigint",
    "updated_by_id": "integer",
    "updated_at": "timestamptz",
}


def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


# --- PostgreSQL ------------------------------------------------------------------------------

_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
NULL = "\\N"


def _lines(rows: Iterable[Sequence], stamp: Stamp) -> Iterator[str]:
    """New rows (NEW_COLUMNS order) as lines of COPY's text format, in the column order of
    `_COPY_COLUMNS`. Unrolled: a national file is 100.000 of them."""
    texts = Memo(10_000)  # periods and notes repeat

    def text(value: str) -> str:
        found = texts.get(value)
        return texts.remember(value, value.translate(_ESCAPES)) if found is None else found

    user = NULL if stamp.user_id is None else stamp.user_id
    middle = f"\t{text(stamp.origin)}\tf\t1\t"  # origin, is_sample, version
    batch = NULL if stamp.batch_id is None else stamp.batch_id
    end = f"\t{batch}\t{user}\t{stamp.when.isoformat()}\n"
    for (indicator, unit, period, year, value, printed, numerator, denominator, note,
         submission) in rows:
        yield (
            f"{indicator}\t{unit}\t{text(period)}\t{year}\t{NULL if value is None else value}\t"
            f"{text(printed) if printed else ''}\t{NULL if numerator is None else numerator}\t"
            f"{NULL if denominator is None else denominator}\t{text(note) if note else ''}"
            f"{middle}{NULL if submission is None else submission}{end}"
        )


_COPY_COLUMNS = (
    *NEW_COLUMNS[:9], "origin", "is_sample", "version",
    "submission_id", "import_batch_id", "updated_by_id", "updated_at",
)


def _copy(table: str, columns: Sequence[str], lines: Iterable[str]) -> None:
    buffer = io.StringIO()
    buffer.writelines(lines)
    buffer.seek(0)
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    with connection.cursor() as cursor:
        cursor.cursor.copy_expert(f"COPY {table} ({names}) FROM STDIN", buffer)


def _pg_update(rows: Sequence[Sequence], stamp: Stamp) -> int:
    from psycopg2.extras import execute_values

    columns = (*CHANGED_COLUMNS, *STAMP_COLUMNS)
    template = "(" + ", ".join(f"%s::{_PG_TYPES[c]}" for c in columns) + ")"
    assignments = ", ".join(f"{c} = v.{c}" for c in columns[1:])
    # A row is written only over the version it was read at (its new version less one).
    sql = (
        f"UPDATE {Actual._meta.db_table} AS a SET {assignments} "
        f"FROM (VALUES %s) AS v ({', '.join(columns)}) "
        "WHERE a.id = v.id AND a.version = v.version - 1 RETURNING a.id"
    )
    shared = stamp.values()
    with connection.cursor() as cursor:
        written = execute_values(cursor.cursor, sql, [(*row, *shared) for row in rows],
                                 template=template, page_size=BATCH, fetch=True)
    return len(written)


def _sqlite_update(rows: Sequence[Sequence], stamp: Stamp) -> int:
    """One `UPDATE … WHERE id = ? AND version = ?` per row, in one `executemany`."""
    columns = (*CHANGED_COLUMNS[1:], *STAMP_COLUMNS)
    quote = connection.ops.quote_name
    sql = (
        f"UPDATE {quote(Actual._meta.db_table)} SET "
        + ", ".join(f"{quote(c)} = %s" for c in columns)
        + f" WHERE {quote('id')} = %s AND {quote('version')} = %s"
    )
    origin, is_sample, batch_id, user_id, when = stamp.values()
    shared = (origin, is_sample, batch_id, user_id,
              connection.ops.adapt_datetimefield_value(when))
    version = CHANGED_COLUMNS.index("version")
    with connection.cursor() as cursor:
        cursor.executemany(
            sql, [(*row[1:], *shared, row[0], row[version] - 1) for row in rows]
        )
        return cursor.rowcount


# --- the importer's writes ------------------------------------------------------------------------


def actuals_insert(rows: list[Sequence], *, stamp: Stamp) -> None:
    """Insert new actuals (rows in NEW_COLUMNS order), version 1, stamped."""
    if not rows:
        return
    if _is_postgres():
        _copy(Actual._meta.db_table, _COPY_COLUMNS, _lines(rows, stamp))
        return
    shared = dict(zip(STAMP_COLUMNS, stamp.values(), strict=True))
    Actual.objects.bulk_create(
        [Actual(**dict(zip(NEW_COLUMNS, row, strict=True)), **shared) for row in rows],
        batch_size=BATCH,
    )


def actuals_update(rows: list[Sequence], *, stamp: Stamp) -> None:
    """Write changed actuals (rows in CHANGED_COLUMNS order, `version` the new one),
    stamped. Each row is written only if its stored version is still the one before: if
    any is not, someone else changed it meanwhile and `ConcurrentWrite` is raised (the
    caller's transaction is then rolled back)."""
    if not rows:
        return
    written = _pg_update(rows, stamp) if _is_postgres() else _sqlite_update(rows, stamp)
    if written != len(rows):
        raise ConcurrentWrite(f"{len(rows) - written} of {len(rows)} values changed meanwhile")


def _history_copy(model, *, where: str, params: Sequence, kind: str, when: datetime.datetime,
                  reason: str, user_id) -> int:
    """`INSERT INTO <model's history table> … SELECT … FROM <model's table> WHERE <where>`:
    a django-simple-history row for each row `where` selects, as it is now, with `kind`
    (an SQL expression giving "+" or "~"), the time, the user and the reason."""
    history = model.history.model
    fields = [f.attname for f in history.tracked_fields]
    quote = connection.ops.quote_name
    names = ", ".join(quote(f) for f in fields)
    sql = (
        f"INSERT INTO {quote(history._meta.db_table)} "
        f"({names}, history_date, history_change_reason, history_type, history_user_id) "
        f"SELECT {names}, %s, %s, {kind}, %s FROM {quote(model._meta.db_table)} WHERE {where}"
    )
    with connection.cursor() as cursor:
        stamp = connection.ops.adapt_datetimefield_value(when)
        cursor.execute(sql, [stamp, reason, user_id, *params])
        return cursor.rowcount


def history_record(*, batch_id: int, when: datetime.datetime, reason: str, user_id) -> int:
    """A django-simple-history row for every value the import `batch_id` created or
    changed: who, when, from which file. Returns how many."""
    return _history_copy(
        Actual, where="import_batch_id = %s", params=[batch_id],
        kind="CASE WHEN version = 1 THEN '+' ELSE '~' END",
        when=when, reason=reason, user_id=user_id,
    )


def history_record_ids(ids: Sequence[int], *, when: datetime.datetime, reason: str,
                       user_id) -> int:
    """A django-simple-history row for each value of `ids`, as it is now ("+" at version
    1, else "~"): for bulk writes that are not a file's (the API's data value sets), whose
    values have no import batch to be selected by. Returns how many."""
    kind = "CASE WHEN version = 1 THEN '+' ELSE '~' END"
    if _is_postgres():
        # One array parameter: an index scan of the ids (PostgreSQL hashes a long constant
        # array, so a sequential scan would not compare each row with all of it either).
        return _history_copy(Actual, where="id = ANY(%s)", params=[list(ids)], kind=kind,
                             when=when, reason=reason, user_id=user_id)
    written = 0
    size = _batch(1)
    for start in range(0, len(ids), size):
        part = list(ids[start:start + size])
        written += _history_copy(
            Actual, where=f"id IN ({', '.join(['%s'] * len(part))})", params=part,
            kind=kind, when=when, reason=reason, user_id=user_id,
        )
    return written


def _batch(per_row: int, rows: int = BATCH) -> int:
    """Rows per statement with `per_row` parameters each, within the database's limit on
    parameters (999 on SQLite as Django counts it, none on PostgreSQL)."""
    limit = connection.features.max_query_params
    return rows if limit is None else max(1, min(rows, (limit - 3) // per_row))


def _submissions_history(ids: list[int], *, kind: str, when, reason: str, user) -> None:
    size = _batch(1)
    for start in range(0, len(ids), size):
        part = ids[start:start + size]
        _history_copy(
            Submission, where=f"id IN ({', '.join(['%s'] * len(part))})", params=part,
            kind=f"'{kind}'", when=when, reason=reason, user_id=user.pk if user else None,
        )


def submissions_create(
    years: dict[tuple[int, str], int], *, when, reason: str, user
) -> dict[tuple[int, str], int]:
    """New draft submissions, one per (unit id, period) of `years` (→ the period's year),
    with their history rows. Returns their ids by (unit id, period).

    One `INSERT` per batch rather than `bulk_create`: an import of the whole country
    creates a few thousand, and building a model instance for each (and another for its
    history) cost more than writing them. The ids come back with `RETURNING` where the
    database has it (PostgreSQL, SQLite ≥ 3.35), else from one query per batch."""
    if not years:
        return {}
    quote = connection.ops.quote_name
    returning = connection.features.can_return_rows_from_bulk_insert
    created: dict[tuple[int, str], int] = {}
    keys = list(years)
    stamp = connection.ops.adapt_datetimefield_value(when)
    size = _batch(5, SUBMISSION_BATCH)
    for start in range(0, len(keys), size):
        part = keys[start:start + size]
        sql = (
            f"INSERT INTO {quote(Submission._meta.db_table)} "
            "(unit_id, period, year, state, reason, updated_at) VALUES "
            + ", ".join(["(%s, %s, %s, %s, '', %s)"] * len(part))
            + (" RETURNING id, unit_id, period" if returning else "")
        )
        params: list[Any] = []
        for unit_id, period in part:
            params += [unit_id, period, years[(unit_id, period)], Submission.State.DRAFT, stamp]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            found = cursor.fetchall() if returning else Submission.objects.filter(
                unit_id__in={unit_id for unit_id, _period in part},
                period__in={period for _unit_id, period in part},
            ).values_list("id", "unit_id", "period")
            for pk, unit_id, period in found:
                if (unit_id, period) in years:
                    created[(unit_id, period)] = pk
    _submissions_history(list(created.values()), kind="+", when=when, reason=reason, user=user)
    return created


def submissions_update(submissions: list[Submission], fields: list[str], *, when, reason: str,
                       user) -> None:
    if not submissions:
        return
    Submission.objects.bulk_update(submissions, fields, batch_size=500)
    _submissions_history([s.pk for s in submissions], kind="~", when=when, reason=reason, user=user)
