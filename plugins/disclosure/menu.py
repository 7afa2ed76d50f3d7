"""The admin menu entry "三务公开事项": straight to the 村务公开 section in the page explorer,
where publishers add and edit postings (the section's page id differs per site)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.sidebar import LinkMenuItem as LinkMenuItemComponent
from wagtail.models import Site


class SectionMenuItem(MenuItem):
    def _section_url(self, request) -> str:
        from .services import index_for_site

        page = index_for_site(Site.find_for_request(request))
        if page is None:
            return reverse("wagtailadmin_pages:type_use", args=["disclosure", "postingpage"])
        return reverse("wagtailadmin_explore", args=[page.pk])

    def is_shown(self, request) -> bool:
        # Those who may add postings somewhere: publishers and administrators.
        return request.user.has_perm("wagtailadmin.access_admin") and (
            request.user.is_superuser or request.user.groups.filter(
                page_permissions__page__disclosureindexpage__isnull=False).exists())

    def render_component(self, request):
        # Built per request: the item itself is shared by every request of the process.
        return LinkMenuItemComponent(self.name, self.label, self._section_url(request),
                                     icon_name=self.icon_name, classname=self.classname,
                                     attrs=self.attrs)


def menu_items() -> list[MenuItem]:
    return [SectionMenuItem(_("三务公开事项"), "", name="disclosure-postings",
                            icon_name="doc-full-inverse", order=329)]
