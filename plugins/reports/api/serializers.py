"""Serializers of the reports API. Component names start with "Reports" so they never
collide with another plugin's in the shared OpenAPI schema.

Two views of a report: the reporter's (``ReportsMineSerializer``: their own case,
the timeline with staff shown by role and body) and the handler's
(``ReportsCaseSerializer``: the reporter's name and phone, which an anonymous
report hides from the public but never from the people who must call back).
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..models import Category, Report, ReportPhoto, Transition
from ..rules import RESOLUTIONS
from ..views import can_rate, status_label, step_title, who_for_reporter


class ReportsCategorySerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display")

    class Meta:
        model = Category
        fields = ["code", "name", "kind", "kind_label", "description"]


class ReportsPhotoSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = ReportPhoto
        fields = ["id", "url", "width", "height"]

    def get_url(self, photo: ReportPhoto) -> str:
        request = self.context.get("request")
        url = photo.image.url
        return request.build_absolute_uri(url) if request is not None else url


class ReportsStepSerializer(serializers.Serializer):
    """A timeline line as the reporter sees it."""

    status = serializers.CharField(help_text="进入的状态")
    title = serializers.CharField()
    when = serializers.DateTimeField()
    who = serializers.CharField(help_text="工作人员显示为身份和机构，不显示姓名和电话")
    note = serializers.CharField()


class ReportsStaffStepSerializer(serializers.ModelSerializer):
    """A timeline line as a handler sees it: the colleague's name as well."""

    title = serializers.SerializerMethodField()
    actor_name = serializers.SerializerMethodField()

    class Meta:
        model = Transition
        fields = ["id", "from_status", "to_status", "title", "actor_name", "actor_label", "note",
                  "created_at"]

    def get_title(self, transition: Transition) -> str:
        return step_title(transition)

    def get_actor_name(self, transition: Transition) -> str:
        return transition.actor.name if transition.actor_id else ""


class ReportsBaseSerializer(serializers.ModelSerializer):
    category = ReportsCategorySerializer()
    grid = serializers.CharField(source="grid.name", help_text="所在网格")
    status_label = serializers.SerializerMethodField()
    urgency_label = serializers.CharField(source="get_urgency_display")

    class Meta:
        model = Report
        fields = ["id", "code", "category", "description", "address", "latitude", "longitude",
                  "grid", "anonymous", "status", "status_label", "urgency", "urgency_label",
                  "is_overdue", "is_supervised", "due_at", "created_at", "resolved_at",
                  "closed_at", "rating", "rating_comment"]

    def get_status_label(self, report: Report) -> str:
        return status_label(report)


class ReportsMineListSerializer(ReportsBaseSerializer):
    """我的报事 list item."""

    can_rate = serializers.SerializerMethodField(help_text="已办结待评价")

    class Meta(ReportsBaseSerializer.Meta):
        fields = [*ReportsBaseSerializer.Meta.fields, "can_rate"]

    def get_can_rate(self, report: Report) -> bool:
        return can_rate(report)


class ReportsMineSerializer(ReportsMineListSerializer):
    """One of my reports, with photos and timeline."""

    photos = ReportsPhotoSerializer(many=True, read_only=True)
    timeline = serializers.SerializerMethodField()

    class Meta(ReportsMineListSerializer.Meta):
        fields = [*ReportsMineListSerializer.Meta.fields, "photos", "timeline"]

    @extend_schema_field(ReportsStepSerializer(many=True))
    def get_timeline(self, report: Report) -> list[dict[str, Any]]:
        rows = list(report.transitions.order_by("-created_at", "-pk"))
        return [{"status": t.to_status, "title": step_title(t), "when": t.created_at,
                 "who": who_for_reporter(t, report), "note": t.note} for t in rows]


class ReportsCaseListSerializer(ReportsBaseSerializer):
    """A line of the handler's queue; the reporter's phone is masked here."""

    reporter_name = serializers.CharField(source="reporter.name")
    reporter_mobile = serializers.CharField(source="reporter.masked_mobile")
    handling_grid = serializers.CharField(source="handling_grid.name", default="")

    class Meta(ReportsBaseSerializer.Meta):
        fields = [*ReportsBaseSerializer.Meta.fields, "reporter_name", "reporter_mobile",
                  "handling_grid"]


class ReportsCaseSerializer(ReportsCaseListSerializer):
    """The handler's case file: full contact for the return visit, every step, next actions."""

    reporter_mobile = serializers.CharField(source="reporter.mobile", help_text="回访用，仅办理人员可见")
    filed_by = serializers.CharField(source="filed_by.name", default="")
    photos = ReportsPhotoSerializer(many=True, read_only=True)
    timeline = ReportsStaffStepSerializer(source="transitions", many=True, read_only=True)
    actions = serializers.SerializerMethodField(help_text="当前用户可执行的流转")

    class Meta(ReportsCaseListSerializer.Meta):
        fields = [*ReportsCaseListSerializer.Meta.fields, "filed_by", "photos", "timeline",
                  "actions"]

    @extend_schema_field(serializers.ListField(child=serializers.DictField()))
    def get_actions(self, report: Report) -> list[dict[str, str]]:
        return self.context.get("actions", [])


class ReportsMessageSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="中文说明")


class ReportsErrorSerializer(ReportsMessageSerializer):
    errors = serializers.DictField(child=serializers.ListField(child=serializers.CharField()),
                                   required=False, help_text="逐字段的中文错误")


class ReportsSubmitRequestSerializer(serializers.Serializer):
    """multipart/form-data (with photos) or JSON (without)."""

    category = serializers.CharField(help_text="类别编码（categories 接口的 code）")
    description = serializers.CharField()
    address = serializers.CharField()
    latitude = serializers.DecimalField(max_digits=9, decimal_places=6, required=False)
    longitude = serializers.DecimalField(max_digits=9, decimal_places=6, required=False)
    anonymous = serializers.BooleanField(required=False, default=False)
    photos = serializers.ListField(child=serializers.ImageField(), required=False,
                                   help_text="最多 6 张，每张不超过 8 MB；存储前清除 EXIF（含 GPS）")


class ReportsFileRequestSerializer(ReportsSubmitRequestSerializer):
    reporter_mobile = serializers.CharField(help_text="来访居民的手机号（须为本辖区已注册居民）")


class ReportsRateRequestSerializer(serializers.Serializer):
    rating = serializers.ChoiceField(choices=Report.Rating.choices)
    comment = serializers.CharField(required=False, allow_blank=True, help_text="不满意时必填")


class ReportsTransitionRequestSerializer(serializers.Serializer):
    to = serializers.ChoiceField(choices=Report.Status.choices, help_text="目标状态")
    note = serializers.CharField(required=False, allow_blank=True, max_length=1000,
                                 help_text="办理意见（不予受理、合并时必填）")
    resolution = serializers.ChoiceField(choices=list(RESOLUTIONS.items()), required=False,
                                         help_text="办结方式（办结时选填）")
    merged_into = serializers.CharField(required=False, help_text="合并到的报事编码（合并时必填）")
