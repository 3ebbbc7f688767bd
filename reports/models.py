"""What units report: actual values, their submissions, and imported files."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .locks import ConcurrentWrite
from .periods import Period


class IndexedHistory(HistoricalRecords):
    """`HistoricalRecords` whose table has the composite `indexes` (tuples of field names)
    that the pages reading it need."""

    def __init__(self, *args, indexes=(), **kwargs) -> None:
        self.extra_indexes = [tuple(fields) for fields in indexes]
        super().__init__(*args, **kwargs)

    def get_meta_options(self, model) -> dict:
        options = super().get_meta_options(model)
        options["indexes"] = [
            *options.get("indexes", ()),
            *(models.Index(fields=list(fields)) for fields in self.extra_indexes),
        ]
        return options


class Submission(models.Model):
    """A unit's report for a period: draft → submitted → approved, or → returned → submitted."""

    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        RETURNED = "returned", _("returned")
        APPROVED = "approved", _("approved")

    unit = models.ForeignKey(
        "districts.Unit",
        on_delete=models.PROTECT,
        related_name="submissions",
        verbose_name=_("unit"),
    )
    period = models.CharField(_("period"), max_length=8)
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    reason = models.TextField(
        _("reason"), blank=True, help_text=_("Why it was returned or reopened.")
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        constraints = [
            models.UniqueConstraint(fields=["unit", "period"], name="submission_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.period} · {self.get_state_display()}"

    @property
    def period_label(self) -> str:
        """The period in words of the active language: `Năm 2024`, `Quý 3/2024`."""
        return Period.parse(self.period).label()


class ImportBatch(models.Model):
    """One imported file: who, when, which file, and what it changed."""

    file_name = models.CharField(_("file name"), max_length=255)
    checksum = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="import_batches",
        verbose_name=_("imported by"),
        help_text=_("Empty when the system operator imported it from the command line."),
    )
    created_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    created = models.PositiveIntegerField(_("values added"), default=0)
    updated = models.PositiveIntegerField(_("values changed"), default=0)
    unchanged = models.PositiveIntegerField(_("values unchanged"), default=0)
    warnings = models.PositiveIntegerField(_("warnings"), default=0)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("imported file")
        verbose_name_plural = _("imported files")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.created_at:%Y-%m-%d %H:%M})"


