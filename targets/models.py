"""Indicators (what is measured) and targets (plan × indicator × unit × year)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .operators import Direction, IndicatorKind, Operator, describe


class IndicatorQuerySet(models.QuerySet["Indicator"]):
    def for_unit(self, unit) -> IndicatorQuerySet:
        """The indicators a page about `unit` may use: the catalogue shared by every unit
        and the departments' own of a unit containing it (its province)."""
        return self.filter(
            models.Q(owner__isnull=True) | models.Q(owner__path__in=unit.ancestor_paths())
        )

    def active(self) -> IndicatorQuerySet:
        """Offered for new targets: not retired."""
        return self.filter(retired=False)


class Indicator(models.Model):
    """What is measured: the shipped catalogue (`shipped`, no owner) and the indicators a
    department defines for its own subtree (`owner`, the issuing province)."""

    class Kind(models.TextChoices):
        COUNT = IndicatorKind.COUNT.value, _("count (adds up across units)")
        RATE = IndicatorKind.RATE.value, _("rate (numerator ÷ denominator, %)")
        LEVEL = IndicatorKind.LEVEL.value, _("level (a stock, e.g. institutions)")

    class Dir(models.TextChoices):
        HIGHER = Direction.HIGHER.value, _("higher is better")
        LOWER = Direction.LOWER.value, _("lower is better")
        HOLD = Direction.HOLD.value, _("hold: met within a tolerance of the target")

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    unit = models.CharField(_("unit of measure"), max_length=20)
    kind = models.CharField(_("kind"), max_length=5, choices=Kind.choices)
    # `higher_is_better` stays the plain flag the readers of a direction use ("hold" counts
    # as upward for them); `direction` says hold too, and the status rules read both. The
    # catalogue sync and `targets.indicators` keep them in step.
    higher_is_better = models.BooleanField(_("higher is better"), default=True)
    direction = models.CharField(
        _("direction"), max_length=6, choices=Dir.choices, default=Dir.HIGHER
    )
    tolerance = models.DecimalField(
        _("tolerance"),
        max_digits=16,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("For “hold”: how far from the target still counts as met (in points "
                    "for a rate). Empty: 1 point for a rate, 3 % of the target otherwise."),
    )
    component_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="components",
        verbose_name=_("component of"),
    )
    part_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="parts",
        verbose_name=_("of which part of"),
    )
    description_vi = models.TextField(_("description (Vietnamese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order in the catalogue"), default=0)
    shipped = models.BooleanField(_("shipped catalogue"), default=False, editable=False)
    owner = models.ForeignKey(
        "districts.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="own_indicators",
        verbose_name=_("defined by"),
    )
    aliases = models.TextField(
        _("printed names"),
        blank=True,
        help_text=_("Other names report sheets print for it, one per line (the import "
                    "reads column headers by them)."),
    )
    retired = models.BooleanField(_("retired"), default=False)

    objects = IndicatorQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["sort_order"])

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "vi").startswith("en") else self.name_vi

    @property
    def description(self) -> str:
        english = (get_language() or "vi").startswith("en")
        return (self.description_en if english else self.description_vi) or self.description_vi

    @property
    def is_rate(self) -> bool:
        return self.kind == self.Kind.RATE

    @property
    def holds(self) -> bool:
        return self.direction == self.Dir.HOLD

    @property
    def printed_names(self) -> list[str]:
        return [line.strip() for line in self.aliases.splitlines() if line.strip()]


class Target(models.Model):
    """A plan's target for one indicator, unit and year; on a child unit it is a quota."""

    class Op(models.TextChoices):
        GTE = Operator.GTE.value, _("at least (≥)")
        GT = Operator.GT.value, _("greater than (>)")
        APPROX = Operator.APPROX.value, _("about (≈)")
        RANGE = Operator.RANGE.value, _("range (from … to …)")
        LTE = Operator.LTE.value, _("at most (≤)")
        LT = Operator.LT.value, _("less than (<)")
        EQ = Operator.EQ.value, _("equal to (=)")

    plan = models.ForeignKey(
        "plans.Plan", on_delete=models.CASCADE, related_name="targets", verbose_name=_("plan")
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="targets", verbose_name=_("indicator")
    )
    unit = models.ForeignKey(
        "districts.Unit", on_delete=models.PROTECT, related_name="targets", verbose_name=_("unit")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    operator = models.CharField(_("operator"), max_length=6, choices=Op.choices)
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=4)
    value_high = models.DecimalField(
        _("upper value"), max_digits=16, decimal_places=4, null=True, blank=True
    )
    wording = models.CharField(_("wording as printed"), max_length=200, blank=True)
    printed_unit = models.CharField(
        _("unit of measure as printed"),
        max_length=20,
        blank=True,
        help_text=_("Only when the plan prints another unit than the indicator's, "
                    "e.g. “lượt người”."),
    )
    note = models.CharField(_("note"), max_length=400, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["year", "indicator__sort_order", "unit__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "indicator", "unit", "year"], name="target_unique"
            ),
        ]
        indexes = [models.Index(fields=["plan", "year"])]

    def __str__(self) -> str:
        return f"{self.plan_id}:{self.indicator_id}:{self.unit_id}:{self.year} {self.describe()}"

    def clean(self) -> None:
        errors = {}
        if self.operator == Operator.RANGE:
            if self.value_high is None:
                errors["value_high"] = _("A range needs an upper value.")
            elif self.value_high < self.value:
                errors["value_high"] = _("The upper value must not be below the lower value.")
        elif self.value_high is not None:
            errors["value_high"] = _("Only a range has an upper value.")
        if self.value is not None and self.value < 0:
            errors["value"] = _("A target cannot be negative.")
        if (
            self.plan_id
            and self.year
            and not (self.plan.first_year <= self.year <= self.plan.last_year)
        ):
            errors["year"] = _("The year is outside the plan's years.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_quota(self) -> bool:
        return self.unit_id != self.plan.issuer_id

    @property
    def unit_of_measure(self) -> str:
        """The unit the plan prints for this target, else the indicator's."""
        return self.printed_unit or self.indicator.unit

    def describe(self) -> str:
        unit = "%" if self.indicator.kind == Indicator.Kind.RATE else ""
        return describe(Operator(self.operator), self.value, self.value_high, unit)
