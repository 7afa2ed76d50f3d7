from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InstanceConfig(AppConfig):
    """Loads a deployment's instance folder (``site/``) into the database."""

    name = "core.instance"
    label = "instance"
    verbose_name = _("站点实例")
