"""Demo content: 国安在线, 平安锦鲤 and a 平安问卷 with real questions; idempotent."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from wagtail.models import Site

from core.grids.importer import import_grids_csv
from core.grids.models import Grid
from core.identity.models import User
from core.instance.loader import load_demo_content
from plugins.quiz import demo
from plugins.quiz.models import Question, Quiz

pytestmark = pytest.mark.django_db

SITE_DIR = Path(settings.SITE_DIR)


@pytest.fixture
def demo_site(make_user, home_page, set_plugin):
    set_plugin("quiz", True)
    import_grids_csv(SITE_DIR / "grids.csv")
    for item in json.loads((SITE_DIR / "demo.json").read_text(encoding="utf-8"))["users"]:
        make_user(item.get("role", "resident"), grid=Grid.objects.get(code=item["grid"]),
                  scope=Grid.objects.filter(code=item.get("scope")).first(),
                  mobile=item["mobile"], name=item["name"])
    return Site.objects.get(is_default_site=True)


def test_demo_content_is_realistic_valid_and_idempotent(client, demo_site):
    load_demo_content(demo_site)
    assert Quiz.objects.count() == 3 and Question.objects.count() == 21
    texts = " ".join(Question.objects.values_list("text", flat=True))
    assert "全民国家安全教育日" in texts and "反诈预警劝阻专线" in texts
    assert Question.objects.filter(choices__contains="12339").exists()
    for question in Question.objects.all():
        question.full_clean()  # every demo answer key fits its choices
    Quiz.objects.filter(title__startswith="国安在线").update(pass_score=80)
    demo.load_demo(demo_site)
    assert Quiz.objects.count() == 3 and Question.objects.count() == 21
    assert Quiz.objects.get(title__startswith="国安在线").pass_score == 80
    client.force_login(User.objects.get(mobile="13900000005"))
    page = client.get("/quiz/").content.decode()
    assert "国安在线" in page and "平安锦鲤" in page and "平安问卷" in page
