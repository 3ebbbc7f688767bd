"""Bulk writes of actual values and their history rows, for the importer's fast path.

The importer hands over plain rows (lists in `ACTUAL_COLUMNS` order). On PostgreSQL new
rows go in with `COPY … FROM STDIN` and changed ones with one `UPDATE … FROM (VALUES …)`
per batch; on other databases (SQLite) through Django's `bulk_create` / `bulk_update`.

History: django-simple-history writes a historical row per save; a bulk write has no
save, so `history_record` writes them itself, once per import, with one
`INSERT INTO <historical table> … SELECT … FROM reports_actual WHERE import_batch_id = …`:
every value the import created (version 1, "+") or changed ("~"), with the import's
time, user and reason. The columns are the history model's tracked fields, so a field
added to `Actual` is recorded too. Plain SQL, the same on both databases.

Nothing here checks anything: the importer has validated every row, and the caller's
transaction makes the import all or nothing.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterable, Iterator, Sequence

from django.db import connection

from reports.models import Actual, Submission

BATCH = 2000

# Columns of a new or changed Actual, in the order rows are given.
ACTUAL_COLUMNS = (
    "id",
    "indicator_id",
    "unit_id",
    "period",
    "year",
    "value",
    "printed",
    "numerator",
    "denominator",
    "note",
    "origin",
    "is_sample",
    "version",
    "submission_id",
    "import_batch_id",
    "updated_by_id",
    "updated_at",
)
# What an update changes (everything but the key and what never changes).
UPDATED_COLUMNS = tuple(
    c for c in ACTUAL_COLUMNS if c not in {"id", "indicator_id", "unit_id", "period", "year"}
)

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

HistoricalActual = Actual.history.model


def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


# --- PostgreSQL ------------------------------------------------------------------------------

_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _text(value: str | None) -> str:
    if value is None:
        return "\\N"
    return value.translate(_ESCAPES) if value else ""


def _number(value) -> str:
    return "\\N" if value is None else str(value)


def _lines(rows: Iterable[Sequence]) -> Iterator[str]:
    """New rows (ACTUAL_COLUMNS order, id left out) in COPY's text format."""
    stamps: dict[datetime.datetime, str] = {}  # an import's rows share one timestamp
    for r in rows:
        stamp = stamps.get(r[16])
        if stamp is None:
            stamp = stamps[r[16]] = r[16].isoformat()
        yield (
            f"{r[1]}\t{r[2]}\t{_text(r[3])}\t{r[4]}\t{_number(r[5])}\t{_text(r[6])}\t"
            f"{_number(r[7])}\t{_number(r[8])}\t{_text(r[9])}\t{_text(r[10])}\t"
            f"{'t' if r[11] else 'f'}\t{r[12]}\t{_number(r[13])}\t{_number(r[14])}\t"
            f"{_number(r[15])}\t{stamp}\n"
        )


def _copy(table: str, columns: Sequence[str], lines: Iterable[str]) -> None:
    buffer = io.StringIO()
    buffer.writelines(lines)
    buffer.seek(0)
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    with connection.cursor() as cursor:
        cursor.cursor.copy_expert(f"COPY {table} ({names}) FROM STDIN", buffer)


def _pg_update(rows: Sequence[Sequence]) -> None:
    from psycopg2.extras import execute_values

    columns = ("id", *UPDATED_COLUMNS)
    template = "(" + ", ".join(f"%s::{_PG_TYPES[c]}" for c in columns) + ")"
    assignments = ", ".join(f"{c} = v.{c}" for c in UPDATED_COLUMNS)
    sql = (
        f"UPDATE {Actual._meta.db_table} AS a SET {assignments} "
        f"FROM (VALUES %s) AS v ({', '.join(columns)}) WHERE a.id = v.id"
    )
    with connection.cursor() as cursor:
        execute_values(cursor.cursor, sql, rows, template=template, page_size=BATCH)


# --- the importer's writes ------------------------------------------------------------------------


def actuals_insert(rows: list[list]) -> None:
    """Insert new actuals (rows in ACTUAL_COLUMNS order; the id is the database's)."""
    if not rows:
        return
    if _is_postgres():
        _copy(Actual._meta.db_table, ACTUAL_COLUMNS[1:], _lines(rows))
        return
    Actual.objects.bulk_create(
        [Actual(**dict(zip(ACTUAL_COLUMNS[1:], row[1:], strict=True))) for row in rows],
        batch_size=BATCH,
    )


def actuals_update(rows: list[list]) -> None:
    """Write changed actuals (rows in ACTUAL_COLUMNS order, with their id)."""
    if not rows:
        return
    if _is_postgres():
        index = [ACTUAL_COLUMNS.index(c) for c in ("id", *UPDATED_COLUMNS)]
        _pg_update([[row[i] for i in index] for row in rows])
        return
    objs = [Actual(**dict(zip(ACTUAL_COLUMNS, row, strict=True))) for row in rows]
    Actual.objects.bulk_update(objs, list(UPDATED_COLUMNS), batch_size=500)


def history_record(*, batch_id: int, when: datetime.datetime, reason: str, user_id) -> int:
    """A django-simple-history row for every value the import `batch_id` created or
    changed: who, when, from which file. Returns how many."""
    fields = [f.attname for f in HistoricalActual.tracked_fields]
    quote = connection.ops.quote_name
    names = ", ".join(quote(f) for f in fields)
    sql = (
        f"INSERT INTO {quote(HistoricalActual._meta.db_table)} "
        f"({names}, history_date, history_change_reason, history_type, history_user_id) "
        f"SELECT {names}, %s, %s, CASE WHEN version = 1 THEN '+' ELSE '~' END, %s "
        f"FROM {quote(Actual._meta.db_table)} WHERE import_batch_id = %s"
    )
    with connection.cursor() as cursor:
        when = connection.ops.adapt_datetimefield_value(when)
        cursor.execute(sql, [when, reason, user_id, batch_id])
        return cursor.rowcount


def submissions_create(submissions: list[Submission], *, when, reason: str, user) -> None:
    """New draft submissions with their history rows (few: one per unit and period)."""
    if not submissions:
        return
    Submission.objects.bulk_create(submissions, batch_size=BATCH)
    Submission.history.bulk_history_create(
        submissions, default_user=user, default_change_reason=reason, default_date=when
    )


def submissions_update(submissions: list[Submission], fields: list[str], *, when, reason: str,
                       user) -> None:
    if not submissions:
        return
    Submission.objects.bulk_update(submissions, fields, batch_size=500)
    Submission.history.bulk_history_create(
        submissions, update=True, default_user=user, default_change_reason=reason,
        default_date=when,
    )
