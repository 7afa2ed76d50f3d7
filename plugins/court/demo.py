"""Demo content for ``load_site --demo``: judges paired with Jiaxing villages, a week of
slots, two bookings, court notices and guides, and five answered FAQs.

Idempotent: judges are found by user, slots are created only for a judge who
has none yet (so a re-run on a later day adds no second week), bookings by
(slot, resident), pages by slug, questions by title; nothing that exists is
changed, so staff edits survive a re-run. Grids and users this deployment lacks
are skipped.
"""

from __future__ import annotations

import json
import logging
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from wagtail.models import Site

from core.grids.models import Grid
from core.identity.roles import GROUP_NAMES

from . import demo_data as data
from . import faq, services
from .models import Answer, CourtNoticePage, JudgeProfile, LitigationGuidePage, Question, Slot
from .pages import ensure_index

logger = logging.getLogger("jiayuan.court")


def load_demo(site: Site) -> None:
    with transaction.atomic():
        judges = _judges()
        slots = _slots(judges)
    _bookings(judges, slots)
    _pages(site)
    _faqs()


def _users(mobiles) -> dict[str, Any]:
    return {u.mobile: u for u in get_user_model().objects.filter(mobile__in=set(mobiles))}


def _demo_password() -> str:
    path = settings.SITE_DIR / "demo.json"
    try:
        return json.loads(path.read_text(encoding="utf-8")).get("password", "")
    except (OSError, ValueError):
        return data.JUDGE_PASSWORD_FALLBACK


def _judge_user(mobile: str, name: str | None, county: Grid) -> Any:
    """The demo.json judge, or (for a second court) a judge account created here."""
    User = get_user_model()
    user = User.objects.filter(mobile=mobile).first()
    if user is not None or name is None:
        return user
    user = User(mobile=mobile, name=name, scope_grid=county, home_grid=None, is_staff=True,
                consented_at=timezone.now(), verification_status="verified")
    password = _demo_password()
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    user.groups.add(*Group.objects.filter(name__in=[GROUP_NAMES["judge"], GROUP_NAMES["resident"]]))
    return user


def _judges() -> dict[str, JudgeProfile]:
    codes = {code for row in data.JUDGES for code in [row[5], *row[6]]}
    grids = {g.code: g for g in Grid.objects.filter(code__in=codes)}
    found: dict[str, JudgeProfile] = {}
    for mobile, name, court, tribunal, title, county, paired, phone, place, intro in data.JUDGES:
        if county not in grids or not any(code in grids for code in paired):
            continue
        user = _judge_user(mobile, name, grids[county])
        if user is None:
            continue
        profile, created = JudgeProfile.objects.get_or_create(user=user, defaults={
            "court": court, "tribunal": tribunal, "title": title, "court_grid": grids[county],
            "phone": phone, "shared_court_place": place, "intro": intro})
        if created:
            profile.paired_grids.add(*[grids[c] for c in paired if c in grids])
        found[mobile] = profile
    return found


def _working_day(n: int) -> date:
    """The n-th working day after today: courts sit on working days, which holidays and
    make-up working days (调休) move (core.workcalendar, with administrators' years)."""
    from core.workcalendar.services import CalendarMissing, is_working_day

    day, found = timezone.localdate(), 0
    while found < n:
        day += timedelta(days=1)
        try:
            working = is_working_day(day)
        except CalendarMissing:  # demo slots only, in a year not yet announced: weekdays
            working = day.weekday() < 5
        found += working
    return day


def _at(day: date, hhmm: str) -> datetime:
    hour, minute = (int(part) for part in hhmm.split(":"))
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _slots(judges: dict[str, JudgeProfile]) -> dict[str, list[Slot]]:
    found: dict[str, list[Slot]] = {}
    for mobile, judge in judges.items():
        if not judge.slots.exists():
            Slot.objects.bulk_create([
                Slot(judge=judge, starts_at=_at(_working_day(n), start),
                     ends_at=_at(_working_day(n), end), kind=kind, mode=mode, note=note,
                     created_by=judge.user)
                for n, start, end, kind, mode, note in data.SLOT_PATTERN])
        found[mobile] = list(judge.slots.order_by("starts_at"))
    return found


def _bookings(judges: dict[str, JudgeProfile], slots: dict[str, list[Slot]]) -> None:
    users = _users([m for row in data.BOOKINGS for m in row[:2] if m])
    for resident_mobile, by_mobile, judge_mobile, index, dispute, focus in data.BOOKINGS:
        resident = users.get(resident_mobile)
        judge_slots = slots.get(judge_mobile, [])
        if resident is None or index >= len(judge_slots):
            continue
        slot = judge_slots[index]
        if slot.bookings.filter(resident=resident).exists():
            continue
        actor = users.get(by_mobile) if by_mobile else resident
        try:
            services.book(services.BookingRequest(slot_id=slot.pk, dispute_type=dispute,
                                                  focus=focus, resident_id=resident.pk),
                          actor or resident)
        except services.CourtError as exc:  # e.g. someone took the slot since
            logger.info("demo booking skipped: %s", exc.messages[0])


def _pages(site: Site) -> None:
    index = ensure_index(site)
    existing = set(index.get_children().values_list("slug", flat=True))
    today = timezone.localdate()
    for slug, court, days_ago, title, summary, body in data.NOTICES:
        if slug not in existing:
            page = CourtNoticePage(title=title, slug=slug, court=court, summary=summary, body=body,
                                   date=today - timedelta(days=days_ago))
            index.add_child(instance=page)
            page.save_revision().publish()
    for slug, order, title, summary, body in data.GUIDES:
        if slug not in existing:
            page = LitigationGuidePage(title=title, slug=slug, order=order, summary=summary,
                                       body=body)
            index.add_child(instance=page)
            page.save_revision().publish()


def _faqs() -> None:
    users = _users([m for row in data.FAQS for m in (row[0], row[5])] + [data.FAQ_PUBLISHER])
    publisher = users.get(data.FAQ_PUBLISHER)
    for order, (asker, category, title, body, anonymous, answerer, text) in enumerate(data.FAQS):
        if asker not in users or answerer not in users or Question.objects.filter(title=title).exists():
            continue
        with transaction.atomic():
            question = Question.objects.create(
                asker=users[asker], grid=users[asker].home_grid, category=category, title=title,
                body=body, anonymous=anonymous, faq_order=order + 1)
            answer = Answer.objects.create(
                question=question, author=users[answerer], body=text,
                author_label=faq.author_label(users[answerer], None)[:60])
            if publisher is not None:
                faq.set_published(answer.pk, publisher, True)
