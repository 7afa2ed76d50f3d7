"""The mediation API, mounted at /api/mediation/: the directory, the case queue and every action.

Same services as the pages, so refusals carry the same Chinese message:
``{"detail": "…"}`` with status 400. Cases outside the user's subtree answer 404.
Component names start with "Mediation" so they never collide in the shared schema.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.portal.services import reader_grid

from . import services
from .admin_views import can_view, queue
from .models import Agreement, Case, Mediator, Organisation, Session

TAGS = ["矛盾调解"]
FIELD_LABELS = {
    "organisation": gettext_lazy("调解组织"),
    "mediator": gettext_lazy("调解员"),
    "starts_at": gettext_lazy("开始时间"),
    "ends_at": gettext_lazy("结束时间"),
    "place": gettext_lazy("调解地点"),
    "online_link": gettext_lazy("线上调解链接"),
    "notes": gettext_lazy("调解笔录"),
    "parties": gettext_lazy("当事人"),
    "facts": gettext_lazy("纠纷事实"),
    "terms": gettext_lazy("协议内容"),
    "performance_deadline": gettext_lazy("履行期限"),
    "signed_on": gettext_lazy("签订日期"),
    "reason": gettext_lazy("调解不成的原因"),
}


class MediationMediatorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Mediator
        fields = ["id", "name", "title", "speciality"]


class MediationOrganisationSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display")
    region = serializers.CharField(source="grid.name", help_text="服务区域")
    region_code = serializers.CharField(source="grid.code")
    specialities = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True,
                                                help_text="擅长的报事类别编码")
    mediators = serializers.SerializerMethodField()

    class Meta:
        model = Organisation
        fields = ["id", "name", "kind", "kind_label", "region", "region_code", "address", "phone",
                  "specialities", "mediators"]

    def get_mediators(self, org: Organisation) -> list[dict]:
        people = [m for m in org.mediators.all() if m.active]
        return MediationMediatorSerializer(people, many=True).data


class MediationSessionSerializer(serializers.ModelSerializer):
    mediator = serializers.CharField(source="mediator.name")

    class Meta:
        model = Session
        fields = ["id", "mediator", "starts_at", "ends_at", "place", "online_link", "notes"]


class MediationCaseSerializer(serializers.ModelSerializer):
    report_id = serializers.IntegerField()
    report_code = serializers.CharField(source="report.code")
    category = serializers.CharField(source="report.category.name")
    grid = serializers.CharField(source="report.grid.name")
    report_status = serializers.CharField(source="report.status")
    status_label = serializers.CharField(source="get_status_display")
    organisation = serializers.CharField(source="organisation.name", default=None)
    mediator = serializers.CharField(source="mediator.name", default=None)

    class Meta:
        model = Case
        fields = ["id", "report_id", "report_code", "category", "grid", "report_status", "stage",
                  "status", "status_label", "organisation", "mediator", "outcome_note",
                  "opened_at", "closed_at"]


class MediationCaseDetailSerializer(MediationCaseSerializer):
    sessions = MediationSessionSerializer(many=True)
    suggestions = serializers.SerializerMethodField(help_text="推荐的调解组织（擅长该类别的在前）")
    agreement_id = serializers.SerializerMethodField()

    class Meta(MediationCaseSerializer.Meta):
        fields = [*MediationCaseSerializer.Meta.fields, "sessions", "suggestions", "agreement_id"]

    def get_suggestions(self, case: Case) -> list[dict]:
        orgs = services.suggest_organisations(case) if case.is_open else []
        return [{"id": o.pk, "name": o.name, "region": o.grid.name, "matches": bool(o.matches)}
                for o in orgs]

    def get_agreement_id(self, case: Case) -> int | None:
        agreement = getattr(case, "agreement", None)
        return agreement.pk if agreement else None


class MediationAgreementSerializer(serializers.ModelSerializer):
    report_code = serializers.CharField(source="case.report.code")
    organisation = serializers.CharField(source="case.organisation.name")
    mediator = serializers.CharField(source="case.mediator.name")

    class Meta:
        model = Agreement
        fields = ["id", "number", "report_code", "organisation", "mediator", "parties", "facts",
                  "terms", "performance_deadline", "signed_on"]


class MediationMessageSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="中文说明")


class MediationAssignSerializer(serializers.Serializer):
    organisation = serializers.IntegerField()
    mediator = serializers.IntegerField()


class MediationScheduleSerializer(serializers.Serializer):
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    place = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")
    online_link = serializers.URLField(required=False, allow_blank=True, default="")


class MediationNotesSerializer(serializers.Serializer):
    notes = serializers.CharField()


class MediationAgreementInputSerializer(serializers.Serializer):
    parties = serializers.CharField()
    facts = serializers.CharField()
    terms = serializers.CharField()
    performance_deadline = serializers.DateField()
    signed_on = serializers.DateField()


class MediationFailureSerializer(serializers.Serializer):
    reason = serializers.CharField()


def _invalid(serializer: serializers.Serializer) -> Response:
    field, errors = next(iter(serializer.errors.items()))
    label = FIELD_LABELS.get(field, field)
    return Response({"detail": f"{label}：{errors[0]}"}, status=status.HTTP_400_BAD_REQUEST)


def _staff_case(request: Request, pk: int) -> Case:
    if not can_view(request.user):
        raise PermissionDenied(_("您没有调解工作台的权限。"))
    return get_object_or_404(services.staff_cases(request.user), pk=pk)


class MediationOrganisationListAPIView(generics.ListAPIView):
    """我所在县（市、区）的调解组织名录。"""

    serializer_class = MediationOrganisationSerializer

    @extend_schema(tags=TAGS, operation_id="mediation_organisations_list", summary="调解组织名录",
                   parameters=[OpenApiParameter("kind", OpenApiTypes.STR,
                                                description="village/town/trade/centre")])
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        orgs = services.directory(reader_grid(self.request)).prefetch_related(
            "specialities", "mediators")
        kind = self.request.query_params.get("kind")
        return orgs.filter(kind=kind) if kind else orgs


class MediationCaseListAPIView(generics.ListAPIView):
    """调解工作台：我负责区域内的调解案件（分页）。"""

    serializer_class = MediationCaseSerializer

    @extend_schema(tags=TAGS, operation_id="mediation_cases_list", summary="调解案件队列",
                   parameters=[OpenApiParameter("show", OpenApiTypes.STR,
                                                enum=["open", "pending", "closed", "all"])])
    def get(self, request: Request, *args, **kwargs) -> Response:
        # Not a 403 for residents: the list is scoped, and theirs is simply empty.
        if can_view(request.user):
            services.sync_cases(request.user)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return queue(self.request.user, self.request.query_params.get("show", "open"))


class MediationCaseDetailAPIView(APIView):
    @extend_schema(tags=TAGS, operation_id="mediation_case_detail", summary="调解案件详情",
                   responses=MediationCaseDetailSerializer)
    def get(self, request: Request, pk: int) -> Response:
        case = _staff_case(request, pk)
        return Response(MediationCaseDetailSerializer(case).data)


class _CaseAction(APIView):
    """POST an action on a case: validate, call the service, answer the case."""

    input_serializer: type[serializers.Serializer]

    def act(self, request: Request, case: Case, data: dict) -> None:
        raise NotImplementedError

    def post(self, request: Request, pk: int) -> Response:
        case = _staff_case(request, pk)
        serializer = self.input_serializer(data=request.data)
        if not serializer.is_valid():
            return _invalid(serializer)
        try:
            self.act(request, case, serializer.validated_data)
        except services.MediationError as exc:
            return Response({"detail": exc.messages[0]}, status=status.HTTP_400_BAD_REQUEST)
        return Response(MediationCaseDetailSerializer(Case.objects.get(pk=case.pk)).data)


def _action_schema(op: str, summary: str, body: type[serializers.Serializer]):
    return extend_schema(tags=TAGS, operation_id=op, summary=summary, request=body,
                         responses={200: MediationCaseDetailSerializer,
                                    400: MediationMessageSerializer})


class MediationAssignAPIView(_CaseAction):
    input_serializer = MediationAssignSerializer

    @_action_schema("mediation_case_assign", "分派调解组织和调解员", MediationAssignSerializer)
    def post(self, request: Request, pk: int) -> Response:
        return super().post(request, pk)

    def act(self, request: Request, case: Case, data: dict) -> None:
        org = Organisation.objects.filter(pk=data["organisation"]).first()
        mediator = Mediator.objects.filter(pk=data["mediator"]).select_related("user").first()
        if org is None or mediator is None:
            raise services.MediationError(_("调解组织或调解员不存在。"))
        services.assign(case.pk, org, mediator, actor=request.user)


class MediationScheduleAPIView(_CaseAction):
    input_serializer = MediationScheduleSerializer

    @_action_schema("mediation_case_schedule", "安排调解", MediationScheduleSerializer)
    def post(self, request: Request, pk: int) -> Response:
        return super().post(request, pk)

    def act(self, request: Request, case: Case, data: dict) -> None:
        services.schedule_session(case.pk, actor=request.user, **data)


class MediationAgreementCreateAPIView(_CaseAction):
    input_serializer = MediationAgreementInputSerializer

    @_action_schema("mediation_case_agreement", "登记调解协议并办结报事",
                    MediationAgreementInputSerializer)
    def post(self, request: Request, pk: int) -> Response:
        return super().post(request, pk)

    def act(self, request: Request, case: Case, data: dict) -> None:
        services.record_agreement(case.pk, actor=request.user, **data)


class MediationFailureAPIView(_CaseAction):
    input_serializer = MediationFailureSerializer

    @_action_schema("mediation_case_failure", "调解不成并移交下一环节", MediationFailureSerializer)
    def post(self, request: Request, pk: int) -> Response:
        return super().post(request, pk)

    def act(self, request: Request, case: Case, data: dict) -> None:
        services.record_failure(case.pk, actor=request.user, reason=data["reason"])


class MediationNotesAPIView(APIView):
    @extend_schema(tags=TAGS, operation_id="mediation_session_notes", summary="记录调解笔录",
                   request=MediationNotesSerializer,
                   responses={200: MediationSessionSerializer, 400: MediationMessageSerializer})
    def post(self, request: Request, pk: int) -> Response:
        if not can_view(request.user):
            raise PermissionDenied(_("您没有调解工作台的权限。"))
        session = get_object_or_404(
            Session.objects.filter(case__in=services.staff_cases(request.user)), pk=pk)
        serializer = MediationNotesSerializer(data=request.data)
        if not serializer.is_valid():
            return _invalid(serializer)
        try:
            session = services.record_notes(session.pk, serializer.validated_data["notes"],
                                            actor=request.user)
        except services.MediationError as exc:
            return Response({"detail": exc.messages[0]}, status=status.HTTP_400_BAD_REQUEST)
        return Response(MediationSessionSerializer(session).data)


class MediationAgreementAPIView(APIView):
    @extend_schema(tags=TAGS, operation_id="mediation_agreement_detail", summary="调解协议书",
                   responses=MediationAgreementSerializer)
    def get(self, request: Request, pk: int) -> Response:
        agreement = Agreement.objects.select_related(
            "case__report", "case__organisation", "case__mediator").filter(pk=pk).first()
        if agreement is None or not services.may_see_agreement(request.user, agreement):
            raise Http404
        return Response(MediationAgreementSerializer(agreement).data)


urlpatterns = [
    path("organisations/", MediationOrganisationListAPIView.as_view(), name="organisations"),
    path("cases/", MediationCaseListAPIView.as_view(), name="cases"),
    path("cases/<int:pk>/", MediationCaseDetailAPIView.as_view(), name="case"),
    path("cases/<int:pk>/assign/", MediationAssignAPIView.as_view(), name="assign"),
    path("cases/<int:pk>/sessions/", MediationScheduleAPIView.as_view(), name="schedule"),
    path("cases/<int:pk>/agreement/", MediationAgreementCreateAPIView.as_view(), name="agreement"),
    path("cases/<int:pk>/failure/", MediationFailureAPIView.as_view(), name="failure"),
    path("sessions/<int:pk>/notes/", MediationNotesAPIView.as_view(), name="notes"),
    path("agreements/<int:pk>/", MediationAgreementAPIView.as_view(), name="agreement_detail"),
]
