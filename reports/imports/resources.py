"""django-import-export resources for actual values: the admin's import, export and dry run.

The columns are those of the report files (DESIGN §4), English headers renamed to the
Vietnamese ones on the way in. Units are resolved like the importer does (codes that lost
their zeros, names, the period's era, the importing user's scope) and the workflow's locks
hold. This path saves one row at a time, which suits the admin's small files; the import
page and `import_reports` use `importer.report_file_import` (see its docstring for why).

The admin of `Actual` gets it with `ActualImportExportMixin` first among its bases.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets
from import_export.admin import ImportExportMixin

from districts.models import Unit
from districts.scope import Action, can, scope_filter
from reports.models import Actual, Submission
from reports.numbers import NumberError, detect_decimal_mark, parse_number
from reports.periods import Period, PeriodError
from reports.services import LIMIT, PLACES
from targets.models import Indicator

from .importer import change_reason, clean_file_name
from .parsing import ALIASES, normalise_header
from .resolve import UnitResolver

# The Vietnamese header of each role, the columns of the resource.
HEADER_OF_ROLE = {
    "unit_code": "ma_don_vi",
    "unit": "ma_don_vi",
    "unit_name": "ten_don_vi",
    "indicator": "ma_chi_tieu",
    "period": "ky_bao_cao",
    "value": "gia_tri",
    "numerator": "tu_so",
    "denominator": "mau_so",
    "note": "ghi_chu",
}
NUMBER_COLUMNS = ("gia_tri", "tu_so", "mau_so")


def _period_of(row) -> Period:
    try:
        return Period.parse(str(row.get("ky_bao_cao") or ""))
    except PeriodError as error:
        raise ValueError(str(error)) from error


class PeriodWidget(widgets.CharWidget):
    def clean(self, value, row=None, **kwargs):
        try:
            return str(Period.parse(str(value or "")))
        except PeriodError as error:
            raise ValueError(str(error)) from error


class UnitWidget(widgets.ForeignKeyWidget):
    """A unit by code (leading zeros restored) or name, in the era of the row's period and
    the importing user's scope."""

    def __init__(self, **kwargs) -> None:
        super().__init__(Unit, field="code", **kwargs)
        self.resolver = UnitResolver()

    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value).strip()
        if isinstance(value, float) and value.is_integer():
            text = str(int(value))
        period = _period_of(row or {})
        code, name = (text, "") if text.isdigit() else ("", text)
        name = name or str((row or {}).get("ten_don_vi") or "").strip()
        found = self.resolver.resolve(code, name, period.end, str(period))
        if found.unit is None:
            raise ValueError(found.error)
        return Unit.objects.get(pk=found.unit.id)

    def render(self, value, obj=None, **kwargs):
        return value.code if value is not None else ""


class NumberWidget(widgets.Widget):
    """Vietnamese or English notation, by the file's decimal mark."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.decimal_mark: str | None = ","

    def clean(self, value, row=None, **kwargs):
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        try:
            number = parse_number(value, decimal_mark=self.decimal_mark)
        except NumberError as error:
            raise ValueError(str(error)) from error
        if abs(number) >= LIMIT:
            raise ValueError(_("%(text)s is too large.") % {"text": value})
        return number.quantize(PLACES, rounding=ROUND_HALF_UP)

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return format(value.normalize(), "f")


class ActualResource(resources.ModelResource):
    ma_don_vi = fields.Field(attribute="unit", column_name="ma_don_vi", widget=UnitWidget())
    ten_don_vi = fields.Field(attribute="unit__name", column_name="ten_don_vi", readonly=True)
    ma_chi_tieu = fields.Field(
        attribute="indicator",
        column_name="ma_chi_tieu",
        widget=widgets.ForeignKeyWidget(Indicator, field="code"),
    )
    ky_bao_cao = fields.Field(attribute="period", column_name="ky_bao_cao", widget=PeriodWidget())
    gia_tri = fields.Field(attribute="value", column_name="gia_tri", widget=NumberWidget())
    tu_so = fields.Field(attribute="numerator", column_name="tu_so", widget=NumberWidget())
    mau_so = fields.Field(attribute="denominator", column_name="mau_so", widget=NumberWidget())
    ghi_chu = fields.Field(attribute="note", column_name="ghi_chu", widget=widgets.CharWidget())

    class Meta:
        model = Actual
        fields = (
            "ma_don_vi", "ten_don_vi", "ma_chi_tieu", "ky_bao_cao", "gia_tri", "tu_so",
            "mau_so", "ghi_chu",
        )
        export_order = fields
        import_id_fields = ("ma_don_vi", "ma_chi_tieu", "ky_bao_cao")
        skip_unchanged = True
        report_skipped = True

    def __init__(self, user=None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.user = user
        self.file_name = "admin"

    def before_import(self, dataset, **kwargs) -> None:
        """English headers → Vietnamese ones; the file's decimal mark; the user's scope."""
        user = kwargs.get("user") or self.user
        if user is not None and not user.is_superuser:
            self.user = user
        dataset.headers = [
            HEADER_OF_ROLE.get(ALIASES.get(normalise_header(h), ""), h) for h in dataset.headers
        ]
        cells = [c for column in NUMBER_COLUMNS if column in dataset.headers
                 for c in dataset[column]]
        try:
            mark = detect_decimal_mark(cells)
        except NumberError as error:
            raise ValidationError(str(error)) from error
        for column in NUMBER_COLUMNS:
            self.fields[column].widget.decimal_mark = mark
        self.fields["ma_don_vi"].widget.resolver = UnitResolver(user=self.user)
        self.file_name = clean_file_name(kwargs.get("file_name") or "admin")

    def before_save_instance(self, instance: Actual, row, **kwargs) -> None:
        """The workflow's locks, the submission, the version and the audit record."""
        period = Period.parse(instance.period)
        submission = Submission.objects.filter(unit=instance.unit, period=instance.period).first()
        if submission is not None and submission.state == Submission.State.APPROVED:
            raise ValidationError(_("approved, locked: the report is approved; its values "
                                    "cannot change unless an officer reopens it."))
        submitted = submission is not None and submission.state == Submission.State.SUBMITTED
        if submitted and self.user is not None and not can(self.user, instance.unit, Action.MANAGE):
            raise ValidationError(_("submitted, locked: the report waits for review."))
        if submission is None:  # a dry run's transaction is rolled back
            submission = Submission.objects.create(
                unit=instance.unit, period=instance.period, year=period.year
            )
        instance.submission = submission
        instance.year = period.year
        instance.origin = Actual.Origin.IMPORTED
        instance.is_sample = False
        instance.note = instance.note or ""
        if instance.pk:
            instance.version += 1
        user = kwargs.get("user") or self.user
        if user is not None and user.is_authenticated:
            instance.updated_by = user
            instance._history_user = user
        instance._change_reason = change_reason(self.file_name, None, system=user is None)

    def filter_export(self, queryset, **kwargs):
        if self.user is not None:
            queryset = queryset.filter(scope_filter(self.user, Action.VIEW, prefix="unit__"))
        return queryset.select_related("unit", "indicator")


class ActualImportExportMixin(ImportExportMixin):
    """For `reports/admin.py`: `class ActualAdmin(ActualImportExportMixin, …)`."""

    resource_classes = [ActualResource]

    def get_import_resource_kwargs(self, request, **kwargs):
        return {**super().get_import_resource_kwargs(request, **kwargs), "user": request.user}

    def get_export_resource_kwargs(self, request, **kwargs):
        return {**super().get_export_resource_kwargs(request, **kwargs), "user": request.user}
