"""Sign-up, cancellation and attendance: the only code that changes a SignUp.

No overbooking: ``sign_up`` locks the activity row (``select_for_update`` on
PostgreSQL; on SQLite every transaction is ``BEGIN IMMEDIATE``, so writers queue
up) and counts the places taken *inside* that transaction, so concurrent
sign-ups for one activity are decided one after another. The unique constraint
(activity, resident) is the backstop against a double sign-up.

Points exactly once: ``record_attendance`` locks the sign-up row, flips it to
attended and calls ``apply_rule`` with a key derived from the sign-up, in one
transaction. A second confirmation finds the row already attended and changes
nothing; the ledger's idempotency key would refuse a second award anyway.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _

from core.grids.models import Grid
from core.notifications.services import notify
from core.points.errors import PointsError
from core.points.services import apply_rule

from .models import (
    TAKING_A_PLACE,
    Activity,
    ActivityStatus,
    CheckinMethod,
    SignUp,
    SignUpStatus,
)

CODE_ATTEMPTS = 5  # wrong check-in codes allowed per resident and activity …
CODE_LOCKOUT_SECONDS = 15 * 60  # … within this many seconds


class VolunteerError(ValidationError):
    """An action that was refused; nothing was changed. The message is for residents."""


@dataclass(frozen=True)
class AttendanceResult:
    signup: SignUp
    changed: bool  # False: attendance had already been recorded
    points: int  # points awarded by this or the earlier confirmation
    points_refused: str  # why no points were given ("" if given or none due)


def attendance_key(signup: SignUp) -> str:
    return f"volunteer:attendance:{signup.pk}"


# --- what a resident sees --------------------------------------------------------


def in_region(grid: Grid | None) -> Q:
    """Activities aimed at ``grid`` or at any node above it (one indexed IN)."""
    if grid is None:
        return Q(pk__in=[])
    return Q(grid__path__in=grid.chain_paths())


def with_places(queryset: QuerySet[Activity]) -> QuerySet[Activity]:
    """Annotate ``taken`` (places held) so lists need no query per row."""
    return queryset.annotate(
        taken=Count("signups", filter=Q(signups__status__in=TAKING_A_PLACE))
    ).select_related("organisation", "grid")


def visible_activities(grid: Grid | None) -> QuerySet[Activity]:
    """Published activities a resident living in ``grid`` may see."""
    return Activity.objects.filter(in_region(grid), status=ActivityStatus.PUBLISHED)


def accessible_activities(user: Any, grid: Grid | None) -> QuerySet[Activity]:
    """What a detail page may show: published in the region, or one the user signed up
    for (so a cancelled activity, or one outside a new home grid, still opens)."""
    visible = Q(in_region(grid), status=ActivityStatus.PUBLISHED) | Q(
        signups__resident=user, status__in=[ActivityStatus.PUBLISHED, ActivityStatus.CANCELLED])
    # A subquery, so that the sign-ups join of the filter cannot skew the places count.
    ids = Activity.objects.filter(visible).values("pk")
    return with_places(Activity.objects.filter(pk__in=ids))


def upcoming(grid: Grid | None) -> QuerySet[Activity]:
    return with_places(visible_activities(grid).filter(ends_at__gte=timezone.now())).order_by(
        "starts_at")


def places_left(activity: Activity) -> int:
    taken = getattr(activity, "taken", None)
    if taken is None:
        taken = activity.signups.filter(status__in=TAKING_A_PLACE).count()
    return max(activity.capacity - taken, 0)


def attended(user: Any) -> QuerySet[SignUp]:
    return SignUp.objects.filter(resident=user, status=SignUpStatus.ATTENDED)


def hours_total(user: Any) -> Decimal:
    return attended(user).aggregate(total=Sum("hours"))["total"] or Decimal("0")


# --- signing up ------------------------------------------------------------------


def _check_can_sign_up(activity: Activity, user: Any, now) -> None:
    if activity.status != ActivityStatus.PUBLISHED:
        raise VolunteerError(_("该活动未发布或已取消，不能报名。"))
    if now >= activity.starts_at:
        raise VolunteerError(_("活动已开始，报名已截止。"))
    home = user.home_grid
    if home is None or not home.is_within(activity.grid):
        raise VolunteerError(_("该活动仅面向%(grid)s的居民。") % {"grid": activity.grid.name})
    if not user.is_verified:
        raise VolunteerError(_("请先完成实名认证，再报名志愿活动。"))


def sign_up(activity_id: int, user: Any, *, now=None) -> SignUp:
    """Take one place, or raise VolunteerError (full, duplicate, closed, out of region)."""
    now = now or timezone.now()
    with transaction.atomic():
        # of=("self",): lock the activity only, never the grid row it joins.
        activity = (Activity.objects.select_for_update(of=("self",)).select_related("grid")
                    .get(pk=activity_id))
        _check_can_sign_up(activity, user, now)
        existing = SignUp.objects.filter(activity=activity, resident=user).first()
        if existing is not None and existing.status in TAKING_A_PLACE:
            raise VolunteerError(_("您已报名该活动，请勿重复报名。"))
        taken = SignUp.objects.filter(activity=activity, status__in=TAKING_A_PLACE).count()
        if taken >= activity.capacity:
            raise VolunteerError(_("名额已满，感谢您的热心。"))
        if existing is not None:  # signing up again after cancelling
            existing.status = SignUpStatus.SIGNED_UP
            existing.cancelled_at = None
            existing.save(update_fields=["status", "cancelled_at"])
            return existing
        try:
            with transaction.atomic():
                return SignUp.objects.create(activity=activity, resident=user)
        except IntegrityError:
            raise VolunteerError(_("您已报名该活动，请勿重复报名。")) from None


def cancel_signup(activity_id: int, user: Any, *, now=None) -> SignUp:
    """Give the place back; allowed until the activity starts."""
    now = now or timezone.now()
    with transaction.atomic():
        activity = Activity.objects.select_for_update().get(pk=activity_id)
        signup = SignUp.objects.filter(activity=activity, resident=user).first()
        if signup is None or signup.status == SignUpStatus.CANCELLED:
            raise VolunteerError(_("您没有报名该活动。"))
        if signup.status == SignUpStatus.ATTENDED or now >= activity.starts_at:
            raise VolunteerError(_("活动已开始，不能取消报名。"))
        signup.status = SignUpStatus.CANCELLED
        signup.cancelled_at = now
        signup.save(update_fields=["status", "cancelled_at"])
        return signup


# --- attendance ------------------------------------------------------------------


def check_in_with_code(activity_id: int, user: Any, code: str, *, now=None) -> AttendanceResult:
    """The resident types the organiser's six digits during the activity."""
    now = now or timezone.now()
    activity = Activity.objects.get(pk=activity_id)
    if activity.status != ActivityStatus.PUBLISHED:
        raise VolunteerError(_("该活动未发布或已取消。"))
    if not activity.checkin_window_open(now):
        raise VolunteerError(_("签到码仅在活动期间有效（%(start)s 至 %(end)s）。") % {
            "start": timezone.localtime(activity.checkin_opens_at).strftime("%m-%d %H:%M"),
            "end": timezone.localtime(activity.ends_at).strftime("%m-%d %H:%M")})
    signup = SignUp.objects.filter(activity=activity, resident=user).first()
    if signup is None or signup.status == SignUpStatus.CANCELLED:
        raise VolunteerError(_("您未报名该活动，请联系组织方现场登记。"))
    if signup.status == SignUpStatus.ATTENDED:
        return _result(signup, changed=False)
    # Six digits are a million guesses: a few wrong ones lock the resident out.
    attempts_key = f"volunteer:checkin-attempts:{activity.pk}:{user.pk}"
    if (cache.get(attempts_key) or 0) >= CODE_ATTEMPTS:
        raise VolunteerError(_("签到码错误次数过多，请15分钟后再试或请组织方确认到场。"))
    if not constant_time_compare((code or "").strip(), activity.checkin_code):
        _count_wrong_code(attempts_key)
        raise VolunteerError(_("签到码不正确，请核对后重新输入。"))
    return record_attendance(signup.pk, actor=user, method=CheckinMethod.CODE, now=now)


