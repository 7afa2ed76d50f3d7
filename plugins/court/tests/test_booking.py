"""预约法官: booking, refusals (nothing saved), cancellation cut-off, on-behalf scoping, reminders."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from core.notifications.models import Notification
from core.plugins import state
from plugins.court import reminders, services
from plugins.court.models import Booking, BookingStatus

pytestmark = pytest.mark.django_db


def request(slot, **extra) -> services.BookingRequest:
    fields = {"dispute_type": "neighbour", "focus": "邻居在通道上砌花坛，影响通行。", **extra}
    return services.BookingRequest(slot_id=slot.pk, **fields)


def test_resident_books_a_paired_judge_and_both_sides_are_told(resident, judge, make_slot, court_on):
    slot = make_slot()
    booking = services.book(request(slot), resident)
    assert booking.status == BookingStatus.BOOKED and booking.booked_by == resident
    assert booking.grid == resident.home_grid and not booking.on_behalf
    assert Notification.objects.filter(recipient=resident, title="预约法官成功").exists()
    told = Notification.objects.get(recipient=judge.user, title="新的法官预约")
    assert "张小红" in told.body and "邻里相邻关系" in told.body
    assert not services.free_slots().filter(pk=slot.pk).exists()


@pytest.mark.parametrize("extra, message", [
    ({"focus": "太短"}, "不少于5个字"),
    ({"dispute_type": "unknown"}, "请选择纠纷类型"),
    ({"focus": "长" * 1001}, "不能超过1000字"),
])
def test_bad_input_is_refused_and_nothing_saved(resident, make_slot, court_on, extra, message):
    slot = make_slot()
    with pytest.raises(services.CourtError, match=message):
        services.book(request(slot, **extra), resident)
    assert not Booking.objects.exists()


def test_a_taken_slot_is_refused_with_a_clear_message(resident, make_user, grid_tree, make_slot,
                                                      court_on):
    slot = make_slot()
    services.book(request(slot), resident)
    neighbour = make_user("resident", grid=grid_tree["micro"], name="王建国")
    with pytest.raises(services.CourtError, match="该时段已被预约"):
        services.book(request(slot), neighbour)
    assert Booking.objects.filter(slot=slot).count() == 1


def test_past_slots_unpaired_judges_and_unverified_residents_are_refused(
        resident, make_user, grid_tree, other_judge, make_slot, court_on):
    with pytest.raises(services.CourtError, match="时段已过"):
        services.book(request(make_slot(starts_in=-timedelta(hours=1))), resident)
    with pytest.raises(services.CourtError, match="结对的法官"):
        services.book(request(make_slot(for_judge=other_judge)), resident)
    unverified = make_user("resident", grid=grid_tree["micro"], verified=False)
    with pytest.raises(services.CourtError, match="实名认证"):
        services.book(request(make_slot(starts_in=timedelta(days=4))), unverified)
    assert not Booking.objects.exists()


def test_the_database_allows_one_active_booking_per_slot(resident, make_user, grid_tree,
                                                         make_slot, court_on):
    """The backstop: even code that skips the service cannot double-book a slot."""
    from django.db import IntegrityError, transaction

    slot = make_slot()
    Booking.objects.create(slot=slot, resident=resident, grid=resident.home_grid,
                           dispute_type="other", focus="第一位预约")
    other = make_user("resident", grid=grid_tree["micro"])
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(slot=slot, resident=other, grid=other.home_grid,
                               dispute_type="other", focus="第二位预约")
    # A cancelled booking frees the slot again.
    Booking.objects.filter(slot=slot).update(status=BookingStatus.CANCELLED)
    assert services.book(request(slot), other).status == BookingStatus.BOOKED


def test_cancelling_before_the_cutoff_frees_the_slot_and_tells_the_judge(resident, judge,
                                                                         make_slot, court_on):
    slot = make_slot(starts_in=timedelta(days=2))
    booking = services.book(request(slot), resident)
    services.cancel(booking.pk, resident)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED and booking.cancelled_by == resident
    assert Notification.objects.filter(recipient=judge.user, title="法官预约已取消").exists()
    assert services.free_slots().filter(pk=slot.pk).exists()


def test_cancelling_after_the_cutoff_is_refused(resident, judge, make_slot, court_on):
    booking = services.book(request(make_slot(starts_in=timedelta(hours=20))), resident)
    with pytest.raises(services.CourtError, match="不足24小时"):
        services.cancel(booking.pk, resident)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.BOOKED
    # The judge may still cancel (e.g. called to a hearing); the resident is told.
    services.cancel(booking.pk, judge.user)
    assert Notification.objects.filter(recipient=resident, title="法官预约已取消").exists()


def test_the_cutoff_is_a_plugin_setting(resident, make_slot, court_on):
    from wagtail.models import Site

    state.save_config("court", {"cancel_cutoff_hours": 6, "answer_badges": "律师"},
                      site=Site.objects.get(is_default_site=True))
    booking = services.book(request(make_slot(starts_in=timedelta(hours=20))), resident)
    services.cancel(booking.pk, resident, config={"cancel_cutoff_hours": 6})
    assert Booking.objects.get(pk=booking.pk).status == BookingStatus.CANCELLED


def test_cutoff_setting_reaches_the_page(client, resident, make_slot, court_on):
    from wagtail.models import Site

    state.save_config("court", {"cancel_cutoff_hours": 6, "answer_badges": "律师"},
                      site=Site.objects.get(is_default_site=True))
    booking = services.book(request(make_slot(starts_in=timedelta(hours=20))), resident)
    client.force_login(resident)
    client.post(f"/court/bookings/{booking.pk}/cancel/")
    assert Booking.objects.get(pk=booking.pk).status == BookingStatus.CANCELLED


def test_grid_worker_books_for_a_resident_of_their_grid(grid_worker, resident, make_slot,
                                                        court_on):
    booking = services.book(request(make_slot(), resident_id=resident.pk), grid_worker)
    assert booking.resident == resident and booking.booked_by == grid_worker and booking.on_behalf
    assert Notification.objects.filter(recipient=grid_worker, title="已为居民预约法官").exists()
    assert booking in services.my_bookings(grid_worker)
    assert booking in services.my_bookings(resident)


def test_on_behalf_booking_is_scoped_to_the_workers_subtree(grid_worker, make_user, grid_tree,
                                                            judge, make_slot, court_on):
    judge.paired_grids.add(grid_tree["xinxing"])
    outsider = make_user("resident", grid=grid_tree["xgrid"], name="钱晓燕")
    with pytest.raises(services.CourtError, match="负责网格内的居民"):
        services.book(request(make_slot(), resident_id=outsider.pk), grid_worker)
    assert not Booking.objects.exists()


def test_a_resident_cannot_book_for_someone_else(resident, make_user, grid_tree, make_slot,
                                                 court_on):
    neighbour = make_user("resident", grid=grid_tree["micro"])
    with pytest.raises(services.CourtError, match="只有网格工作人员"):
        services.book(request(make_slot(), resident_id=neighbour.pk), resident)


def test_another_residents_booking_is_invisible(resident, make_user, grid_tree, make_slot,
                                                client, court_on):
    booking = services.book(request(make_slot()), resident)
    stranger = make_user("resident", grid=grid_tree["micro"])
    with pytest.raises(services.CourtError):
        services.cancel(booking.pk, stranger)
    client.force_login(stranger)
    assert client.get(f"/court/bookings/{booking.pk}/").status_code == 404
    assert client.post(f"/court/bookings/{booking.pk}/cancel/").status_code == 404
    assert Booking.objects.get(pk=booking.pk).status == BookingStatus.BOOKED


def test_reminders_go_out_once(resident, judge, make_slot, court_on):
    services.book(request(make_slot(starts_in=timedelta(hours=10))), resident)
    services.book(request(make_slot(starts_in=timedelta(days=3))), resident)
    assert reminders.send_due_reminders() == 1
    assert reminders.send_due_reminders() == 0
    assert Notification.objects.filter(title="法官预约即将开始").count() == 2  # resident + judge


def test_the_judge_marks_a_past_session_held(resident, judge, make_slot, court_on):
    slot = make_slot()
    booking = services.book(request(slot), resident)
    with pytest.raises(services.CourtError, match="预约时间未到"):
        services.mark_held(booking.pk, judge.user)
    slot.starts_at = timezone.now() - timedelta(hours=1)
    slot.ends_at = timezone.now()
    slot.save()
    assert services.mark_held(booking.pk, judge.user).status == BookingStatus.HELD
    with pytest.raises(services.CourtError):
        services.mark_held(booking.pk, resident)


def test_personal_data_export(resident, grid_worker, make_slot, court_on):
    from plugins.court import faq
    from plugins.court.export import export

    services.book(request(make_slot(), resident_id=resident.pk), grid_worker)
    faq.ask(resident, title="彩礼能要回来吗", body="订婚后分手，没有领证。", category="marriage")
    data = export(resident)
    assert data["bookings"][0]["judge"] == "金慧" and not data["bookings"][0]["booked_by_me"]
    assert data["questions"][0]["title"] == "彩礼能要回来吗"
    assert export(grid_worker)["bookings"][0]["booked_by_me"] is True
