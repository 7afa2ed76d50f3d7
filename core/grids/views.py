"""网格管理 admin views: tree-safe create and delete, parent chains, scoped CSV export."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import router
from django.db.models import ProtectedError
from django.db.models.deletion import Collector
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters import CharFilter, ChoiceFilter
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views import generic
from wagtail.admin.widgets.button import Button, ListingButton
from wagtail.log_actions import log

from .exporter import stream_csv_lines
from .models import Grid, GridLevel, OrganisationKind, next_level, validate_parent_code
from .scoping import grids_in_scope, scope_queryset, user_scope

GRID_FIELDS = ["name", "code", "organisation_kind", "organisation", "head_name", "head_phone"]


class GridFilterSet(WagtailFilterSet):
    level = ChoiceFilter(label=gettext_lazy("层级"), choices=GridLevel.choices)
    code = CharFilter(label=gettext_lazy("区划代码（前缀）"), lookup_expr="startswith")
    organisation_kind = ChoiceFilter(label=gettext_lazy("线下机构类型"),
                                     choices=OrganisationKind.choices)
    organisation = CharFilter(label=gettext_lazy("线下机构"), lookup_expr="icontains")
    head_name = CharFilter(label=gettext_lazy("网格长（负责人）"), lookup_expr="icontains")

    class Meta:
        model = Grid
        fields = ["level", "code", "organisation_kind", "organisation", "head_name"]


class GridCreateForm(WagtailAdminModelForm):
    """A new node goes under a parent inside the user's subtree (roots: superusers only)."""

    parent = forms.ModelChoiceField(
        label=gettext_lazy("上级节点区划代码"), queryset=Grid.objects.none(), required=False,
        to_field_name="code", widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        help_text=gettext_lazy("新节点将添加在该节点之下；留空表示新建顶级节点（仅系统管理员）。"),
        error_messages={"invalid_choice": gettext_lazy("该上级节点不存在、不在您的管辖范围内，或为微网格。")},
    )

    class Meta:
        model = Grid
        fields = ["parent", "level", *GRID_FIELDS]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = grids_in_scope(self.for_user).exclude(
            level=GridLevel.MICROGRID
        )

    def clean(self) -> dict:
        data = super().clean()
        parent, level, code = data.get("parent"), data.get("level"), data.get("code")
        if parent is None:
            if not self.has_error("parent") and not getattr(self.for_user, "is_superuser", False):
                self.add_error("parent", _("请填写上级节点；只有系统管理员可以新建顶级节点。"))
            return data
        expected = next_level(parent.level)
        if level and level != expected:
            self.add_error("level", _("“%(parent)s”的下级应为%(expected)s。")
                           % {"parent": parent.name, "expected": GridLevel(expected).label})
        elif level and code:
            try:
                validate_parent_code(level, code, parent.code)
            except forms.ValidationError as error:
                self.add_error("code", error)
        return data


class GridEditForm(WagtailAdminModelForm):
    """Edits never move a node: level and parent are fixed once created."""

    class Meta:
        model = Grid
        fields = GRID_FIELDS


def parent_chain_names(grids: list[Grid]) -> None:
    """Set ``parent_chain`` ("嘉兴市 › 南湖区 › …") on each grid with one query."""
    wanted = {path for grid in grids for path in grid.chain_paths()[:-1]}
    names = dict(Grid.objects.filter(path__in=wanted).values_list("path", "name"))
    for grid in grids:
        grid.parent_chain = " › ".join(names.get(path, "") for path in grid.chain_paths()[:-1])


class GridIndexView(generic.IndexView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        parent_chain_names(list(context["object_list"]))
        return context

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        buttons.append(Button(_("导出 CSV（可再导入）"), url=reverse("grid:export"),
                              icon_name="download", priority=50))
        return buttons

    def get_list_more_buttons(self, instance: Grid):
        buttons = super().get_list_more_buttons(instance)
        if self.add_url and instance.level != GridLevel.MICROGRID:
            buttons.append(ListingButton(
                _("添加下级"), url=f"{self.add_url}?parent={instance.code}",
                icon_name="plus", priority=15,
            ))
        return buttons


class GridCreateView(generic.CreateView):
    def get_initial(self) -> dict:
        initial = super().get_initial()
        code = self.request.GET.get("parent", "")
        parent = grids_in_scope(self.request.user).filter(code=code).first() if code else None
        if parent is not None:
            level = next_level(parent.level)
            initial["parent"] = parent.code
            initial["level"] = level
            if level in (GridLevel.GRID, GridLevel.MICROGRID):
                initial["code"] = parent.code  # their codes extend the parent's by 3 digits
        return initial

    def save_instance(self) -> Grid:
        """Insert through treebeard (``add_child``/``add_root``), never a bare save()."""
        instance = self.form.instance
        parent = self.form.cleaned_data.get("parent")
        if parent is None:
            instance = Grid.add_root(instance=instance)
        else:
            parent = Grid.objects.get(pk=parent.pk)  # fresh numchild and path
            instance = parent.add_child(instance=instance)
        log(instance=instance, action="wagtail.create", content_changed=True)
        return instance


class GridDeleteView(generic.DeleteView):
    """Refuses a node with children, or with residents, staff or other protected rows."""

    def blocked_reason(self) -> str | None:
        grid = self.object
        if grid.get_children_count():
            return _("“%(name)s”还有 %(count)s 个下级节点，请先删除或调整下级节点。") % {
                "name": grid.name, "count": grid.get_children_count()}
        collector = Collector(using=router.db_for_write(Grid))
        try:
            collector.collect([grid])
        except ProtectedError as error:
            return _("“%(name)s”下还有居民、工作人员或其他业务数据（%(count)s 条），不能删除。"
                     "请先把它们迁移到其他网格。") % {
                "name": grid.name, "count": len(error.protected_objects)}
        return None

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        reason = self.blocked_reason()
        if reason:
            messages.error(request, reason)
            return redirect(self.index_url_name)
        return super().dispatch(request, *args, **kwargs)


def export_view(request: HttpRequest) -> StreamingHttpResponse:
    """The user's subtree as an importable CSV (superusers: the whole tree)."""
    from .wagtail_hooks import grid_viewset

    if not grid_viewset.permission_policy.user_has_any_permission(
        request.user, ["view", "change", "add", "delete"]
    ):
        raise PermissionDenied
    queryset = scope_queryset(request.user, Grid.objects.all(), "")
    scope = user_scope(request.user)
    suffix = scope.code if scope is not None and not request.user.is_superuser else "all"
    response = StreamingHttpResponse(stream_csv_lines(queryset), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="grids-{suffix}.csv"'
    return response
