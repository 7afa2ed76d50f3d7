"""三务公开 postings as Wagtail pages.

Why pages and not models behind a viewset: a posting is editorial content that
editors and cadres already publish in the page editor; Wagtail gives every save
a revision (the raw history), moderation workflows, scheduled publishing, the
audit log, page permissions and documents for the PDF attachments; and the core
page guards (``core.grids.page_forms``: the form, and the delete / unpublish /
move / copy / bulk-action hooks) already keep an editor inside their region for
any page with a ``target_grid``. What pages lack, this module adds:

* ``clean`` checks that the figures add up and that a change to something
  already published carries a 更正说明, on *every* save path (form, bulk
  publish, scheduler, code), because ``Page.save`` and ``save_revision`` call it;
* ``Publication`` keeps, per publish, the snapshot residents saw and the diff to
  the previous one, so "已更正 N 次" and the history are cheap queries rather than
  re-reading revision JSON on every list page.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.grids.models import Grid
from core.plugins.guards import PluginPageMixin
from core.search.segment import segment

from . import figures
from .blocks import PostingBodyBlock, mask_rosters
from .forms import PostingPageForm
from .validators import validate_pdf_document

AMOUNT = {"max_digits": 14, "decimal_places": 2}


class DisclosureIndexPage(PluginPageMixin, Page):
    """村务公开栏目: the reader's village postings, grouped by kind and period."""

    intro = models.CharField(_("简介"), max_length=200, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["disclosure.PostingPage"]
    max_count_per_parent = 1
    template = "disclosure/index.html"

    class Meta:
        verbose_name = _("村务公开栏目")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from .services import listing_context

        context = super().get_context(request, *args, **kwargs)
        context.update(listing_context(request))
        return context


class Kind(models.TextChoices):
    PARTY = "party", _("党务公开")
    VILLAGE = "village", _("村务公开")
    FINANCE = "finance", _("财务公开")


class PeriodKind(models.TextChoices):
    MONTH = "month", _("月度")
    QUARTER = "quarter", _("季度")
    YEAR = "year", _("年度")


QUARTERS = {1: _("第一季度"), 2: _("第二季度"), 3: _("第三季度"), 4: _("第四季度")}


def period_label(year: int | None, kind: str | None, number: int | None) -> str:
    if not year:
        return ""
    if kind == PeriodKind.MONTH:
        return _("%(year)s年%(n)s月") % {"year": year, "n": number}
    if kind == PeriodKind.QUARTER:
        return _("%(year)s年%(q)s") % {"year": year, "q": QUARTERS.get(number or 0, "")}
    return _("%(year)s年度") % {"year": year}


def period_sort_key(kind: str, number: int) -> int:
    """Month m → m, quarter q → its last month, year → 12: later periods sort later."""
    return {PeriodKind.MONTH: number, PeriodKind.QUARTER: number * 3}.get(kind, 12)


class PostingPage(PluginPageMixin, Page):
    """One 公开事项: a village's party, village or financial affairs for one period."""

    target_grid = models.ForeignKey(
        Grid, verbose_name=_("公开村社"), on_delete=models.PROTECT, related_name="+",
        help_text=_("本村（社区）的居民可以查看；只能选择您负责范围内的村社。"),
    )
    kind = models.CharField(_("公开类别"), max_length=10, choices=Kind.choices,
                            default=Kind.VILLAGE, db_index=True)
    year = models.PositiveSmallIntegerField(
        _("年份"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    period_kind = models.CharField(_("期间类型"), max_length=10, choices=PeriodKind.choices,
                                   default=PeriodKind.QUARTER)
    period_number = models.PositiveSmallIntegerField(
        _("月份或季度"), default=1, help_text=_("月度填1–12，季度填1–4，年度填0。"))
    period_order = models.PositiveIntegerField(editable=False, default=0, db_index=True)
    summary = models.CharField(_("摘要"), max_length=200, blank=True)
    body = StreamField(PostingBodyBlock(), verbose_name=_("公开内容"), blank=True)
    opening_balance = models.DecimalField(_("期初余额（元）"), null=True, blank=True, **AMOUNT)
    total_income = models.DecimalField(_("本期收入合计（元）"), null=True, blank=True, **AMOUNT)
    total_expense = models.DecimalField(_("本期支出合计（元）"), null=True, blank=True, **AMOUNT)
    closing_balance = models.DecimalField(_("期末余额（元）"), null=True, blank=True, **AMOUNT)
    supervisor_phone = models.CharField(_("监督电话"), max_length=20, blank=True,
                                        help_text=_("村务监督委员会或镇街纪检的联系电话。"))
    correction_note = models.TextField(
        _("更正说明"), blank=True,
        help_text=_("已公开的事项再修改时必填，说明更正了什么、为什么更正；将向居民公示。"))

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([
            FieldPanel("target_grid"), FieldPanel("kind"),
            FieldRowPanel([FieldPanel("year"), FieldPanel("period_kind"),
                           FieldPanel("period_number")]),
        ], heading=_("村社、类别与期间")),
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel([
            FieldRowPanel([FieldPanel("opening_balance"), FieldPanel("closing_balance")]),
            FieldRowPanel([FieldPanel("total_income"), FieldPanel("total_expense")]),
            InlinePanel("finance_lines", label=_("收支明细")),
        ], heading=_("财务收支（仅财务公开填写）")),
        InlinePanel("attachments", label=_("PDF附件")),
        FieldPanel("supervisor_phone"),
        FieldPanel("correction_note"),
    ]
    base_form_class = PostingPageForm
    parent_page_types = ["disclosure.DisclosureIndexPage"]
    subpage_types: list[str] = []
    template = "disclosure/posting.html"

    search_fields = [
        *Page.search_fields,
        index.SearchField("search_text"),
        index.FilterField("target_grid"),
        index.FilterField("kind"),
    ]

    class Meta:
        verbose_name = _("公开事项")
        verbose_name_plural = _("公开事项")
        indexes = [models.Index(fields=["target_grid", "kind", "year", "period_order"],
                                name="disclosure_posting_listing")]

    # Set by PostingPageForm while the form validates: it checks figures and the
    # correction note against the *submitted* lines, which the instance lacks then.
    _form_validating = False

    @property
    def period_label(self) -> str:
        return period_label(self.year, self.period_kind, self.period_number)

    def search_text(self) -> str:
        body = " ".join(self.body.stream_block.get_searchable_content(self.body))
        return segment(f"{self.title} {self.summary} {body}")

    def line_values(self) -> list[figures.Line]:
        return [figures.Line(line.direction, line.subject, line.amount, line.note)
                for line in self.finance_lines.all()]

    def totals(self) -> dict[str, Any]:
        return {field: getattr(self, field) for field in figures.TOTAL_FIELDS}

    def snapshot(self) -> dict[str, Any]:
        return build_snapshot(
            title=self.title, period=self.period_label,
            village=self.target_grid.name if self.target_grid_id else "", body=self.body,
            totals=self.totals() if self.kind == Kind.FINANCE else {},
            lines=self.line_values(),
            attachments=[(a.display_title, a.document_id) for a in self.attachments.all()])

    def clean(self) -> None:
        super().clean()
        self.period_order = self.year * 100 + period_sort_key(self.period_kind,
                                                              self.period_number or 0)
        masked = mask_rosters(self.body)
        if masked is not None:  # personal data never reaches the page or its revisions
            self.body = masked
        errors = period_errors(self.period_kind, self.period_number)
        if self.target_grid_id and self.target_grid.level != "community":
            errors["target_grid"] = _("请选择村（社区）一级的网格节点。")
        if errors:
            raise ValidationError(errors)
        if self._form_validating:
            return
        lines = self.line_values()
        if self.kind == Kind.FINANCE:
            errors = figures.totals_errors(*self.totals().values(), lines)
        elif lines:
            errors = {"kind": _("只有财务公开可以填写收支明细。")}
        for attachment in self.attachments.all():
            try:
                validate_pdf_document(attachment.document)
            except ValidationError as exc:
                errors.setdefault("__all__", exc.messages[0])
        if not errors and self.pk:
            problem = correction_problem(self.pk, self.snapshot(), self.correction_note)
            if problem:
                errors["correction_note"] = problem
        if errors:
            raise ValidationError(errors)

    def permissions_for_user(self, user: Any) -> Any:
        """Outside the user's region every admin action is refused (see permissions.py)."""
        from .permissions import VillagePagePermissionTester

        return VillagePagePermissionTester(user, self)

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        from .services import can_read, detail_context

        if not can_read(request.user, self):
            raise Http404
        request.disclosure_context = detail_context(request, self)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context.update(getattr(request, "disclosure_context", {}))
        return context


def period_errors(kind: str, number: int | None) -> dict[str, str]:
    number = number or 0
    if kind == PeriodKind.MONTH and not 1 <= number <= 12:
        return {"period_number": _("月度公开请填写1–12之间的月份。")}
    if kind == PeriodKind.QUARTER and not 1 <= number <= 4:
        return {"period_number": _("季度公开请填写1–4之间的季度。")}
    if kind == PeriodKind.YEAR and number != 0:
        return {"period_number": _("年度公开此项请填0。")}
    return {}


def build_snapshot(*, title: str, period: str, village: str, body: Any,
                   totals: dict[str, Any], lines: list[figures.Line],
                   attachments: list[tuple[str, int]]) -> dict[str, Any]:
    """The snapshot of a posting; ``body`` is compared by its text, not its markup,
    so that re-saving unchanged text through the editor is not a correction."""
    text = list(body.stream_block.get_searchable_content(body)) if body else []
    return figures.snapshot(title=title, period=period, village=village, body=text,
                            totals=totals, lines=lines, attachments=attachments)


def correction_problem(posting_id: int, current: dict[str, Any], note: str) -> str | None:
    """Why this save may not go ahead, when it changes something already published."""
    last = Publication.objects.filter(posting_id=posting_id).order_by("-number").first()
    if last is None or not figures.diff(last.snapshot, current):
        return None
    note = (note or "").strip()
    if not note or note == last.note:
        return str(_("本事项已于%(date)s公开，修改已公开的内容须填写本次更正说明（将向居民公示）。")
                   % {"date": last.published_at.strftime("%Y-%m-%d")})
    return None


class Direction(models.TextChoices):
    INCOME = figures.INCOME, _("收入")
    EXPENSE = figures.EXPENSE, _("支出")


class FinanceLine(Orderable):
    posting = ParentalKey(PostingPage, on_delete=models.CASCADE, related_name="finance_lines")
    direction = models.CharField(_("收支"), max_length=10, choices=Direction.choices)
    subject = models.CharField(_("科目"), max_length=60)
    amount = models.DecimalField(_("金额（元）"), validators=[MinValueValidator(0)], **AMOUNT)
    note = models.CharField(_("备注"), max_length=120, blank=True)

    panels = [FieldRowPanel([FieldPanel("direction"), FieldPanel("subject"),
                             FieldPanel("amount")]), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("收支明细")
        constraints = [models.CheckConstraint(condition=models.Q(amount__gte=0),
                                              name="disclosure_line_amount_not_negative")]


class PostingAttachment(Orderable):
    posting = ParentalKey(PostingPage, on_delete=models.CASCADE, related_name="attachments")
    # PROTECT: deleting the document must not silently strip it from a published posting.
    document = models.ForeignKey("wagtaildocs.Document", verbose_name=_("PDF文件"),
                                 on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("附件名称"), max_length=100, blank=True,
                             help_text=_("留空则使用文件标题。"))

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("PDF附件")

    @property
    def display_title(self) -> str:
        return self.title or (self.document.title if self.document_id else "")

    def clean(self) -> None:
        super().clean()
        if self.document_id:
            validate_pdf_document(self.document)


class Publication(models.Model):
    """One publish of a posting: what residents saw, and what changed since the last."""

    posting = models.ForeignKey(PostingPage, on_delete=models.CASCADE,
                                related_name="publications")
    number = models.PositiveIntegerField(_("序号"))  # 1: first publication
    revision = models.ForeignKey("wagtailcore.Revision", null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    published_at = models.DateTimeField(_("公开时间"))
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    is_correction = models.BooleanField(_("是否更正"), default=False)
    note = models.TextField(_("更正说明"), blank=True)
    snapshot = models.JSONField(_("公开内容快照"))
    changes = models.JSONField(_("变更内容"), default=list)

    class Meta:
        verbose_name = _("公开记录")
        verbose_name_plural = _("公开记录")
        ordering = ["posting", "number"]
        constraints = [models.UniqueConstraint(fields=["posting", "number"],
                                               name="disclosure_publication_number")]

    def describe_changes(self) -> list[str]:
        return [figures.describe(change) for change in self.changes]


class QuestionStatus(models.TextChoices):
    PENDING = "pending", _("待审核")  # held by the sensitive-word screen
    OPEN = "open", _("待答复")
    ANSWERED = "answered", _("已答复")
    HIDDEN = "hidden", _("已隐藏")


class Question(models.Model):
    """质询: a resident's question on a posting, answered publicly by a cadre in scope."""

    posting = models.ForeignKey(PostingPage, verbose_name=_("公开事项"),
                                on_delete=models.CASCADE, related_name="questions")
    asker = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("提问人"),
                              on_delete=models.CASCADE, related_name="disclosure_questions")
    text = models.TextField(_("问题"))
    anonymous = models.BooleanField(_("匿名提问"), default=False,
                                    help_text=_("匿名时其他居民看不到提问人姓名，村社干部仍可看到。"))
    status = models.CharField(_("状态"), max_length=10, choices=QuestionStatus.choices,
                              default=QuestionStatus.OPEN, db_index=True)
    answer = models.TextField(_("答复"), blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("答复人"),
                                    null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("提问时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("居民质询")
        verbose_name_plural = _("居民质询")
        ordering = ["-created_at"]
        permissions = [("answer_question", _("可公开答复居民质询"))]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="answered") | ~models.Q(answer=""),
                name="disclosure_answered_has_answer"),
        ]
        indexes = [models.Index(fields=["posting", "status"], name="disclosure_question_posting")]

    def __str__(self) -> str:
        return self.text[:30]

    @property
    def public_asker(self) -> str:
        """How the asker is shown to other residents."""
        if self.anonymous:
            return str(_("匿名居民"))
        return self.asker.name or str(_("居民"))
