"""Organisers in the Wagtail admin: scoped to their subtree, confirm attendance once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from core.points.models import PointEntry
from core.points.services import balance_of
from plugins.volunteer.models import Activity, ActivityStatus, Organisation, SignUp, SignUpStatus

pytestmark = pytest.mark.django_db

INDEX = "/admin/volunteer/activities/"
ADD = f"{INDEX}new/"


def _signups_url(activity: Activity) -> str:
    return f"{INDEX}{activity.pk}/signups/"


def _form(organisation, grid, **overrides) -> dict:
    starts = timezone.localtime() + timedelta(days=3)
    data = {
        "title": "文明交通劝导", "organisation": organisation.pk, "grid": grid.pk,
        "place": "中环东路与东升路交叉口", "starts_at": starts.strftime("%Y-%m-%d 07:00"),
        "ends_at": starts.strftime("%Y-%m-%d 09:00"), "capacity": "10", "service_hours": "2",
        "points_rule": "volunteer.attend", "status": "published", "description": "劝导戴头盔",
    }
    data.update(overrides)
    return data


def test_organiser_sees_and_edits_only_their_subtree(client, cadre, make_activity, volunteer_on):
    mine = make_activity("东栅社区垃圾分类督导", grid="dongzha")
    theirs = make_activity("新兴社区反诈宣传", grid="xinxing")
    client.force_login(cadre)
    page = client.get(INDEX).content.decode()
    assert "东栅社区垃圾分类督导" in page and "新兴社区反诈宣传" not in page
    assert "报名与签到" in page
    assert client.get(f"{INDEX}edit/{mine.pk}/").status_code == 200
    assert client.get(_signups_url(mine)).status_code == 200
    for url in (f"{INDEX}edit/{theirs.pk}/", _signups_url(theirs), f"{INDEX}delete/{theirs.pk}/"):
        assert client.get(url).status_code == 404, url


def test_staff_of_another_grid_gets_404(client, other_cadre, make_activity, volunteer_on,
                                        resident):
    activity = make_activity(running=True)
    signup = SignUp.objects.create(activity=activity, resident=resident)
    client.force_login(other_cadre)
    assert client.get(_signups_url(activity)).status_code == 404
    assert client.post(_signups_url(activity), {"signup": signup.pk}).status_code == 404
    assert client.get(f"{INDEX}edit/{activity.pk}/").status_code == 404
    signup.refresh_from_db()
    assert signup.status == SignUpStatus.SIGNED_UP


def test_organiser_creates_an_activity_in_scope(client, cadre, organisation, grid_tree,
                                                volunteer_on):
    client.force_login(cadre)
    form = client.get(ADD).content.decode()
    assert "东栅第一网格" in form and "新兴社区" not in form
    response = client.post(ADD, _form(organisation, grid_tree["grid1"]))
    assert response.status_code == 302, response.content.decode()[:3000]
    activity = Activity.objects.get(title="文明交通劝导")
    assert activity.created_by == cadre and activity.status == ActivityStatus.PUBLISHED
    assert len(activity.checkin_code) == 6
    # A grid outside the subtree is not among the choices.
    page = client.post(ADD, _form(organisation, grid_tree["xinxing"])).content.decode()
    assert "选择一个有效的选项" in page


def test_activity_form_validates_in_chinese(client, cadre, organisation, grid_tree,
                                            volunteer_on):
    client.force_login(cadre)
    grid = grid_tree["dongzha"]
    page = client.post(ADD, _form(organisation, grid, points_rule="volunteer.attend_long")
                       ).content.decode()
    assert "服务时长不少于 4 小时的活动才能选择长时志愿服务积分" in page
    page = client.post(ADD, _form(organisation, grid, service_hours="3")).content.decode()
    assert "认定服务时长不能超过活动时长" in page
    starts = (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%d")
    page = client.post(ADD, _form(organisation, grid, ends_at=f"{starts} 06:00")).content.decode()
    assert "结束时间必须晚于开始时间" in page
    assert not Activity.objects.exists()


def test_organisation_choices_are_scoped(client, cadre, organisation, grid_tree, volunteer_on):
    Organisation.objects.create(name="新兴社区志愿队", grid=grid_tree["xinxing"])
    client.force_login(cadre)
    form = client.get(ADD).content.decode()
    assert "东栅社区志愿服务站" in form and "新兴社区志愿队" not in form
    page = client.get("/admin/volunteer/organisations/").content.decode()
    assert "东栅社区志愿服务站" in page and "新兴社区志愿队" not in page


def test_confirming_awards_points_exactly_once(client, cadre, resident, make_activity,
                                               volunteer_on):
    activity = make_activity(running=True)
    signup = SignUp.objects.create(activity=activity, resident=resident)
    client.force_login(cadre)
    page = client.get(_signups_url(activity)).content.decode()
    assert activity.checkin_code in page and "确认到场" in page and "张小红" in page
    page = client.post(_signups_url(activity), {"signup": signup.pk}, follow=True).content.decode()
    assert "已确认 张小红 到场，记录服务时长 2.0 小时，发放 10 积分。" in page
    page = client.post(_signups_url(activity), {"signup": signup.pk}, follow=True).content.decode()
    client.post(_signups_url(activity), {"all": "1"})
    signup.refresh_from_db()
    assert signup.status == SignUpStatus.ATTENDED and signup.confirmed_by == cadre
    assert balance_of(resident) == (10, 10)
    assert PointEntry.objects.filter(user=resident).count() == 1


def test_points_refusal_is_shown_to_the_organiser(client, cadre, resident, make_activity,
                                                  volunteer_on):
    for n in range(2):  # fill today's cap of volunteer.attend (20)
        done = make_activity(f"上午活动{n}", running=True)
        client.force_login(cadre)
        client.post(_signups_url(done), {"signup": SignUp.objects.create(
            activity=done, resident=resident).pk})
    activity = make_activity("下午活动", running=True)
    SignUp.objects.create(activity=activity, resident=resident)
    page = client.post(_signups_url(activity), {"all": "1"}, follow=True).content.decode()
    assert "已确认 张小红 到场，记录服务时长 2.0 小时；积分未发放：" in page
    assert "每日上限 20 分" in page
    assert SignUp.objects.get(activity=activity).status == SignUpStatus.ATTENDED
    assert balance_of(resident) == (20, 20)


def test_confirm_before_start_is_refused(client, cadre, resident, make_activity, volunteer_on):
    activity = make_activity(starts_in=timedelta(days=1))
    signup = SignUp.objects.create(activity=activity, resident=resident)
    client.force_login(cadre)
    page = client.post(_signups_url(activity), {"signup": signup.pk}, follow=True).content.decode()
    assert "活动尚未开始，不能确认到场" in page
    signup.refresh_from_db()
    assert signup.status == SignUpStatus.SIGNED_UP


def test_grid_worker_confirms_but_cannot_publish(client, make_user, grid_tree, resident,
                                                 make_activity, volunteer_on):
    worker = make_user("grid_worker", grid=grid_tree["micro"], scope=grid_tree["dongzha"])
    activity = make_activity(running=True)
    signup = SignUp.objects.create(activity=activity, resident=resident)
    client.force_login(worker)
    assert client.get(ADD).status_code in (302, 403)
    client.post(_signups_url(activity), {"signup": signup.pk})
    signup.refresh_from_db()
    assert signup.status == SignUpStatus.ATTENDED


def test_cancelling_an_activity_tells_the_volunteers(client, cadre, resident, make_activity,
                                                     volunteer_on):
    activity = make_activity()
    SignUp.objects.create(activity=activity, resident=resident)
    client.force_login(cadre)
    form = _form(activity.organisation, activity.grid, title=activity.title, status="cancelled")
    response = client.post(f"{INDEX}edit/{activity.pk}/", form)
    assert response.status_code == 302
    assert resident.notifications.filter(title="志愿活动已取消").count() == 1
    client.force_login(resident)
    assert "该活动已取消" in client.get(f"/volunteer/{activity.pk}/").content.decode()


def test_members_of_an_outside_organisation_may_publish_for_it(client, cadre, grid_tree,
                                                                volunteer_on):
    team = Organisation.objects.create(name="南湖区红船志愿服务队", grid=grid_tree["nanhu"])
    client.force_login(cadre)
    assert "南湖区红船志愿服务队" not in client.get(ADD).content.decode()
    team.members.add(cadre)
    response = client.post(ADD, _form(team, grid_tree["dongzha"], title="东栅社区红船讲解"))
    assert response.status_code == 302
    assert Activity.objects.get(title="东栅社区红船讲解").organisation == team


def test_capacity_cannot_drop_below_sign_ups(client, cadre, make_user, grid_tree,
                                             make_activity, volunteer_on):
    activity = make_activity(capacity=3)
    for _ in range(2):
        SignUp.objects.create(activity=activity, resident=make_user("resident",
                                                                    grid=grid_tree["micro"]))
    client.force_login(cadre)
    form = _form(activity.organisation, activity.grid, capacity="1")
    page = client.post(f"{INDEX}edit/{activity.pk}/", form).content.decode()
    assert "已有 2 人报名，招募人数不能少于 2" in page
    activity.refresh_from_db()
    assert activity.capacity == 3
