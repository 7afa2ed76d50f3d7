from django.contrib.auth import get_user_model
from wagtail.models import ModelLogEntry

from core.identity.services import ACTION_REJECTED, ACTION_VERIFIED
from core.notifications.models import Notification
from core.testing import VALID_ID_CARDS

User = get_user_model()


def other_grid_resident(make_user, grid_tree):
    user = make_user("resident", grid=grid_tree["xgrid"], name="赵远方", verified=False,
                     id_card=VALID_ID_CARDS[3])
    user.verification_status = "pending"
    user.save(update_fields=["verification_status"])
    return user


def test_queue_is_scoped_to_the_workers_grid(client, grid_worker, pending_resident, make_user, grid_tree):
    outsider = other_grid_resident(make_user, grid_tree)
    client.force_login(grid_worker)
    page = client.get("/admin/verification/").content.decode()
    assert pending_resident.name in page
    assert outsider.name not in page
    assert client.get(f"/admin/verification/{outsider.pk}/").status_code == 404
    response = client.post(f"/admin/verification/{outsider.pk}/", {"decision": "approve"})
    assert response.status_code == 404
    outsider.refresh_from_db()
    assert outsider.verification_status == "pending"


def test_menu_and_queue_need_the_permission(client, resident, grid_worker):
    client.force_login(grid_worker)
    assert "/admin/verification/" in client.get("/admin/").content.decode()
    resident.is_staff = True
    resident.save()
    client.force_login(resident)
    assert client.get("/admin/verification/").status_code in (302, 403)


def test_detail_shows_masked_id_only(client, grid_worker, pending_resident):
    client.force_login(grid_worker)
    page = client.get(f"/admin/verification/{pending_resident.pk}/").content.decode()
    assert pending_resident.id_card_masked in page
    assert VALID_ID_CARDS[1] not in page
    assert pending_resident.mobile in page


def test_approve(client, grid_worker, pending_resident, django_capture_on_commit_callbacks,
                 register_temporarily):
    from core.plugins.hookspecs import hookimpl
    from core.plugins.manifest import PluginManifest

    events = []

    class Listener:
        @hookimpl
        def on_event(self, name, payload):
            events.append((name, payload))

    register_temporarily(
        PluginManifest(slug="listener", label="监听", label_en="Listener", version="1"), Listener()
    )
    client.force_login(grid_worker)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/verification/{pending_resident.pk}/",
                               {"decision": "approve", "note": ""})
    assert response.status_code == 302
    pending_resident.refresh_from_db()
    assert pending_resident.verification_status == "verified"
    assert pending_resident.verified_by == grid_worker
    assert pending_resident.verified_at is not None
    entry = ModelLogEntry.objects.get(action=ACTION_VERIFIED, object_id=str(pending_resident.pk))
    assert entry.user_id == grid_worker.pk
    message = Notification.objects.get(recipient=pending_resident)
    assert message.title == "实名认证已通过" and message.url == "/me/"
    assert ("identity.verified", {"user_id": pending_resident.pk}) in events


def test_reject_needs_a_reason(client, grid_worker, pending_resident):
    client.force_login(grid_worker)
    response = client.post(f"/admin/verification/{pending_resident.pk}/", {"decision": "reject"})
    assert response.status_code == 200
    assert "请填写不通过的原因" in response.content.decode()
    pending_resident.refresh_from_db()
    assert pending_resident.verification_status == "pending"

    response = client.post(f"/admin/verification/{pending_resident.pk}/",
                           {"decision": "reject", "note": "姓名与身份证不一致"})
    assert response.status_code == 302
    pending_resident.refresh_from_db()
    assert pending_resident.verification_status == "rejected"
    assert pending_resident.verification_note == "姓名与身份证不一致"
    assert ModelLogEntry.objects.filter(action=ACTION_REJECTED,
                                        object_id=str(pending_resident.pk)).exists()
    message = Notification.objects.get(recipient=pending_resident)
    assert "姓名与身份证不一致" in message.body
    # Decided residents leave the queue.
    assert client.get(f"/admin/verification/{pending_resident.pk}/").status_code == 404


def test_resident_resubmits_after_rejection(client, pending_resident, grid_worker):
    pending_resident.verification_status = "rejected"
    pending_resident.verification_note = "号码有误"
    pending_resident.save()
    client.force_login(pending_resident)
    page = client.get("/accounts/verification/").content.decode()
    assert "号码有误" in page
    response = client.post("/accounts/verification/", {"name": "李建国", "id_card": VALID_ID_CARDS[4]})
    assert response.status_code == 302
    pending_resident.refresh_from_db()
    assert pending_resident.verification_status == "pending"
    assert pending_resident.get_id_card() == VALID_ID_CARDS[4]


def test_verified_residents_cannot_change_real_name(client, resident):
    client.force_login(resident)
    response = client.get("/accounts/verification/")
    assert response.status_code == 302 and response.url == "/me/"
