"""申领 pages: the claim form, my claims, and the claim photos (never public)."""

from __future__ import annotations

import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from ..availability import site_for
from ..claims import claim_blocker, reviewable_claims, submit_claim
from ..errors import PointsError
from ..forms import ClaimForm
from ..models import PointClaim, PointClaimPhoto
from ..rules import rule_labels

PER_PAGE = 20
REVIEW_PERMISSION = "points.review_pointclaim"


@login_required
def claim_create(request: HttpRequest) -> HttpResponse:
    user = request.user
    site = site_for(request)
    form = ClaimForm(request.POST or None, request.FILES or None, user=user, site=site,
                     initial={"rule_code": request.GET.get("rule", "")})
    blocker = claim_blocker(user)
    if request.method == "POST" and not blocker and form.is_valid():
        try:
            submit_claim(user, rule_code=form.cleaned_data["rule_code"],
                         description=form.cleaned_data["description"],
                         photos=form.cleaned_data["photos"], site=site)
        except PointsError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("申领已提交，网格员审核后会通过消息通知您。"))
            return redirect("points:claims")
    return render(request, "points/claim_form.html",
                  {"tab": "me", "form": form, "blocker": blocker})


@login_required
def claim_list(request: HttpRequest) -> HttpResponse:
    claims = PointClaim.objects.filter(resident=request.user).select_related("entry")
    page_obj = Paginator(claims, PER_PAGE).get_page(request.GET.get("page"))
    labels = rule_labels()
    for claim in page_obj:
        claim.rule_label = labels.get(claim.rule_code, claim.rule_code)
    return render(request, "points/claims.html", {"tab": "me", "page_obj": page_obj})


@login_required
def claim_photo(request: HttpRequest, pk: int) -> FileResponse:
    """The photo, for its resident and for reviewers whose scope holds the claim."""
    photo = get_object_or_404(PointClaimPhoto.objects.select_related("claim"), pk=pk)
    user = request.user
    allowed = photo.claim.resident_id == user.pk or (
        user.has_perm(REVIEW_PERMISSION)
        and reviewable_claims(user).filter(pk=photo.claim_id).exists()
    )
    if not allowed:
        raise Http404
    content_type = mimetypes.guess_type(photo.image.name)[0] or "application/octet-stream"
    response = FileResponse(photo.image.open("rb"), content_type=content_type)
    response["Cache-Control"] = "private, max-age=3600"
    return response
