"""The sensitive-word dictionary administrators maintain, and its version stamp.

Each word is stored as typed and in normalised form (see ``normalise.py``); the
normalised form is unique, so "微 信" and "微信" cannot both be entered. Every
change moves ``DictionaryVersion`` in the same transaction (signals for single
edits, one explicit bump for bulk imports), and each process rebuilds its
matcher only when that stamp has moved.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .normalise import normalise

MAX_WORD_LENGTH = 50


class Category(models.TextChoices):
    ABUSE = "abuse", _("辱骂")
    ADVERT = "advert", _("广告")
    ILLEGAL = "illegal", _("违法")
    PRIVACY = "privacy", _("隐私")
    OTHER = "other", _("其他")


class Action(models.TextChoices):
    BLOCK = "block", _("拒绝发布")
    HOLD = "hold", _("待审核")


class SensitiveWord(models.Model):
    word = models.CharField(_("敏感词"), max_length=MAX_WORD_LENGTH)
    normalised = models.CharField(
        _("匹配形式"), max_length=MAX_WORD_LENGTH, unique=True, editable=False,
        help_text=_("去掉空格和标点、全角转半角、英文小写后的形式，用于匹配。"))
    category = models.CharField(_("类别"), max_length=12, choices=Category.choices,
                                default=Category.OTHER)
    action = models.CharField(
        _("处理方式"), max_length=8, choices=Action.choices, default=Action.HOLD,
        help_text=_("拒绝发布：作者须修改后才能发布；待审核：内容保存但须管理员审核后才显示。"))
    active = models.BooleanField(_("启用"), default=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("添加人"), null=True,
                                   blank=True, editable=False, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(_("添加时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("敏感词")
        verbose_name_plural = _("敏感词")
        ordering = ["category", "normalised"]
        constraints = [
            # An empty match form would match every text.
            models.CheckConstraint(condition=~models.Q(normalised=""),
                                   name="moderation_word_not_empty"),
        ]

    def __str__(self) -> str:
        return self.word

    def clean(self) -> None:
        self.word = (self.word or "").strip()
        self.normalised = normalise(self.word)
        if not self.normalised:
            raise ValidationError({"word": _("敏感词须包含文字或数字（空格和标点会被忽略）。")})
        clash = SensitiveWord.objects.filter(normalised=self.normalised).exclude(pk=self.pk).first()
        if clash is not None:
            raise ValidationError({"word": _("词库中已有“%(word)s”（忽略空格、标点和大小写后相同）。")
                                   % {"word": clash.word}})

    def save(self, *args, **kwargs) -> None:
        self.normalised = normalise(self.word)
        super().save(*args, **kwargs)


class DictionaryVersion(models.Model):
    """One row (pk=1): moves whenever the dictionary changes."""

    value = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("词库版本")
        verbose_name_plural = _("词库版本")
