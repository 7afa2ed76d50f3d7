"""The personal data this plugin holds about a resident (data-export requests)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from .models import Answer, Booking, Question


def export(user: Any) -> dict[str, Any]:
    bookings = (Booking.objects.filter(Q(resident=user) | Q(booked_by=user))
                .select_related("slot__judge__user", "resident", "report").order_by("created_at"))
    questions = Question.objects.filter(asker=user).order_by("created_at")
    answers = Answer.objects.filter(author=user).select_related("question").order_by("created_at")
    return {
        "bookings": [{
            "judge": b.slot.judge.name, "court": b.slot.judge.unit,
            "starts_at": b.slot.starts_at.isoformat(), "kind": b.slot.kind,
            "resident": b.resident.name, "booked_by_me": b.booked_by_id == user.pk,
            "dispute_type": b.dispute_type, "focus": b.focus, "status": b.status,
            "report": b.report.code if b.report else None,
            "created_at": b.created_at.isoformat(),
        } for b in bookings],
        "questions": [{
            "title": q.title, "body": q.body, "category": q.category, "anonymous": q.anonymous,
            "created_at": q.created_at.isoformat(),
        } for q in questions],
        "answers": [{
            "question": a.question.title, "body": a.body, "published": a.is_published,
            "created_at": a.created_at.isoformat(),
        } for a in answers],
    }
