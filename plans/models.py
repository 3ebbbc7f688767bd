"""Plans (kế hoạch): documents a unit issues, with targets for one or more years."""

from __future__ import annotations

import calendar
import datetime
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

_MONTH_DAY = re.compile(r"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")
# The year the districts were abolished (1 July 2025): its quotas go to either era.
TRANSITION_YEAR = 2025
# A leap year, so that 29 February is a day a deadline may fall on.
_ANY_YEAR = 2024


def validate_month_day(value: str) -> None:
    """The stored form of a yearly deadline, `MM-DD`, naming a real day (not 31 April).
    People type it day first (`plans.forms.DayMonthField`)."""
    if not value:
        return
    if _MONTH_DAY.match(value):
        month, day = (int(part) for part in value.split("-"))
        try:
            datetime.date(_ANY_YEAR, month, day)
            return
        except ValueError:
            pass
    raise ValidationError(_("Write the deadline as day/month, e.g. 15/12 for 15 December."))


class Plan(models.Model):
    class Kind(models.TextChoices):
        ANNUAL = "annual", _("annual plan")
        STRATEGY = "strategy", _("multi-year strategy")
        REMEDIAL = "remedial", _("remedial plan")
        THEMATIC = "thematic", _("thematic plan")

    class TransitionUnits(models.TextChoices):
        """Who gets the quotas of 2025, the year the districts were abolished (1 July)."""

        COMMUNES = "communes", _("the communes in force from 1 July 2025")
        DISTRICTS = "districts", _("the districts in force until 30 June 2025")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        ISSUED = "issued", _("issued")
        SUPERSEDED = "superseded", _("superseded")

    code = models.SlugField(
        _("code"), max_length=40, unique=True, help_text=_("A short unique code, e.g. hn-2024.")
    )
    number = models.CharField(_("number and symbol"), max_length=60, blank=True)
    title = models.CharField(_("title"), max_length=400)
    title_en = models.CharField(_("title in English"), max_length=400, blank=True)
    issuer = models.ForeignKey(
        "districts.Unit",
        on_delete=models.PROTECT,
        related_name="plans",
        verbose_name=_("issuing unit"),
    )
    issued_on = models.DateField(_("date issued"), null=True, blank=True)
    signer = models.CharField(_("signed by"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.ANNUAL)
    first_year = models.PositiveSmallIntegerField(_("first year"))
    last_year = models.PositiveSmallIntegerField(_("last year"))
    implements = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="implemented_by",
        verbose_name=_("implements (plans in the system)"),
    )
    legal_basis = models.TextField(
        _("based on"), blank=True, help_text=_("Documents the plan implements, one per line.")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    superseded_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="supersedes",
        verbose_name=_("superseded by"),
    )
    transition_units = models.CharField(
        _("2025 quotas go to"),
        max_length=10,
        choices=TransitionUnits.choices,
        default=TransitionUnits.COMMUNES,
        help_text=_(
            "Only for 2025: a plan issued before 1 July 2025 may hand its quotas to the "
            "districts then in force."
        ),
    )
    units_deadline = models.CharField(
        _("units' reporting deadline"),
        max_length=5,
        blank=True,
        validators=[validate_month_day],
        help_text=_("Each year, as day/month (15/12)."),
    )
    consolidation_deadline = models.CharField(
        _("consolidation deadline"),
        max_length=5,
        blank=True,
        validators=[validate_month_day],
        help_text=_("Each year, as day/month (31/12)."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-first_year", "code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(last_year__gte=models.F("first_year")),
                name="plan_years_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number or self.code} · {self.title}"

    def clean(self) -> None:
        if self.first_year and self.last_year and self.last_year < self.first_year:
            raise ValidationError({"last_year": _("The last year cannot be before the first.")})

    @property
    def display_title(self) -> str:
        if self.title_en and (get_language() or "vi").startswith("en"):
            return self.title_en
        return self.title

    @property
    def years(self) -> range:
        return range(self.first_year, self.last_year + 1)

    @property
    def is_editable(self) -> bool:
        """Targets of a draft change freely; an issued plan changes only by amendment."""
        return self.status == self.Status.DRAFT

    @property
    def covers_transition(self) -> bool:
        """Whether the plan's years include 2025, whose quotas may go to either era."""
        return self.first_year <= TRANSITION_YEAR <= self.last_year

    def units_deadline_for(self, year: int) -> datetime.date | None:
        return _deadline(self.units_deadline, year)

    def consolidation_deadline_for(self, year: int) -> datetime.date | None:
        return _deadline(self.consolidation_deadline, year)

    def basis_lines(self) -> list[str]:
        return [line.strip() for line in self.legal_basis.splitlines() if line.strip()]


def _deadline(month_day: str, year: int) -> datetime.date | None:
    if not month_day:
        return None
    month, day = (int(part) for part in month_day.split("-"))
    if (month, day) == (2, 29) and not calendar.isleap(year):
        day = 28  # a 29 February deadline falls on the last day of February
    return datetime.date(year, month, day)


class Amendment(models.Model):
    """An explicit, recorded change to an issued plan's targets."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="amendments", verbose_name=_("plan")
    )
    number = models.CharField(_("number and symbol"), max_length=60, blank=True)
    issued_on = models.DateField(_("date"), default=datetime.date.today)
    reason = models.TextField(_("reason"))
    # Empty for an amendment the system operator recorded (a loader re-run on an issued
    # plan whose printed targets changed).
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.plan.code} · {self.number or self.issued_on}"
