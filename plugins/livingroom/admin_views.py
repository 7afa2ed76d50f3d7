"""社区会客厅审核 in the Wagtail admin: the queue with bulk actions, one item, bans.

Every view fetches through ``moderation.*_in_scope`` (``scope_queryset`` on the
post's community) and requires the ``livingroom.moderate_post`` permission; an
out-of-scope id answers 404 like a missing one.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import ModelLogEntry

from . import moderation
from .forms import BanForm, ModeratorEditForm
from .manifest import MANIFEST
from .models import Ban, Comment, Flag, Post, active_bans
from .services import MODERATE_PERMISSION, LivingroomError

NAMESPACE = "livingroom_moderation"


def _ids(values: list[str]) -> list[int]:
    return [int(value) for value in values if value.isdigit()]


class ModeratorRequiredMixin:
    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.has_perm(MODERATE_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class QueueView(ModeratorRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    """待处理: held and auto-hidden items, flagged first; or every post (?show=all)."""

    template_name = "livingroom/admin/queue.html"
    page_title = gettext_lazy("社区会客厅审核")
    header_icon = MANIFEST.admin_icon

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        show = "all" if self.request.GET.get("show") == "all" else "queue"
        if show == "all":
            posts = (moderation.posts_in_scope(user).select_related("author", "community")
                     .order_by("-created_at"))
            page = Paginator(posts, 50).get_page(self.request.GET.get("page"))
            context.update(posts=list(page.object_list), comments=[], page_obj=page)
        else:
            posts, comments = moderation.queue(user)
            context.update(posts=posts, comments=comments)
        context.update(show=show, actions=[("approve", _("通过 / 恢复显示")), ("hide", _("隐藏")),
                                           ("delete", _("删除"))])
        return context

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        action = request.POST.get("action", "")
        try:
            count = moderation.bulk(request.user, action, _ids(request.POST.getlist("post")),
                                    _ids(request.POST.getlist("comment")))
        except LivingroomError as exc:
            messages.error(request, exc.messages[0])
        else:
            label = dict(self.get_context_data()["actions"]).get(action, action)
            messages.success(request, _("已对 %(n)s 项内容执行“%(action)s”。") % {
                "n": count, "action": label})
        return redirect(f"{NAMESPACE}:index")


class ItemView(ModeratorRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    """One post or comment: its text, the original, flags, history, edit and ban forms."""

    template_name = "livingroom/admin/item.html"
    header_icon = MANIFEST.admin_icon
    model: type[Post] | type[Comment] = Post

    def setup(self, request: HttpRequest, *args, **kwargs) -> None:
        super().setup(request, *args, **kwargs)
        self.model = Comment if kwargs.get("kind") == "comment" else Post

    def get_object(self):
        scoped = (moderation.posts_in_scope(self.request.user) if self.model is Post
                  else moderation.comments_in_scope(self.request.user))
        return get_object_or_404(scoped.select_related("author__home_grid", "edited_by"),
                                 pk=self.kwargs["pk"])

    def get_page_title(self) -> str:
        if self.model is Post:
            return _("帖子：%(title)s") % {"title": self.obj.title}
        return _("评论：%(body)s") % {"body": self.obj.body[:20]}

    def get_breadcrumbs_items(self) -> list:
        return [*self.breadcrumbs_items,
                {"url": reverse(f"{NAMESPACE}:index"), "label": _("社区会客厅审核")},
                {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, edit_form=None, ban_form=None, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        obj = self.obj
        field = "post" if self.model is Post else "comment"
        context.update(
            obj=obj, kind=field, is_post=self.model is Post,
            flags=list(Flag.objects.filter(**{field: obj}).order_by("-created_at")),
            edit_form=edit_form or ModeratorEditForm(initial={
                "title": getattr(obj, "title", ""), "body": obj.body}),
            ban_form=ban_form or BanForm(),
            current_ban=Ban.objects.filter(active_bans(), user=obj.author).first(),
            history=ModelLogEntry.objects.for_instance(obj).select_related("user")
            .order_by("-timestamp")[:20],
            actions=moderation.BULK_ACTIONS,
        )
        return context

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        self.obj = self.get_object()
        return self.render_to_response(self.get_context_data())

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        self.obj = self.get_object()
        action = request.POST.get("action")
        edit_form = ban_form = None
        try:
            if action == "edit":
                edit_form = ModeratorEditForm(request.POST)
                if edit_form.is_valid():
                    moderation.edit(request.user, self.model, self.obj.pk,
                                    title=edit_form.cleaned_data["title"],
                                    body=edit_form.cleaned_data["body"])
                    messages.success(request, _("已保存修改，原文已保留，居民会看到“已由管理员编辑”。"))
                    return redirect(request.path)
            elif action == "ban":
                ban_form = BanForm(request.POST)
                if ban_form.is_valid():
                    record = moderation.ban(request.user, self.obj.author, **ban_form.cleaned_data)
                    messages.success(request, _("已禁言 %(name)s %(days)s 天。") % {
                        "name": self.obj.author.name, "days": record.days})
                    return redirect(request.path)
            elif action in moderation.BULK_ACTIONS:
                getattr(moderation, action)(request.user, self.model, self.obj.pk)
                messages.success(request, _("操作已完成。"))
                if action == "delete":
                    return redirect(f"{NAMESPACE}:index")
                return redirect(request.path)
            else:
                raise PermissionDenied
        except LivingroomError as exc:
            form = edit_form if action == "edit" else ban_form
            if form is not None and exc.field in form.fields:
                form.add_error(exc.field, exc.messages[0])
            else:
                messages.error(request, exc.messages[0])
        return self.render_to_response(self.get_context_data(edit_form=edit_form,
                                                             ban_form=ban_form))


class BansView(ModeratorRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "livingroom/admin/bans.html"
    page_title = gettext_lazy("禁言记录")
    header_icon = "lock"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        bans = list(moderation.bans_in_scope(self.request.user)
                    .select_related("user", "community", "created_by")[:200])
        context["bans"] = bans
        return context

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            record = moderation.lift(request.user, int(request.POST.get("ban", "0") or 0))
        except (LivingroomError, ValueError) as exc:
            messages.error(request, getattr(exc, "messages", [_("参数错误。")])[0])
        else:
            messages.success(request, _("已解除 %(name)s 的禁言。") % {"name": record.user.name})
        return redirect(f"{NAMESPACE}:bans")
