"""Demo content for ``load_site --demo``: the 12345 hotline as an Open311 client.

Creates the hotline's service account and an API key for 南湖区 (its secret is
discarded: an administrator creates a fresh key in the admin to try the API), and
files two reports through the same service a POST uses, so the demo shows cases
that arrived over Open311. Idempotent: the account is found by mobile, the key by
name, the reports by the hotline's ticket number (``account_id``). Skipped while
the demo grids are missing; the calls wait for the reports demo's categories.
"""

from __future__ import annotations

import logging

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from core.grids.models import Grid
from core.identity.roles import GROUP_NAMES
from plugins.reports.models import Category

from . import services
from .keys import assign_new_key
from .models import ApiKey, Submission

logger = logging.getLogger("jiayuan.open311")

HOTLINE_NAME = "12345 政务服务热线"
HOTLINE_MOBILE = "13957312345"
COUNTY = "330402000000"  # 南湖区

# (hotline ticket, service code, grid code, address, lat, long, description, caller)
CALLS = [
    ("12345-NH-20261126-0031", "hazard", "330402005001001001", "南湖区东栅街道东栅路与中环南路交叉口",
     "30.748215", "120.779630",
     "市民来电反映：交叉口东北角窨井盖破损下沉，电动车经过时颠簸，夜间照明不足，存在摔倒隐患。",
     ("沈", "建国", "13857301126")),
    ("12345-NH-20261128-0107", "environment", "330402005001001002", "南湖区东栅街道东栅菜场北侧",
     "", "",
     "市民来电反映：菜场北侧垃圾收集点连续两天未清运，气味较大，请尽快安排清运并加强保洁。",
     ("朱", "晓红", "13757308821")),
]


def load(site=None) -> None:
    grids = {g.code: g for g in Grid.objects.filter(code__in=[COUNTY, *[c[2] for c in CALLS]])}
    categories = {c.code: c for c in Category.objects.filter(code__in=[c[1] for c in CALLS])}
    if COUNTY not in grids:
        logger.info("open311 demo skipped: the demo grids are missing")
        return
    # The account and key first, whatever order plugins' demos run in; the calls
    # need the reports plugin's demo categories and are filed on a later run if
    # that demo has not run yet.
    api_key = _hotline_key(grids[COUNTY])
    if not categories:
        logger.info("open311 demo calls skipped: the reports demo categories are missing")
        return
    done = set(Submission.objects.filter(api_key=api_key).values_list("account_id", flat=True))
    for ticket, code, grid_code, address, lat, lng, description, caller in CALLS:
        if ticket in done or code not in categories or grid_code not in grids:
            continue
        last_name, first_name, phone = caller
        services.create_request({
            "service_code": code, "description": description, "address_string": address,
            "lat": lat, "long": lng, "attribute[grid_code]": grid_code,
            "account_id": ticket, "first_name": first_name, "last_name": last_name,
            "phone": phone,
        }, api_key)


def _hotline_key(county: Grid) -> ApiKey:
    user, created = get_user_model().objects.get_or_create(
        mobile=HOTLINE_MOBILE, defaults={"name": "12345政务服务热线", "home_grid": county,
                                         "consented_at": timezone.now()})
    if created:
        user.set_unusable_password()  # a service account: nobody logs in with it
        user.save()
        user.groups.add(Group.objects.get(name=GROUP_NAMES["resident"]))
    api_key = ApiKey.objects.filter(name=HOTLINE_NAME).first()
    if api_key is None:
        api_key = ApiKey(name=HOTLINE_NAME, grid=county, service_user=user)
        assign_new_key(api_key)  # the secret is not kept: create a new key to call the API
        api_key.save()
    return api_key
