"""Reading a posted data value set, JSON or CSV, into plain records, without the database.

What cannot be read at all — not JSON, not UTF-8, not an object, an unknown field of the
set itself, a NUL byte — is refused as a whole (`Unreadable`, HTTP 400). What is wrong
with one value — an unknown field, a field of the wrong type, a text too long, a NUL
character — is a conflict of that value, with its index (its place in `dataValues`, or
its row after the header in a CSV file), so that every problem of the set is listed at
once.

CSV is DHIS2's layout: columns by position, `dataelement, period, orgunit,
categoryoptioncombo, attributeoptioncombo, value, storedby, lastupdated, comment,
followup` (and `deleted`), with a header row that is recognised by its first cell.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from districts.spreadsheets import restore_text
from reports.bounds import looks_like_bound

# Fields of a set and of a value that DHIS2 writes; storedBy, created, lastUpdated and
# followup are the server's own and are read past (an export can be posted back).
SET_FIELDS = frozenset({"dataSet", "completeDate", "period", "orgUnit",
                        "attributeOptionCombo", "dataValues"})
VALUE_FIELDS = frozenset({"dataElement", "period", "orgUnit", "categoryOptionCombo",
                          "attributeOptionCombo", "value", "storedBy", "created",
                          "lastUpdated", "comment", "followup", "deleted"})
TEXT_FIELDS = ("dataElement", "period", "orgUnit", "categoryOptionCombo",
               "attributeOptionCombo", "comment", "storedBy", "created", "lastUpdated")
CSV_COLUMNS = ("dataelement", "period", "orgunit", "categoryoptioncombo",
               "attributeoptioncombo", "value", "storedby", "lastupdated", "comment",
               "followup")
CSV_FIELDS = ("dataElement", "period", "orgUnit", "categoryOptionCombo",
              "attributeOptionCombo", "value", "storedBy", "lastUpdated", "comment",
              "followup", "deleted")
# The category option combo without disaggregation, by code (and its well-known UID).
DEFAULT_COMBOS = frozenset({"", "default", "HllvX50cXC0"})

VALUE_MAX_LENGTH = 40  # as on the entry page
COMMENT_MAX_LENGTH = 2000
CODE_MAX_LENGTH = 60
PLAIN_NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?$")
NUL = "\x00"


class Unreadable(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Conflict:
    """DHIS2's conflict: the object it is about, the property, the message (`value`),
    an error code and the indexes of the values concerned."""

    object: str
    property: str
    value: str
    errorCode: str  # noqa: N815 (DHIS2's name)
    indexes: tuple[int, ...]

    def as_dict(self) -> dict:
        return {"object": self.object, "property": self.property, "value": self.value,
                "errorCode": self.errorCode, "indexes": list(self.indexes)}


# Error codes, in DHIS2's style (E76xx for data values); what each means here.
E_DATA_SET = "E7600"  # dataSet: no such plan the token's user may report on
E_DATA_ELEMENT = "E7610"  # dataElement: no such indicator
E_PERIOD = "E7611"  # period: not a period, or outside the plan's years
E_ORG_UNIT = "E7612"  # orgUnit: no such unit in the period's era, or out of sight
E_CATEGORY_COMBO = "E7613"  # categoryOptionCombo: disaggregations are not kept
E_ATTRIBUTE_COMBO = "E7615"  # attributeOptionCombo: likewise
E_NOT_WRITABLE = "E7617"  # orgUnit: seen, but the user may not report for it
E_VALUE = "E7619"  # value: not a number, or a number its indicator does not allow
E_FIELD = "E7620"  # a field of a value: unknown, wrong type, too long, NUL
E_DUPLICATE = "E7621"  # the same value (dataElement, period, orgUnit) twice in the set
E_STRATEGY = "E7622"  # importStrategy CREATE over a stored value, UPDATE of a missing one
E_LOCKED = "E7630"  # the report is approved (or submitted) and locked
E_WARNING = "E7631"  # a warning the value needs a comment for
E_CONCURRENT = "E7632"  # someone else changed the value meanwhile


@dataclass(slots=True)
class DataValue:
    """One value as posted: texts as given, the number read if it is one."""

    index: int
    data_element: str = ""
    period: str = ""
    org_unit: str = ""
    category_combo: str = ""
    attribute_combo: str = ""
    value_text: str = ""
    number: Decimal | None = None
    bound: str = ""  # a value written as a bound (">92"), checked by `actuals_save`
    comment: str | None = None  # None: not given, the stored note stays
    deleted: bool = False
    readable: bool = True  # False: not even a value (a list, a short row); nothing to check
    # Fields already in a conflict of their own (a wrong type, a NUL): not checked again.
    bad_fields: frozenset[str] = frozenset()

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.data_element, self.period, self.org_unit)


@dataclass
class PostedSet:
    data_set: str = ""
    values: list[DataValue] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)

    def conflict(self, value: DataValue | None, prop: str, message: str, code: str,
                 obj: str = "") -> None:
        indexes = (value.index,) if value is not None else ()
        if value is not None:
            value.bad_fields = value.bad_fields | {prop}
        self.conflicts.append(Conflict(obj[:CODE_MAX_LENGTH * 2], prop, message, code, indexes))


def _reject_constant(name: str) -> object:
    raise ValueError(name)


def _text_of(body: bytes) -> str:
    if b"\x00" in body:
        raise Unreadable(_(
            "The request contains a NUL character (\\0), which no field accepts. Remove "
            "it and send the set again."
        ))
    try:
        return body.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Unreadable(_("The request is not UTF-8 text.")) from None


def read_json(body: bytes) -> PostedSet:
    text = _text_of(body)
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except (ValueError, RecursionError):
        raise Unreadable(_("The request is not valid JSON.")) from None
    if not isinstance(data, dict):
        raise Unreadable(_("A data value set is a JSON object with a list “dataValues”."))
    unknown = sorted(set(data) - SET_FIELDS)
    if unknown:
        raise Unreadable(
            _("Unknown fields of the set: %(fields)s. A set has dataSet, period, orgUnit, "
              "attributeOptionCombo and dataValues.") % {"fields": ", ".join(unknown)[:200]}
        )
    if data.get("completeDate") not in (None, ""):
        raise Unreadable(_(
            "completeDate is not supported: send the values, then submit the report with "
            "POST /api/v1/submissions/<id>/submit."
        ))
    values = data.get("dataValues", [])
    if not isinstance(values, list):
        raise Unreadable(_("“dataValues” must be a list of values."))
    defaults: dict[str, str] = {}
    for name in ("dataSet", "period", "orgUnit", "attributeOptionCombo"):
        given = data.get(name)
        if given is None:
            continue
        if not isinstance(given, str | int) or isinstance(given, bool) or NUL in str(given):
            raise Unreadable(_("“%(field)s” of the set must be a text.") % {"field": name})
        defaults[name] = str(given).strip()[:CODE_MAX_LENGTH]
    posted = PostedSet(data_set=defaults.pop("dataSet", ""))
    for index, raw in enumerate(values):
        posted.values.append(_read_value(index, raw, defaults, posted))
    return posted


def _read_value(index: int, raw: object, defaults: dict[str, str],
                posted: PostedSet) -> DataValue:
    value = DataValue(index=index)
    if not isinstance(raw, dict):
        posted.conflict(value, "dataValues", _("A value must be a JSON object."), E_FIELD)
        value.readable = False
        return value
    fields: dict[str, object] = {**defaults, **raw}
    for name in sorted(set(raw) - VALUE_FIELDS):
        posted.conflict(value, name[:CODE_MAX_LENGTH],
                        _("Unknown field “%(field)s” of a value.") % {"field": name[:60]},
                        E_FIELD, name)
    texts: dict[str, str] = {}
    for name in TEXT_FIELDS:
        given = fields.get(name)
        if given is None:
            texts[name] = ""
            continue
        if isinstance(given, bool) or not isinstance(given, str | int):
            posted.conflict(value, name, _("“%(field)s” must be a text.") % {"field": name},
                            E_FIELD)
            continue
        text = str(given)
        if NUL in text:
            posted.conflict(value, name, _("“%(field)s” contains a NUL character (\\0).")
                            % {"field": name}, E_FIELD)
            continue
        limit = COMMENT_MAX_LENGTH if name == "comment" else CODE_MAX_LENGTH
        if len(text) > limit:
            posted.conflict(value, name, _("“%(field)s” is longer than %(max)s characters.")
                            % {"field": name, "max": limit}, E_FIELD)
            continue
        texts[name] = text if name == "comment" else text.strip()
    for flag in ("followup", "deleted"):
        given = fields.get(flag)
        if given is not None and not isinstance(given, bool):
            posted.conflict(value, flag, _("“%(field)s” must be true or false.")
                            % {"field": flag}, E_FIELD)
    value.data_element = texts.get("dataElement", "")
    value.period = texts.get("period", "")
    value.org_unit = texts.get("orgUnit", "")
    value.category_combo = texts.get("categoryOptionCombo", "")
    value.attribute_combo = texts.get("attributeOptionCombo", "")
    value.comment = texts.get("comment") if fields.get("comment") is not None else None
    value.deleted = fields.get("deleted") is True
    _read_number(value, fields.get("value"), posted)
    return value


def _read_number(value: DataValue, given: object, posted: PostedSet) -> None:
    """A number as DHIS2 writes one: JSON number, or text of digits with a point."""
    if given is None or given == "":
        posted.conflict(value, "value", _(
            "The value is empty. Give a number (deleting a value is not supported)."
        ), E_VALUE, value.data_element)
        return
    if isinstance(given, bool) or not isinstance(given, str | int | float):
        posted.conflict(value, "value", _("The value must be a number or a text of digits."),
                        E_FIELD, value.data_element)
        return
    if isinstance(given, str) and NUL in given:
        posted.conflict(value, "value", _("“%(field)s” contains a NUL character (\\0).")
                        % {"field": "value"}, E_FIELD, value.data_element)
        return
    if isinstance(given, str) and len(given) > VALUE_MAX_LENGTH:
        posted.conflict(value, "value", _("“%(field)s” is longer than %(max)s characters.")
                        % {"field": "value", "max": VALUE_MAX_LENGTH}, E_VALUE,
                        value.data_element)
        return
    text = given.strip() if isinstance(given, str) else repr(given)
    value.value_text = text
    if isinstance(given, str) and looks_like_bound(text):
        value.bound = text  # ">92", "trên 92": stored as printed, as from a file
        return
    if not PLAIN_NUMBER.match(text):  # 1e+20, 1.400,5, 74,2, inf, …
        posted.conflict(value, "value", _(
            "“%(text)s” is not a number as DHIS2 writes it: digits, with a point for "
            "decimals (1400, 74.2)."
        ) % {"text": text}, E_VALUE, value.data_element)
        return
    value.number = Decimal(text)


def read_csv(body: bytes) -> PostedSet:
    text = _text_of(body)
    posted = PostedSet()
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error:
        raise Unreadable(_("The request is not a CSV file DHIS2 could have written.")) from None
    if rows and rows[0] and rows[0][0].strip().lower() == CSV_COLUMNS[0]:
        rows = rows[1:]
    for index, cells in enumerate(rows):
        if not any(cell.strip() for cell in cells):
            continue
        value = DataValue(index=index)
        if len(cells) < 6 or len(cells) > len(CSV_FIELDS):
            posted.conflict(value, "row", _(
                "A row has the columns dataelement, period, orgunit, categoryoptioncombo, "
                "attributeoptioncombo, value, then optionally storedby, lastupdated, "
                "comment, followup and deleted."
            ), E_FIELD)
            value.readable = False
            posted.values.append(value)
            continue
        raw: dict[str, object] = {}
        for name, cell in zip(CSV_FIELDS, cells, strict=False):
            if name in ("followup", "deleted"):
                flag = cell.strip().lower()
                raw[name] = True if flag == "true" else False if flag in ("", "false") else cell
            elif name == "comment":
                # An export guards a text that looks like a formula with an apostrophe.
                raw[name] = restore_text(cell) if cell != "" else None
            else:
                raw[name] = cell
        posted.values.append(_read_value(index, raw, {}, posted))
    return posted
