"""Check-in with the organiser's code: right code in the window only; points exactly once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from core.points.models import PointEntry
from core.points.services import balance_of
from plugins.volunteer import services
from plugins.volunteer.models import CheckinMethod, SignUp, SignUpStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def running_signup(resident, make_activity, volunteer_on) -> SignUp:
    activity = make_activity(running=True)
    return SignUp.objects.create(activity=activity, resident=resident)


def test_right_code_records_hours_and_points(client, resident, running_signup):
    activity = running_signup.activity
    client.force_login(resident)
    detail = client.get(f"/volunteer/{activity.pk}/").content.decode()
    assert "签到码" in detail and 'data-testid="checkin"' in detail
    page = client.post(f"/volunteer/{activity.pk}/checkin/", {"code": activity.checkin_code},
                       follow=True).content.decode()
    assert "签到成功，记录服务时长 2.0 小时。获得 10 积分。" in page
    running_signup.refresh_from_db()
    assert running_signup.status == SignUpStatus.ATTENDED
    assert running_signup.checkin_method == CheckinMethod.CODE
    assert running_signup.hours == 2 and running_signup.points_awarded == 10
    assert balance_of(resident) == (10, 10)
    entry = PointEntry.objects.get(key=f"volunteer:attendance:{running_signup.pk}")
    assert entry.rule_code == "volunteer.attend" and entry.object_id == str(running_signup.pk)
    # The code is one-time per volunteer: using it again records nothing more.
    page = client.post(f"/volunteer/{activity.pk}/checkin/", {"code": activity.checkin_code},
                       follow=True).content.decode()
    assert "已签到，无需重复签到" in page
    assert balance_of(resident) == (10, 10)
    assert resident.notifications.filter(title="志愿服务时长已记录").count() == 1


def test_wrong_code_is_refused_and_guessing_locks_out(client, resident, running_signup):
    activity = running_signup.activity
    wrong = f"{(int(activity.checkin_code) + 1) % 10**6:06d}"
    client.force_login(resident)
    page = client.post(f"/volunteer/{activity.pk}/checkin/", {"code": wrong},
                       follow=True).content.decode()
    assert "签到码不正确，请核对后重新输入" in page
    page = client.post(f"/volunteer/{activity.pk}/checkin/", {"code": "12ab"},
                       follow=True).content.decode()
    assert "签到码为6位数字" in page
    for _ in range(services.CODE_ATTEMPTS - 1):
        with pytest.raises(services.VolunteerError):
            services.check_in_with_code(activity.pk, resident, wrong)
    with pytest.raises(services.VolunteerError, match="错误次数过多"):
        services.check_in_with_code(activity.pk, resident, activity.checkin_code)
    running_signup.refresh_from_db()
    assert running_signup.status == SignUpStatus.SIGNED_UP and balance_of(resident) == (0, 0)


def test_code_works_only_during_the_activity(resident, make_activity, volunteer_on):
    activity = make_activity(starts_in=timedelta(hours=3))
    signup = SignUp.objects.create(activity=activity, resident=resident)
    with pytest.raises(services.VolunteerError, match="签到码仅在活动期间有效"):
        services.check_in_with_code(activity.pk, resident, activity.checkin_code)
    after = activity.ends_at + timedelta(minutes=1)
    with pytest.raises(services.VolunteerError, match="签到码仅在活动期间有效"):
        services.check_in_with_code(activity.pk, resident, activity.checkin_code, now=after)
    # Half an hour early is fine: volunteers arrive before the start.
    early = activity.starts_at - timedelta(minutes=20)
    result = services.check_in_with_code(activity.pk, resident, activity.checkin_code, now=early)
    assert result.changed and result.signup.pk == signup.pk


def test_code_needs_a_sign_up(make_user, grid_tree, running_signup):
    walk_in = make_user("resident", grid=grid_tree["micro"])
    activity = running_signup.activity
    with pytest.raises(services.VolunteerError, match="您未报名该活动"):
        services.check_in_with_code(activity.pk, walk_in, activity.checkin_code)
    assert not SignUp.objects.filter(resident=walk_in).exists()


def test_codes_are_six_random_digits(make_activity):
    codes = {make_activity(f"活动{n}").checkin_code for n in range(5)}
    assert all(len(code) == 6 and code.isdigit() for code in codes)
    assert len(codes) > 1


def test_daily_cap_refuses_points_but_keeps_attendance(resident, make_activity, volunteer_on,
                                                       cadre):
    results = []
    for n in range(3):  # volunteer.attend: +10, at most 20 a day
        activity = make_activity(f"活动{n}", running=True)
        signup = SignUp.objects.create(activity=activity, resident=resident)
        results.append(services.confirm_attendance(signup.pk, cadre, now=timezone.now()))
    assert [r.points for r in results] == [10, 10, 0]
    assert "今日" in results[2].points_refused and "上限" in results[2].points_refused
    assert results[2].signup.status == SignUpStatus.ATTENDED and results[2].signup.hours == 2
    assert services.hours_total(resident) == 6
    assert balance_of(resident) == (20, 20)
