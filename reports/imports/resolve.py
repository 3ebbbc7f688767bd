"""Which unit a file means by a code or a name, and which plans a user may pick.

Codes are reused across the reorganisation of 1 July 2025 (`00004` is Phường Trúc Bạch
before and Phường Ba Đình after), so a code or a name is always resolved among the units
valid on the end of the period it is reported for (`Unit.objects.valid_on`), and only
within the importing user's scope (`districts.scope`), narrowed to a subtree (`--unit`,
a plan's issuing unit) when one is given.

The units of one day are fetched once, as plain tuples, and looked up in dicts: a file of
100.000 lines costs one query per distinct period, not one per line.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from districts.models import Unit, UnitQuerySet
from districts.scope import Action, Actor, can, scope_filter
from districts.selectors import code_candidates
from districts.text import fold, strip_unit_prefix

MAX_CANDIDATES_SHOWN = 6


@dataclass(frozen=True, slots=True)
class UnitRef:
    """A unit as the importer needs it; `path` lets `districts.scope.can` judge it."""

    id: int
    code: str
    name: str
    path: str
    parent_name: str
    search_name: str

    @property
    def bare_name(self) -> str:
        return strip_unit_prefix(self.search_name)

    def label(self) -> str:
        if self.parent_name:
            return f"{self.code} {self.name} ({self.parent_name})"
        return f"{self.code} {self.name}"

    def named(self, name: str) -> bool:
        """Whether `name` (`Quận Ba Đình`, `Ba Đình`, `ba dinh`) is this unit's name."""
        folded = fold(name)
        if folded == self.search_name:
            return True
        # A name typed with its type (Phường …) must match in full; without it, the bare
        # name matches (Ba Đình is Quận Ba Đình, but Phường Ba Đình is not).
        return strip_unit_prefix(folded) == folded and folded == self.bare_name


@dataclass(frozen=True, slots=True)
class Resolution:
    unit: UnitRef | None
    error: str = ""
    error_code: str = ""
    warning: str = ""


class UnitIndex:
    """The units of one day, by code, by full name and by bare name."""

    def __init__(self, units: list[UnitRef]) -> None:
        self.by_code: dict[str, list[UnitRef]] = {}
        self.by_name: dict[str, list[UnitRef]] = {}
        self.by_bare: dict[str, list[UnitRef]] = {}
        for unit in units:
            self.by_code.setdefault(unit.code, []).append(unit)
            self.by_name.setdefault(unit.search_name, []).append(unit)
            self.by_bare.setdefault(unit.bare_name, []).append(unit)

    def with_code(self, text: str) -> list[UnitRef]:
        """Units with the code `text`; a code that exists as written wins over the codes
        it could be had Excel dropped its zeros (`328` is Thị xã Mỹ Hào, not 00328)."""
        exact = self.by_code.get(text)
        if exact:
            return list(exact)
        found: list[UnitRef] = []
        for code in code_candidates(text):
            found.extend(self.by_code.get(code, ()))
        return found

    def with_name(self, name: str) -> list[UnitRef]:
        folded = fold(name)
        exact = self.by_name.get(folded)
        if exact:
            return list(exact)
        bare = strip_unit_prefix(folded)
        if bare != folded:  # typed with its type: only the full name matches
            return []
        return list(self.by_bare.get(bare, ()))


def _refs(queryset: QuerySet[Unit]) -> list[UnitRef]:
    return [
        UnitRef(*row)
        for row in queryset.values_list(
            "id", "code", "name", "path", "parent__name", "search_name"
        ).order_by("path")
    ]


def _listing(units: list[UnitRef]) -> str:
    shown = ", ".join(unit.label() for unit in units[:MAX_CANDIDATES_SHOWN])
    if len(units) > MAX_CANDIDATES_SHOWN:
        shown += ", …"
    return shown


