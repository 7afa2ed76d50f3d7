"""The site-search page (搜索)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode

from .services import search_site

PER_PAGE = 10
SUGGESTIONS = ("网格员", "垃圾分类", "积分兑换", "矛盾调解", "疫苗接种")


def search(request: HttpRequest) -> HttpResponse:
    """Search notices and plugins' content; an empty query shows suggestions."""
    results = search_site(request, request.GET.get("q", ""))
    page_obj = Paginator(results.hits, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "search/search.html", {
        "query": results.query,
        "terms": results.terms,
        "page_obj": page_obj,
        "query_string": urlencode({"q": results.query}),
        "suggestions": SUGGESTIONS,
        "tab": "search",
    })
