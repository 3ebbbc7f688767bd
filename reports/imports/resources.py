"""The django-import-export resource of actual values, for the admin's export.

The columns are those of the report files (DESIGN §4, Vietnamese headers), so an export
from the admin imports back through the import page. The admin does not import values:
every file goes through `importer.report_file_import` (the import page, or the
`import_reports` command), which takes the reports' write locks and applies the
workflow's rules, so there is one door for files, not two.

The admin of `Actual` gets it with `ActualExportMixin` first among its bases.
"""

from __future__ import annotations

from import_export import fields, resources, widgets
from import_export.admin import ExportMixin

from districts.formatting import plain_text
from districts.scope import Action, Actor, scope_filter
from districts.spreadsheets import safe_value
from reports.models import Actual


class UnitCodeWidget(widgets.ForeignKeyWidget):
    """A unit as its official code, written as text so a spreadsheet keeps its zeros."""

    def __init__(self, **kwargs) -> None:
        super().__init__(Actual._meta.get_field("unit").related_model, field="code", **kwargs)

    def render(self, value, obj=None, **kwargs):
        return value.code if value is not None else ""


class NumberWidget(widgets.Widget):
    """A number without trailing zeros, in the plain notation a re-import reads."""

    def render(self, value, obj=None, **kwargs):
        return plain_text(value)


class ActualResource(resources.ModelResource):
    ma_don_vi = fields.Field(attribute="unit", column_name="ma_don_vi", widget=UnitCodeWidget())
    ten_don_vi = fields.Field(attribute="unit__name", column_name="ten_don_vi", readonly=True)
    ma_chi_tieu = fields.Field(
        attribute="indicator",
        column_name="ma_chi_tieu",
        widget=widgets.ForeignKeyWidget(Actual._meta.get_field("indicator").related_model,
                                        field="code"),
    )
    ky_bao_cao = fields.Field(attribute="period", column_name="ky_bao_cao")
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

    def __init__(self, *, actor: Actor, **kwargs) -> None:
        super().__init__(**kwargs)
        self.actor = actor

    def export_field(self, field, instance, **kwargs):
        # A note written as data, never as a formula, as in the product's own exports.
        return safe_value(super().export_field(field, instance, **kwargs))

    def filter_export(self, queryset, **kwargs):
        queryset = queryset.filter(scope_filter(self.actor, Action.VIEW, prefix="unit__"))
        return queryset.select_related("unit", "indicator")


class ActualExportMixin(ExportMixin):
    """For `reports/admin.py`: `class ActualAdmin(ActualExportMixin, …)`."""

    resource_classes = [ActualResource]

    def get_export_resource_kwargs(self, request, **kwargs):
        return {**super().get_export_resource_kwargs(request, **kwargs), "actor": request.user}
