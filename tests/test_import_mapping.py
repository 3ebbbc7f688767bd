"""Mapping a column the reader does not know (issue 11, item 3): chosen on the preview,
checked again from the same upload, remembered for the header layout and the plan's
issuing unit once confirmed, used by the next file with the same headers.

The sheet is seed 004's Appendix II of Thị xã Mỹ Hào's wards with one column more, headed
"Lao động được đào tạo nghề nông nghiệp (người)": words no indicator is printed as.
"""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from districts.scope import SYSTEM
from reports.imports.importer import report_file_header
from reports.imports.mappings import column_mappings_remember
from reports.imports.official import (
    IGNORE,
    default_names,
    find_official_layout,
    header_signature,
    label_key,
)
from reports.models import Actual, ColumnMapping
from tests.factories import csv_bytes, plan_make, target_make, unit_by_code, vi, xlsx_bytes
from tests.factories_indicators import department_indicator
from tests.test_import_official import MY_HAO, enrolment

pytestmark = pytest.mark.django_db

IMPORT = reverse("reports:import")
RECHECK = reverse("reports:import_recheck")
CONFIRM = reverse("reports:import_confirm")
FARM = "Lao động được đào tạo nghề nông nghiệp"
FARM_LABEL = f"{FARM} (người)"  # as read: the line break is a space
FARM_FIELD = "map-8"  # column I
RURAL_VI = "Lao động nông thôn tham gia học nghề"  # rural_trainees, as the catalogue names it


@pytest.fixture(autouse=True)
def upload_dir(tmp_path, settings):
    settings.REPORT_IMPORT_DIR = str(tmp_path / "uploads")


def farm_trainees(index: int) -> int:
    return 120 + 5 * index


