"""Residents on a phone: browse their region, sign up, cancel, 我的志愿, certificate."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.testing import VALID_ID_CARDS
from plugins.volunteer import services
from plugins.volunteer.models import ActivityStatus, SignUp, SignUpStatus

pytestmark = pytest.mark.django_db


def test_browse_shows_only_the_residents_region(client, resident, make_activity, volunteer_on):
    make_activity("东栅社区垃圾分类督导", grid="dongzha")
    make_activity("全市文明交通劝导", grid="city")
    make_activity("新兴社区反诈宣传", grid="xinxing")
    make_activity("东栅社区草稿活动", grid="dongzha", status=ActivityStatus.DRAFT)
    make_activity("东栅社区已取消活动", grid="dongzha", status=ActivityStatus.CANCELLED)
    client.force_login(resident)
    page = client.get("/volunteer/").content.decode()
    assert "东栅社区垃圾分类督导" in page and "全市文明交通劝导" in page
    assert "新兴社区反诈宣传" not in page
    assert "草稿活动" not in page and "已取消活动" not in page


def test_activity_of_another_region_answers_404(client, resident, make_activity, volunteer_on):
    elsewhere = make_activity(grid="xinxing")
    draft = make_activity(status=ActivityStatus.DRAFT)
    client.force_login(resident)
    assert client.get(f"/volunteer/{elsewhere.pk}/").status_code == 404
    assert client.get(f"/volunteer/{draft.pk}/").status_code == 404
    assert client.post(f"/volunteer/{elsewhere.pk}/signup/").status_code == 404
    assert not SignUp.objects.exists()


def test_past_activities_are_listed_apart(client, resident, make_activity, volunteer_on):
    make_activity("上周的关爱老人走访", starts_in=timedelta(days=-7))
    make_activity("下周的垃圾分类督导")
    client.force_login(resident)
    upcoming = client.get("/volunteer/").content.decode()
    past = client.get("/volunteer/?show=past").content.decode()
    assert "下周的垃圾分类督导" in upcoming and "上周的关爱老人走访" not in upcoming
    assert "上周的关爱老人走访" in past and "下周的垃圾分类督导" not in past


def test_sign_up_and_cancel_from_the_detail_page(client, resident, make_activity, volunteer_on):
    activity = make_activity(capacity=3)
    client.force_login(resident)
    detail = client.get(f"/volunteer/{activity.pk}/").content.decode()
    assert "我要报名" in detail and "剩余 <strong class=\"vol-places\">3</strong> / 3" in detail
    response = client.post(f"/volunteer/{activity.pk}/signup/", follow=True)
    page = response.content.decode()
    assert "报名成功" in page and "取消报名" in page
    assert "剩余 <strong class=\"vol-places\">2</strong> / 3" in page
    assert SignUp.objects.get(activity=activity, resident=resident).status == SignUpStatus.SIGNED_UP
    page = client.post(f"/volunteer/{activity.pk}/cancel/", follow=True).content.decode()
    assert "已取消报名" in page and "我要报名" in page
    assert SignUp.objects.get(activity=activity, resident=resident).status == SignUpStatus.CANCELLED
    # Signing up again reuses the same row (unique per activity and resident).
    client.post(f"/volunteer/{activity.pk}/signup/")
    assert SignUp.objects.get(activity=activity, resident=resident).status == SignUpStatus.SIGNED_UP


def test_duplicate_sign_up_is_refused_in_chinese(client, resident, make_activity, volunteer_on):
    activity = make_activity()
    services.sign_up(activity.pk, resident)
    with pytest.raises(services.VolunteerError, match="您已报名该活动，请勿重复报名"):
        services.sign_up(activity.pk, resident)
    client.force_login(resident)
    page = client.post(f"/volunteer/{activity.pk}/signup/", follow=True).content.decode()
    assert "您已报名该活动，请勿重复报名" in page
    assert SignUp.objects.filter(activity=activity).count() == 1


def test_capacity_is_respected(make_user, grid_tree, make_activity, volunteer_on):
    activity = make_activity(capacity=2)
    residents = [make_user("resident", grid=grid_tree["micro"]) for _ in range(3)]
    services.sign_up(activity.pk, residents[0])
    services.sign_up(activity.pk, residents[1])
    with pytest.raises(services.VolunteerError, match="名额已满"):
        services.sign_up(activity.pk, residents[2])
    # A cancellation frees the place for the next resident.
    services.cancel_signup(activity.pk, residents[0])
    services.sign_up(activity.pk, residents[2])
    assert activity.signups.filter(status=SignUpStatus.SIGNED_UP).count() == 2


def test_sign_up_refusals(make_user, grid_tree, resident, make_activity, volunteer_on):
    outsider = make_user("resident", grid=grid_tree["xgrid"])
    with pytest.raises(services.VolunteerError, match="仅面向东栅社区的居民"):
        services.sign_up(make_activity().pk, outsider)
    unverified = make_user("resident", grid=grid_tree["micro"], verified=False)
    with pytest.raises(services.VolunteerError, match="实名认证"):
        services.sign_up(make_activity().pk, unverified)
    with pytest.raises(services.VolunteerError, match="报名已截止"):
        services.sign_up(make_activity(running=True).pk, resident)
    with pytest.raises(services.VolunteerError, match="未发布或已取消"):
        services.sign_up(make_activity(status=ActivityStatus.CANCELLED).pk, resident)
    assert not SignUp.objects.exists()


def test_cancel_is_refused_once_started(resident, make_activity, volunteer_on):
    activity = make_activity(running=True)
    SignUp.objects.create(activity=activity, resident=resident)
    with pytest.raises(services.VolunteerError, match="活动已开始，不能取消报名"):
        services.cancel_signup(activity.pk, resident)


def test_list_query_count_does_not_grow_with_activities(client, resident, make_activity,
                                                        volunteer_on):
    def count() -> int:
        client.get("/volunteer/")  # warm the plugin snapshot and session
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/volunteer/").status_code == 200
        return len(queries)

    client.force_login(resident)
    for n in range(2):
        services.sign_up(make_activity(f"活动{n}").pk, resident)
    few = count()
    for n in range(2, 12):
        services.sign_up(make_activity(f"活动{n}").pk, resident)
    assert count() == few


def test_mine_shows_hours_and_records(client, resident, make_activity, volunteer_on, cadre):
    held = make_activity("关爱独居老人走访", running=True, hours="2.5", duration=3)
    coming = make_activity("文明交通劝导")
    signup = SignUp.objects.create(activity=held, resident=resident)
    services.confirm_attendance(signup.pk, cadre)
    services.sign_up(coming.pk, resident)
    client.force_login(resident)
    page = client.get("/volunteer/mine/").content.decode()
    assert 'data-testid="hours-total">2.5<' in page
    assert "关爱独居老人走访" in page and "文明交通劝导" in page
    me = client.get("/me/").content.decode()
    assert "我的志愿" in me and "2.5 小时" in me


def test_certificate_shows_masked_identity_and_hours(client, make_user, grid_tree,
                                                     make_activity, volunteer_on, cadre):
    resident = make_user("resident", grid=grid_tree["micro"], name="张秀英",
                         id_card=VALID_ID_CARDS[1])
    for title, hours in (("垃圾分类督导", "2"), ("关爱独居老人走访", "1.5")):
        activity = make_activity(title, running=True, hours=hours)
        signup = SignUp.objects.create(activity=activity, resident=resident)
        services.confirm_attendance(signup.pk, cadre)
    client.force_login(resident)
    page = client.get("/volunteer/certificate/").content.decode()
    assert "志愿服务时长证明" in page and "张秀英" in page
    assert "3304**********4222" in page and VALID_ID_CARDS[1] not in page
    assert 'data-testid="cert-hours">3.5<' in page
    assert "垃圾分类督导" in page and "关爱独居老人走访" in page
    assert "志愿服务平台" in page and "volunteer/volunteer.css" in page
    css = Path(finders.find("volunteer/volunteer.css")).read_text(encoding="utf-8")
    assert "@media print" in css
    organisation = signup.activity.organisation
    page = client.get(f"/volunteer/certificate/?organisation={organisation.pk}").content.decode()
    assert f'data-testid="issuer">{organisation.name}<' in page
    assert client.get("/volunteer/certificate/?organisation=abc").status_code == 404


def test_home_panel_search_and_export(client, resident, make_activity, volunteer_on, cadre):
    activity = make_activity("南湖景区志愿讲解", grid="city", hours="4.5", duration=5,
                             points_rule="volunteer.attend_long")
    make_activity("新兴社区反诈宣传", grid="xinxing")
    client.force_login(resident)
    home = client.get("/").content.decode()
    assert "近期志愿活动" in home and "南湖景区志愿讲解" in home
    assert "新兴社区反诈宣传" not in home
    results = client.get("/search/", {"q": "景区讲解"}).content.decode()
    assert "南湖景区志愿讲解" in results and "志愿服务" in results
    assert "新兴社区反诈宣传" not in client.get("/search/", {"q": "反诈"}).content.decode()
    services.sign_up(activity.pk, resident)
    from core.plugins.host import host

    [(_slug, data)] = host.call_one("volunteer", "export_user_data", user=resident)
    assert data["signups"][0]["activity"] == "南湖景区志愿讲解"
    assert data["signups"][0]["status"] == "signed_up" and data["hours_total"] == "0"