def _count_wrong_code(key: str) -> None:
    cache.add(key, 0, CODE_LOCKOUT_SECONDS)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, CODE_LOCKOUT_SECONDS)


def confirm_attendance(signup_id: int, actor: Any, *, now=None) -> AttendanceResult:
    """The organiser confirms a volunteer was there (from the admin)."""
    return record_attendance(signup_id, actor=actor, method=CheckinMethod.ORGANISER, now=now)


def record_attendance(signup_id: int, *, actor: Any, method: str, now=None) -> AttendanceResult:
    """Mark attended, credit the hours and award the points, once, in one transaction."""
    now = now or timezone.now()
    with transaction.atomic():
        signup = SignUp.objects.select_for_update().get(pk=signup_id)
        if signup.status == SignUpStatus.ATTENDED:
            return _result(signup, changed=False)
        if signup.status != SignUpStatus.SIGNED_UP:
            raise VolunteerError(_("该报名已取消，不能确认到场。"))
        activity = signup.activity
        if activity.status == ActivityStatus.CANCELLED:
            raise VolunteerError(_("活动已取消，不能确认到场。"))
        if now < activity.checkin_opens_at:
            raise VolunteerError(_("活动尚未开始，不能确认到场。"))
        signup.status = SignUpStatus.ATTENDED
        signup.attended_at = now
        signup.checkin_method = method
        signup.confirmed_by = actor if getattr(actor, "pk", None) else None
        signup.hours = activity.service_hours
        signup.points_awarded, signup.points_note = _award(signup, activity, actor)
        signup.save()
        _notify_attended(signup, activity)
        return _result(signup, changed=True)


