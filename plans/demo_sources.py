"""The five source plans, their printed targets and the real results they report.

Plain data, no Django: the demo loaders (`targets.demo`, `reports.demo`) and the pure
tests import it. Facts and figures are carried over from the published plans; wordings
are the short printed phrases.

Shape of a plan (``PLANS``): ``code``, ``number`` (as printed, "" when the text shows
none), ``title`` / ``title_en``, ``issuer`` (official code of the issuing unit),
``as_of`` (ISO date that resolves the plan's unit codes in the right era: codes are
reused across the reorganisation of 1 July 2025), ``issued_on`` (ISO date, None when
not printed), ``signer``, ``kind`` (annual, strategy, remedial, thematic),
``first_year`` / ``last_year``, ``implements`` (the main documents it is based on),
``units_deadline`` / ``consolidation_deadline`` ("MM-DD" every covered year, or None),
``status`` and ``targets``.

Shape of a target: ``indicator`` (a code of `targets.catalogue` or of
`targets.demo_indicators`), ``unit`` (official
code, resolved with the plan's ``as_of``), ``year``, ``wording`` (as printed), ``operator``
(gte gt approx range lte lt eq), ``value`` / ``value_high`` (plain decimal strings; the
high end only for ranges), and when they apply ``parent`` (True: the target is a quota of
a child unit under the issuer's target of the same indicator and year), ``note`` and
``printed_unit`` (the unit of measure the plan prints, where it is not the indicator's:
Hà Nội counts enrolments in "lượt người"; a wording that prints it sets it).

Where the issue date is not printed, ``as_of`` is the latest date the text itself
proves the plan was issued on or after (the newest document it cites), which is enough
to pick the era.

Printed targets on the departments' own indicators (`targets/demo_indicators.py`, codes
`hp_…` of Hải Phòng and `hy_…` of Hưng Yên), loaded like the others:
- hp-2021-2030: of the high-quality schools, 01 (2030: 02) owned by the city; 02-03 key
  occupations competitive within ASEAN-4; 03-05 occupations at the level of developed
  countries (regional in 2025, G20 in 2030).
- disu-2024: Appendix I's 02 institutions closing and 02 opening in 2024 (flows, beside
  the stock of 26).

Printed items that are not targets, left out:
- hn-2024: the investment in 04 public colleges to become high-quality schools and the
  equipment of key occupations in 16 schools are tasks, not outcome targets.
- disu-2024: raising the PCI "labour training" sub-index above 2023; Appendix II is an
  empty per-commune template with no figures.
"""

from __future__ import annotations

HANOI = "01"
HAI_PHONG = "31"
MY_HAO_TOWN = "328"  # Thị xã Mỹ Hào, Hưng Yên (district code, before 1 July 2025)
DI_SU_WARD = "12121"  # Phường Dị Sử, Thị xã Mỹ Hào (before 1 July 2025)


def _target(
    indicator: str,
    unit: str,
    year: int,
    wording: str,
    operator: str,
    value: str,
    value_high: str | None = None,
    *,
    parent: bool = False,
    note: str = "",
    printed_unit: str = "",
) -> dict:
    target = {
        "indicator": indicator,
        "unit": unit,
        "year": year,
        "wording": wording,
        "operator": operator,
        "value": value,
        "value_high": value_high,
    }
    if parent:
        target["parent"] = True
    if note:
        target["note"] = note
    if not printed_unit and "lượt người" in wording:
        printed_unit = "lượt người"  # a wording that prints its unit says which
    if printed_unit:
        target["printed_unit"] = printed_unit
    return target


