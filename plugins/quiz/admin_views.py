"""答题结果: per-question tallies, the leaderboard by community, CSV export and the draw.

The quiz is looked up through ``scope_queryset``: staff of another grid get 404
exactly as for a missing pk.
"""

from __future__ import annotations

import csv
import importlib.util

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core.grids.scoping import scope_queryset

from . import services
from .models import Draw, Quiz

VIEW_PERMISSIONS = ("quiz.view_quiz", "quiz.change_quiz")
DRAW_PERMISSION = "quiz.draw_winners"


def result_rows(quiz: Quiz) -> list[list]:
    """One row per choice of every question, a blank row, then the leaderboard."""
    rows: list[list] = [[_("题号"), _("题目"), _("选项"), _("选项内容"), _("人数"), _("正确答案")]]
    for number, row in enumerate(services.question_stats(quiz), start=1):
        for choice in row["choices"]:
            rows.append([number, row["question"].text, choice["letter"], choice["text"],
                         choice["count"], _("是") if choice["correct"] else ""])
    rows += [[], [_("社区"), _("参与人数"), _("平均分")]]
    rows += [[r["grid"], r["participants"], r["average"]] for r in services.leaderboard(quiz)]
    return rows


def results_csv(quiz: Quiz) -> HttpResponse:
    """UTF-8 with a BOM, so that Excel opens the Chinese text correctly."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="quiz-{quiz.pk}-results.csv"'
    response.write("\ufeff")
    csv.writer(response).writerows(result_rows(quiz))
    return response


def xlsx_available() -> bool:
    """XLSX only where openpyxl happens to be installed (it is not a dependency)."""
    return importlib.util.find_spec("openpyxl") is not None


def results_xlsx(quiz: Quiz) -> HttpResponse:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("答题结果")
    for row in result_rows(quiz):
        sheet.append(row)
    response = HttpResponse(
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="quiz-{quiz.pk}-results.xlsx"'
    workbook.save(response)
    return response


class QuizResultsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "quiz/admin/results.html"
    header_icon = "list-ul"

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not any(request.user.has_perm(perm) for perm in VIEW_PERMISSIONS):
            raise PermissionDenied
        self.quiz = get_object_or_404(
            scope_queryset(request.user, Quiz.objects.select_related("grid"), "grid"),
            pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.GET.get("format") == "csv":
            return results_csv(self.quiz)
        if request.GET.get("format") == "xlsx" and xlsx_available():
            return results_xlsx(self.quiz)
        return super().get(request, *args, **kwargs)

    def get_page_title(self) -> str:
        return _("答题结果：%(title)s") % {"title": self.quiz.title}

    def get_breadcrumbs_items(self) -> list:
        return [
            *self.breadcrumbs_items,
            {"url": reverse("quiz_quiz:index"), "label": _("答题活动")},
            {"url": reverse("quiz_quiz:edit", args=[self.quiz.pk]), "label": self.quiz.title},
            {"url": "", "label": _("答题结果")},
        ]

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        done = services.submitted(self.quiz)
        record = Draw.objects.filter(quiz=self.quiz).first()
        context.update({
            "quiz": self.quiz,
            "attempts_count": done.count(),
            "participants_count": done.values("resident").distinct().count(),
            "qualifying_count": len(services.qualifying_ids(self.quiz)),
            "stats": services.question_stats(self.quiz),
            "board": services.leaderboard(self.quiz),
            "xlsx": xlsx_available(),
            "draw": record,
            "winners": services.winners_of(record) if record else [],
            "can_draw": (self.request.user.has_perm(DRAW_PERMISSION) and record is None
                         and self.quiz.closes_at <= timezone.now()),
        })
        return context

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.has_perm(DRAW_PERMISSION):
            raise PermissionDenied
        try:
            count = int(request.POST.get("count", "0"))
            record = services.draw(self.quiz.pk, count, request.user)
        except ValueError:
            messages.error(request, _("请填写中奖人数。"))
        except services.QuizError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(request, _("抽奖完成，共 %(n)s 人中奖，结果已公布。")
                             % {"n": len(record.winner_ids)})
        return redirect("quiz_quiz:results", pk=self.quiz.pk)
