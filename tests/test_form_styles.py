"""Forms in the product's style: a picker opens on words that say what choosing nothing means
("— Chọn kế hoạch —", "— Mọi chỉ tiêu —"), never Django's "---------"; each field in its own
block with its label above it, never Django's raw `as_div`/`as_table` layout."""

from __future__ import annotations

import pytest
from django.urls import reverse
from lxml import html

from tests.factories import hanoi_2024_two_districts

pytestmark = pytest.mark.django_db

DJANGO_EMPTY = "---------"


@pytest.fixture
def plan():
    """hn-2024, issued, with quotas for Ba Đình and Đống Đa."""
    return hanoi_2024_two_districts()


def page(client, url: str) -> html.HtmlElement:
    response = client.get(url)
    assert response.status_code == 200, url
    text = response.content.decode()
    assert DJANGO_EMPTY not in text, url
    return html.fromstring(text)


def options(document: html.HtmlElement, select_id: str) -> list[tuple[str, str]]:
    [select] = document.xpath(f"//select[@id='{select_id}']")
    return [(o.get("value"), o.text_content().strip()) for o in select.xpath(".//option")]


def assert_label_above(document: html.HtmlElement, field_id: str, label: str) -> None:
    """The field sits in its own block, right after a label naming it."""
    [field] = document.xpath(f"//*[@id='{field_id}']")
    block = field.getparent()
    assert "field" in block.get("class", "").split()
    [caption] = block.xpath(f"./label[@for='{field_id}']")
    assert caption.text_content().strip().startswith(label)
    assert block.index(caption) < block.index(field)


def test_the_import_pages_plan_picker_says_the_plan_is_optional(client, plan, reporter_001):
    client.force_login(reporter_001)
    document = page(client, reverse("reports:import"))
    choices = options(document, "id_plan")
    assert choices[0] == ("", "— Chọn kế hoạch (không bắt buộc) —")
    assert [label.split(" · ")[0] for _value, label in choices[1:]] == ["hn-2024"]
    assert_label_above(document, "id_plan", "Kế hoạch")
    assert_label_above(document, "id_file", "Tệp báo cáo")
    assert_label_above(document, "id_period", "Kỳ báo cáo cho các dòng không ghi kỳ")


def test_the_token_form_has_its_labels_above_the_fields(client, reporter_001):
    client.force_login(reporter_001)
    document = page(client, reverse("api_tokens"))
    assert_label_above(document, "id_name", "Tên")
    [checkbox] = document.xpath("//*[@id='id_read_only']")
    assert checkbox.getparent().tag == "label"  # a box beside its words
    assert "Chỉ đọc" in checkbox.getparent().text_content()


def test_the_template_form_asks_for_a_plan_and_starts_on_the_users_unit(client, plan,
                                                                         reporter_001):
    client.force_login(reporter_001)
    document = page(client, reverse("reports:import_template"))
    assert options(document, "id_plan")[0] == ("", "— Chọn kế hoạch —")
    units = options(document, "id_unit")
    assert units[0][1] == "001 Quận Ba Đình"  # required: no empty choice at all
    assert all(value for value, _label in units)


def test_the_export_form_says_what_an_empty_choice_exports(client, plan, officer_01):
    client.force_login(officer_01)
    document = page(client, reverse("reports:export"))
    assert options(document, "id_plan")[0] == ("", "— Mọi kế hoạch —")
    assert options(document, "id_indicator")[0] == ("", "— Mọi chỉ tiêu —")
    assert options(document, "id_unit")[0] == ("", "— Mọi đơn vị trong phạm vi của tôi —")


def test_the_plan_forms_pickers_name_their_choice(client, plan, officer_01):
    client.force_login(officer_01)
    created = page(client, reverse("plans:create"))
    assert options(created, "id_issuer")[0] == ("", "— Chọn đơn vị ban hành —")
    listed = page(client, reverse("plans:list"))
    assert options(listed, "id_issuer")[0] == ("", "tất cả")
    detail = page(client, reverse("targets:plan_detail", args=[plan.code]))
    assert options(detail, "id_superseded_by")[0] == ("", "— Chọn kế hoạch thay thế —")
    grid = page(client, reverse("targets:grid", args=[plan.code, 2024]))
    # The two quota tools (copy, split) each pick an indicator.
    pickers = grid.xpath("//select[@name='indicator']")
    assert len(pickers) == 2
    for picker in pickers:
        first = picker.xpath(".//option")[0]
        assert (first.get("value"), first.text_content().strip()) == ("", "— Chọn chỉ tiêu —")
