"""The admin: pairings are villages/communities inside the court's county; slots by judges."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from plugins.court.forms import JudgeProfileForm
from plugins.court.models import JudgeProfile, Slot

pytestmark = pytest.mark.django_db


def _form(admin_user, user, **data):
    fields = {"user": user.pk, "court": "南湖区人民法院", "tribunal": "东栅人民法庭",
              "title": "员额法官", "court_grid": data.pop("court_grid"), "active": "on", **data}
    return JudgeProfileForm(data=fields, for_user=admin_user)


def test_pairing_accepts_communities_of_the_county(admin_user, make_user, grid_tree, court_on):
    user = make_user("judge", scope=grid_tree["nanhu"], name="金慧")
    form = _form(admin_user, user, court_grid=grid_tree["nanhu"].pk,
                 paired_grids=[grid_tree["dongzha"].pk, grid_tree["xinxing"].pk])
    assert form.is_valid(), form.errors
    profile = form.save()
    assert set(profile.paired_grids.all()) == {grid_tree["dongzha"], grid_tree["xinxing"]}


def test_pairing_refuses_grids_that_are_not_communities_or_outside_the_county(
        admin_user, make_user, grid_tree, court_on):
    user = make_user("judge", scope=grid_tree["nanhu"])
    form = _form(admin_user, user, court_grid=grid_tree["xiuzhou"].pk,
                 paired_grids=[grid_tree["dongzha"].pk])
    assert not form.is_valid() and "不在本法院辖区内" in str(form.errors)
    form = _form(admin_user, user, court_grid=grid_tree["nanhu"].pk,
                 paired_grids=[grid_tree["grid1"].pk])
    assert not form.is_valid()  # a grid is not offered: only village/community level
    assert not JudgeProfile.objects.exists()


def test_only_judge_accounts_can_have_a_profile(admin_user, make_user, grid_tree, court_on):
    worker = make_user("grid_worker", scope=grid_tree["grid1"])
    form = _form(admin_user, worker, court_grid=grid_tree["nanhu"].pk)
    assert not form.is_valid() and "user" in form.errors


def test_admin_lists_pairings_and_a_judge_publishes_own_slots(client, admin_user, judge,
                                                              other_judge, court_on):
    client.force_login(admin_user)
    page = client.get("/admin/court/judges/").content.decode()
    assert "金慧" in page and "东栅社区" in page
    client.force_login(judge.user)
    page = client.get("/admin/court/slots/new/").content.decode()
    assert "陆海峰" not in page  # a judge picks only their own profile
    start = timezone.localtime() + timedelta(days=2)
    response = client.post("/admin/court/slots/new/", {
        "judge": judge.pk, "starts_at": start.strftime("%Y-%m-%d 09:00"),
        "ends_at": start.strftime("%Y-%m-%d 10:00"), "kind": "consultation",
        "mode": "shared_court", "place": "", "note": ""})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Slot.objects.get().judge == judge
    response = client.post("/admin/court/slots/new/", {
        "judge": judge.pk, "starts_at": start.strftime("%Y-%m-%d 11:00"),
        "ends_at": start.strftime("%Y-%m-%d 10:00"), "kind": "consultation",
        "mode": "shared_court"})
    assert response.status_code == 200 and Slot.objects.count() == 1


def test_admin_of_another_county_cannot_see_the_judge(client, make_user, grid_tree, judge,
                                                      court_on):
    far = make_user("administrator", scope=grid_tree["xiuzhou"])
    client.force_login(far)
    assert "金慧" not in client.get("/admin/court/judges/").content.decode()
    assert client.get(f"/admin/court/judges/edit/{judge.pk}/").status_code == 404


def test_desk_pages_refuse_residents(client, resident, court_on):
    client.force_login(resident)
    for url in ("/admin/court/cases/", "/admin/court/bookings/", "/admin/court/answers/"):
        assert client.get(url).status_code in (302, 403), url


def test_a_booked_slots_time_cannot_be_moved(client, judge, resident, make_slot, court_on):
    from plugins.court import services

    slot = make_slot()
    services.book(services.BookingRequest(slot_id=slot.pk, dispute_type="other",
                                          focus="咨询继承问题。"), resident)
    later = timezone.localtime(slot.starts_at) + timedelta(hours=2)
    client.force_login(judge.user)
    response = client.post(f"/admin/court/slots/edit/{slot.pk}/", {
        "judge": judge.pk, "starts_at": later.strftime("%Y-%m-%d %H:%M"),
        "ends_at": (later + timedelta(hours=1)).strftime("%Y-%m-%d %H:%M"),
        "kind": "consultation", "mode": "shared_court"})
    assert response.status_code == 200 and "已有居民预约" in response.content.decode()
    assert Slot.objects.get(pk=slot.pk).starts_at == slot.starts_at


def test_judge_listing_queries_do_not_grow(client, admin_user, make_judge, court_on,
                                           django_assert_max_num_queries):
    client.force_login(admin_user)
    make_judge()
    client.get("/admin/court/judges/")
    with django_assert_max_num_queries(60) as few:
        client.get("/admin/court/judges/")
    for n in range(5):
        make_judge(name=f"法官{n}", paired=("dongzha", "xinxing"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get("/admin/court/judges/").content.decode()
    assert "法官4" in page
