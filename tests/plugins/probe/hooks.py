"""One implementation of each registration hook, as small as they come."""

import os

from django.http import HttpResponse, JsonResponse
from django.urls import path
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet

from core.plugins.guards import PluginViewSetMixin
from core.plugins.hookspecs import hookimpl


def whoami(request):
    return JsonResponse({"pid": os.getpid(), "version": request.plugins.snapshot.version})


def admin_page(request):
    return HttpResponse("probe admin")


class ProbeToolsViewSet(ViewSet):
    icon = "cogs"
    menu_label = "探针工具"
    menu_name = "probe_tools"
    add_to_admin_menu = True

    def get_urlpatterns(self):
        return [path("", admin_page, name="index")]

    @property
    def menu_url(self):
        return "/admin/probe_tools/"


class ProbeViewSet(PluginViewSetMixin, ProbeToolsViewSet):
    """PluginViewSetMixin guards the URLs and menu item of the viewset below it."""

    plugin_slug = "probe"


@hookimpl
def register_urls():
    return [path("", whoami, name="index")]


@hookimpl
def register_api_urls():
    return [path("whoami/", whoami, name="whoami")]


@hookimpl
def register_admin_urls():
    return [path("", admin_page, name="index")]


@hookimpl
def register_admin_viewsets():
    return [ProbeViewSet("probe_tools")]


@hookimpl
def register_admin_menu_items():
    return [MenuItem("探针", "/admin/p/probe/", name="probe-admin", icon_name="cogs")]