class Actual(models.Model):
    """An achieved value: indicator × unit × period (sub-year counts are year-to-date)."""

    class Origin(models.TextChoices):
        TYPED = "typed", _("typed in the browser")
        IMPORTED = "imported", _("imported from a file")
        API = "api", _("sent by another system")
        DOCUMENT = "document", _("printed in a plan or report")

    # No single-column indexes on indicator and unit: the unique (unit, period, indicator)
    # serves the lookups by unit, (year, indicator) those across units, and every index
    # costs on import.
    indicator = models.ForeignKey(
        "targets.Indicator",
        on_delete=models.PROTECT,
        related_name="actuals",
        verbose_name=_("indicator"),
        db_index=False,
    )
    unit = models.ForeignKey(
        "districts.Unit",
        on_delete=models.PROTECT,
        related_name="actuals",
        verbose_name=_("unit"),
        db_index=False,
    )
    period = models.CharField(_("period"), max_length=8)
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=4, null=True, blank=True)
    # As printed when the source gave no number (Dị Sử 2023 employment: ">92").
    printed = models.CharField(_("as printed"), max_length=40, blank=True)
    numerator = models.DecimalField(
        _("numerator"), max_digits=16, decimal_places=4, null=True, blank=True
    )
    denominator = models.DecimalField(
        _("denominator"), max_digits=16, decimal_places=4, null=True, blank=True
    )
    note = models.TextField(_("note"), blank=True)
    origin = models.CharField(_("origin"), max_length=10, choices=Origin.choices)
    is_sample = models.BooleanField(_("sample data"), default=False)
    version = models.PositiveIntegerField(_("version number"), default=1)
    submission = models.ForeignKey(
        Submission,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actuals",
        verbose_name=_("submission"),
    )
    import_batch = models.ForeignKey(
        ImportBatch,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actuals",
        verbose_name=_("imported file"),
        # Set only by the importer from the batch it has just created; a database check
        # per imported row is a cost without a benefit (Django still sets it to NULL when
        # a batch is deleted).
        db_constraint=False,
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
        db_constraint=False,  # likewise: written by the services from request.user
        verbose_name=_("updated by"),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    # History is read per value (by id) and per unit and period (a report's changes); the
    # copied foreign keys need no index of their own, and an import writes one history row
    # per value.
    history = IndexedHistory(
        no_db_index=["indicator", "unit", "submission", "updated_by", "import_batch"],
        user_db_constraint=False,
        indexes=[("unit", "period")],
    )

    class Meta:
        verbose_name = _("actual value")
        verbose_name_plural = _("actual values")
        constraints = [
            models.UniqueConstraint(fields=["unit", "period", "indicator"], name="actual_unique"),
        ]
        indexes = [
            models.Index(fields=["year", "indicator"]),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id}:{self.unit_id}:{self.period}={self.value}"

    # The version a change was based on, set by the services before `save()`: the UPDATE
    # then also requires it to be the stored one (optimistic locking), so a write over
    # someone else's change updates no row and raises instead of overwriting it.
    expected_version: int | None = None

    def _do_update(self, base_qs, using, pk_val, values, update_fields, forced_update):
        expected = self.expected_version
        if expected is None:
            return super()._do_update(base_qs, using, pk_val, values, update_fields,
                                      forced_update)
        updated = super()._do_update(base_qs.filter(version=expected), using, pk_val, values,
                                     update_fields, forced_update)
        if not updated:
            raise ConcurrentWrite(f"actual {pk_val} is no longer at version {expected}")
        self.expected_version = None
        return updated


class ColumnMapping(models.Model):
    """A label of an official sheet's header that the reader does not know, mapped by a
    user who confirmed an import: remembered for that header layout (its signature) and
    for the issuing unit of the plan, so the next file with the same headers from any unit
    under that issuer reads itself. No indicator means the column is left out."""

    issuer = models.ForeignKey(
        "districts.Unit",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("issuing unit"),
    )
    signature = models.CharField(_("header layout"), max_length=64)
    label_key = models.CharField(max_length=255)
    label = models.CharField(_("label in the file"), max_length=255)
    indicator = models.ForeignKey(
        "targets.Indicator",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("indicator"),
        help_text=_("Empty: the column is left out."),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty when the system operator imported it from the command line."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("column mapping")
        verbose_name_plural = _("column mappings")
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "signature", "label_key"], name="column_mapping_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} → {self.indicator_id or '-'}"


class ImportJob(models.Model):
    """A large report file checked (and then imported) by the background worker.

    Made by the import page when a file is above `IMPORT_BACKGROUND_MB`; the worker fills
    in the outcome — the preview as the page shows it (`result`), or why it failed
    (`error`). While it runs, its progress is kept beside the upload (`jobs.py`): the
    import holds one transaction from its first line to its last, so a count written in
    the database would show only once the job is over."""

    class Kind(models.TextChoices):
        CHECK = "check", _("check the file")
        IMPORT = "import", _("import the file")

    class State(models.TextChoices):
        QUEUED = "queued", _("waiting for the worker")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_jobs",
        verbose_name=_("uploaded by"),
    )
    kind = models.CharField(_("kind"), max_length=6, choices=Kind.choices)
    state = models.CharField(
        _("state"), max_length=7, choices=State.choices, default=State.QUEUED
    )
    file_name = models.CharField(_("file name"), max_length=255)
    checksum = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    plan = models.ForeignKey(
        "plans.Plan", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
    )
    period = models.CharField(_("period"), max_length=8, blank=True)
    note = models.TextField(_("note"), blank=True)
    submit = models.BooleanField(default=False)
    # The user's choices for the columns the reader did not know: label → indicator code
    # or `official.IGNORE`, as `report_file_import(column_map=…)` takes them.
    column_map = models.JSONField(_("column choices"), default=dict, blank=True)
    language = models.CharField(max_length=8, default="vi")
    lines_read = models.PositiveIntegerField(default=0)
    lines_total = models.PositiveIntegerField(default=0)
    result = models.JSONField(default=dict, blank=True)
    written = models.BooleanField(default=False)
    batch = models.ForeignKey(
        ImportBatch, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
    )
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_state_display()})"

    @property
    def finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)
