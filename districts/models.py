"""Administrative units of Vietnam (both eras of the 2025 reorganisation) and memberships."""

from __future__ import annotations

import datetime
from typing import Protocol

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .text import fold

# On this day the district level was abolished and provinces merged (63 → 34).
REORGANISATION_DATE = datetime.date(2025, 7, 1)
LAST_DAY_BEFORE_REORGANISATION = datetime.date(2025, 6, 30)


class Placed(Protocol):
    """A unit, or a lighter row of one (the importer's): its `path` places it in the tree."""

    @property
    def path(self) -> str: ...


class UnitQuerySet(models.QuerySet["Unit"]):
    def valid_on(self, day: datetime.date) -> UnitQuerySet:
        """Units that existed on `day`: a code means different units in different eras."""
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_until__isnull=True) | Q(valid_until__gte=day),
        )

    def in_year(self, year: int) -> UnitQuerySet:
        """Units that existed at some point in `year` (2025 has both eras)."""
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=datetime.date(year, 12, 31)),
            Q(valid_until__isnull=True) | Q(valid_until__gte=datetime.date(year, 1, 1)),
        )

    def subtree(self, unit: Unit) -> UnitQuerySet:
        return self.filter(Q(pk=unit.pk) | Q(path__startswith=unit.path + "/"))

    def below(self, unit: Unit) -> UnitQuerySet:
        return self.filter(path__startswith=unit.path + "/")


class Unit(models.Model):
    class Level(models.TextChoices):
        PROVINCE = "province", _("province / centrally-run city")
        DISTRICT = "district", _("district / town / provincial city")
        COMMUNE = "commune", _("commune / ward / township")

    code = models.CharField(_("official code"), max_length=5, db_index=True)
    name = models.CharField(_("name"), max_length=120)
    short_name = models.CharField(_("short name"), max_length=100)
    type_name = models.CharField(_("type"), max_length=40, help_text=_("Quận, Huyện, Phường…"))
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent unit"),
    )
    # Codes of the ancestors and the unit joined by "/", e.g. "01/001/00004": the
    # subtree of a unit is one indexed prefix match, whatever its depth.
    path = models.CharField(_("place in the unit tree"), max_length=20, unique=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    successors = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="predecessors",
        verbose_name=_("successors"),
    )
    search_name = models.CharField(
        _("name for search"), max_length=120, db_index=True, editable=False
    )

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(
                fields=["level", "code"],
                condition=Q(valid_until__isnull=True),
                name="unit_code_unique_current",
            ),
            models.UniqueConstraint(
                fields=["level", "code", "valid_until"],
                condition=Q(valid_until__isnull=False),
                name="unit_code_unique_closed",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.search_name = fold(self.name)
        super().save(*args, **kwargs)

    def valid_on(self, day: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or self.valid_until >= day
        )

    def contains(self, other: Placed) -> bool:
        return other.path == self.path or other.path.startswith(self.path + "/")

    def ancestor_paths(self) -> list[str]:
        parts = self.path.split("/")
        return ["/".join(parts[: i + 1]) for i in range(len(parts))]


def level_of_code(code: str) -> str | None:
    """Official codes have 2 digits for a province, 3 for a district, 5 for a commune."""
    return {2: Unit.Level.PROVINCE, 3: Unit.Level.DISTRICT, 5: Unit.Level.COMMUNE}.get(len(code))


class Role(models.TextChoices):
    REPORTER = "reporter", _("reporter")
    OFFICER = "officer", _("officer")
    VIEWER = "viewer", _("viewer")


class Membership(models.Model):
    """A user's role on a unit; it covers the unit and everything below it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("unit"),
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "unit", "role"], name="membership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.unit}"
