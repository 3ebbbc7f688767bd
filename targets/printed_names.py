"""The names under which report sheets print the catalogue's indicators.

Plain data beside the catalogue (`targets/catalogue.py`), no Django: the importer reads
column headers by these names (`reports/imports/official.py`), with or without
diacritics, in any case, line breaks and a unit in brackets ignored. The catalogue's own
Vietnamese and English names count too; these are the other wordings, taken from the
tables of the source plans (Hà Nội's 2024 Appendix I, Dị Sử's 2024 Appendices I and II)
and the short forms offices write in column headers.

A wording that could mean two indicators is not listed: "Tổng" or "Tỷ lệ" alone mean
something only under a group header, and the importer reads them there.
"""

from __future__ import annotations

PRINTED_NAMES: dict[str, tuple[str, ...]] = {
    "enrol_total": (
        "Tuyển sinh giáo dục nghề nghiệp",
        "Tuyển sinh GDNN",
        "Tuyển sinh",
        "Tổng tuyển sinh",
        "Tổng số tuyển sinh",
        "Kết quả tuyển sinh, đào tạo GDNN",
        "Kết quả tuyển sinh, đào tạo giáo dục nghề nghiệp",
        "Tuyển sinh, đào tạo",
        "Tuyển sinh, đào tạo GDNN",
        "Tuyển sinh đào tạo nghề nghiệp",
    ),
    "enrol_college": (
        "Trình độ cao đẳng",
        "Cao đẳng",
        "Tuyển sinh cao đẳng",
    ),
    "enrol_intermediate": (
        "Trình độ trung cấp",
        "Trung cấp",
        "Tuyển sinh trung cấp",
    ),
    "enrol_elementary": (
        "Trình độ sơ cấp, ngắn hạn",
        "Trình độ sơ cấp và dưới 3 tháng",
        "Trình độ sơ cấp và đào tạo dưới 3 tháng",
        "Trình độ sơ cấp",
        "Sơ cấp, ngắn hạn và khác",
        "Sơ cấp, ngắn hạn",
        "Sơ cấp và dưới 3 tháng",
        "Sơ cấp và đào tạo dưới 3 tháng",
        "Sơ cấp",
    ),
    "enrol_support_demobilized": (
        "Hỗ trợ đào tạo nghề cho thanh niên hoàn thành nghĩa vụ quân sự, nghĩa vụ công an, "
        "thanh niên tình nguyện hoàn thành nhiệm vụ thực hiện chương trình, dự án phát triển "
        "kinh tế - xã hội",
        "Hỗ trợ đào tạo nghề cho thanh niên hoàn thành nghĩa vụ quân sự, nghĩa vụ công an",
    ),
    "enrol_support_released_prisoners": (
        "Hỗ trợ đào tạo nghề cho người chấp hành xong hình phạt tù",
        "Hỗ trợ đào tạo nghề cho người chấp hành xong án phạt tù",
    ),
    "enrol_support_poor_disabled_sme": (
        "Hỗ trợ đào tạo nghề cho người cho lao động thuộc diện hộ nghèo, hộ cận nghèo, người "
        "tàn tật; bồi dưỡng kỹ năng nghề cho lao động đang làm việc trong doanh nghiệp nhỏ "
        "và vừa;...",
        "Hỗ trợ đào tạo nghề cho lao động thuộc diện hộ nghèo, hộ cận nghèo, người tàn tật; "
        "bồi dưỡng kỹ năng nghề cho lao động đang làm việc trong doanh nghiệp nhỏ và vừa",
    ),
    "trained_rate": (
        "Tỷ lệ lao động qua đào tạo",
        "Tỷ lệ LĐQĐT",
        "Tỷ lệ lao động đã qua đào tạo",
    ),
    "certified_rate": (
        "Tỷ lệ lao động qua đào tạo có bằng cấp, chứng chỉ",
        "Tỷ lệ lao động có bằng cấp chứng chỉ",
        "Tỷ lệ lao động qua đào tạo có bằng cấp chứng chỉ",
        "Tỷ lệ có bằng cấp, chứng chỉ",
        "Có bằng cấp, chứng chỉ",
    ),
    "employed_after_training_rate": (
        "Tỷ lệ lao động có việc làm sau đào tạo",
        "Tỷ lệ có việc làm sau đào tạo",
        "Tỷ lệ người học có việc làm sau đào tạo",
    ),
    "graduates_attracted": (
        "Chỉ tiêu thu hút học sinh tốt nghiệp THCS, THPT tham gia học nghề trình độ trung "
        "cấp, cao đẳng tại các quận, huyện, thị xã",
        "Thu hút học sinh tốt nghiệp THCS, THPT tham gia học nghề trình độ trung cấp, "
        "cao đẳng",
        "Thu hút học sinh tốt nghiệp THCS, THPT tham gia học nghề",
        "Thu hút học sinh tốt nghiệp THCS, THPT",
        "Học sinh tốt nghiệp THCS, THPT tham gia học nghề trình độ trung cấp, cao đẳng",
    ),
    "graduates_attracted_rate": (
        "Tỷ lệ thu hút học sinh tốt nghiệp THCS, THPT vào giáo dục nghề nghiệp",
        "Tỷ lệ học sinh tốt nghiệp THCS, THPT vào học GDNN",
    ),
    "rural_trainees": (
        "Lao động nông thôn học nghề",
        "Đào tạo nghề cho lao động nông thôn",
    ),
    "institutions": (
        "Số cơ sở giáo dục nghề nghiệp",
        "Số cơ sở GDNN",
        "Cơ sở GDNN",
    ),
    "admin_procedures_on_time_rate": (
        "Tỷ lệ thủ tục hành chính trả kết quả đúng hạn",
        "Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn",
    ),
}
