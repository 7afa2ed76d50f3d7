"""敏感词库 in the Wagtail admin: the word listing/editing viewset and the bulk import.

Only users with the model permissions (the 管理员 role, superusers) see it; single
edits are audit-logged by Wagtail's generic views, imports by ``import_words``.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.viewsets.model import ModelViewSet

from core.adminviews import IndexWithActionView, ViewSetActionView

from .forms import ImportForm, SensitiveWordForm
from .models import SensitiveWord
from .services import import_words

ADD_PERMISSION = "moderation.add_sensitiveword"
MAX_ERRORS_SHOWN = 10


class WordIndexView(IndexWithActionView):
    action_label = gettext_lazy("批量导入")
    action_url_name = "moderation_words:import"
    action_icon = "upload"
    action_permission = ADD_PERMISSION


class ImportView(ViewSetActionView):
    template_name = "moderation/admin/import.html"
    form_class = ImportForm
    page_title = gettext_lazy("批量导入敏感词")
    header_icon = "upload"
    permission = ADD_PERMISSION
    index_url_name = "moderation_words:index"
    index_label = gettext_lazy("敏感词库")

    def form_valid(self, form: ImportForm) -> HttpResponse:
        result = import_words(form.cleaned_data["file"], category=form.cleaned_data["category"],
                              action=form.cleaned_data["action"], user=self.request.user)
        messages.success(self.request, _("导入完成：新增 %(c)s 个，更新 %(u)s 个，未变 %(n)s 个。") % {
            "c": result.created, "u": result.updated, "n": result.unchanged})
        if result.errors:
            shown = "；".join(result.errors[:MAX_ERRORS_SHOWN])
            more = _("等 %(n)s 行") % {"n": len(result.errors)} if len(
                result.errors) > MAX_ERRORS_SHOWN else ""
            messages.warning(self.request, _("以下行未导入：%(lines)s%(more)s") % {
                "lines": shown, "more": more})
        return redirect("moderation_words:index")


class SensitiveWordViewSet(ModelViewSet):
    model = SensitiveWord
    form_fields = ["word", "category", "action", "active", "note"]
    icon = "warning"
    menu_label = gettext_lazy("敏感词库")
    add_to_settings_menu = True
    index_view_class = WordIndexView
    list_filter = ["category", "action", "active"]
    search_fields = ["word", "note"]
    search_backend_name = None  # database LIKE: Chinese words have no word breaks
    ordering = ["category", "normalised"]
    list_per_page = 50
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = [
        "word",
        Column("category", label=gettext_lazy("类别"), accessor="get_category_display"),
        Column("action", label=gettext_lazy("处理方式"), accessor="get_action_display"),
        BooleanColumn("active", label=gettext_lazy("启用")),
        Column("updated_at", label=gettext_lazy("更新时间"),
               accessor=lambda w: timezone.localtime(w.updated_at).strftime("%Y-%m-%d %H:%M")),
    ]

    def get_form_class(self, for_update: bool = False):
        return SensitiveWordForm

    def get_urlpatterns(self) -> list:
        return [*super().get_urlpatterns(),
                path("import/", ImportView.as_view(), name="import")]


word_viewset = SensitiveWordViewSet("moderation_words", url_prefix="moderation/words")
