"""五议两公开: order of the steps, quorum and majority at 审议 and 决议, publication."""

from __future__ import annotations

import pytest
from django.utils import timezone

from plugins.deliberation.models import Decision, DecisionStep, Stage
from plugins.deliberation.services import DeliberationError
from plugins.deliberation.services import decisions as services
from plugins.deliberation.services.decisions import Counts

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


@pytest.fixture
def decision(grid_tree, cadre):
    decision = Decision.objects.create(title="东栅社区停车位划线方案", grid=grid_tree["dongzha"],
                                       description="在东栅路18号小区内施划停车位120个。")
    services.start(decision, cadre, TODAY(), "居民建议汇总")
    return decision


def _advance(decision, cadre, to: str) -> None:
    steps = {
        Stage.MOTION: None, Stage.DISCUSSION: None,
        Stage.REVIEW: Counts(30, 24, 20, 2, 2), Stage.RESOLUTION: Counts(45, 32, 28, 3, 1),
        Stage.PUBLISHED: None, Stage.IMPLEMENTED: None,
    }
    order = list(Stage)
    for stage, counts in steps.items():
        if order.index(decision.stage) >= order.index(to):
            return
        if order.index(stage) <= order.index(decision.stage):
            continue
        services.record_step(decision.pk, cadre, stage, TODAY(), f"{stage}说明", counts)
        decision.refresh_from_db()


def test_steps_must_follow_the_order(decision, cadre):
    with pytest.raises(DeliberationError, match="下一环节是“提议”"):
        services.record_step(decision.pk, cadre, Stage.REVIEW, TODAY(), "跳过", Counts(30, 30, 30))
    with pytest.raises(DeliberationError, match="情况说明"):
        services.record_step(decision.pk, cadre, Stage.MOTION, TODAY(), " ")
    assert decision.steps.count() == 1


@pytest.mark.parametrize("stage", [Stage.REVIEW, Stage.RESOLUTION])
def test_quorum_of_two_thirds(decision, cadre, stage):
    _advance(decision, cadre, Stage.DISCUSSION if stage == Stage.REVIEW else Stage.REVIEW)
    before = decision.steps.count()
    # 30 entitled: 20 is exactly two thirds and enough, 19 is not.
    with pytest.raises(DeliberationError, match="到会人数不足.*至少 20 人"):
        services.record_step(decision.pk, cadre, stage, TODAY(), "到会不足", Counts(30, 19, 19))
    assert decision.steps.count() == before
    decision.refresh_from_db()
    assert decision.stage != stage
    services.record_step(decision.pk, cadre, stage, TODAY(), "恰好三分之二", Counts(30, 20, 11, 9))
    assert DecisionStep.objects.get(decision=decision, stage=stage).present == 20


@pytest.mark.parametrize("stage", [Stage.REVIEW, Stage.RESOLUTION])
def test_majority_of_those_present(decision, cadre, stage):
    _advance(decision, cadre, Stage.DISCUSSION if stage == Stage.REVIEW else Stage.REVIEW)
    with pytest.raises(DeliberationError, match="未获通过"):  # 12 of 24 is not more than half
        services.record_step(decision.pk, cadre, stage, TODAY(), "票数持平", Counts(30, 24, 12, 12))
    with pytest.raises(DeliberationError, match="之和不能超过实到"):
        services.record_step(decision.pk, cadre, stage, TODAY(), "票数错", Counts(30, 24, 20, 5))
    with pytest.raises(DeliberationError, match="实到人数不能超过应到"):
        services.record_step(decision.pk, cadre, stage, TODAY(), "人数错", Counts(30, 31, 20))
    with pytest.raises(DeliberationError, match="须填写应到"):
        services.record_step(decision.pk, cadre, stage, TODAY(), "没填", None)
    services.record_step(decision.pk, cadre, stage, TODAY(), "过半", Counts(30, 24, 13, 11))
    decision.refresh_from_db()
    assert decision.stage == stage


def test_out_of_scope_staff_cannot_record(decision, other_cadre):
    with pytest.raises(DeliberationError, match="管理范围"):
        services.record_step(decision.pk, other_cadre, Stage.MOTION, TODAY(), "越权")


def test_residents_see_published_decisions_and_their_history(client, decision, cadre, resident,
                                                             outsider, dlb_on):
    client.force_login(resident)
    _advance(decision, cadre, Stage.RESOLUTION)
    assert client.get(f"/deliberation/decisions/{decision.pk}/").status_code == 404
    _advance(decision, cadre, Stage.PUBLISHED)
    page = client.get(f"/deliberation/decisions/{decision.pk}/").content.decode()
    assert page.count('data-testid="step"') == 6 and "应到 45 人，实到 32 人" in page
    data = client.get("/api/deliberation/decisions/").json()["results"]
    assert [s["stage"] for s in data[0]["steps"]] == [
        "proposal", "motion", "discussion", "review", "resolution", "published"]
    _advance(decision, cadre, Stage.IMPLEMENTED)
    with pytest.raises(DeliberationError, match="已完成全部环节"):
        services.record_step(decision.pk, cadre, Stage.IMPLEMENTED, TODAY(), "再来一次")
    client.force_login(outsider)
    assert client.get(f"/deliberation/decisions/{decision.pk}/").status_code == 404


def test_admin_step_view_refuses_with_the_rule(client, decision, cadre, other_cadre, dlb_on):
    client.force_login(cadre)
    _advance(decision, cadre, Stage.DISCUSSION)
    url = f"/admin/deliberation/decisions/{decision.pk}/steps/"
    response = client.post(url, {"held_on": TODAY().isoformat(), "note": "党员大会",
                                 "entitled": 30, "present": 15, "in_favour": 15})
    assert "到会人数不足" in response.content.decode()
    assert not decision.steps.filter(stage=Stage.REVIEW).exists()
    response = client.post(url, {"held_on": TODAY().isoformat(), "note": "党员大会",
                                 "entitled": 30, "present": 25, "in_favour": 20, "against": 3,
                                 "abstained": 2})
    assert response.status_code == 302
    assert decision.steps.filter(stage=Stage.REVIEW).exists()
    client.force_login(other_cadre)
    assert client.get(url).status_code == 404


def test_api_step(client, decision, cadre, resident, dlb_on):
    client.force_login(resident)
    response = client.post(f"/api/deliberation/decisions/{decision.pk}/steps/",
                           {"stage": "motion", "held_on": "2026-11-01", "note": "党支部提议"},
                           content_type="application/json")
    assert response.status_code == 403
    client.force_login(cadre)
    response = client.post(f"/api/deliberation/decisions/{decision.pk}/steps/",
                           {"stage": "motion", "held_on": "2026-11-01", "note": "党支部提议"},
                           content_type="application/json")
    assert response.status_code == 200 and response.json()["stage"] == "motion"
