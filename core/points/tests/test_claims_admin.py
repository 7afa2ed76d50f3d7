"""申领审核 in the admin: scoped queue, approve once, reject with a reason, caps, notices."""

from __future__ import annotations

import json

import pytest
from wagtail.models import ModelLogEntry, Site

from core.notifications.models import Notification
from core.points import claims as claim_services
from core.points.models import ClaimStatus, PointClaim, PointEntry, RuleSetting
from core.points.services import balance_of


@pytest.fixture
def claim(neighbour):
    return claim_services.submit_claim(neighbour, rule_code="deeds.claim",
                                       description="帮独居老人搬运煤气罐")


@pytest.fixture
def far_claim(far_resident):
    return claim_services.submit_claim(far_resident, rule_code="deeds.claim",
                                       description="清理楼道小广告")


def decide(client, claim, **data):
    return client.post(f"/admin/points/claims/{claim.pk}/", data)


def test_queue_lists_only_the_workers_subtree(client, grid_worker, claim, far_claim):
    client.force_login(grid_worker)
    page = client.get("/admin/points/claims/").content.decode()
    assert "张秀英" in page and "帮独居老人搬运煤气罐" in page
    assert "赵远方" not in page and "清理楼道小广告" not in page


def test_other_grid_worker_gets_404_and_changes_nothing(client, other_worker, claim):
    client.force_login(other_worker)
    assert client.get(f"/admin/points/claims/{claim.pk}/").status_code == 404
    assert decide(client, claim, decision="approve").status_code == 404
    assert decide(client, claim, decision="reject", reason="不符").status_code == 404
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PENDING and not PointEntry.objects.exists()
    with pytest.raises(PointClaim.DoesNotExist):
        claim_services.approve_claim(claim.pk, other_worker)


def test_menu_and_permission(client, grid_worker, resident, claim):
    client.force_login(grid_worker)
    admin = client.get("/admin/").content.decode()
    assert json.dumps("积分管理")[1:-1] in admin and "/admin/points/claims/" in admin
    assert "/admin/points/rules/" not in admin  # administrators only
    resident.is_staff = True
    resident.save()
    client.force_login(resident)
    assert client.get("/admin/points/claims/").status_code in (302, 403)
    assert client.get(f"/admin/points/claims/{claim.pk}/").status_code in (302, 403)


def test_approve_awards_once_notifies_and_logs(client, grid_worker, neighbour, claim):
    client.force_login(grid_worker)
    page = client.get(f"/admin/points/claims/{claim.pk}/").content.decode()
    assert "帮独居老人搬运煤气罐" in page and "线下好人好事" in page
    response = decide(client, claim, decision="approve", reason="属实")
    assert response.status_code == 302
    claim.refresh_from_db()
    entry = PointEntry.objects.get()
    assert (claim.status, claim.entry, claim.reviewer, claim.review_reason) == (
        ClaimStatus.APPROVED, entry, grid_worker, "属实")
    assert claim.reviewed_at is not None
    assert (entry.key, entry.amount, entry.actor, entry.target) == (
        f"claim:{claim.pk}", 10, grid_worker, claim)
    assert balance_of(neighbour) == (10, 10)
    message = Notification.objects.get(recipient=neighbour)
    assert message.title == "积分申领已通过" and "10 积分" in message.body
    assert message.url == "/points/claims/"
    log = ModelLogEntry.objects.get(action=claim_services.ACTION_CLAIM_APPROVED)
    assert log.user_id == grid_worker.pk and log.object_id == str(claim.pk)
    # The second click (or a colleague's) awards nothing more and says why.
    again = decide(client, claim, decision="approve")
    assert again.status_code == 200
    assert "无需重复审核" in again.content.decode()
    with pytest.raises(claim_services.ClaimAlreadyDecided, match="无需重复审核"):
        claim_services.approve_claim(claim.pk, grid_worker)
    assert PointEntry.objects.count() == 1 and balance_of(neighbour) == (10, 10)
    assert Notification.objects.filter(recipient=neighbour).count() == 1


def test_reject_requires_a_reason(client, grid_worker, neighbour, claim):
    client.force_login(grid_worker)
    response = decide(client, claim, decision="reject", reason="  ")
    assert response.status_code == 200
    assert "驳回申领必须填写理由。" in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PENDING
    with pytest.raises(claim_services.PointsError, match="驳回申领必须填写理由"):
        claim_services.reject_claim(claim.pk, grid_worker, reason="")
    response = decide(client, claim, decision="reject", reason="照片无法证明事项")
    assert response.status_code == 302
    claim.refresh_from_db()
    assert (claim.status, claim.review_reason, claim.entry) == (
        ClaimStatus.REJECTED, "照片无法证明事项", None)
    assert not PointEntry.objects.exists()
    message = Notification.objects.get(recipient=neighbour)
    assert message.title == "积分申领未通过" and "照片无法证明事项" in message.body
    assert ModelLogEntry.objects.filter(action=claim_services.ACTION_CLAIM_REJECTED).exists()
    # A rejected claim cannot then be approved.
    assert decide(client, claim, decision="approve").status_code == 200
    assert not PointEntry.objects.exists()


def test_cap_reached_is_shown_and_claim_stays_pending(client, grid_worker, neighbour):
    RuleSetting.objects.create(site=Site.objects.get(is_default_site=True),
                               rule_code="deeds.claim", points=10, daily_cap=10,
                               needs_approval=True)
    first = claim_services.submit_claim(neighbour, rule_code="deeds.claim", description="一")
    second = claim_services.submit_claim(neighbour, rule_code="deeds.claim", description="二")
    client.force_login(grid_worker)
    assert decide(client, first, decision="approve").status_code == 302
    response = decide(client, second, decision="approve")
    assert response.status_code == 200
    assert "今日“线下好人好事”积分已领取完毕（每日上限 10 分）" in response.content.decode()
    second.refresh_from_db()
    assert second.status == ClaimStatus.PENDING and second.entry is None
    assert PointEntry.objects.count() == 1
    assert Notification.objects.filter(recipient=neighbour).count() == 1


def test_staff_cannot_review_their_own_claim(client, make_user, grid_tree, deeds_plugin):
    worker = make_user("grid_worker", grid=grid_tree["micro"], scope=grid_tree["grid1"])
    own = claim_services.submit_claim(worker, rule_code="deeds.claim", description="自己")
    client.force_login(worker)
    response = decide(client, own, decision="approve")
    assert "不能审核本人的申领。" in response.content.decode()
    assert not PointEntry.objects.exists()


def test_queue_defaults_to_pending_and_filters(client, grid_worker, neighbour, claim):
    done = claim_services.submit_claim(neighbour, rule_code="deeds.claim", description="已办")
    claim_services.reject_claim(done.pk, grid_worker, reason="重复")
    client.force_login(grid_worker)
    page = client.get("/admin/points/claims/").content.decode()
    assert "帮独居老人搬运煤气罐" in page and "已办" not in page
    page = client.get("/admin/points/claims/?status=rejected").content.decode()
    assert "已办" in page and "帮独居老人搬运煤气罐" not in page
    page = client.get("/admin/points/claims/?status=").content.decode()
    assert "已办" in page and "帮独居老人搬运煤气罐" in page


def test_superuser_sees_every_claim(client, admin_user, claim, far_claim):
    client.force_login(admin_user)
    page = client.get("/admin/points/claims/").content.decode()
    assert "张秀英" in page and "赵远方" in page
