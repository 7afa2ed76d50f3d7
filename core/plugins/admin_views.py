"""应用管理: administrators see, toggle, scope, configure and order plugins."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.models import ModelLogEntry, Site

from . import state
from .forms import OrderForm, ToggleForm
from .host import host
from .models import PluginHealth, PluginState


def can_manage_plugins(user) -> bool:
    return user.is_superuser or user.has_perm("plugins.change_pluginstate")


class PluginAdminMixin(WagtailAdminTemplateMixin):
    header_icon = "cogs"

    def dispatch(self, request, *args, **kwargs):
        if not can_manage_plugins(request.user):
            raise PermissionDenied
        self.site = Site.find_for_request(request) or Site.objects.get(is_default_site=True)
        return super().dispatch(request, *args, **kwargs)

    def plugin_rows(self) -> list[dict]:
        snapshot = host.snapshot()
        health = {h.slug: h for h in PluginHealth.objects.all()}
        rows = []
        for slug, manifest in host.manifests.items():
            overrides = [
                (path_, on) for path_, on in snapshot.subtrees.get((self.site.pk, slug), ())
            ]
            rows.append({
                "manifest": manifest,
                "enabled": manifest.essential or snapshot.is_enabled(
                    slug, self.site.pk, None, manifest.default_enabled
                ),
                "overrides": len(overrides),
                "order": snapshot.sort_order(slug, self.site.pk) or manifest.tile_order,
                "load_error": host.load_errors.get(slug, ""),
                "health": health.get(slug),
            })
        return sorted(rows, key=lambda r: (r["order"], r["manifest"].slug))


class PluginIndexView(PluginAdminMixin, TemplateView):
    template_name = "plugins_admin/index.html"
    page_title = gettext_lazy("应用管理")

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": _("首页")},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        rows = self.plugin_rows()
        context = super().get_context_data(**kwargs)
        context.update(rows=rows, site=self.site)
        return context

    def post(self, request):
        rows = self.plugin_rows()
        form = OrderForm(
            request.POST, slugs=[r["manifest"].slug for r in rows],
            initial_orders={r["manifest"].slug: r["order"] for r in rows},
        )
        if form.is_valid():
            state.save_order(form.orders(), site=self.site, user=request.user)
            messages.success(request, _("应用排序已保存。"))
        else:
            messages.error(request, _("排序必须是 0 到 999 之间的整数。"))
        return redirect("plugins_admin:index")


class PluginDetailView(PluginAdminMixin, TemplateView):
    template_name = "plugins_admin/detail.html"

    def dispatch(self, request, *args, slug: str, **kwargs):
        self.manifest = host.manifest(slug)
        if self.manifest is None:
            raise Http404
        return super().dispatch(request, *args, slug=slug, **kwargs)

    def get_page_title(self):
        return str(self.manifest.label)

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": _("首页")},
            {"url": reverse("plugins_admin:index"), "label": _("应用管理")},
            {"url": "", "label": self.get_page_title()},
        ]

    def settings_form(self, data=None):
        form_class = self.manifest.settings_form
        if form_class is None:
            return None
        row = PluginState.objects.filter(site=self.site, slug=self.manifest.slug, grid=None).first()
        initial = {**self.manifest.default_settings, **(row.config if row else {})}
        return form_class(data, initial=initial, prefix="settings")

    def get_context_data(self, toggle_form=None, settings_form=None, **kwargs):
        slug = self.manifest.slug
        context = super().get_context_data(**kwargs)
        rows = {r["manifest"].slug: r for r in self.plugin_rows()}
        states = PluginState.objects.filter(site=self.site, slug=slug).select_related("grid")
        context.update(
            row=rows[slug],
            manifest=self.manifest,
            scoped_states=[s for s in states if s.grid_id],
            toggle_form=toggle_form or ToggleForm(),
            settings_form=settings_form or self.settings_form(),
            health_problems=[p for _s, ps in host.call_one(slug, "health_checks") for p in ps],
            recent_error=host.recent_errors.get(slug, ""),
            log_entries=ModelLogEntry.objects.filter(
                content_type__app_label="plugins", object_id__in=[str(s.pk) for s in states]
            ).order_by("-timestamp")[:20],
        )
        return context

    def post(self, request, slug: str):
        action = request.POST.get("action")
        try:
            if action == "toggle":
                form = ToggleForm(request.POST)
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(toggle_form=form))
                grid = form.cleaned_data["grid_code"]
                state.set_enabled(
                    slug, form.cleaned_data["enabled"], site=self.site, grid=grid,
                    user=request.user,
                )
                messages.success(request, _("应用状态已更新，所有服务进程将在下一次请求时生效。"))
            elif action == "remove_scope":
                grid_state = PluginState.objects.filter(
                    site=self.site, slug=slug, pk=request.POST.get("state_id"), grid__isnull=False
                ).select_related("grid").first()
                if grid_state is None:
                    raise Http404
                state.remove_scope(slug, grid_state.grid, site=self.site, user=request.user)
                messages.success(request, _("已删除该网格范围的单独设置。"))
            elif action == "settings":
                form = self.settings_form(request.POST)
                if form is None:
                    raise Http404
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(settings_form=form))
                state.save_config(slug, form.cleaned_data, site=self.site, user=request.user)
                messages.success(request, _("应用设置已保存。"))
            else:
                raise Http404
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("plugins_admin:detail", slug=slug)


class PluginsAdminViewSet(ViewSet):
    icon = "cogs"
    url_prefix = "plugins"

    def get_urlpatterns(self):
        return [
            path("", PluginIndexView.as_view(), name="index"),
            path("<slug:slug>/", PluginDetailView.as_view(), name="detail"),
        ]
