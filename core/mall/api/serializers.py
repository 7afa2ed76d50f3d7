"""Serializers of the mall API. Component names start with "Mall": they are global."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from core.points.masking import mask_name

from ..models import BenefitKind, ItemCategory, OrderStatus


class MallMessageSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="给用户看的中文说明")


class MallErrorSerializer(MallMessageSerializer):
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="按字段列出的错误信息，__all__ 为整体错误",
    )


class MallRegionSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="区划代码")
    name = serializers.CharField()


class MallItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    category = serializers.ChoiceField(choices=ItemCategory.choices)
    category_label = serializers.CharField(source="get_category_display")
    name = serializers.CharField()
    description = serializers.CharField()
    image = serializers.SerializerMethodField(help_text="缩略图地址（无图为 null）")
    price = serializers.IntegerField(help_text="兑换一份所需积分")
    stock = serializers.IntegerField(help_text="剩余库存")
    per_person_limit = serializers.IntegerField(allow_null=True, help_text="每人限兑份数，null 为不限")
    valid_from = serializers.DateTimeField(allow_null=True)
    valid_until = serializers.DateTimeField(allow_null=True, help_text="兑换截止时间")
    region = MallRegionSerializer(source="grid", allow_null=True, help_text="投放区域，null 为全站")
    location = serializers.CharField(help_text="兑换地点")

    def get_image(self, item: Any) -> str | None:
        if item.image is None:
            return None
        from ..queries import THUMBNAIL

        return item.image.get_rendition(THUMBNAIL).url


class MallRedeemRequestSerializer(serializers.Serializer):
    quantity = serializers.IntegerField(required=False, default=1, help_text="兑换份数，默认 1")
    recipient_mobile = serializers.CharField(required=False, allow_blank=True,
                                             help_text="赠予他人时：受赠人手机号")
    recipient_name = serializers.CharField(required=False, allow_blank=True,
                                           help_text="赠予他人时：受赠人姓名（须与手机号相符）")


class MallOrderSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField(help_text="兑换单号")
    item = MallItemSerializer()
    quantity = serializers.IntegerField()
    points = serializers.IntegerField(help_text="消耗积分")
    status = serializers.ChoiceField(choices=OrderStatus.choices)
    status_label = serializers.CharField(source="display_status",
                                         help_text="显示状态（逾期未核销显示为已过期）")
    code = serializers.SerializerMethodField(help_text="8 位核销码；仅待核销订单返回")
    qr_svg = serializers.SerializerMethodField(help_text="核销码二维码（SVG），仅待核销订单返回")
    giver = serializers.SerializerMethodField(help_text="赠送人姓名（他人赠予我的订单）")
    recipient = serializers.SerializerMethodField(help_text="受赠人姓名（我赠予他人的订单）")
    created_at = serializers.DateTimeField()
    expires_at = serializers.DateTimeField(allow_null=True)
    verified_at = serializers.DateTimeField(allow_null=True)
    closed_at = serializers.DateTimeField(allow_null=True, help_text="取消或过期时间")

    def _visible(self, order: Any) -> bool:
        return order.is_open and not order.is_overdue

    def get_code(self, order: Any) -> str | None:
        return order.code if self._visible(order) else None

    def get_qr_svg(self, order: Any) -> str | None:
        if not self.context.get("with_qr") or not self._visible(order):
            return None
        from ..qr import qr_svg

        return str(qr_svg(order.code))

    def get_giver(self, order: Any) -> str | None:
        viewer = self.context.get("viewer")
        return order.resident.name if viewer and order.recipient_id == viewer.pk else None

    def get_recipient(self, order: Any) -> str | None:
        return order.recipient.name if order.recipient_id else None


class MallVerifyRequestSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="居民出示的 8 位核销码")


class MallStaffOrderSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    item_name = serializers.CharField(source="item.name")
    quantity = serializers.IntegerField()
    points = serializers.IntegerField()
    # A plain string here: the same choices on two components would make
    # drf-spectacular give the enum a hashed name (Status4f2Enum).
    status = serializers.CharField(help_text="open/verified/cancelled/expired")
    status_label = serializers.CharField(source="display_status")
    resident = serializers.SerializerMethodField(help_text="兑换人（姓名脱敏）")
    resident_mobile = serializers.CharField(source="resident.masked_mobile")
    recipient = serializers.SerializerMethodField(help_text="受赠人（领取人，姓名脱敏）")
    region = MallRegionSerializer(source="grid", allow_null=True, help_text="核销区域")
    created_at = serializers.DateTimeField()
    verified_at = serializers.DateTimeField(allow_null=True)

    def get_resident(self, order: Any) -> str:
        return mask_name(order.resident.name)

    def get_recipient(self, order: Any) -> str | None:
        return mask_name(order.recipient.name) if order.recipient_id else None


class MallBenefitSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=BenefitKind.choices)
    kind_label = serializers.CharField(source="get_kind_display")
    name = serializers.CharField()
    description = serializers.CharField()
    provider = serializers.CharField()
    threshold = serializers.IntegerField(help_text="所需累计积分")
    reached = serializers.BooleanField(help_text="是否已达标")
    missing = serializers.IntegerField(help_text="还差多少分（已达标为 0）")
    region = MallRegionSerializer(source="grid", allow_null=True)


class MallCreditSerializer(serializers.Serializer):
    credit = serializers.IntegerField(help_text="累计积分")
    balance = serializers.IntegerField(help_text="积分余额")
    stars = serializers.IntegerField(help_text="信用星级")
    max_stars = serializers.IntegerField()
    rating = serializers.CharField(help_text="星级文字，如“2 星”")
    thresholds = serializers.ListField(child=serializers.IntegerField(),
                                       help_text="每一星所需累计积分")
    next_threshold = serializers.IntegerField(allow_null=True, help_text="下一星所需累计积分")
    benefits = MallBenefitSerializer(many=True)