class UnitResolver:
    """Resolves unit codes and names for one import.

    `actor` is the importing user or `SYSTEM` (every unit); `root` narrows the search to
    a subtree. `action` is what the import needs on each unit (REPORT).
    """

    def __init__(self, *, actor: Actor, root: Unit | None = None,
                 action: Action = Action.REPORT):
        self.actor = actor
        self.root = root
        self.action = action
        self._in_scope: dict[datetime.date, UnitIndex] = {}
        self._everywhere: dict[datetime.date, UnitIndex] = {}
        self._cache: dict[tuple[str, str, datetime.date], Resolution] = {}
        self._manages: dict[int, bool] = {}

    def scope(self) -> UnitQuerySet:
        units = Unit.objects.filter(scope_filter(self.actor, self.action))
        if self.root is not None:
            units = units.subtree(self.root)
        return units

    def _index(self, day: datetime.date) -> UnitIndex:
        index = self._in_scope.get(day)
        if index is None:
            index = self._in_scope[day] = UnitIndex(
                _refs(self.scope().valid_on(day))
            )
        return index

    def _global(self, day: datetime.date) -> UnitIndex:
        index = self._everywhere.get(day)
        if index is None:
            index = self._everywhere[day] = UnitIndex(_refs(Unit.objects.valid_on(day)))
        return index

    def resolve(self, code: str, name: str, day: datetime.date, period: str) -> Resolution:
        key = (code, name, day)
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = self._resolve(code, name, day, period)
        return found

    def _resolve(self, code: str, name: str, day: datetime.date, period: str) -> Resolution:
        index = self._index(day)
        text = code or name
        if not text:
            return Resolution(None, _("the unit is missing."), "unit_missing")
        matches = index.with_code(code) if code else index.with_name(name)
        if code and len(matches) > 1 and name:
            named = [unit for unit in matches if unit.named(name)]
            matches = named or matches
        if len(matches) == 1:
            unit = matches[0]
            warning = ""
            if code and name and not unit.named(name):
                warning = _(
                    "the code %(code)s is %(unit)s in %(period)s, not “%(name)s”; the code "
                    "was used."
                ) % {"code": unit.code, "unit": unit.name, "period": period, "name": name}
            elif code and code != unit.code:
                warning = self._lost_zeros(code, unit, day)
            return Resolution(unit, warning=warning)
        if matches:
            return Resolution(
                None,
                _("“%(text)s” matches several units in %(period)s: %(candidates)s. Write the "
                  "code with its leading zeros, or the unit's full name.")
                % {"text": text, "period": period, "candidates": _listing(matches)},
                "ambiguous_unit",
            )
        elsewhere = self._global(day)
        others = elsewhere.with_code(code) if code else elsewhere.with_name(name)
        if others:
            if self.root is not None and any(
                can(self.actor, unit, self.action) for unit in others
            ):
                return Resolution(
                    None,
                    _("%(units)s is outside %(root)s, the units this import is limited to.")
                    % {"units": _listing(others), "root": f"{self.root.code} {self.root.name}"},
                    "outside_subtree",
                )
            return Resolution(
                None,
                _("%(units)s is not among the units you may import for.")
                % {"units": _listing(others)},
                "outside_scope",
            )
        if code:
            message = _("no unit has the code “%(code)s” in %(period)s.")
        else:
            message = _("no unit is named “%(name)s” in %(period)s.")
        return Resolution(None, message % {"code": code, "name": name, "period": period},
                          "unknown_unit")

    def _lost_zeros(self, code: str, unit: UnitRef, day: datetime.date) -> str:
        """A warning when `code` was read as `unit` by adding zeros, though a unit with the
        code as written exists elsewhere (`31` read as 00031 Phường Giảng Võ, while 31 is
        Thành phố Hải Phòng): the file may mean the other one."""
        written = self._global(day).by_code.get(code)
        if not written:
            return ""
        return _(
            "“%(code)s” was read as %(unit)s, the code with its zeros; %(code)s as written "
            "is %(other)s. Write %(full)s to be sure."
        ) % {"code": code, "unit": unit.label(), "other": _listing(written), "full": unit.code}

    def manages(self, unit: UnitRef) -> bool:
        """Whether the importer may change a submitted report of the unit (an officer)."""
        found = self._manages.get(unit.id)
        if found is None:
            found = self._manages[unit.id] = can(self.actor, unit, Action.MANAGE)
        return found


