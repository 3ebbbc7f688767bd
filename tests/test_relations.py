"""The warning rules between indicators have one home, `reports.checks.Relations`: the
entry page, its script, the importer and the progress pages take them from there."""
from __future__ import annotations

import json
from decimal import Decimal

import pytest

from reports.checks import MESSAGES, Relations
from reports.imports.checking import CrossChecks
from reports.periods import Period
from reports.progress.engine import IndicatorFacts, IndicatorKind, Value, value_warnings
from targets.models import Indicator

# Ba Đình's 2024 enrolment: 1.400 college + 1.600 intermediate + 3.000 elementary = 6.000.
LEVELS = {"enrol_college": Decimal(1400), "enrol_intermediate": Decimal(1600),
          "enrol_elementary": Decimal(3000)}
RELATIONS = Relations(
    total_of=dict.fromkeys(LEVELS, "enrol_total"),
    whole_of={"enrol_support_demobilized": "enrol_elementary"},
)


def codes(issues) -> list[str]:
    return [issue.code for issue in issues]


def test_a_total_that_matches_its_levels_has_no_warning():
    values = {"enrol_total": Decimal(6000), **LEVELS}
    assert RELATIONS.on_row("enrol_total", values, last_year=Decimal(5800)) == []


def test_a_total_that_does_not_match_its_levels_is_warned_on_the_total_row_only():
    values = {"enrol_total": Decimal(6200), **LEVELS}
    assert codes(RELATIONS.on_row("enrol_total", values, last_year=None)) == [
        "components_mismatch"
    ]
    assert RELATIONS.on_row("enrol_college", values, last_year=None) == []


def test_an_of_which_part_above_its_whole_and_a_jump_are_warned_on_the_part():
    values = {**LEVELS, "enrol_support_demobilized": Decimal(3200)}
    found = RELATIONS.on_row("enrol_support_demobilized", values, last_year=Decimal(900))
    assert codes(found) == ["of_which_above_whole", "jump"]
    assert "3.200" in found[0].message and "3.000" in found[0].message


@pytest.mark.django_db
def test_relations_between_the_shipped_catalogue():
    relations = Relations.between(Indicator.objects.all())
    assert sorted(relations.components_of("enrol_total")) == sorted(LEVELS)
    assert relations.whole_of["enrol_support_demobilized"] == "enrol_elementary"
    assert relations.on_row("trained_rate", {}, last_year=None) == []


@pytest.mark.django_db
def test_importer_and_progress_use_the_same_rule_as_the_entry_page():
    indicators = list(Indicator.objects.all())
    values = {"enrol_total": Decimal(6200), **LEVELS}
    expected = [i.message for i in Relations.between(indicators).on_row(
        "enrol_total", values, last_year=None)]

    period = Period.parse("2024")
    stored = {code: {"2024": Value(period=period, value=value)} for code, value in values.items()}
    facts = IndicatorFacts(code="enrol_total", kind=IndicatorKind.COUNT,
                           components=tuple(LEVELS))
    assert value_warnings(facts, stored, period) == expected

    class Row:  # what CrossChecks reads of an import line
        def __init__(self, code):
            self.indicator = next(i for i in indicators if i.code == code)
            self.value = values[code]

    in_file = {code: Row(code) for code in values}
    found = CrossChecks(indicators).warnings(in_file, values, last_year={})
    assert [issue.message for _row, issue in found] == expected


@pytest.mark.django_db
def test_the_entry_page_gets_the_rules_and_their_words_from_the_server(client, make_user):
    from districts.models import Unit
    from tests.factories import hanoi_2024_header, quotas_make

    ba_dinh = Unit.objects.get(code="001", level=Unit.Level.DISTRICT)
    quotas_make(plan=hanoi_2024_header(), unit=ba_dinh)
    client.force_login(make_user("reporter", "001"))
    html = client.get(f"/reports/entry/{ba_dinh.pk}/2024/").content.decode()
    start = html.index('id="entry-checks"')
    payload = html[html.index(">", start) + 1:html.index("</script>", start)]
    checks = json.loads(payload)
    assert checks["relations"]["total_of"]["enrol_college"] == "enrol_total"
    assert checks["relations"]["whole_of"]["enrol_support_demobilized"] == "enrol_elementary"
    assert checks["relations"]["jump_factor"] == "3"
    assert checks["messages"]["jump_up"] == str(MESSAGES["jump_up"])
    assert "ba lần" in checks["messages"]["jump_up"]  # Vietnamese, the default language
