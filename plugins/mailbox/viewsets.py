"""村民信箱 in the Wagtail admin: the letter queue of a grid worker or cadre.

Every query goes through ``services.letters_for_staff`` (``scope_queryset``), so a
worker sees and answers only letters from their own grid subtree; any other pk
answers 404, exactly as a missing one does.
"""

from __future__ import annotations

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.views.generic.base import BaseListingView, WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from core.plugins.guards import PluginViewSetMixin

from . import services
from .forms import ReplyForm
from .manifest import MANIFEST
from .models import Category, Letter, Status

NAMESPACE = "mailbox_letters"


class ReplierRequiredMixin:
    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not services.can_reply(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class LetterFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=gettext_lazy("状态"), choices=Status.choices)
    category = django_filters.ChoiceFilter(label=gettext_lazy("类别"), choices=Category.choices)

    class Meta:
        model = Letter
        fields = ["status", "category"]


class QueueView(ReplierRequiredMixin, BaseListingView):
    page_title = gettext_lazy("村民信箱")
    header_icon = MANIFEST.admin_icon
    paginate_by = 50
    index_url_name = f"{NAMESPACE}:index"
    index_results_url_name = f"{NAMESPACE}:index_results"
    default_ordering = "-created_at"
    filterset_class = LetterFilterSet
    is_searchable = True
    search_fields = ["subject", "body"]
    search_backend_name = None  # icontains: letters are not in the search index

    @cached_property
    def columns(self) -> list:
        return [
            TitleColumn(
                "subject", label=gettext_lazy("标题"),
                get_url=lambda letter: reverse(f"{NAMESPACE}:detail", args=[letter.pk]),
            ),
            Column("category", label=gettext_lazy("类别"), accessor="get_category_display"),
            Column("author", label=gettext_lazy("写信人"), accessor="author.name"),
            Column("grid", label=gettext_lazy("所属网格"), accessor="grid.name"),
            StatusTagColumn(
                "status", label=gettext_lazy("状态"), accessor="get_status_display",
                primary=lambda letter: letter.status == Status.PENDING,
            ),
            DateColumn("created_at", label=gettext_lazy("来信时间"), sort_key="created_at"),
        ]

    def get_base_queryset(self) -> QuerySet:
        return services.letters_for_staff(self.request.user)

    @property
    def no_results_message(self) -> str:
        return _("暂无来信。")


class LetterView(ReplierRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    """One letter, its replies and the reply form (答复)."""

    template_name = "mailbox/admin/letter.html"
    header_icon = MANIFEST.admin_icon

    def get_letter(self) -> Letter:
        return get_object_or_404(services.letters_for_staff(self.request.user), pk=self.kwargs["pk"])

    def get_page_title(self) -> str:
        return _("来信：%(subject)s") % {"subject": self.letter.subject}

    def get_breadcrumbs_items(self) -> list:
        return [
            *self.breadcrumbs_items,
            {"url": reverse(f"{NAMESPACE}:index"), "label": _("村民信箱")},
            {"url": "", "label": self.letter.subject},
        ]

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        self.letter = self.get_letter()
        return self.render_to_response(self.get_context_data(form=ReplyForm()))

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        self.letter = self.get_letter()
        form = ReplyForm(request.POST)
        if form.is_valid():
            try:
                services.reply(self.letter, request.user, form.cleaned_data["body"],
                               close=form.cleaned_data["close"])
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("已答复“%(subject)s”，居民会在消息中收到通知。")
                                 % {"subject": self.letter.subject})
                return redirect(f"{NAMESPACE}:index")
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context.update({
            "letter": self.letter,
            "replies": list(self.letter.replies.all()),
            "community": services.community_of(self.letter.grid),
        })
        return context


class ReplierMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return services.can_reply(request.user)


class LetterQueueViewSetBase(ViewSet):
    name = NAMESPACE
    url_prefix = "mailbox"
    icon = MANIFEST.admin_icon
    menu_label = gettext_lazy("村民信箱")
    menu_order = 215  # next to 实名认证: both are grid workers' queues
    add_to_admin_menu = True
    menu_item_class = ReplierMenuItem

    def get_urlpatterns(self) -> list:
        return [
            path("", QueueView.as_view(), name="index"),
            path("results/", QueueView.as_view(results_only=True), name="index_results"),
            path("<int:pk>/", LetterView.as_view(), name="detail"),
        ]


class LetterQueueViewSet(PluginViewSetMixin, LetterQueueViewSetBase):
    """The mixin comes first so that it wraps the routes above with the enabled-guard."""

    plugin_slug = MANIFEST.slug


letter_queue_viewset = LetterQueueViewSet()
