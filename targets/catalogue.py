"""The indicator catalogue: what the plans measure, in display order.

Plain data, no Django: loaders, fixtures and pure tests import it directly.

Keys of each entry:
- ``code``: the stable code other parts of the product refer to;
- ``name_vi`` / ``name_en``: short names for tables and charts;
- ``unit``: the Vietnamese unit of measure (người, lượt người, %, cơ sở, trường, nghề);
- ``kind``: ``count`` (adds up across units), ``rate`` (a percentage whose numerator and
  denominator add up) or ``level`` (a stock at a point in time);
- ``higher_is_better``: the direction of the indicator;
- ``component_of``: the total this indicator is an addend of (components add up to it);
- ``part_of``: the whole this indicator is an "of which" part of (never above it, but
  the parts need not add up to it);
- ``description_vi`` / ``description_en``: what is measured and how.
"""

from __future__ import annotations

PERSONS = "người"
PERSON_TIMES = "lượt người"
PERCENT = "%"
INSTITUTIONS = "cơ sở"
SCHOOLS = "trường"
OCCUPATIONS = "nghề"

COUNT = "count"
RATE = "rate"
LEVEL = "level"


def _indicator(
    code: str,
    name_vi: str,
    name_en: str,
    unit: str,
    kind: str,
    description_vi: str,
    description_en: str,
    *,
    component_of: str | None = None,
    part_of: str | None = None,
    higher_is_better: bool = True,
) -> dict:
    return {
        "code": code,
        "name_vi": name_vi,
        "name_en": name_en,
        "unit": unit,
        "kind": kind,
        "higher_is_better": higher_is_better,
        "component_of": component_of,
        "part_of": part_of,
        "description_vi": description_vi,
        "description_en": description_en,
    }


