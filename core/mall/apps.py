from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MallConfig(AppConfig):
    name = "core.mall"
    label = "mall"
    verbose_name = _("积分商城")
    default_auto_field = "django.db.models.BigAutoField"
