"""接口密钥 in the Wagtail admin (under 设置): administrators create, deactivate and delete keys.

The key itself is shown once, on the page that answers the creation; only its
digest is stored. Keys are grid-scoped (``GridScopedViewSetMixin``): an
administrator scoped to a county sees and grants only that county.
"""

from __future__ import annotations

from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from core.grids.scoping import GridScopedViewSetMixin
from core.plugins.guards import PluginViewSetMixin

from .forms import ApiKeyForm
from .keys import assign_new_key
from .models import ApiKey

SLUG = "open311"


def _when(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else "—"


class ApiKeyCreateView(generic.CreateView):
    """Saves the key's digest and shows the raw key once instead of redirecting."""

    raw_key = ""

    def save_instance(self) -> ApiKey:
        api_key = self.form.save(commit=False)
        self.raw_key = assign_new_key(api_key)
        api_key.save()
        self.form.instance = api_key
        from wagtail.log_actions import log

        log(instance=api_key, action="wagtail.create", content_changed=True)
        return api_key

    def save_action(self):
        return TemplateResponse(self.request, "open311/admin/key_created.html", {
            "api_key": self.object, "raw_key": self.raw_key,
            "index_url": self.get_success_url(),
            "endpoint": self.request.build_absolute_uri("/open311/v2/"),
        })


class ApiKeyViewSet(PluginViewSetMixin, GridScopedViewSetMixin, ModelViewSet):
    plugin_slug = SLUG
    model = ApiKey
    grid_field = "grid"
    icon = "key"
    menu_label = _("Open311 接口密钥")
    add_to_settings_menu = True
    url_prefix = "open311/keys"
    add_view_class = ApiKeyCreateView
    search_fields = ["name", "prefix"]
    search_backend_name = None
    list_filter = ["active"]
    ordering = ["name"]
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = [
        "name",
        Column("prefix", label=_("密钥前缀"), accessor=lambda k: f"{k.prefix}…"),
        Column("grid", label=_("授权区域")),
        BooleanColumn("active", label=_("启用")),
        Column("last_used_at", label=_("最近使用"), accessor=lambda k: _when(k.last_used_at)),
    ]

    def get_form_class(self, for_update: bool = False):
        return ApiKeyForm


def admin_viewsets() -> list:
    return [ApiKeyViewSet("open311_keys")]
