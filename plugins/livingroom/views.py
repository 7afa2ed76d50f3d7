"""The resident's pages: the community feed, a post with its comments, compose, 我的帖子."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.grids.models import Grid
from core.portal.services import reader_grid

from . import services
from .forms import CommentForm, FlagForm, PostForm
from .manifest import DEFAULT_FLAG_THRESHOLD, MANIFEST
from .models import Comment, Post, Status
from .presenters import decorate


def plugin_settings(request: HttpRequest) -> dict[str, Any]:
    config = request.plugins.config(MANIFEST.slug) if hasattr(request, "plugins") else {}
    return {**MANIFEST.default_settings, **config}


def flag_threshold(request: HttpRequest) -> int:
    try:
        return max(int(plugin_settings(request).get("flag_threshold", DEFAULT_FLAG_THRESHOLD)), 1)
    except (TypeError, ValueError):
        return DEFAULT_FLAG_THRESHOLD


def current_community(request: HttpRequest) -> Grid | None:
    """The reader's own community; a moderator may open another one they cover (?c=code)."""
    code = request.GET.get("c")
    if code:
        grid = Grid.objects.filter(code=code, level="community").first()
        if grid is not None and services.is_moderator(request.user, grid):
            return grid
    return services.community_of(reader_grid(request))


def post_for(request: HttpRequest, pk: int) -> Post:
    """A post the user may open: in a community they read, visible to them."""
    post = get_object_or_404(Post.objects.select_related("community", "author"), pk=pk)
    if not services.can_read(request.user, post.community):
        raise Http404
    moderator = services.is_moderator(request.user, post.community)
    if post.status != Status.PUBLISHED and post.author_id != request.user.pk and not moderator:
        raise Http404
    post.viewer_is_moderator = moderator
    return post


@login_required
def index(request: HttpRequest) -> HttpResponse:
    community = current_community(request)
    order = "hot" if request.GET.get("order") == "hot" else "new"
    context: dict[str, Any] = {"manifest": MANIFEST, "community": community, "order": order}
    if community is not None:
        per_page = int(plugin_settings(request).get("per_page", 15))
        page = Paginator(services.feed(request.user, community, order), per_page).get_page(
            request.GET.get("page"))
        posts = decorate(list(page.object_list), request.user)
        liked = services.liked_ids(request.user, posts)
        for post in posts:
            post.liked = post.pk in liked
        extra = f"&c={community.code}" if request.GET.get("c") else ""
        context.update(posts=posts, page_obj=page, query_string=f"order={order}{extra}",
                       ban=services.active_ban(request.user),
                       moderator=services.is_moderator(request.user, community))
    return render(request, "livingroom/index.html", context)


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    post = post_for(request, pk)
    return _render_detail(request, post, CommentForm())


def _render_detail(request: HttpRequest, post: Post, comment_form: CommentForm,
                   status: int = 200) -> HttpResponse:
    decorate([post], request.user)
    comments = decorate(list(services.comments_for(request.user, post)), request.user)
    flagged = set(request.user.livingroom_flags.filter(comment__in=comments)
                  .values_list("comment_id", flat=True))
    for comment in comments:
        comment.flagged = comment.pk in flagged
    return render(request, "livingroom/detail.html", {
        "manifest": MANIFEST, "post": post, "comments": comments,
        "images": list(post.images.all()), "comment_form": comment_form,
        "liked": bool(services.liked_ids(request.user, [post])),
        "flagged": bool(services.flagged_ids(request.user, [post])),
        "moderator": post.viewer_is_moderator,
    }, status=status)


@login_required
def compose(request: HttpRequest) -> HttpResponse:
    community = current_community(request)
    if community is None:
        messages.info(request, _("请先选择居住网格，再到本社区会客厅发帖。"))
        return redirect("livingroom:index")
    form = PostForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            outcome = services.create_post(
                request.user, community, title=form.cleaned_data["title"],
                body=form.cleaned_data["body"], images=form.cleaned_data["images"])
        except services.LivingroomError as exc:
            # Nothing saved; the resident's text stays in the form.
            form.add_error(exc.field, exc.messages[0])
        else:
            (messages.warning if outcome.verdict.held else messages.success)(
                request, outcome.message)
            return redirect("livingroom:detail", pk=outcome.obj.pk)
    return render(request, "livingroom/compose.html", {
        "manifest": MANIFEST, "form": form, "community": community,
        "ban": services.active_ban(request.user)})


@login_required
@require_POST
def comment(request: HttpRequest, pk: int) -> HttpResponse:
    post = post_for(request, pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            outcome = services.add_comment(request.user, post, form.cleaned_data["body"])
        except services.LivingroomError as exc:
            form.add_error("body" if exc.field else None, exc.messages[0])
        else:
            (messages.warning if outcome.verdict.held else messages.success)(
                request, outcome.message)
            return redirect(f"{post.get_absolute_url()}#c{outcome.obj.pk}")
    return _render_detail(request, post, form, status=400)


@login_required
@require_POST
def like(request: HttpRequest, pk: int) -> HttpResponse:
    post = post_for(request, pk)
    try:
        if request.POST.get("undo"):
            services.unlike(request.user, post)
        else:
            services.like(request.user, post)
    except services.LivingroomError as exc:
        messages.error(request, exc.messages[0])
    if request.POST.get("next") == "feed":  # liked from the feed: stay there
        return redirect(f"{reverse('livingroom:index')}#p{post.pk}")
    return redirect("livingroom:detail", pk=post.pk)


@login_required
def flag(request: HttpRequest, pk: int, comment_pk: int | None = None) -> HttpResponse:
    post = post_for(request, pk)
    target: Post | Comment = post
    if comment_pk is not None:
        target = get_object_or_404(services.comments_for(request.user, post), pk=comment_pk)
    form = FlagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.flag(request.user, target, reason=form.cleaned_data["reason"],
                          detail=form.cleaned_data["detail"], threshold=flag_threshold(request))
        except services.LivingroomError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(request, _("举报已收到，感谢您帮助维护社区秩序。"))
        return redirect("livingroom:detail", pk=post.pk)
    return render(request, "livingroom/flag.html", {
        "manifest": MANIFEST, "post": post, "target": target, "form": form})


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """我的帖子: every post of mine, with its status (held and hidden ones marked)."""
    posts = decorate(list(Post.objects.filter(author=request.user).select_related("author")
                          .prefetch_related("images").order_by("-created_at")[:100]),
                     request.user)
    return render(request, "livingroom/mine.html", {
        "manifest": MANIFEST, "posts": posts, "ban": services.active_ban(request.user)})
