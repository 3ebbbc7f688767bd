"""Achievement in the words people use: a count's share of its target ("Tỷ lệ đạt
51,1 %"), a rate's gap to its target in percentage points under its own heading
("Chênh lệch so với chỉ tiêu: -0,7 điểm %"), and every rate written with "%".

Hà Nội's 2024 plan: the trained-labour rate stood at 73,5 % after the first half against
a target of 74,2 %; enrolment at 120.000 of 235.000.
"""
from __future__ import annotations

import re

import pytest

from tests.factories import hanoi_2024_with_results

pytestmark = pytest.mark.django_db


def tile(html: str, name: str) -> str:
    start = html.index(f"<h3>{name}</h3>")
    return html[start:html.index("</article>", start)]


def text(fragment: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", fragment).split())


def test_a_rate_tile_gives_the_gap_in_points_and_a_count_tile_the_share(client, viewer_01):
    hanoi_2024_with_results()
    client.force_login(viewer_01)
    html = client.get("/reports/progress/dashboard/?plan=hn-2024&year=2024").content.decode()

    rate = text(tile(html, "Tỷ lệ lao động qua đào tạo"))
    assert "Chênh lệch so với chỉ tiêu: -0,7 điểm %" in rate
    assert "73,5 %" in rate and "Tỷ lệ đạt" not in rate

    count = text(tile(html, "Tuyển sinh giáo dục nghề nghiệp"))
    assert "Tỷ lệ đạt: 51,1 %" in count and "điểm" not in count


def test_the_progress_table_writes_rates_with_percent_and_gaps_in_points(client, officer_01):
    hanoi_2024_with_results()
    client.force_login(officer_01)
    html = text(client.get("/reports/progress/hn-2024/2024/").content.decode())
    assert "Tỷ lệ đạt / chênh lệch" in html
    assert "73,5 %" in html
    assert "-0,7 điểm %" in html
