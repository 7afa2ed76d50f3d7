"""Bulk page actions obey the same region rules as the single-page ones.

An editor of 南湖区 selects a 南湖区 notice and a 秀洲区 notice in the page
explorer and bulk-unpublishes or bulk-deletes them: nothing happens to either,
because the whole action is refused with the region message.
"""

from __future__ import annotations

import pytest
from wagtail.models import GroupPagePermission, Page

from core.portal.tests.conftest import editor, notice_index, publish_notice  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def notices(publish_notice, notice_index, grid_tree, editor):  # noqa: F811
    from django.contrib.auth.models import Permission

    # Let the editor delete too, so only the region rule stands in the way.
    group = editor.groups.get()
    GroupPagePermission.objects.get_or_create(
        group=group, page=notice_index,
        permission=Permission.objects.get(content_type__app_label="wagtailcore",
                                          codename="delete_page"),
    )
    own = publish_notice("南湖区停水通知", grid_tree["nanhu"])
    other = publish_notice("秀洲区停电通知", grid_tree["xiuzhou"])
    return own, other


@pytest.mark.parametrize("action", ["unpublish", "delete"])
def test_bulk_action_on_another_regions_notice_is_refused(client, editor, notices,  # noqa: F811
                                                          action):
    own, other = notices
    client.force_login(editor)
    url = f"/admin/bulk/wagtailcore/page/{action}/?id={own.pk}&id={other.pk}&next=/admin/"
    response = client.post(url, {"include_descendants": ""}, follow=True)
    assert "秀洲区" in response.content.decode()  # the refusal names the other region's page
    assert Page.objects.filter(pk=other.pk, live=True).exists()
    assert Page.objects.filter(pk=own.pk, live=True).exists()


def test_bulk_action_within_the_region_goes_through(client, editor, notices):  # noqa: F811
    own, _other = notices
    client.force_login(editor)
    url = f"/admin/bulk/wagtailcore/page/unpublish/?id={own.pk}&next=/admin/"
    client.post(url, {"include_descendants": ""})
    assert not Page.objects.filter(pk=own.pk, live=True).exists()