# --- Hà Nội's 30 districts before 1 July 2025 ---------------------------------------------
# In the order of Appendix I of the 2024 plan, with each district's quota of lower- and
# upper-secondary graduates to draw into intermediate and college training. Codes are the
# official ones of the pre-2025 era (vietnamadminunits, table admin_units_legacy).
_HANOI_2024_GRADUATE_QUOTAS: tuple[tuple[str, str, int, str], ...] = (
    ("008", "Quận Hoàng Mai", 365, "365"),
    ("021", "Quận Bắc Từ Liêm", 620, "620"),
    ("001", "Quận Ba Đình", 650, "650"),
    ("002", "Quận Hoàn Kiếm", 200, "200"),
    ("003", "Quận Tây Hồ", 480, "480"),
    ("007", "Quận Hai Bà Trưng", 400, "400"),
    ("006", "Quận Đống Đa", 1050, "1.050"),
    ("009", "Quận Thanh Xuân", 400, "400"),
    ("268", "Quận Hà Đông", 480, "480"),
    ("019", "Quận Nam Từ Liêm", 588, "588"),
    ("004", "Quận Long Biên", 500, "500"),
    ("005", "Quận Cầu Giấy", 600, "600"),
    ("018", "Huyện Gia Lâm", 600, "600"),
    ("020", "Huyện Thanh Trì", 1032, "1.032"),
    ("279", "Huyện Thường Tín", 1350, "1.350"),
    ("276", "Huyện Thạch Thất", 700, "700"),
    ("272", "Huyện Phúc Thọ", 530, "530"),
    ("274", "Huyện Hoài Đức", 680, "680"),
    ("269", "Thị xã Sơn Tây", 1350, "1.350"),
    ("282", "Huyện Mỹ Đức", 755, "755"),
    ("250", "Huyện Mê Linh", 2800, "2.800"),
    ("016", "Huyện Sóc Sơn", 2420, "2.420"),
    ("278", "Huyện Thanh Oai", 505, "505"),
    ("017", "Huyện Đông Anh", 1056, "1.056"),
    ("271", "Huyện Ba Vì", 3500, "3.500"),
    ("273", "Huyện Đan Phượng", 600, "600"),
    ("277", "Huyện Chương Mỹ", 540, "540"),
    ("275", "Huyện Quốc Oai", 500, "500"),
    ("280", "Huyện Phú Xuyên", 783, "783"),
    ("281", "Huyện Ứng Hòa", 900, "900"),
)

HANOI_DISTRICTS: tuple[tuple[str, str], ...] = tuple(
    (code, name) for code, name, _value, _printed in _HANOI_2024_GRADUATE_QUOTAS
)

# --- The 13 wards and communes of Thị xã Mỹ Hào, Appendix II of Dị Sử's 2024 plan -------
# In the appendix's order; codes of the pre-2025 era under district 328.
DISU_APPENDIX_II_UNITS: tuple[tuple[str, str], ...] = (
    ("12103", "Phường Bần Yên Nhân"),
    ("12118", "Phường Nhân Hòa"),
    ("12121", "Phường Dị Sử"),
    ("12130", "Phường Phùng Chí Kiên"),
    ("12106", "Phường Phan Đình Phùng"),
    ("12124", "Phường Bạch Sam"),
    ("12127", "Phường Minh Đức"),
    ("12109", "Xã Cẩm Xá"),
    ("12112", "Xã Dương Quang"),
    ("12136", "Xã Ngọc Lâm"),
    ("12139", "Xã Hưng Long"),
    ("12133", "Xã Xuân Dục"),
    ("12115", "Xã Hòa Phong"),
)


# --- hn-2024 (seed 000): section II "Chỉ tiêu" and Appendix I ------------------------------
_HN_2024_TARGETS: list[dict] = [
    _target("enrol_total", HANOI, 2024, "235.000 lượt người", "gte", "235000"),
    _target("enrol_college", HANOI, 2024, "26.000 lượt người", "gte", "26000"),
    _target("enrol_intermediate", HANOI, 2024, "30.000 lượt người", "gte", "30000"),
    _target(
        "enrol_elementary", HANOI, 2024, "179.000 lượt người", "gte", "179000"
    ),
    _target("trained_rate", HANOI, 2024, "đạt 74,2%", "gte", "74.2"),
    _target("certified_rate", HANOI, 2024, "đạt 54,0%", "gte", "54.0"),
    *(
        _target(
            "graduates_attracted",
            code,
            2024,
            f"{printed} người",
            "gte",
            str(value),
            parent=True,
            note="Phụ lục I: chỉ tiêu giao quận, huyện, thị xã; Thành phố không ghi tổng.",
        )
        for code, _name, value, printed in _HANOI_2024_GRADUATE_QUOTAS
    ),
]

