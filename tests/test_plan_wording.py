"""The read-back endpoint the grid's script calls as an officer types a wording."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import speaking

pytestmark = pytest.mark.django_db

URL = reverse("targets:parse_wording")


@pytest.fixture
def officer(client, officer_01):
    client.force_login(officer_01)


def test_it_reads_tren_86_2_for_a_rate(client, officer):
    response = speaking(client, "en").get(URL, {"text": "trên 86,2", "indicator": "trained_rate"})
    assert response.status_code == 200
    assert response.json() == {
        "ok": True, "operator": "gt", "value": 86.2, "value_high": None,
        "readback": "greater than 86.2 %",
    }


def test_it_reads_back_in_vietnamese_notation(client, officer):
    data = client.get(URL, {"text": "khoảng 1.400", "indicator": "enrol_total"}).json()
    assert (data["operator"], data["value"]) == ("approx", 1400)
    assert "1.400" in data["readback"]


def test_it_reads_a_range(client, officer):
    data = client.get(URL, {"text": "40-45", "indicator": "graduates_attracted_rate"}).json()
    assert (data["operator"], data["value"], data["value_high"]) == ("range", 40, 45)
    assert data["readback"] == "40–45 %"


def test_it_explains_a_wording_it_cannot_read(client, officer):
    response = speaking(client, "en").get(URL, {"text": "tăng mạnh", "indicator": "trained_rate"})
    assert response.status_code == 200
    assert response.json()["ok"] is False
    assert "is not a target wording" in response.json()["error"]
    data = speaking(client, "en").get(URL, {"text": "30%", "indicator": "enrol_total"}).json()
    assert data["ok"] is False and "not a percentage" in data["error"]


def test_an_unknown_indicator_is_a_bad_request(client, officer):
    response = client.get(URL, {"text": "80%", "indicator": "no_such_indicator"})
    assert response.status_code == 400 and response.json()["ok"] is False


def test_it_needs_a_login_and_only_answers_get(client, make_user):
    response = client.get(URL, {"text": "80%", "indicator": "trained_rate"})
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    client.force_login(make_user("viewer", "01"))
    assert client.post(URL, {"text": "80%", "indicator": "trained_rate"}).status_code == 405