def appendix_ii_with_farm_column(wards=MY_HAO, *, year: int = 2024,
                                 farm: dict[str, object] | None = None) -> bytes:
    """Appendix II of the town (letterhead, title, a two-row merged header, column numbers,
    sections, the wards, a Tổng row, signatures) with a ninth column, I, of farm trainees
    (`farm`: a ward's figure written instead, by code)."""
    rows: list[list[object]] = [
        ["ỦY BAN NHÂN DÂN", None, None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
        ["THỊ XÃ MỸ HÀO", None, None, None, "Độc lập - Tự do - Hạnh phúc"],
        [],
        ["Phụ lục II"],
        [f"DỰ KIẾN CÁC CHỈ TIÊU THỰC HIỆN KẾ HOẠCH NĂM {year} THEO ĐỊA PHƯƠNG"],
        ["TT", "Chỉ tiêu", "Tuyển sinh giáo dục nghề nghiệp\n(người)", None, None, None,
         "Tỷ lệ lao động qua\nđào tạo\n(%)", None, f"{FARM}\n(người)"],
        [None, None, "Tổng", "Trình độ\ncao\nđẳng", "Trình\nđộ\ntrung\ncấp",
         "Trình độ\nsơ cấp,\nngắn\nhạn", "Tỷ lệ\nlao động\nqua đào\ntạo",
         "Tỷ lệ lao\nđộng qua\nđào tạo có\nbằng cấp,\nchứng chỉ", None],
        ["A", "B", 1, 2, 3, 4, 5, 6, 7],
    ]
    sums = [0] * 5
    for name, _code in wards:
        index = next(i for i, (_n, code) in enumerate(MY_HAO) if code == _code)
        college, intermediate, elementary = enrolment(index)
        counts = (college + intermediate + elementary, college, intermediate, elementary,
                  farm_trainees(index))
        sums = [s + c for s, c in zip(sums, counts, strict=True)]
        rows.append([index + 1, name, *counts[:4], Decimal("86.5") - index,
                     Decimal("33.5") - index, (farm or {}).get(_code, counts[4])])
    rows.append(["Tổng", None, *sums[:4], None, None, sums[4]])
    rows += [[], [None, None, None, None, "TM. ỦY BAN NHÂN DÂN"]]
    return xlsx_bytes(rows, merged=("A6:A7", "B6:B7", "C6:F6", "G6:H6", "I6:I7"))


@pytest.fixture
def my_hao_plan():
    """Thị xã Mỹ Hào's 2024 plan: the town's own targets for the sheet's indicators, and
    quotas on Phường Dị Sử (so its reporter reports on the plan)."""
    plan = plan_make("mh-2024", issuer="328", title="Kế hoạch GDNN thị xã Mỹ Hào năm 2024")
    for code, value in (("enrol_total", 19480), ("enrol_college", 1300),
                        ("enrol_intermediate", 3500), ("enrol_elementary", 14680),
                        ("trained_rate", "80"), ("certified_rate", "30"),
                        ("rural_trainees", 2000)):
        target_make(plan, code, value)
    for code, value in (("enrol_total", 1400), ("rural_trainees", 130)):
        target_make(plan, code, value, unit="12121")
    return plan


@pytest.fixture
def town_officer(make_user):
    return make_user("officer", "328")


def upload(client, data: bytes, plan=None, name: str = "phu-luc-ii-my-hao.xlsx"):
    form = {"file": SimpleUploadedFile(name, data)}
    if plan is not None:
        form["plan"] = plan.pk
    return client.post(IMPORT, form)


def kept(response, **choices) -> dict:
    """The recheck or confirm POST of a preview: its hidden fields and the choices."""
    values = response.context["kept"]
    return {"checksum": values["checksum"], "plan": values["plan"], "period": values["period"],
            **choices}


def farm_values() -> dict[str, Decimal | None]:
    return {
        a.unit.code: a.value
        for a in Actual.objects.filter(indicator__code="rural_trainees").select_related("unit")
    }


# --- the choice on the preview -----------------------------------------------------------------


def test_an_unknown_column_is_offered_the_plans_indicators_or_to_be_left_out(
    client, town_officer, my_hao_plan
):
    client.force_login(town_officer)
    response = upload(client, appendix_ii_with_farm_column(), my_hao_plan)
    result = response.context["result"]
    assert result.errors == 1 and FARM in result.problems[0].message
    (choice,) = response.context["map_rows"]
    assert (choice.letters, choice.label) == ("I", FARM_LABEL)
    options = [label for _code, label in choice.field.field.choices]
    assert options[:2] == ["— chưa chọn —", "Bỏ qua cột này"]
    # The plan's seven indicators by their Vietnamese names, nothing else of the catalogue.
    assert RURAL_VI in options and len(options) == 2 + 7
    assert "Cơ sở giáo dục nghề nghiệp" not in options  # institutions: not in the plan
    html = response.content.decode()
    assert 'id="column-map-form"' in html and "Kiểm tra lại" in html
    assert 'id="confirm-form"' not in html  # nothing to confirm while the column is unknown


def test_mapping_the_column_then_confirming_writes_its_values_and_remembers_it(
    client, town_officer, my_hao_plan
):
    client.force_login(town_officer)
    first = upload(client, appendix_ii_with_farm_column(), my_hao_plan)
    checked = client.post(RECHECK, kept(first, **{FARM_FIELD: "rural_trainees"}))
    result = checked.context["result"]
    assert result.summary() == "created=91 updated=0 unchanged=0 errors=0 warnings=0"
    readings = {c.letter: c.meaning for c in checked.context["columns"]}
    assert readings["I"] == f"{RURAL_VI}: kết quả thực hiện năm 2024 (được lưu)"
    assert not Actual.objects.exists()  # a recheck writes nothing
    assert not ColumnMapping.objects.exists()

    done = client.post(CONFIRM, kept(checked, **{FARM_FIELD: "rural_trainees"}))
    assert done.status_code == 302
    values = farm_values()
    assert values["12121"] == Decimal(farm_trainees(2)) == Decimal(130)
    assert len(values) == 13
    assert Actual.objects.count() == 13 * 7
    (remembered,) = ColumnMapping.objects.all()
    assert remembered.issuer == unit_by_code("328")
    assert remembered.indicator.code == "rural_trainees"
    assert remembered.updated_by == town_officer


def test_leaving_the_column_out_imports_the_rest(client, town_officer, my_hao_plan):
    client.force_login(town_officer)
    first = upload(client, appendix_ii_with_farm_column(), my_hao_plan)
    checked = client.post(RECHECK, kept(first, **{FARM_FIELD: IGNORE}))
    assert checked.context["result"].summary() == (
        "created=78 updated=0 unchanged=0 errors=0 warnings=0"
    )
    readings = {c.letter: (c.meaning, c.used) for c in checked.context["columns"]}
    assert readings["I"] == ("bỏ qua theo lựa chọn cho cột này", False)

    client.post(CONFIRM, kept(checked, **{FARM_FIELD: IGNORE}))
    assert Actual.objects.count() == 13 * 6 and farm_values() == {}
    assert ColumnMapping.objects.get().indicator is None


def test_columns_under_one_unknown_group_share_one_choice(client, make_user, my_hao_plan):
    """Dị Sử's own sheet: the farm group over "Kế hoạch" and "Thực hiện" (a CSV writes the
    group once over blank cells). One choice maps both; the plan figure is compared with
    Dị Sử's quota of 130, the result stored."""
    client.force_login(make_user("reporter", "12121"))
    data = csv_bytes([
        ["BÁO CÁO KẾT QUẢ GIÁO DỤC NGHỀ NGHIỆP NĂM 2024"],
        ["STT", "Đơn vị", "Tuyển sinh GDNN (người)", "", FARM, ""],
        ["", "", "Kế hoạch", "Thực hiện", "Kế hoạch", "Thực hiện"],
        ["1", "Phường Dị Sử", "1.400", "1.380", "150", "128"],
    ], delimiter=";", bom=True)
    first = upload(client, data, my_hao_plan, "di-su.csv")
    (choice,) = first.context["map_rows"]
    assert (choice.letters, choice.label) == ("E, F", FARM)
    checked = client.post(RECHECK, kept(first, **{"map-4": "rural_trainees"}))
    result = checked.context["result"]
    assert result.summary() == "created=2 updated=0 unchanged=0 errors=0 warnings=1"
    assert "trong tệp là 150, chỉ tiêu đã lưu là 130" in result.problems[0].message
    readings = {c.letter: c.meaning for c in checked.context["columns"]}
    assert readings["E"] == f"{RURAL_VI}: số kế hoạch, đối chiếu với chỉ tiêu đã lưu"
    assert readings["F"] == f"{RURAL_VI}: kết quả thực hiện năm 2024 (được lưu)"
    client.post(CONFIRM, kept(checked, **{"map-4": "rural_trainees"}, note="Số giao đầu năm"))
    assert farm_values() == {"12121": Decimal(128)}


def test_the_mapping_is_remembered_for_the_next_file_of_a_ward_under_the_town(
    client, make_user, town_officer, my_hao_plan
):
    client.force_login(town_officer)
    first = upload(client, appendix_ii_with_farm_column(), my_hao_plan)
    client.post(CONFIRM, kept(first, **{FARM_FIELD: "rural_trainees"}))
    Actual.objects.all().delete()

    # Dị Sử's reporter sends the same sheet with its own row only.
    client.force_login(make_user("reporter", "12121"))
    di_su = [ward for ward in MY_HAO if ward[1] == "12121"]
    second = upload(client, appendix_ii_with_farm_column(di_su), my_hao_plan, "di-su.xlsx")
    result = second.context["result"]
    assert result.summary() == "created=7 updated=0 unchanged=0 errors=0 warnings=0"
    html = second.content.decode()
    assert (f"Ghép cột theo lần nhập trước: {FARM_LABEL} → {RURAL_VI}.") in html
    # Still a choice, made already.
    (choice,) = second.context["map_rows"]
    assert choice.field.value() == "rural_trainees"
    client.post(CONFIRM, kept(second, **{FARM_FIELD: "rural_trainees"}))
    assert farm_values() == {"12121": Decimal(130)}


def test_the_user_can_change_a_remembered_mapping(client, town_officer, my_hao_plan):
    header = remember_for("328", "rural_trainees")
    client.force_login(town_officer)
    first = upload(client, appendix_ii_with_farm_column(), my_hao_plan)
    assert first.context["result"].ok
    checked = client.post(RECHECK, kept(first, **{FARM_FIELD: IGNORE}))
    assert checked.context["result"].entries == 13 * 6
    assert "Ghép cột theo lần nhập trước" not in checked.content.decode()
    client.post(CONFIRM, kept(checked, **{FARM_FIELD: IGNORE}))
    assert farm_values() == {}
    assert ColumnMapping.objects.get(signature=header).indicator is None


def remember_for(issuer: str, code: str) -> str:
    """A mapping of the farm column remembered for `issuer`, as a confirmed import leaves
    it; the header layout's signature."""
    header = report_file_header(stream=io.BytesIO(appendix_ii_with_farm_column()),
                                period=None)
    assert header is not None
    column_mappings_remember(issuer=unit_by_code(issuer), signature=header.signature,
                             choices=[(FARM_LABEL, code)], actor=SYSTEM)
    return header.signature


def test_a_mapping_remembered_for_another_province_is_not_used(
    client, town_officer, my_hao_plan
):
    remember_for("31", "rural_trainees")  # Thành phố Hải Phòng
    client.force_login(town_officer)
    response = upload(client, appendix_ii_with_farm_column(), my_hao_plan)
    result = response.context["result"]
    assert result.errors == 1 and result.problems[0].code == "unknown_column"
    assert result.remembered == {}
    (choice,) = response.context["map_rows"]
    assert choice.field.value() == ""


def test_a_mapping_remembered_for_the_province_above_the_town_is_used(
    client, town_officer, my_hao_plan
):
    remember_for("33", "rural_trainees")  # Tỉnh Hưng Yên, above Thị xã Mỹ Hào
    client.force_login(town_officer)
    assert upload(client, appendix_ii_with_farm_column(), my_hao_plan).context["result"].ok


def test_the_error_file_is_read_with_the_columns_mapped(client, town_officer, my_hao_plan):
    """A figure of the mapped column that is wrong (a negative count for Dị Sử) is marked on
    its row of the error file; the column itself is no longer an error."""
    client.force_login(town_officer)
    data = appendix_ii_with_farm_column(farm={"12121": -130})
    first = upload(client, data, my_hao_plan)
    checked = client.post(RECHECK, kept(first, **{FARM_FIELD: "rural_trainees"}))
    problems = checked.context["result"].problems
    (problem,) = [p for p in problems if p.is_error]
    assert problem.line == 11 and problem.column == FARM_LABEL  # Dị Sử's row
    html = checked.content.decode()
    link = html.split('id="error-file" href="')[1].split('"')[0].replace("&amp;", "&")
    assert f"{FARM_FIELD}=rural_trainees" in link
    download = client.get(link)
    sheet = load_workbook(io.BytesIO(download.content)).active
    errors = {row[0].row: row[-1].value for row in sheet.iter_rows() if row[-1].value}
    # The error column's header, Dị Sử's row, and the Tổng row, which the wards' figures
    # no longer add up to (a warning).
    assert list(errors) == [7, 11, 22]
    assert "dòng tổng" in errors[22]
    assert FARM_LABEL in errors[11] and "không phải là tên một chỉ tiêu" not in errors[11]


# --- bad choices ------------------------------------------------------------------------------


@pytest.mark.parametrize("choice", ["institutions", "hoc_sinh_nong_nghiep"])
def test_a_choice_outside_the_plans_indicators_is_refused_in_vietnamese(
    client, town_officer, my_hao_plan, choice
):
    """`institutions` is in the catalogue but not in the plan; the other is no code."""
    client.force_login(town_officer)
    first = upload(client, appendix_ii_with_farm_column(), my_hao_plan)
    checked = client.post(RECHECK, kept(first, **{FARM_FIELD: choice}))
    assert checked.status_code == 200
    assert checked.context["result"].errors == 1  # read as if nothing was chosen
    assert vi("“%(value)s” is not an indicator of this plan that you may map a column to: "
              "choose one from the list.", value=choice) in checked.content.decode()
    confirmed = client.post(CONFIRM, kept(first, **{FARM_FIELD: choice}))
    assert confirmed.status_code == 200
    assert not Actual.objects.exists() and not ColumnMapping.objects.exists()


def test_the_choices_of_a_reporter_are_the_plans_indicators_they_may_see(
    client, make_user, my_hao_plan
):
    """Dị Sử's reporter sees the town's own targets and Dị Sử's quotas: a quota on another
    ward (graduates attracted, on Phường Nhân Hòa) is not theirs to map a column to."""
    target_make(my_hao_plan, "graduates_attracted", 40, unit="12118")
    client.force_login(make_user("reporter", "12121"))
    di_su = [ward for ward in MY_HAO if ward[1] == "12121"]
    response = upload(client, appendix_ii_with_farm_column(di_su), my_hao_plan)
    (choice,) = response.context["map_rows"]
    codes = [code for code, _label in choice.field.field.choices]
    assert "rural_trainees" in codes and "graduates_attracted" not in codes
    checked = client.post(RECHECK, kept(response, **{FARM_FIELD: "graduates_attracted"}))
    assert checked.context["map_form"].errors


def test_without_a_plan_the_choices_leave_out_another_provinces_own_indicators(
    client, town_officer
):
    """No plan chosen: Mỹ Hào's officer may map a column to the catalogue or to Hưng Yên's
    own indicators, never to one Hải Phòng's department defined for itself."""
    department_indicator("hp_high_quality_colleges", owner="31")
    department_indicator("hy_institutions_added", owner="33", name_vi="Số cơ sở GDNN tăng",
                         name_en="Institutions added", unit="cơ sở")
    client.force_login(town_officer)
    response = upload(client, appendix_ii_with_farm_column())
    (choice,) = response.context["map_rows"]
    codes = [code for code, _label in choice.field.field.choices]
    assert "hy_institutions_added" in codes and "rural_trainees" in codes
    assert "hp_high_quality_colleges" not in codes
    checked = client.post(RECHECK, kept(response, **{FARM_FIELD: "hp_high_quality_colleges"}))
    assert checked.context["map_form"].errors
    assert not Actual.objects.exists()


# --- who may ---------------------------------------------------------------------------------


def test_a_user_of_another_province_cannot_recheck_or_confirm_someone_elses_upload(
    client, town_officer, officer_31, my_hao_plan
):
    client.force_login(town_officer)
    first = upload(client, appendix_ii_with_farm_column(), my_hao_plan)
    choices = kept(first, **{FARM_FIELD: "rural_trainees"})
    client.force_login(officer_31)
    for url in (RECHECK, CONFIRM):
        response = client.post(url, choices)
        assert response.status_code == 302 and response["Location"] == IMPORT
    assert not Actual.objects.exists() and not ColumnMapping.objects.exists()


def test_a_user_of_another_province_cannot_recheck_against_a_plan_they_do_not_see(
    client, officer_31, my_hao_plan
):
    client.force_login(officer_31)
    own = upload(client, appendix_ii_with_farm_column())
    response = client.post(RECHECK, kept(own, plan=my_hao_plan.pk,
                                         **{FARM_FIELD: "rural_trainees"}), follow=True)
    assert response.redirect_chain == [(IMPORT, 302)]
    assert "Không kiểm tra lại được tệp: hãy tải tệp lên lại." in response.content.decode()
    assert not Actual.objects.exists() and not ColumnMapping.objects.exists()


def test_a_viewer_may_not_recheck(client, make_user, my_hao_plan):
    client.force_login(make_user("viewer", "328"))
    assert client.post(RECHECK, {"checksum": "0" * 64}).status_code == 403


def test_anonymous_recheck_is_sent_to_log_in(client):
    response = client.post(RECHECK, {"checksum": "0" * 64})
    assert response.status_code == 302 and "/login" in response["Location"]


def test_recheck_is_post_only(client, town_officer):
    client.force_login(town_officer)
    assert client.get(RECHECK).status_code == 405


# --- the command -------------------------------------------------------------------------------


def command(path, *args: str) -> list[str]:
    out = io.StringIO()
    call_command("import_reports", str(path), *args, stdout=out)
    return out.getvalue().splitlines()


def test_the_command_reads_with_the_remembered_mapping_and_its_map_wins(tmp_path, my_hao_plan):
    path = tmp_path / "phu-luc-ii.xlsx"
    path.write_bytes(appendix_ii_with_farm_column())
    with pytest.raises(CommandError):
        command(path, "--plan", "mh-2024", "--dry-run")
    remember_for("328", "rural_trainees")
    lines = command(path, "--plan", "mh-2024", "--dry-run")
    assert lines[-1] == "created=91 updated=0 unchanged=0 errors=0 warnings=0"
    lines = command(path, "--plan", "mh-2024", "--map", f"{FARM_LABEL}=-")
    assert lines[-1] == "created=78 updated=0 unchanged=0 errors=0 warnings=0"
    # The command's choice, written, is remembered in its turn.
    assert ColumnMapping.objects.get().indicator is None


# --- the header's signature ---------------------------------------------------------------------


def test_the_signature_of_a_header_ignores_case_marks_line_breaks_and_years():
    same = header_signature(["TT", "Đơn vị", "Thực hiện năm 2024", FARM])
    assert same == header_signature(["tt", "DON VI", "Thực hiện\nnăm 2025", FARM.upper(), ""])
    assert same != header_signature(["TT", "Đơn vị", "Thực hiện năm 2024", "Lao động khác"])


def test_the_readmes_command_remembers_its_map_for_the_unit_without_a_plan(tmp_path):
    """`--unit 328 --map "…=rural_trainees"` (the label without its bracket is the same
    label); the next run of the same sheet for the town reads itself."""
    path = tmp_path / "phu-luc-ii.xlsx"
    path.write_bytes(appendix_ii_with_farm_column())
    lines = command(path, "--unit", "328", "--map", f"{FARM}=rural_trainees")
    assert lines[-1] == "created=91 updated=0 unchanged=0 errors=0 warnings=0"
    remembered = ColumnMapping.objects.get()
    assert (remembered.issuer.code, remembered.label) == ("328", FARM_LABEL)
    lines = command(path, "--unit", "328", "--dry-run")
    assert lines[-1] == "created=0 updated=0 unchanged=91 errors=0 warnings=0"



_labels = st.sampled_from([
    "TT", "Đơn vị", "Tuyển sinh giáo dục nghề nghiệp", "Tổng", "Thực hiện", "Kế hoạch",
    "Tỷ lệ %", FARM, "Lao động khác", "năm 2024", "Thực hiện năm 2024", "", "Ghi chú",
])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    top=st.lists(_labels, min_size=2, max_size=6),
    below=st.lists(_labels, min_size=2, max_size=6),
    choices=st.dictionaries(_labels, st.sampled_from(["rural_trainees", IGNORE, "enrol_total"]),
                            max_size=3),
)
def test_any_header_with_any_mapping_is_read_without_a_crash(top, below, choices):
    """Whatever the header and the choices, the reader answers: a layout or problems; a
    column mapped to be left out is never read as data, and every column it lists as not
    known by itself has a label to map."""
    rows = [(1, ["Báo cáo năm 2024"]), (2, top), (3, below), (4, ["1", "Dị Sử", "5", "6"])]
    mapped = {label_key(label): code for label, code in choices.items() if label_key(label)}
    found = find_official_layout(rows, names=default_names(), default_period="2024",
                                 mapped=mapped)
    if found is None:
        return
    assert found.layout is not None or found.problems
    if found.layout is not None and found.layout.official is not None:
        table = found.layout.official
        data = {c.index for c in table.columns}
        assert not data & set(table.left_out)
    if found.header is not None:
        assert all(c.label for c in found.header.open_columns)
