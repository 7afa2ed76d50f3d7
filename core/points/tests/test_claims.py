"""申领 by residents: the form, its Chinese errors, all-or-nothing saving, photo access."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import Site

from core.points import claims as claim_services
from core.points.availability import claimable_rules
from core.points.errors import PointsError, RuleNotAvailable
from core.points.models import ClaimStatus, PointClaim, PointClaimPhoto, RuleSetting

from .conftest import png


def site() -> Site:
    return Site.objects.get(is_default_site=True)


def deeds_codes(user) -> set[str]:
    """Claimable rules of the test plugin (installed plugins may add their own)."""
    return {rule.code for rule in claimable_rules(user, site()) if rule.plugin_slug == "deeds"}


def test_only_rules_needing_approval_or_marked_claimable_are_offered(neighbour):
    assert deeds_codes(neighbour) == {"deeds.claim"}
    RuleSetting.objects.create(site=site(), rule_code="deeds.help", points=5, daily_cap=10,
                               claimable=True)
    assert deeds_codes(neighbour) == {"deeds.claim", "deeds.help"}
    # A deduction is never claimable, whatever the setting says.
    RuleSetting.objects.create(site=site(), rule_code="deeds.litter", points=-8, claimable=True)
    assert "deeds.litter" not in deeds_codes(neighbour)


def test_rules_of_a_disabled_plugin_cannot_be_claimed(neighbour, set_plugin, grid_tree):
    set_plugin("deeds", False, grid=grid_tree["dongzha"])
    assert deeds_codes(neighbour) == set()
    with pytest.raises(RuleNotAvailable):
        claim_services.submit_claim(neighbour, rule_code="deeds.claim", description="帮忙")


def test_claim_page_saves_claim_and_photos(client, neighbour, media):
    client.force_login(neighbour)
    page = client.get("/points/claim/?rule=deeds.claim").content.decode()
    assert "线下好人好事（+10 分）" in page and 'enctype="multipart/form-data"' in page
    response = client.post("/points/claim/", {
        "rule_code": "deeds.claim", "description": "  帮独居老人搬运煤气罐  ",
        "photos": [png("a.png"), png("b.png", "blue")],
    })
    assert response.status_code == 302 and response.url == "/points/claims/"
    claim = PointClaim.objects.get()
    assert (claim.status, claim.description, claim.grid_id) == (
        ClaimStatus.PENDING, "帮独居老人搬运煤气罐", neighbour.home_grid_id)
    assert claim.photos.count() == 2
    stored = [photo.image.name for photo in claim.photos.all()]
    # Stored under random names, never the uploaded ones.
    assert all(name.startswith("points/claims/") for name in stored)
    assert not {name.rsplit("/", 1)[-1] for name in stored} & {"a.png", "b.png"}
    listing = client.get("/points/claims/").content.decode()
    assert "线下好人好事" in listing and "待审核" in listing and "申领已提交" in listing


@pytest.mark.parametrize("data, message", [
    ({"rule_code": "", "description": "帮忙"}, "请选择申领事项。"),
    ({"rule_code": "deeds.help", "description": "帮忙"}, "该事项不可申领，或在您所在的区域未启用。"),
    ({"rule_code": "deeds.claim", "description": "   "}, "请说明您做了什么好事。"),
    ({"rule_code": "deeds.claim", "description": "字" * 501}, "事项说明不能超过 500 字。"),
])
def test_claim_form_errors_are_chinese_and_save_nothing(client, neighbour, media, data, message):
    client.force_login(neighbour)
    response = client.post("/points/claim/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not PointClaim.objects.exists()


def test_too_many_or_broken_photos_are_refused(client, neighbour, media):
    client.force_login(neighbour)
    data = {"rule_code": "deeds.claim", "description": "帮忙"}
    page = client.post("/points/claim/", {**data, "photos": [png(f"{i}.png") for i in range(4)]})
    assert "最多上传 3 张照片。" in page.content.decode()
    broken = SimpleUploadedFile("x.jpg", b"not an image", content_type="image/jpeg")
    page = client.post("/points/claim/", {**data, "photos": [broken]})
    assert "“x.jpg”不是有效的图片" in page.content.decode()
    assert not PointClaim.objects.exists() and not PointClaimPhoto.objects.exists()
    assert not (media / "points").exists()


def test_a_failure_while_saving_photos_leaves_nothing(neighbour, media, monkeypatch):
    calls = {"n": 0}
    original = PointClaimPhoto.save

    def flaky(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError("disk full")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(PointClaimPhoto, "save", flaky)
    with pytest.raises(OSError):
        claim_services.submit_claim(neighbour, rule_code="deeds.claim", description="帮忙",
                                    photos=[png("a.png"), png("b.png")])
    assert not PointClaim.objects.exists() and not PointClaimPhoto.objects.exists()
    assert not any((media / "points" / "claims").glob("*"))


def test_unverified_or_gridless_residents_are_told_why(client, make_user, grid_tree,
                                                       deeds_plugin):
    unverified = make_user("resident", grid=grid_tree["micro"], verified=False)
    client.force_login(unverified)
    page = client.get("/points/claim/").content.decode()
    assert "请先完成实名认证，再申领积分。" in page
    client.post("/points/claim/", {"rule_code": "deeds.claim", "description": "帮忙"})
    homeless = make_user("resident")
    client.force_login(homeless)
    assert "请先在“我的”中选择居住网格" in client.get("/points/claim/").content.decode()
    assert not PointClaim.objects.exists()


def test_pending_claims_are_limited(neighbour, monkeypatch):
    monkeypatch.setattr(claim_services, "MAX_PENDING_CLAIMS", 2)
    for n in range(2):
        claim_services.submit_claim(neighbour, rule_code="deeds.claim", description=f"第{n}次")
    with pytest.raises(PointsError, match="您已有 2 条申领待审核"):
        claim_services.submit_claim(neighbour, rule_code="deeds.claim", description="再来")


def test_no_claimable_rule_shows_a_message(client, make_user, grid_tree, monkeypatch):
    monkeypatch.setattr("core.points.forms.claimable_rules", lambda user, site: [])
    client.force_login(make_user("resident", grid=grid_tree["micro"]))
    page = client.get("/points/claim/").content.decode()
    assert "您所在的区域暂无可申领的积分事项。" in page


def test_claim_photos_are_private(client, neighbour, far_resident, grid_worker, other_worker,
                                  media):
    claim = claim_services.submit_claim(neighbour, rule_code="deeds.claim", description="帮忙",
                                        photos=[png()])
    url = f"/points/claims/photos/{claim.photos.get().pk}/"
    for user, code in ((neighbour, 200), (grid_worker, 200), (far_resident, 404),
                       (other_worker, 404)):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == code, user
        if code == 200:
            assert response["Content-Type"] == "image/png"
            assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    client.logout()
    assert client.get(url).status_code == 302
