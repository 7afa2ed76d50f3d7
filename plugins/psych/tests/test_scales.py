"""PHQ-9 and GAD-7: item counts, scoring, severity bands at every boundary, item-9 crisis."""

from __future__ import annotations

import pytest

from plugins.psych.models import ScaleResult
from plugins.psych.scales import GAD7, PHQ9

PHQ9_BANDS = [(0, "无/极轻微"), (4, "无/极轻微"), (5, "轻度"), (9, "轻度"), (10, "中度"),
              (14, "中度"), (15, "中重度"), (19, "中重度"), (20, "重度"), (27, "重度")]
GAD7_BANDS = [(0, "无/极轻微"), (4, "无/极轻微"), (5, "轻度"), (9, "轻度"), (10, "中度"),
              (14, "中度"), (15, "重度"), (21, "重度")]


def test_standard_items():
    assert len(PHQ9.items) == 9 and PHQ9.max_score == 27
    assert len(GAD7.items) == 7 and GAD7.max_score == 21
    assert "伤害自己" in str(PHQ9.items[8])
    assert str(GAD7.items[0]) == "感觉紧张、焦虑或急切"


@pytest.mark.parametrize(("score", "band"), PHQ9_BANDS)
def test_phq9_bands(score, band):
    assert PHQ9.band(score) == band


@pytest.mark.parametrize(("score", "band"), GAD7_BANDS)
def test_gad7_bands(score, band):
    assert GAD7.band(score) == band


def test_scoring_and_validation():
    assert PHQ9.score([3] * 9) == 27
    assert GAD7.score([0, 1, 2, 3, 0, 1, 2]) == 9
    for bad in ([1] * 8, [4] + [0] * 8, [-1] + [0] * 8):
        with pytest.raises(ValueError):
            PHQ9.score(bad)
    with pytest.raises(ValueError):
        PHQ9.band(28)


def test_risk_is_item_nine_only():
    assert PHQ9.is_risk([0] * 8 + [1])
    assert not PHQ9.is_risk([3] * 8 + [0])
    assert not GAD7.is_risk([3] * 7)


def _post(client, code, answers):
    return client.post(f"/psych/scale/{code}/", {f"q{i}": a for i, a in enumerate(answers, 1)})


@pytest.mark.django_db
def test_taking_a_scale_keeps_only_score_band_and_date(client, resident, psych_on):
    client.force_login(resident)
    page = client.get("/psych/scale/phq9/").content.decode()
    assert "做事时提不起劲或没有兴趣" in page and "一半以上的天数" in page
    response = _post(client, "phq9", [2, 2, 2, 1, 1, 1, 1, 0, 0])
    html = response.content.decode()
    assert "中度" in html and 'data-testid="crisis"' not in html
    result = ScaleResult.objects.get(resident=resident)
    assert (result.scale, result.score, result.band) == ("phq9", 10, "中度")
    assert "中度" in client.get("/psych/mine/").content.decode()


@pytest.mark.django_db
def test_item_nine_shows_crisis_help_and_earliest_slot(client, resident, psych_on, make_slot):
    later, earliest = make_slot(days=5), make_slot(days=1)
    client.force_login(resident)
    html = _post(client, "phq9", [0] * 8 + [1]).content.decode()
    assert 'data-testid="crisis"' in html
    assert "12356" in html and 'href="tel:110"' in html and 'href="tel:120"' in html
    assert f"/psych/slots/{earliest.pk}/book/" in html
    assert f"/psych/slots/{later.pk}/book/" not in html


@pytest.mark.django_db
def test_incomplete_scale_is_refused(client, resident, psych_on):
    client.force_login(resident)
    response = client.post("/psych/scale/gad7/", {"q1": "1"})
    assert "请回答这一题" in response.content.decode()
    assert not ScaleResult.objects.exists()
    assert client.get("/psych/scale/nope/").status_code == 404