# --- hn-2022 (seed 001): section II.1 "Chỉ tiêu năm 2022" ---------------------------------
# "khoảng" heads the whole enrolment sentence, so it governs the breakdown by level too;
# the level wordings carry it.
_HN_2022_BREAKDOWN_NOTE = "Phần chia theo trình độ của chỉ tiêu “khoảng 224.500 lượt người”."
_HN_2022_TARGETS: list[dict] = [
    _target("enrol_total", HANOI, 2022, "khoảng 224.500 lượt người", "approx", "224500"),
    _target(
        "enrol_college", HANOI, 2022, "khoảng 25.000 lượt người", "approx", "25000",
        note=_HN_2022_BREAKDOWN_NOTE,
    ),
    _target(
        "enrol_intermediate", HANOI, 2022, "khoảng 28.000 lượt người", "approx", "28000",
        note=_HN_2022_BREAKDOWN_NOTE,
    ),
    _target(
        "enrol_elementary", HANOI, 2022, "khoảng 171.500 lượt người", "approx", "171500",
        note=_HN_2022_BREAKDOWN_NOTE,
    ),
    _target("trained_rate", HANOI, 2022, "đạt từ 72,2%", "gte", "72.2"),
    _target("certified_rate", HANOI, 2022, "đạt từ 51,2%", "gte", "51.2"),
]

# --- hn-rural-2025 (seed 002): section II.2 "Mục tiêu cụ thể" ------------------------------
# One yearly target printed for every year ("hàng năm") → one target per covered year.
_HN_RURAL_FIRST_YEAR = 2025
_HN_RURAL_LAST_YEAR = 2030
_HN_RURAL_TARGETS: list[dict] = [
    *(
        _target(
            "rural_trainees", HANOI, year, "khoảng 20.000 lao động nông thôn", "approx",
            "20000", note="Chỉ tiêu hằng năm.",
        )
        for year in range(_HN_RURAL_FIRST_YEAR, _HN_RURAL_LAST_YEAR + 1)
    ),
    _target("trained_rate", HANOI, 2030, "lên 80%", "gte", "80"),
    _target("certified_rate", HANOI, 2030, "đạt 60%", "gte", "60"),
]

# --- hp-2021-2030 (seed 003): section II.2 a) "Đến năm 2025" and b) "Đến năm 2030" -------
_HP_CERTIFIED_NOTE = "Bằng cấp, chứng chỉ từ 03 tháng trở lên."
_HP_TARGETS: list[dict] = [
    # 2025
    _target("certified_rate", HAI_PHONG, 2025, "đạt 40%", "gte", "40", note=_HP_CERTIFIED_NOTE),
    _target("graduates_attracted_rate", HAI_PHONG, 2025, "40 - 45%", "range", "40", "45"),
    _target("female_enrol_share", HAI_PHONG, 2025, "trên 30%", "gt", "30"),
    _target("retrained_share", HAI_PHONG, 2025, "khoảng 25%", "approx", "25"),
    _target("disabled_trained_rate", HAI_PHONG, 2025, "đạt 35%", "gte", "35"),
    _target("it_skills_rate", HAI_PHONG, 2025, "đạt 80%", "gte", "80"),
    _target("accredited_institutions_share", HAI_PHONG, 2025, "ít nhất 30%", "gte", "30"),
    _target("accredited_programs_share", HAI_PHONG, 2025, "50%", "gte", "50"),
    _target("teachers_standard_share", HAI_PHONG, 2025, "100%", "gte", "100"),
    _target("managers_trained_share", HAI_PHONG, 2025, "khoảng 80%", "approx", "80"),
    _target("programs_output_standard_share", HAI_PHONG, 2025, "khoảng 80%", "approx", "80"),
    _target("high_quality_schools", HAI_PHONG, 2025, "03 trường", "gte", "3"),
    _target("key_occupations", HAI_PHONG, 2025, "khoảng 70 lượt nghề", "approx", "70"),
    _target("hp_high_quality_colleges", HAI_PHONG, 2025, "01 trường", "gte", "1"),
    _target("hp_key_occupations_asean4", HAI_PHONG, 2025, "02-03 nghề", "range", "2", "3"),
    _target(
        "hp_occupations_developed_level", HAI_PHONG, 2025, "03-05 ngành, nghề", "range", "3",
        "5", note="Tiếp cận trình độ các nước phát triển trong khu vực và trên thế giới.",
    ),
    # 2030
    _target("certified_rate", HAI_PHONG, 2030, "đạt 45%", "gte", "45", note=_HP_CERTIFIED_NOTE),
    _target("graduates_attracted_rate", HAI_PHONG, 2030, "50 - 55%", "range", "50", "55"),
    _target("female_enrol_share", HAI_PHONG, 2030, "trên 40%", "gt", "40"),
    _target("retrained_share", HAI_PHONG, 2030, "khoảng 50%", "approx", "50"),
    _target("disabled_trained_rate", HAI_PHONG, 2030, "đạt 40%", "gte", "40"),
    _target("it_skills_rate", HAI_PHONG, 2030, "đạt 90%", "gte", "90"),
    _target("accredited_institutions_share", HAI_PHONG, 2030, "ít nhất 70%", "gte", "70"),
    _target("accredited_programs_share", HAI_PHONG, 2030, "100%", "gte", "100"),
    _target("teachers_standard_share", HAI_PHONG, 2030, "100%", "gte", "100"),
    _target("managers_trained_share", HAI_PHONG, 2030, "khoảng 90%", "approx", "90"),
    _target("programs_output_standard_share", HAI_PHONG, 2030, "khoảng 90%", "approx", "90"),
    _target("high_quality_schools", HAI_PHONG, 2030, "05 trường", "gte", "5"),
    _target("key_occupations", HAI_PHONG, 2030, "khoảng 80 lượt nghề", "approx", "80"),
    _target("hp_high_quality_colleges", HAI_PHONG, 2030, "02 trường", "gte", "2"),
    _target("hp_key_occupations_asean4", HAI_PHONG, 2030, "02-03 nghề", "range", "2", "3"),
    _target(
        "hp_occupations_developed_level", HAI_PHONG, 2030, "03-05 ngành, nghề", "range", "3",
        "5", note="Tiếp cận trình độ các nước phát triển trong nhóm G20.",
    ),
]