INDICATORS: tuple[dict, ...] = (
    # --- enrolment -------------------------------------------------------------------
    _indicator(
        "enrol_total",
        "Tuyển sinh giáo dục nghề nghiệp",
        "Vocational enrolment",
        PERSONS,
        COUNT,
        "Số người được tuyển mới vào học nghề trong năm ở mọi trình độ, bằng tổng tuyển "
        "sinh cao đẳng, trung cấp và sơ cấp, dưới 3 tháng. Hà Nội đếm theo lượt người: "
        "một người học hai khóa trong năm được tính hai lần.",
        "New enrolments in vocational training during the year at every level: the sum of "
        "college, intermediate and elementary (including courses under three months). "
        "Hà Nội counts enrolments, so a person taking two courses in a year counts twice.",
    ),
    _indicator(
        "enrol_college",
        "Tuyển sinh trình độ cao đẳng",
        "College-level enrolment",
        PERSONS,
        COUNT,
        "Số người được tuyển mới vào chương trình cao đẳng trong năm.",
        "New enrolments in college-level vocational programmes during the year.",
        component_of="enrol_total",
    ),
    _indicator(
        "enrol_intermediate",
        "Tuyển sinh trình độ trung cấp",
        "Intermediate-level enrolment",
        PERSONS,
        COUNT,
        "Số người được tuyển mới vào chương trình trung cấp trong năm.",
        "New enrolments in intermediate-level vocational programmes during the year.",
        component_of="enrol_total",
    ),
    _indicator(
        "enrol_elementary",
        "Tuyển sinh trình độ sơ cấp và dưới 3 tháng",
        "Elementary and short-course enrolment",
        PERSONS,
        COUNT,
        "Số người được tuyển mới vào chương trình sơ cấp, các khóa đào tạo dưới 3 tháng, "
        "ngắn hạn và hình thức khác trong năm.",
        "New enrolments in elementary programmes, courses shorter than three months and "
        "other short training during the year.",
        component_of="enrol_total",
    ),
    _indicator(
        "enrol_support_demobilized",
        "Hỗ trợ học nghề: thanh niên hoàn thành nghĩa vụ quân sự, công an",
        "Supported trainees: young people after military or police service",
        PERSONS,
        COUNT,
        "Trong số tuyển sinh sơ cấp, ngắn hạn: thanh niên xuất ngũ sau nghĩa vụ quân sự, "
        "nghĩa vụ công an và thanh niên tình nguyện đã xong nhiệm vụ được hỗ trợ học nghề.",
        "Of the elementary enrolment, the young people supported after finishing military "
        "or police service, or a youth-volunteer assignment.",
        part_of="enrol_elementary",
    ),
    _indicator(
        "enrol_support_released_prisoners",
        "Hỗ trợ học nghề: người chấp hành xong án phạt tù",
        "Supported trainees: people released from prison",
        PERSONS,
        COUNT,
        "Trong số tuyển sinh sơ cấp, ngắn hạn: người đã chấp hành xong hình phạt tù được "
        "hỗ trợ học nghề để tái hòa nhập.",
        "Of the elementary enrolment, the people who have served a prison sentence and are "
        "supported to learn a trade.",
        part_of="enrol_elementary",
    ),
    _indicator(
        "enrol_support_poor_disabled_sme",
        "Hỗ trợ học nghề: hộ nghèo, cận nghèo, người khuyết tật, lao động DNNVV",
        "Supported trainees: poor households, disabled people, SME workers",
        PERSONS,
        COUNT,
        "Trong số tuyển sinh sơ cấp, ngắn hạn: lao động thuộc hộ nghèo, cận nghèo, người "
        "khuyết tật và lao động doanh nghiệp nhỏ và vừa được hỗ trợ đào tạo, bồi dưỡng.",
        "Of the elementary enrolment, workers from poor and near-poor households, disabled "
        "people and employees of small and medium enterprises supported in training.",
        part_of="enrol_elementary",
    ),
    # --- the labour force ------------------------------------------------------------
    _indicator(
        "trained_rate",
        "Tỷ lệ lao động qua đào tạo",
        "Trained-labour rate",
        PERCENT,
        RATE,
        "Số lao động đã qua đào tạo (có hoặc không có bằng cấp, chứng chỉ) chia cho lực "
        "lượng lao động từ 15 tuổi trở lên của địa bàn, tính theo phần trăm.",
        "Workers who have received training, with or without a diploma or certificate, "
        "divided by the labour force aged 15 and over in the area, as a percentage.",
    ),
    _indicator(
        "certified_rate",
        "Tỷ lệ lao động có bằng cấp, chứng chỉ",
        "Certified-labour rate",
        PERCENT,
        RATE,
        "Số lao động qua đào tạo có bằng cấp, chứng chỉ (khóa từ 3 tháng trở lên) chia "
        "cho cùng mẫu số lực lượng lao động; là một phần của tỷ lệ lao động qua đào tạo.",
        "Trained workers holding a diploma or certificate (courses of three months or "
        "more) over the same labour-force denominator; part of the trained-labour rate.",
        part_of="trained_rate",
    ),
    _indicator(
        "employed_after_training_rate",
        "Tỷ lệ lao động có việc làm sau đào tạo",
        "Employment rate after training",
        PERCENT,
        RATE,
        "Số người học có việc làm hoặc tự tạo việc làm sau khi hoàn thành khóa học chia "
        "cho số người hoàn thành khóa học trong kỳ.",
        "Learners who are employed or self-employed after completing their course, divided "
        "by the learners who completed a course in the period.",
    ),
    # --- streaming school graduates into vocational training ------------------------
    _indicator(
        "graduates_attracted",
        "Học sinh tốt nghiệp THCS, THPT vào học trung cấp, cao đẳng",
        "School graduates drawn into intermediate and college training",
        PERSONS,
        COUNT,
        "Số học sinh tốt nghiệp trung học cơ sở, trung học phổ thông của địa bàn vào học "
        "trình độ trung cấp, cao đẳng trong năm.",
        "Lower- and upper-secondary graduates of the area who enrol in intermediate or "
        "college-level vocational training during the year.",
    ),
    _indicator(
        "graduates_attracted_rate",
        "Tỷ lệ học sinh tốt nghiệp THCS, THPT vào giáo dục nghề nghiệp",
        "Share of school graduates entering vocational education",
        PERCENT,
        RATE,
        "Số học sinh tốt nghiệp THCS, THPT vào học giáo dục nghề nghiệp chia cho tổng số "
        "học sinh tốt nghiệp THCS, THPT trong năm.",
        "Lower- and upper-secondary graduates who go on to vocational education, divided "
        "by all lower- and upper-secondary graduates of the year.",
    ),
    _indicator(
        "female_enrol_share",
        "Tỷ lệ nữ trong tuyển sinh mới",
        "Female share of new enrolments",
        PERCENT,
        RATE,
        "Số học viên, học sinh, sinh viên nữ được tuyển mới chia cho tổng tuyển sinh mới.",
        "Women and girls among new enrolments, divided by all new enrolments.",
    ),
    _indicator(
        "retrained_share",
        "Tỷ lệ lực lượng lao động được đào tạo lại, đào tạo thường xuyên",
        "Share of the labour force retrained",
        PERCENT,
        RATE,
        "Số lao động được đào tạo lại hoặc đào tạo thường xuyên chia cho lực lượng lao động.",
        "Workers who receive retraining or continuing training, divided by the labour force.",
    ),
    _indicator(
        "disabled_trained_rate",
        "Tỷ lệ người khuyết tật còn khả năng lao động được học nghề",
        "Share of disabled workers trained",
        PERCENT,
        RATE,
        "Số người khuyết tật còn khả năng lao động được học nghề phù hợp chia cho tổng số "
        "người khuyết tật còn khả năng lao động.",
        "Disabled people able to work who receive suitable vocational training, divided by "
        "all disabled people able to work.",
    ),
    _indicator(
        "it_skills_rate",
        "Tỷ lệ lao động có kỹ năng công nghệ thông tin",
        "Share of workers with IT skills",
        PERCENT,
        RATE,
        "Số lao động có kỹ năng công nghệ thông tin chia cho lực lượng lao động.",
        "Workers with information-technology skills, divided by the labour force.",
    ),
    _indicator(
        "rural_trainees",
        "Lao động nông thôn tham gia học nghề",
        "Rural workers in vocational training",
        PERSONS,
        COUNT,
        "Số lao động nông thôn bắt đầu học nghề ở các trình độ giáo dục nghề nghiệp trong "
        "năm.",
        "Rural workers who start vocational training at any level during the year.",
    ),
    # --- institutions, programmes and staff -------------------------------------------
    _indicator(
        "accredited_institutions_share",
        "Tỷ lệ cơ sở GDNN đạt tiêu chuẩn kiểm định chất lượng",
        "Share of institutions accredited",
        PERCENT,
        RATE,
        "Số cơ sở giáo dục nghề nghiệp đạt tiêu chuẩn kiểm định chất lượng chia cho tổng "
        "số cơ sở giáo dục nghề nghiệp.",
        "Vocational institutions that meet the quality-accreditation standards, divided by "
        "all vocational institutions.",
    ),
    _indicator(
        "accredited_programs_share",
        "Tỷ lệ chương trình ngành, nghề trọng điểm đạt kiểm định chất lượng",
        "Share of key-occupation programmes accredited",
        PERCENT,
        RATE,
        "Số chương trình đào tạo ngành, nghề trọng điểm đạt tiêu chuẩn kiểm định chất lượng "
        "chia cho tổng số chương trình đào tạo ngành, nghề trọng điểm.",
        "Training programmes for key occupations that pass quality accreditation, divided "
        "by all key-occupation programmes.",
    ),
    _indicator(
        "teachers_standard_share",
        "Tỷ lệ nhà giáo đạt chuẩn",
        "Share of teachers meeting standards",
        PERCENT,
        RATE,
        "Số nhà giáo giáo dục nghề nghiệp đạt chuẩn chuyên môn, nghiệp vụ chia cho tổng số "
        "nhà giáo.",
        "Vocational teachers who meet the professional standards, divided by all "
        "vocational teachers.",
    ),
    _indicator(
        "managers_trained_share",
        "Tỷ lệ cán bộ quản lý được bồi dưỡng kỹ năng quản lý, quản trị",
        "Share of managers trained in management",
        PERCENT,
        RATE,
        "Số cán bộ quản lý giáo dục nghề nghiệp được đào tạo, bồi dưỡng kỹ năng quản lý, "
        "quản trị hiện đại chia cho tổng số cán bộ quản lý.",
        "Vocational-education managers trained in modern management and governance, "
        "divided by all such managers.",
    ),
    _indicator(
        "programs_output_standard_share",
        "Tỷ lệ ngành, nghề có chuẩn đầu ra theo Khung trình độ quốc gia",
        "Share of occupations with output standards",
        PERCENT,
        RATE,
        "Số ngành, nghề đào tạo đã xây dựng hoặc cập nhật chuẩn đầu ra theo Khung trình độ "
        "quốc gia Việt Nam chia cho tổng số ngành, nghề đào tạo.",
        "Occupations taught whose learning outcomes have been written or updated against "
        "the Vietnamese Qualifications Framework, divided by all occupations taught.",
    ),
    _indicator(
        "high_quality_schools",
        "Trường chất lượng cao",
        "High-quality schools",
        SCHOOLS,
        LEVEL,
        "Số trường cao đẳng, trung cấp trên địa bàn được công nhận đạt tiêu chí trường "
        "chất lượng cao, tính tại thời điểm cuối năm.",
        "Colleges and intermediate schools in the area recognised as meeting the "
        "high-quality school criteria, counted at the end of the year.",
    ),
    _indicator(
        "key_occupations",
        "Nghề trọng điểm",
        "Key occupations",
        OCCUPATIONS,
        LEVEL,
        "Số lượt nghề trọng điểm được phê duyệt cho các trường trên địa bàn: một nghề được "
        "duyệt ở hai trường hoặc hai cấp độ tính là hai lượt.",
        "Approvals of key occupations held by the area's schools: an occupation approved "
        "at two schools, or at two levels, counts twice.",
    ),
    _indicator(
        "institutions",
        "Cơ sở giáo dục nghề nghiệp",
        "Vocational institutions",
        INSTITUTIONS,
        LEVEL,
        "Số cơ sở giáo dục nghề nghiệp và cơ sở có hoạt động giáo dục nghề nghiệp trên địa "
        "bàn, tính tại thời điểm cuối năm.",
        "Vocational institutions and other bodies licensed to provide vocational training "
        "in the area, counted at the end of the year.",
    ),
    # --- administration ----------------------------------------------------------------
    _indicator(
        "admin_procedures_on_time_rate",
        "Tỷ lệ thủ tục hành chính GDNN trả kết quả đúng hạn",
        "Administrative procedures settled on time",
        PERCENT,
        RATE,
        "Số hồ sơ thủ tục hành chính lĩnh vực giáo dục nghề nghiệp được trả kết quả đúng "
        "hạn hoặc trước hạn chia cho tổng số hồ sơ đã giải quyết.",
        "Vocational-education administrative files settled on or before their due date, "
        "divided by all files settled.",
    ),
)

INDICATOR_CODES: tuple[str, ...] = tuple(item["code"] for item in INDICATORS)
