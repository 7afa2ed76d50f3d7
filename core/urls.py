"""The project's URLconf: core first, plugins under their slugs, Wagtail last."""

from django.conf import settings
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from core.plugins.urls import plugin_api_urlpatterns, plugin_urlpatterns
from core.portal import views as portal_views

api_urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("", include("core.identity.api_urls")),
    path("", include("core.grids.api_urls")),
    path("", include("core.portal.api_urls")),
    path("", include("core.notifications.api_urls")),
    path("", include("core.search.api_urls")),
    path("", include("core.points.api_urls")),
    path("", include("core.mall.api_urls")),
    *plugin_api_urlpatterns(),
]

urlpatterns = [
    path("healthz", portal_views.healthz, name="healthz"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/", include(api_urlpatterns)),
    path("accounts/", include("core.identity.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("core.identity.me_urls")),
    path("", include("core.portal.urls")),
    path("", include("core.notifications.urls")),
    path("", include("core.search.urls")),
    path("", include("core.points.urls")),
    path("", include("core.mall.urls")),
    *plugin_urlpatterns(),
]

if getattr(settings, "JIAYUAN_SERVE_MEDIA", False):
    # Development and the demo only: production serves media from object storage.
    from django.urls import re_path
    from django.views.static import serve

    urlpatterns.append(
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    )

urlpatterns.append(path("", include(wagtail_urls)))

handler404 = "core.portal.views.page_not_found"
handler500 = "core.portal.views.server_error"
