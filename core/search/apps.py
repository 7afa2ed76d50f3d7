from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "core.search"
    label = "sitesearch"
    verbose_name = _("站内搜索")
    default_auto_field = "django.db.models.BigAutoField"
