"""我的积分 (/points/): balances, household totals, history, how to earn.

The page costs the same handful of queries however long the history is: one
for the account, one for the household, two for the paginated history, one for
the administrators' rule settings.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ..availability import rules_for_resident, site_for
from ..queries import history, summary
from ..rules import rule_labels

PER_PAGE = 20
# The redemption mall (core.mall) mounts its pages there; hard-coded so this page
# never depends on the mall's URL names.
MALL_URL = "/mall/"
ORDERS_URL = "/mall/orders/"


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    page_obj = Paginator(history(user), PER_PAGE).get_page(request.GET.get("page"))
    labels = rule_labels()
    for entry in page_obj:  # evaluates the page once; the template reuses the list
        entry.rule_label = labels.get(entry.rule_code, "")
    rules = rules_for_resident(user, site_for(request))
    return render(request, "points/home.html", {
        "tab": "me",
        "summary": summary(user),
        "page_obj": page_obj,
        "awards": [rule for rule in rules if rule.points > 0],
        "deductions": [rule for rule in rules if rule.points < 0],
        "can_claim": any(rule.can_be_claimed for rule in rules),
        "mall_url": MALL_URL,
        "orders_url": ORDERS_URL,
    })
