"""An extra form page beside a Wagtail viewset's listing (批量导入, 从内置日历复制 …).

The listing gets one header button to the page; the page refuses users without
the permission and shows breadcrumbs back to the listing. Subclass both and set
the class attributes; the viewset adds the page in ``get_urlpatterns``.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.generic import FormView
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton


class IndexWithActionView(generic.IndexView):
    """A viewset listing with a header button to its action page, for permitted users."""

    action_label: str = ""
    action_url_name: str = ""  # e.g. "moderation_words:import"
    action_icon: str = "plus"
    action_permission: str = ""

    @property
    def header_buttons(self) -> list:
        buttons = list(super().header_buttons)
        if self.request.user.has_perm(self.action_permission):
            buttons.append(HeaderButton(self.action_label, url=reverse(self.action_url_name),
                                        icon_name=self.action_icon))
        return buttons


class ViewSetActionView(WagtailAdminTemplateMixin, FormView):
    """A form page under a viewset, refused to users without ``permission``."""

    permission: str = ""
    index_url_name: str = ""  # e.g. "moderation_words:index"
    index_label: str = ""

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self) -> list:
        return [*self.breadcrumbs_items,
                {"url": reverse(self.index_url_name), "label": self.index_label},
                {"url": "", "label": self.get_page_title()}]
