"""Serializers of the points API. Component names start with "Points": they are global."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from rest_framework import serializers

from ..rankings import Board, Period


class PointsMessageSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="给用户看的中文说明")


class PointsErrorSerializer(PointsMessageSerializer):
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="按字段列出的错误信息，__all__ 为整体错误",
    )


class PointsHouseholdSerializer(serializers.Serializer):
    number = serializers.CharField(help_text="户号")
    balance = serializers.IntegerField(help_text="家庭成员积分余额合计")
    credit = serializers.IntegerField(help_text="家庭成员累计积分合计")
    members = serializers.IntegerField(help_text="有积分账户的成员数")


class PointsSummarySerializer(serializers.Serializer):
    balance = serializers.IntegerField(help_text="积分余额（可兑换）")
    credit = serializers.IntegerField(help_text="累计积分（兑换不减少）")
    household = PointsHouseholdSerializer(allow_null=True)


class PointsEntrySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField(help_text="award/deduct/adjust/redeem/refund")
    kind_label = serializers.CharField(source="get_kind_display")
    amount = serializers.IntegerField(help_text="余额变动（可为负）")
    credit_delta = serializers.IntegerField(help_text="累计积分变动")
    balance_after = serializers.IntegerField(help_text="变动后余额")
    rule_code = serializers.CharField()
    rule_label = serializers.SerializerMethodField()
    reason = serializers.CharField(help_text="事由")
    created_at = serializers.DateTimeField()

    def get_rule_label(self, entry: Any) -> str:
        return self.context.get("labels", {}).get(entry.rule_code, "")


class PointsRuleSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    points = serializers.IntegerField(help_text="正数为奖励，负数为扣减")
    daily_cap = serializers.IntegerField(allow_null=True, help_text="每日上限（分）")
    monthly_cap = serializers.IntegerField(allow_null=True, help_text="每月上限（分）")
    needs_approval = serializers.BooleanField(help_text="需工作人员审核")
    can_be_claimed = serializers.BooleanField(help_text="居民可提交申领")


class PointsClaimSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    rule_code = serializers.CharField()
    rule_label = serializers.SerializerMethodField()
    description = serializers.CharField()
    status = serializers.CharField(help_text="pending/approved/rejected")
    status_label = serializers.CharField(source="get_status_display")
    review_reason = serializers.CharField(help_text="审核意见（驳回理由）")
    points = serializers.SerializerMethodField(help_text="通过后获得的积分")
    photos = serializers.SerializerMethodField(help_text="照片地址（仅本人和审核人可见）")
    created_at = serializers.DateTimeField()
    reviewed_at = serializers.DateTimeField(allow_null=True)

    def get_rule_label(self, claim: Any) -> str:
        return self.context.get("labels", {}).get(claim.rule_code, claim.rule_code)

    def get_points(self, claim: Any) -> int | None:
        return claim.entry.amount if claim.entry_id else None

    def get_photos(self, claim: Any) -> list[str]:
        return [reverse("points:claim_photo", args=[photo.pk]) for photo in claim.photos.all()]


class PointsStaffClaimSerializer(PointsClaimSerializer):
    resident_id = serializers.IntegerField()
    resident_name = serializers.CharField(source="resident.name")
    resident_mobile = serializers.CharField(source="resident.masked_mobile")
    grid = serializers.CharField(source="grid.name")
    reviewer_name = serializers.SerializerMethodField()

    def get_reviewer_name(self, claim: Any) -> str:
        return claim.reviewer.name if claim.reviewer_id else ""


class PointsClaimCreateSerializer(serializers.Serializer):
    """Documents the multipart body; validation is the web form's (same messages)."""

    rule_code = serializers.CharField(help_text="可申领的规则代码（见 /api/points/me/rules/）")
    description = serializers.CharField(help_text="事项说明，500 字以内")
    photos = serializers.ListField(child=serializers.ImageField(), required=False,
                                   help_text="照片，最多 3 张，每张不超过 5 MB")


class PointsDecisionSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True,
                                   help_text="审核意见；驳回时必填")


class PointsAdjustRequestSerializer(serializers.Serializer):
    resident = serializers.IntegerField(help_text="居民用户 ID（须在本人负责区域内）")
    amount = serializers.IntegerField(help_text="调整分值，正数增加、负数扣减，不能为 0")
    reason = serializers.CharField(help_text="调整事由（必填）")


class PointsRankRowSerializer(serializers.Serializer):
    rank = serializers.IntegerField()
    label = serializers.CharField(help_text="居民姓名已脱敏，如 张*英")
    detail = serializers.CharField()
    total = serializers.IntegerField(help_text="期间内获得的积分（扣减后）")
    is_me = serializers.BooleanField()


class PointsRankingSerializer(serializers.Serializer):
    board = serializers.ChoiceField(choices=Board.choices)
    period = serializers.ChoiceField(choices=Period.choices)
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()
    region = serializers.SerializerMethodField(help_text="排名范围（null 为全部区域）")
    rows = PointsRankRowSerializer(many=True)
    me = PointsRankRowSerializer(allow_null=True)

    def get_region(self, ranking: Any) -> dict | None:
        region = ranking.region
        return {"code": region.code, "name": region.name} if region else None
