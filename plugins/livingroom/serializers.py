"""API shapes. Component names start with "Livingroom" (one shared OpenAPI schema)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from .models import BODY_MAX, COMMENT_MAX, TITLE_MAX, BanDays, Comment, FlagReason, Post
from .presenters import author_label


class LivingroomCommentSerializer(serializers.ModelSerializer):
    author = serializers.SerializerMethodField(help_text="显示名：居民姓名脱敏，工作人员注明身份")
    status_label = serializers.CharField(source="get_status_display")
    edited = serializers.BooleanField(source="was_edited", help_text="已由管理员编辑")
    mine = serializers.SerializerMethodField()

    class Meta:
        model = Comment
        fields = ["id", "author", "body", "is_official", "status", "status_label", "edited",
                  "created_at", "mine"]

    def get_author(self, comment: Comment) -> str:
        return author_label(comment.author, comment.is_official)

    def get_mine(self, comment: Comment) -> bool:
        return comment.author_id == self.context["request"].user.pk


class LivingroomPostSerializer(serializers.ModelSerializer):
    author = serializers.SerializerMethodField(help_text="发帖人（姓名脱敏）")
    community = serializers.CharField(source="community.name")
    status_label = serializers.CharField(source="get_status_display")
    edited = serializers.BooleanField(source="was_edited", help_text="已由管理员编辑")
    images = serializers.SerializerMethodField()
    liked = serializers.SerializerMethodField(help_text="我是否已点赞")
    mine = serializers.SerializerMethodField()

    class Meta:
        model = Post
        fields = ["id", "community", "author", "title", "body", "status", "status_label",
                  "edited", "like_count", "comment_count", "images", "liked", "mine",
                  "created_at"]

    def get_author(self, post: Post) -> str:
        return author_label(post.author)

    def get_images(self, post: Post) -> list[str]:
        return [image.image.url for image in post.images.all()]

    def get_liked(self, post: Post) -> bool:
        return post.pk in self.context.get("liked", set())

    def get_mine(self, post: Post) -> bool:
        return post.author_id == self.context["request"].user.pk


class LivingroomPostDetailSerializer(LivingroomPostSerializer):
    comments = serializers.SerializerMethodField(help_text="官方回复置顶，其余按时间先后")

    class Meta(LivingroomPostSerializer.Meta):
        fields = [*LivingroomPostSerializer.Meta.fields, "comments"]

    def get_comments(self, post: Post) -> list[dict]:
        return LivingroomCommentSerializer(self.context["comments"], many=True,
                                           context=self.context).data


class LivingroomPostCreateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=TITLE_MAX, error_messages={
        "required": _("请填写标题。"), "blank": _("请填写标题。"),
        "max_length": _("标题不能超过 %(max_length)s 个字。") % {"max_length": TITLE_MAX}})
    body = serializers.CharField(max_length=BODY_MAX, error_messages={
        "required": _("请填写内容。"), "blank": _("请填写内容。"),
        "max_length": _("内容不能超过 %(max_length)s 个字。") % {"max_length": BODY_MAX}})
    images = serializers.ListField(child=serializers.FileField(), required=False,
                                   help_text="最多 3 张图片（multipart），每张不超过 5 MB")


class LivingroomCommentCreateSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=COMMENT_MAX, error_messages={
        "required": _("请填写评论内容。"), "blank": _("请填写评论内容。"),
        "max_length": _("评论不能超过 %(max_length)s 个字。") % {"max_length": COMMENT_MAX}})


class LivingroomFlagSerializer(serializers.Serializer):
    reason = serializers.ChoiceField(choices=FlagReason.choices, error_messages={
        "required": _("请选择举报原因。"), "invalid_choice": _("请选择举报原因。")})
    detail = serializers.CharField(max_length=200, required=False, allow_blank=True)


class LivingroomMessageSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="给用户看的中文说明")


class LivingroomSavedSerializer(LivingroomMessageSerializer):
    id = serializers.IntegerField()
    status = serializers.CharField(help_text="published 已发布 / held 待审核")


class LivingroomLikeResultSerializer(LivingroomMessageSerializer):
    like_count = serializers.IntegerField()
    liked = serializers.BooleanField()


class LivingroomFlagResultSerializer(LivingroomMessageSerializer):
    hidden = serializers.BooleanField(help_text="本次举报使内容达到阈值并自动隐藏")


class LivingroomQueueItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField(help_text="post 或 comment")
    community = serializers.CharField()
    author = serializers.CharField(help_text="作者实名（仅管理员可见）")
    title = serializers.CharField(allow_blank=True)
    body = serializers.CharField()
    original_body = serializers.CharField(allow_blank=True, help_text="管理员编辑前的原文")
    status = serializers.CharField()
    flag_count = serializers.IntegerField()
    hold_words = serializers.CharField(allow_blank=True)
    created_at = serializers.DateTimeField()


class LivingroomBulkSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=[("approve", "通过/恢复"), ("hide", "隐藏"),
                                              ("delete", "删除")],
                                     error_messages={"invalid_choice": _("请选择要执行的操作。")})
    posts = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)
    comments = serializers.ListField(child=serializers.IntegerField(), required=False,
                                     default=list)


class LivingroomEditSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=TITLE_MAX, required=False, allow_blank=True)
    body = serializers.CharField(max_length=BODY_MAX)


class LivingroomBanCreateSerializer(serializers.Serializer):
    user = serializers.IntegerField(help_text="被禁言居民的用户 id")
    days = serializers.ChoiceField(choices=BanDays.choices, error_messages={
        "invalid_choice": _("禁言时长只能是 1 天、7 天或 30 天。")})
    reason = serializers.CharField(max_length=200, error_messages={
        "required": _("请填写禁言原因。"), "blank": _("请填写禁言原因。")})


class LivingroomBanSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    user = serializers.CharField(source="user.name")
    community = serializers.CharField(source="community.name")
    days = serializers.IntegerField()
    reason = serializers.CharField()
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    active = serializers.BooleanField(source="is_active")