def _award(signup: SignUp, activity: Activity, actor: Any) -> tuple[int, str]:
    """(points given, why not): a refusal (cap reached, rule off) never undoes attendance."""
    if not activity.points_rule:
        return 0, ""
    try:
        # A savepoint: a refused award must not poison the attendance transaction.
        with transaction.atomic():
            entry = apply_rule(signup.resident, activity.points_rule, key=attendance_key(signup),
                               actor=actor, target=signup,
                               reason=_("志愿服务：%(title)s") % {"title": activity.title})
    except PointsError as exc:
        return 0, exc.messages[0][:200]
    return entry.amount, ""


def _result(signup: SignUp, *, changed: bool) -> AttendanceResult:
    return AttendanceResult(signup, changed, signup.points_awarded, signup.points_note)


def _notify_attended(signup: SignUp, activity: Activity) -> None:
    if signup.points_awarded:
        body = _("“%(title)s”已确认到场，记录服务时长 %(hours)s 小时，获得 %(points)s 积分。")
    else:
        body = _("“%(title)s”已确认到场，记录服务时长 %(hours)s 小时。")
    notify(signup.resident, _("志愿服务时长已记录"),
           body % {"title": activity.title, "hours": signup.hours,
                   "points": signup.points_awarded},
           url="/volunteer/mine/", source="volunteer")


def notify_cancelled(activity: Activity) -> int:
    """Tell everyone still signed up that the activity was called off."""
    signups = SignUp.objects.filter(activity=activity, status=SignUpStatus.SIGNED_UP)
    count = 0
    for signup in signups.select_related("resident"):
        notify(signup.resident, _("志愿活动已取消"),
               _("您报名的“%(title)s”已取消，感谢您的支持。") % {"title": activity.title},
               url=f"/volunteer/{activity.pk}/", source="volunteer")
        count += 1
    return count
