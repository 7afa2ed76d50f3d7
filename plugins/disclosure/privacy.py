"""Who may do what outside the plugin's own tables: page permissions and the PDF collection.

Wagtail page permissions are per section, not per village: the 编辑, 社区干部 and
镇街操作员 groups may add, edit and publish under 村务公开, and the page form
and the core page-action guards keep each of them inside their scope grid.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from wagtail.models import Collection, CollectionViewRestriction, GroupPagePermission

from core.identity.roles import GROUP_NAMES

PUBLISHER_ROLES = ("editor", "cadre", "town_operator")
PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")
# Staff who may open attachments through Wagtail's /documents/ URL (they edit postings).
DOCUMENT_ROLES = (*PUBLISHER_ROLES, "administrator")
COLLECTION_NAME = "村务公开附件"


def grant_page_permissions(index_page) -> None:
    """Let the publishing roles add, edit and publish postings in the section (idempotent)."""
    groups = Group.objects.filter(name__in=[GROUP_NAMES[r] for r in PUBLISHER_ROLES])
    permissions = list(Permission.objects.filter(content_type__app_label="wagtailcore",
                                                 codename__in=PAGE_PERMISSIONS))
    for group in groups:
        for permission in permissions:
            GroupPagePermission.objects.get_or_create(group=group, page=index_page,
                                                      permission=permission)


def private_collection() -> Collection:
    """The collection holding published attachments, restricted to staff groups."""
    collection = Collection.objects.filter(name=COLLECTION_NAME, depth=2).first()
    if collection is None:
        collection = Collection.get_first_root_node().add_child(name=COLLECTION_NAME)
    restriction = CollectionViewRestriction.objects.filter(collection=collection).first()
    if restriction is None:
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS)
        restriction.groups.set(Group.objects.filter(
            name__in=[GROUP_NAMES[r] for r in DOCUMENT_ROLES]))
    return collection
