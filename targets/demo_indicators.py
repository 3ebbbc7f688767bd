"""The departments' own indicators the demo plans need, as plain data (no Django).

The five source plans print eight targets the shipped catalogue (`targets/catalogue.py`)
has no indicator for; each department defines its own, as an officer would on
/indicators/new/, and `targets.demo` loads them through `targets.indicators`:

- Hải Phòng (31), plan hp-2021-2030 (seed 003, section II.2): of its high-quality schools
  "01 (2030: 02) trường cao đẳng thuộc thành phố Hải Phòng đạt trường chất lượng cao"; of
  its key occupations "02-03 nghề trọng điểm có năng lực cạnh tranh vượt trội trong các
  nước ASEAN-4"; "03-05 ngành, nghề tiếp cận trình độ các nước phát triển" (2025: "trong
  khu vực và trên thế giới", 2030: "trong nhóm G20").
- Hưng Yên (33), for Thị xã Mỹ Hào's Appendix I in disu-2024 (seed 004): "Số cơ sở GDNN
  giảm trong năm 02" and "Số cơ sở GDNN tăng trong năm 02" — the town streamlines its
  network while keeping it at 26, so both flows are to be held at what was planned.

Keys as `IndicatorInput` (`targets.indicators`) takes them, plus ``code``, ``owner`` (the
province's official code) and the codes of ``part_of`` / ``component_of``.
"""

from __future__ import annotations

HAI_PHONG = "31"
HUNG_YEN = "33"

DEPARTMENT_INDICATORS: tuple[dict, ...] = (
    {
        "code": "hp_high_quality_colleges",
        "owner": HAI_PHONG,
        "name_vi": "Trường cao đẳng thuộc thành phố đạt trường chất lượng cao",
        "name_en": "City-run colleges of high quality",
        "unit": "trường",
        "kind": "level",
        "direction": "higher",
        "part_of": "high_quality_schools",
        "description_vi": "Trong số trường chất lượng cao trên địa bàn, số trường cao đẳng "
        "thuộc thành phố Hải Phòng được công nhận đạt trường chất lượng cao.",
        "description_en": "Of the area's high-quality schools, the colleges run by the city "
        "of Hải Phòng that are recognised as high-quality schools.",
        "aliases": "Trường cao đẳng thuộc thành phố Hải Phòng đạt trường chất lượng cao",
    },
    {
        "code": "hp_key_occupations_asean4",
        "owner": HAI_PHONG,
        "name_vi": "Nghề trọng điểm có năng lực cạnh tranh vượt trội trong các nước ASEAN-4",
        "name_en": "Key occupations outstandingly competitive among the ASEAN-4",
        "unit": "nghề",
        "kind": "level",
        "direction": "higher",
        "part_of": "key_occupations",
        "description_vi": "Trong số nghề trọng điểm, số nghề có năng lực cạnh tranh vượt trội "
        "trong các nước ASEAN-4.",
        "description_en": "Of the key occupations, those whose training competes "
        "outstandingly among the ASEAN-4 countries.",
        "aliases": "Nghề trọng điểm ASEAN-4",
    },
    {
        "code": "hp_occupations_developed_level",
        "owner": HAI_PHONG,
        "name_vi": "Ngành, nghề tiếp cận trình độ các nước phát triển",
        "name_en": "Occupations taught at the level of developed countries",
        "unit": "ngành, nghề",
        "kind": "level",
        "direction": "higher",
        "description_vi": "Số ngành, nghề đào tạo tiếp cận trình độ các nước phát triển: đến "
        "năm 2025 trong khu vực và trên thế giới, đến năm 2030 trong nhóm G20.",
        "description_en": "Occupations whose training reaches the level of developed "
        "countries: in the region and the world by 2025, of the G20 by 2030.",
        "aliases": "Ngành, nghề tiếp cận trình độ các nước phát triển trong khu vực và trên "
        "thế giới\nNgành, nghề tiếp cận trình độ các nước phát triển trong nhóm G20",
    },
    {
        "code": "hy_institutions_closed",
        "owner": HUNG_YEN,
        "name_vi": "Số cơ sở GDNN giảm trong năm",
        "name_en": "Vocational institutions closed or merged in the year",
        "unit": "cơ sở",
        "kind": "count",
        "direction": "hold",
        "tolerance": "0",
        "description_vi": "Số cơ sở giáo dục nghề nghiệp giải thể, sáp nhập trong năm khi sắp "
        "xếp mạng lưới; giữ đúng số kế hoạch để quy mô mạng lưới không đổi.",
        "description_en": "Vocational institutions dissolved or merged during the year as the "
        "network is streamlined; held at the planned number so the network keeps its size.",
        "aliases": "Số cơ sở giáo dục nghề nghiệp giảm trong năm",
    },
    {
        "code": "hy_institutions_opened",
        "owner": HUNG_YEN,
        "name_vi": "Số cơ sở GDNN tăng trong năm",
        "name_en": "Vocational institutions opened in the year",
        "unit": "cơ sở",
        "kind": "count",
        "direction": "hold",
        "tolerance": "0",
        "description_vi": "Số cơ sở giáo dục nghề nghiệp thành lập mới trong năm; giữ đúng số "
        "kế hoạch để quy mô mạng lưới không đổi.",
        "description_en": "Vocational institutions founded during the year; held at the "
        "planned number so the network keeps its size.",
        "aliases": "Số cơ sở giáo dục nghề nghiệp tăng trong năm",
    },
)