# --- disu-2024 (seed 004): section I.2 "Mục tiêu cụ thể" (the ward) and Appendix I --------
# Appendix I is headed as the town's (Thị xã Mỹ Hào) and its scale is the town's, so its
# figures go on district 328, not on the ward.
_TOWN_NOTE = "Phụ lục I: số liệu của thị xã Mỹ Hào."
_TOWN_INSTITUTIONS_NOTE = (
    "Phụ lục I: số liệu của thị xã Mỹ Hào; giữ quy mô mạng lưới (năm 2024 giảm 02, tăng 02)."
)
_DISU_TARGETS: list[dict] = [
    # The ward's own 2024 targets.
    _target("enrol_total", DI_SU_WARD, 2024, "1.400 người", "gte", "1400"),
    _target("employed_after_training_rate", DI_SU_WARD, 2024, "trên 92%", "gt", "92"),
    _target("trained_rate", DI_SU_WARD, 2024, "trên 86,2%", "gt", "86.2"),
    _target("certified_rate", DI_SU_WARD, 2024, "khoảng 33%", "approx", "33"),
    _target("admin_procedures_on_time_rate", DI_SU_WARD, 2024, "100%", "gte", "100"),
    # Appendix I, the town's 2023 targets ("Năm 2023 – Chỉ tiêu").
    _target("enrol_total", MY_HAO_TOWN, 2023, "62.500 người", "gte", "62500", note=_TOWN_NOTE),
    _target("enrol_college", MY_HAO_TOWN, 2023, "3.000 người", "gte", "3000", note=_TOWN_NOTE),
    _target(
        "enrol_intermediate", MY_HAO_TOWN, 2023, "7.000 người", "gte", "7000", note=_TOWN_NOTE
    ),
    _target(
        "enrol_elementary", MY_HAO_TOWN, 2023, "52.500 người", "gte", "52500", note=_TOWN_NOTE
    ),
    _target(
        "employed_after_training_rate", MY_HAO_TOWN, 2023, ">92%", "gt", "92", note=_TOWN_NOTE
    ),
    _target("trained_rate", MY_HAO_TOWN, 2023, "69%", "gte", "69", note=_TOWN_NOTE),
    _target("certified_rate", MY_HAO_TOWN, 2023, "31%", "gte", "31", note=_TOWN_NOTE),
    _target("institutions", MY_HAO_TOWN, 2023, "26 cơ sở", "gte", "26", note=_TOWN_NOTE),
    # Appendix I, the town's 2024 plan ("Kế hoạch năm 2024").
    _target("enrol_total", MY_HAO_TOWN, 2024, "67.500 người", "gte", "67500", note=_TOWN_NOTE),
    _target("enrol_college", MY_HAO_TOWN, 2024, "3.200 người", "gte", "3200", note=_TOWN_NOTE),
    _target(
        "enrol_intermediate", MY_HAO_TOWN, 2024, "7.300 người", "gte", "7300", note=_TOWN_NOTE
    ),
    _target(
        "enrol_elementary", MY_HAO_TOWN, 2024, "57.000 người", "gte", "57000", note=_TOWN_NOTE
    ),
    _target(
        "enrol_support_demobilized", MY_HAO_TOWN, 2024, "90 người", "gte", "90", note=_TOWN_NOTE
    ),
    _target(
        "enrol_support_released_prisoners", MY_HAO_TOWN, 2024, "45 người", "gte", "45",
        note=_TOWN_NOTE,
    ),
    _target(
        "enrol_support_poor_disabled_sme", MY_HAO_TOWN, 2024, "60 người", "gte", "60",
        note=_TOWN_NOTE,
    ),
    _target(
        "employed_after_training_rate", MY_HAO_TOWN, 2024, "92,5%", "gte", "92.5",
        note=_TOWN_NOTE,
    ),
    _target("trained_rate", MY_HAO_TOWN, 2024, "70%", "gte", "70", note=_TOWN_NOTE),
    _target("certified_rate", MY_HAO_TOWN, 2024, "32%", "gte", "32", note=_TOWN_NOTE),
    _target(
        "institutions", MY_HAO_TOWN, 2024, "26 cơ sở", "gte", "26", note=_TOWN_INSTITUTIONS_NOTE
    ),
    _target("hy_institutions_closed", MY_HAO_TOWN, 2024, "02", "eq", "2", note=_TOWN_NOTE),
    _target("hy_institutions_opened", MY_HAO_TOWN, 2024, "02", "eq", "2", note=_TOWN_NOTE),
]


