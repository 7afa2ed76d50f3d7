"""GeoReport v2 endpoints (thin: rules in services.py, fields in documents.py).

POST is CSRF-exempt on purpose: it authenticates with ``api_key`` only, never with a
session cookie, so a forged cross-site request carries no authority. GETs use the
session when there is one (a staff member reading their subtree).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from core.grids.scoping import within

from . import documents, keys, services
from .serialise import render, render_error
from .services import Open311Error

DISCOVERY_CONTACT = "12345"


def _guarded(view):
    """Turn ``Open311Error`` into the spec's error document in the requested format."""

    def wrapper(request: HttpRequest, fmt: str, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, fmt, *args, **kwargs)
        except Open311Error as error:
            return render_error(fmt, error.status, error.description)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


def _api_key(request: HttpRequest, params) -> services.ApiKey | None:
    raw = params.get("api_key")
    if not raw:
        return None
    api_key = keys.authenticate(raw)
    if api_key is None:
        raise Open311Error(403, _("api_key 无效或已停用。"))
    return api_key


@require_GET
@_guarded
def discovery(request: HttpRequest, fmt: str) -> HttpResponse:
    """Service discovery: where the v2 endpoint is and which formats it speaks."""
    endpoint = request.build_absolute_uri("v2/")
    return render(fmt, "discovery", {
        "changeset": "2026-11-29T00:00:00+08:00",
        "contact": DISCOVERY_CONTACT,
        "key_service": _("向平台管理员申请接口密钥"),
        "endpoints": [{"specification": "http://wiki.open311.org/GeoReport_v2",
                       "url": endpoint, "changeset": "2026-11-29T00:00:00+08:00",
                       "type": "production", "formats": ["text/xml", "application/json"]}],
    })


@require_GET
@_guarded
def service_list(request: HttpRequest, fmt: str) -> HttpResponse:
    services.jurisdiction(request.GET.get("jurisdiction_id"))
    return render(fmt, "services", [documents.service(c) for c in services.active_services()])


@require_GET
@_guarded
def service_definition(request: HttpRequest, fmt: str, code: str) -> HttpResponse:
    services.jurisdiction(request.GET.get("jurisdiction_id"))
    category = services.service_by_code(code)
    return render(fmt, "service_definition", documents.service_definition(category))


def _media_base(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@csrf_exempt
@require_http_methods(["GET", "POST"])
@_guarded
def requests(request: HttpRequest, fmt: str) -> HttpResponse:
    if request.method == "POST":
        return _post_request(request, fmt)
    api_key = _api_key(request, request.GET)
    viewer = services.viewer_for(request.user, api_key)
    reports = services.visible_reports(viewer, request.user, api_key)
    grid = services.jurisdiction(request.GET.get("jurisdiction_id"))
    if grid is not None:
        reports = reports.filter(within(grid))
    reports = services.filter_requests(reports, request.GET)
    base = _media_base(request)
    return render(fmt, "service_requests",
                  [documents.request(report, viewer, base) for report in reports])


def _post_request(request: HttpRequest, fmt: str) -> HttpResponse:
    api_key = _api_key(request, request.POST)
    report = services.create_request(request.POST, api_key)
    return render(fmt, "service_requests", [{
        "service_request_id": report.code,
        "service_notice": services.service_notice(report),
        "account_id": request.POST.get("account_id") or None,
    }], status=201)


@require_GET
@_guarded
def request_detail(request: HttpRequest, fmt: str, code: str) -> HttpResponse:
    api_key = _api_key(request, request.GET)
    viewer = services.viewer_for(request.user, api_key)
    report = services.visible_reports(viewer, request.user, api_key).filter(code=code).first()
    if report is None:  # missing and not visible look the same
        raise Open311Error(404, _("service_request_id “%(id)s” 不存在。") % {"id": code[:40]})
    return render(fmt, "service_requests",
                  [documents.request(report, viewer, _media_base(request))])
