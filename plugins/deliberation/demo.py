"""Demo content for ``load_site --demo``: 东栅社区's deliberation, realistic and idempotent.

Two topics with opinions, an open poll and a closed one with results, suggestions with
supports (one adopted), the grid head's issue list, a 百姓议事会 and a 乡贤参事会 with a
meeting that has its agenda, attendance and minutes, and one 五议两公开 matter at each
stage. Everything is found by its natural key (grid + title, author + title …) and only
filled in when first created, so re-running adds nothing and never overwrites edits.
Grids and demo users come from site/grids.csv and site/demo.json; missing ones are skipped.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from core.grids.models import Grid

from .demo_data import (
    CADRE,
    COUNCILS,
    DECISIONS,
    GRID_HEAD,
    ISSUE_LIST,
    MEETING,
    POLLS,
    SUGGESTIONS,
    TOPICS,
)
from .models import (
    Ballot,
    Choice,
    Council,
    CouncilMember,
    Decision,
    IssueList,
    Meeting,
    Opinion,
    Poll,
    PublishStatus,
    Stage,
    Suggestion,
    Support,
    Topic,
)
from .services import DeliberationError
from .services import councils as council_services
from .services import decisions as decision_services
from .services import issues as issue_services
from .services import polls as poll_services

logger = logging.getLogger("jiayuan.deliberation")


def load_demo(site: Any) -> None:
    codes = {t["grid"] for t in TOPICS} | {p["grid"] for p in POLLS} | {
        c["grid"] for c in COUNCILS} | {d[1] for d in DECISIONS} | {ISSUE_LIST["grid"]}
    grids = {grid.code: grid for grid in Grid.objects.filter(code__in=codes)}
    users = {user.mobile: user for user in get_user_model().objects.filter(
        mobile__startswith="1").filter(mobile__in=_mobiles())}
    with transaction.atomic():
        _topics(grids, users)
        _polls(grids, users)
        suggestions = _suggestions(users)
        issue_list = _issue_list(grids, users, suggestions)
        _councils(grids, users, issue_list)
        _decisions(grids, users)


def _mobiles() -> set[str]:
    found = {CADRE, GRID_HEAD}
    for topic in TOPICS:
        found |= {o[0] for o in topic["opinions"]}
    for poll in POLLS:
        found |= {b[0] for b in poll["ballots"]}
    for item in SUGGESTIONS:
        found |= {item["author"], *item["supporters"]}
    for council in COUNCILS:
        found |= {m[2] for m in council["members"] if m[2]}
    return found


def _topics(grids: dict[str, Grid], users: dict) -> None:
    for item in TOPICS:
        grid = grids.get(item["grid"])
        if grid is None:
            continue
        topic, created = Topic.objects.get_or_create(grid=grid, title=item["title"], defaults={
            "body": item["body"], "created_by": users.get(CADRE)})
        if not created:
            continue
        parent = None
        for mobile, body, is_reply in item["opinions"]:
            author = users.get(mobile)
            if author is None:
                continue
            opinion = Opinion.objects.create(topic=topic, author=author, body=body,
                                             parent=parent if is_reply else None)
            if not is_reply:
                parent = opinion


def _polls(grids: dict[str, Grid], users: dict) -> None:
    now = timezone.now()
    for item in POLLS:
        grid = grids.get(item["grid"])
        if grid is None:
            continue
        opens_at = now + timedelta(days=item["opens_in_days"])
        poll, created = Poll.objects.get_or_create(grid=grid, title=item["title"], defaults={
            "description": item["description"], "kind": item["kind"],
            "max_choices": item["max_choices"], "opens_at": opens_at,
            "closes_at": opens_at + timedelta(days=item["days"]),
            "results_mode": item["results_mode"], "status": PublishStatus.PUBLISHED,
            "created_by": users.get(CADRE)})
        if created:
            Choice.objects.bulk_create([Choice(poll=poll, text=text, sort_order=index)
                                        for index, text in enumerate(item["choices"])])
        choices = list(poll.choices.all())
        for mobile, picks in item["ballots"]:
            voter = users.get(mobile)
            if voter is None or Ballot.objects.filter(poll=poll, voter=voter).exists():
                continue
            when = min(poll.opens_at + timedelta(hours=3), now)
            try:
                ballot = poll_services.vote(poll.pk, voter, [choices[i].pk for i in picks
                                                             if i < len(choices)], now=when)
            except DeliberationError as exc:  # e.g. the resident moved or is unverified
                logger.info("demo vote skipped: %s", exc.messages[0])
                continue
            Ballot.objects.filter(pk=ballot.pk).update(created_at=when)


def _suggestions(users: dict) -> dict[str, Suggestion]:
    found = {}
    for item in SUGGESTIONS:
        author = users.get(item["author"])
        if author is None or author.home_grid is None:
            continue
        suggestion, created = Suggestion.objects.get_or_create(
            author=author, title=item["title"],
            defaults={"body": item["body"], "grid": author.home_grid})
        found[item["title"]] = suggestion
        for mobile in item["supporters"]:
            if mobile in users and mobile != item["author"]:
                Support.objects.get_or_create(suggestion=suggestion, supporter=users[mobile])
        if created and item.get("answer") and CADRE in users:
            status, reply = item["answer"]
            try:
                issue_services.respond(suggestion.pk, users[CADRE], status, reply)
            except DeliberationError as exc:
                logger.info("demo answer skipped: %s", exc.messages[0])
    return found


def _issue_list(grids: dict[str, Grid], users: dict, suggestions: dict) -> IssueList | None:
    grid = grids.get(ISSUE_LIST["grid"])
    if grid is None:
        return None
    today = timezone.localdate()
    issue_list, created = IssueList.objects.get_or_create(grid=grid, title=ISSUE_LIST["title"],
                                                          defaults={
        "period_start": today - timedelta(days=30), "period_end": today,
        "note": ISSUE_LIST["note"]})
    if created and GRID_HEAD in users:
        entries = [issue_services.Entry(suggestions[title].pk, order, note)
                   for order, (title, note) in enumerate(ISSUE_LIST["items"], start=1)
                   if title in suggestions and suggestions[title].grid.is_within(grid)]
        if entries:
            try:
                issue_services.compile_list(issue_list.pk, users[GRID_HEAD], entries)
            except DeliberationError as exc:
                logger.info("demo issue list skipped: %s", exc.messages[0])
    return issue_list


def _councils(grids: dict[str, Grid], users: dict, issue_list: IssueList | None) -> None:
    for item in COUNCILS:
        grid = grids.get(item["grid"])
        if grid is None:
            continue
        council, created = Council.objects.get_or_create(grid=grid, name=item["name"], defaults={
            "kind": item["kind"], "frequency": item["frequency"],
            "description": item["description"]})
        if created:
            CouncilMember.objects.bulk_create([
                CouncilMember(council=council, name=name, position=position,
                              user=users.get(mobile) if mobile else None, introduction=intro,
                              term_start=date(2024, 1, 1), term_end=date(2026, 12, 31))
                for name, position, mobile, intro in item["members"]])
        if item.get("meeting"):
            _meeting(council, users, issue_list)


def _meeting(council: Council, users: dict, issue_list: IssueList | None) -> None:
    held_at = (timezone.localtime() - timedelta(days=3)).replace(hour=19, minute=0, second=0,
                                                                  microsecond=0)
    meeting, created = Meeting.objects.get_or_create(council=council, title=MEETING["title"],
                                                     defaults={
        "held_at": held_at, "place": MEETING["place"], "issue_list": issue_list,
        "minutes": MEETING["minutes"], "decisions": MEETING["decisions"]})
    cadre = users.get(CADRE)
    if not created or cadre is None:
        return
    try:
        if meeting.issue_list_id:
            council_services.agenda_from_issue_list(meeting.pk, cadre)
        present = [m.pk for m in council.members.all() if m.name in MEETING["present"]]
        if present:
            council_services.record_attendance(meeting.pk, cadre, present)
    except DeliberationError as exc:
        logger.info("demo meeting skipped: %s", exc.messages[0])


def _decisions(grids: dict[str, Grid], users: dict) -> None:
    cadre = users.get(CADRE)
    order = list(Stage)
    for title, code, stage, description, notes in DECISIONS:
        grid = grids.get(code)
        if grid is None or cadre is None:
            continue
        decision, created = Decision.objects.get_or_create(grid=grid, title=title, defaults={
            "description": description})
        if not created:
            continue
        target = order.index(stage)
        start = timezone.localdate() - timedelta(days=7 * target + 7)
        decision_services.start(decision, cadre, start, notes[0][0])
        for index, (note, counts) in enumerate(notes[1:target + 1], start=1):
            decision_services.record_step(decision.pk, cadre, order[index],
                                          start + timedelta(days=7 * index), note, counts)