PLANS: tuple[dict, ...] = (
    {
        "code": "hn-2024",
        "number": "",
        "title": (
            "Triển khai thực hiện công tác giáo dục nghề nghiệp trên địa bàn thành phố "
            "Hà Nội năm 2024"
        ),
        "title_en": "Implementing vocational education in Hà Nội in 2024",
        "issuer": HANOI,
        "as_of": "2024-01-26",
        "issued_on": None,
        "signer": "Vũ Thu Hà, Phó Chủ tịch",
        "kind": "annual",
        "first_year": 2024,
        "last_year": 2024,
        "implements": [
            "Kế hoạch số 10/KH-UBND ngày 14/01/2021",
            "Kế hoạch số 177/KH-UBND ngày 28/6/2022",
            "Kế hoạch số 23/KH-UBND ngày 26/01/2024",
        ],
        "units_deadline": "12-15",
        "consolidation_deadline": "12-31",
        "status": "issued",
        "targets": _HN_2024_TARGETS,
    },
    {
        "code": "hn-2022",
        "number": "72/KH-UBND",
        "title": "Khắc phục hạn chế, khuyết điểm trong công tác giáo dục nghề nghiệp năm 2021",
        "title_en": "Remedying the shortcomings of vocational education in 2021",
        "issuer": HANOI,
        "as_of": "2022-03-04",
        "issued_on": "2022-03-04",
        "signer": "Chữ Xuân Dũng, Phó Chủ tịch",
        "kind": "remedial",
        "first_year": 2022,
        "last_year": 2022,
        "implements": [
            "Văn bản số 62-CV/BCSD ngày 27/01/2022",
            "Chương trình số 06-CTr/TU ngày 17/3/2021",
            "Kế hoạch số 176/KH-UBND ngày 30/7/2021",
            "Kế hoạch số 10/KH-UBND ngày 14/01/2021",
        ],
        "units_deadline": "12-25",
        "consolidation_deadline": None,
        "status": "issued",
        "targets": _HN_2022_TARGETS,
    },
    {
        "code": "hn-rural-2025",
        "number": "",
        "title": (
            "Đổi mới công tác đào tạo nghề cho lao động nông thôn đáp ứng yêu cầu công "
            "nghiệp hóa, hiện đại hóa nông nghiệp, nông thôn trên địa bàn thành phố Hà Nội"
        ),
        "title_en": (
            "Renewing vocational training for rural workers to meet the needs of "
            "agricultural and rural industrialisation and modernisation in Hà Nội"
        ),
        "issuer": HANOI,
        # Issued in 2025 with the day left blank; it addresses commune and ward people's
        # committees, which exist only from 1 July 2025 (the new era).
        "as_of": "2025-07-01",
        "issued_on": None,
        "signer": "Vũ Thu Hà, Phó Chủ tịch",
        "kind": "thematic",
        "first_year": _HN_RURAL_FIRST_YEAR,
        "last_year": _HN_RURAL_LAST_YEAR,
        "implements": [
            "Kế hoạch số 316-KH/TU ngày 23/4/2025",
            "Chỉ thị số 37-CT/TW ngày 10/7/2024",
        ],
        "units_deadline": "12-05",
        "consolidation_deadline": "12-20",
        "status": "issued",
        "targets": _HN_RURAL_TARGETS,
    },
    {
        "code": "hp-2021-2030",
        "number": "",
        "title": (
            "Thực hiện Chiến lược phát triển giáo dục nghề nghiệp thành phố Hải Phòng giai "
            "đoạn 2021 - 2030, tầm nhìn đến năm 2045"
        ),
        "title_en": (
            "Implementing the vocational education development strategy of Hải Phòng for "
            "2021-2030, with a vision to 2045"
        ),
        "issuer": HAI_PHONG,
        "as_of": "2022-04-13",
        "issued_on": None,
        "signer": "Lê Khắc Nam, Phó Chủ tịch",
        "kind": "strategy",
        "first_year": 2021,
        "last_year": 2030,
        "implements": [
            "Quyết định số 2239/QĐ-TTg ngày 30/12/2021",
            "Quyết định số 336/QĐ-LĐTBXH ngày 13/4/2022",
        ],
        # Only five-year and ten-year reviews are asked for, with no calendar date.
        "units_deadline": None,
        "consolidation_deadline": None,
        "status": "issued",
        "targets": _HP_TARGETS,
    },
    {
        "code": "disu-2024",
        "number": "",
        "title": "Triển khai thực hiện hoạt động giáo dục nghề nghiệp phường Dị Sử năm 2024",
        "title_en": "Implementing vocational education activities in Dị Sử ward in 2024",
        "issuer": DI_SU_WARD,
        "as_of": "2024-03-29",
        "issued_on": None,
        "signer": "Nguyễn Vũ Hồng, Phó Chủ tịch",
        "kind": "annual",
        # The plan is for 2024, but its Appendix I also sets out 2023's targets and
        # results, so the covered years start in 2023.
        "first_year": 2023,
        "last_year": 2024,
        "implements": [
            "Chương trình hành động số 14-CTr/ThU ngày 28/10/2022",
            "Nghị quyết số 31-NQ/TU ngày 12/8/2022",
            "Kế hoạch số 63/KH-UBND ngày 29/3/2024",
        ],
        "units_deadline": "12-01",
        "consolidation_deadline": None,
        "status": "issued",
        "targets": _DISU_TARGETS,
    },
)


