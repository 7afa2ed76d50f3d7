"""Open311 GeoReport v2: the reports plugin's categories and cases for other systems.

Mounted at ``/open311/``, so its routes are ``/open311/v2/services.xml`` etc. Built on
the reports plugin (``depends_on``); reports never imports it.
"""

from django.utils.translation import gettext_lazy as _

from core.plugins.manifest import PluginManifest

MANIFEST = PluginManifest(
    slug="open311",
    label=_("Open311 接口"),
    label_en="Open311 GeoReport v2",
    version="1.0.0",
    description=_("按 Open311 GeoReport v2 标准开放报事类别和报事办理情况，"
                  "供 12345 政务服务热线等系统凭接口密钥提交报事。"),
    icon="open311/icon.svg",
    admin_icon="link",
    colour="#1971c2",
    depends_on=("reports",),
    default_enabled=False,
    show_tile=False,  # a machine interface: no tile in the residents' app grid
)