# --- Real results printed in the plans --------------------------------------------------
# Dị Sử Appendix I, column "Năm 2023 – Kết quả đạt được", on the town (district 328),
# resolved with the plan's as_of. Cells printed "-" (support for released prisoners and for
# poor/disabled/SME workers) are not figures and are left out.
def _result(indicator: str, value: str | None, printed: str, note: str = "") -> dict:
    return {
        "plan": "disu-2024",
        "indicator": indicator,
        "unit": MY_HAO_TOWN,
        "period": "2023",
        "value": value,
        "printed": printed,
        "note": note or _TOWN_NOTE,
    }


RESULTS: tuple[dict, ...] = (
    _result(
        "enrol_total", "62750", "62.750",
        note=(
            "Phụ lục I: số liệu của thị xã Mỹ Hào. Tổng in 62.750, các trình độ cộng lại "
            "62.500 (1.700 + 4.200 + 56.600): giữ tổng như bản in."
        ),
    ),
    _result("enrol_college", "1700", "1.700"),
    _result("enrol_intermediate", "4200", "4.200"),
    _result("enrol_elementary", "56600", "56.600"),
    _result("enrol_support_demobilized", "37", "37"),
    _result(
        "employed_after_training_rate", None, ">92",
        note="Phụ lục I: số liệu của thị xã Mỹ Hào. Bản in chỉ ghi “>92”, không có số cụ thể.",
    ),
    _result("trained_rate", "69", "69"),
    _result("certified_rate", "31", "31"),
    _result("institutions", "26", "26"),
)
