"""The resident's pages end to end: 一键报事, 我的报事, detail with timeline, rating."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import ExifTags, Image

from core.plugins.manifest import PluginManifest
from core.plugins.types import HomePanel
from plugins.reports import photos, workflow
from plugins.reports.models import Category, Report, ReportPhoto

from .test_photos import jpeg_with_gps

S = Report.Status


@pytest.fixture
def media(settings):
    """Where conftest's autouse fixture puts this test's uploads."""
    return settings.MEDIA_ROOT


@pytest.fixture
def logged_in(client, resident, reports_on):
    client.force_login(resident)
    return client


def stored_files(media) -> list:
    return [p for p in media.rglob("*") if p.is_file()] if media.exists() else []


def form_data(**overrides):
    data = {"category": "dispute", "description": "楼上住户每晚十一点后装修噪音，已沟通两次无果。",
            "address": "东栅路18号1幢", "latitude": "", "longitude": ""}
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def resolve(report, worker, note="已上门协调，双方约定晚十点后不再施工。"):
    workflow.transition(report, S.GRID_ACCEPTED, actor=worker, note="已受理")
    workflow.transition(report, S.RESOLVED, actor=worker, note=note)


def test_new_page_lists_active_categories_as_tiles(logged_in, report_categories):
    Category.objects.create(code="retired", name="已停用类别", active=False)
    page = logged_in.get(reverse("reports:new")).content.decode()
    assert "矛盾纠纷" in page and "安全隐患" in page and "已停用类别" not in page
    assert 'enctype="multipart/form-data"' in page and "csrfmiddlewaretoken" in page


def test_submit_with_a_photo_end_to_end(logged_in, resident, grid_tree, report_categories, media):
    response = logged_in.post(reverse("reports:new"), form_data(
        latitude="30.752100", longitude="120.758300", anonymous="on",
        photos=[jpeg_with_gps()]))
    report = Report.objects.get()
    assert response.status_code == 302 and response.url == reverse("reports:detail", args=[report.pk])
    assert report.reporter == resident and report.grid == grid_tree["micro"]
    assert report.anonymous and report.status == S.SUBMITTED and report.category.code == "dispute"
    assert report.code.startswith("330402004001") and len(report.code) == 24
    photo = ReportPhoto.objects.get(report=report)
    with Image.open(photo.image.path) as stored:
        assert not stored.getexif().get_ifd(ExifTags.IFD.GPSInfo) and not stored.getexif()
    page = logged_in.get(response.url).content.decode()
    assert report.code in page and "提交成功" in page and "提交报事" in page
    assert photo.image.url in page
    again = logged_in.get(response.url).content.decode()
    assert "提交成功！" not in again  # the success card shows once


def test_missing_category_keeps_the_other_fields_and_saves_nothing(logged_in, report_categories,
                                                                    media):
    response = logged_in.post(reverse("reports:new"), form_data(category="",
                                                                photos=[jpeg_with_gps()]))
    page = response.content.decode()
    assert response.status_code == 200 and "请选择事项类别" in page
    assert "已沟通两次无果" in page and "东栅路18号1幢" in page
    assert not Report.objects.exists() and not ReportPhoto.objects.exists()
    assert stored_files(media) == []


def test_non_image_upload_is_refused_and_nothing_is_saved(logged_in, report_categories, media):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("现场.jpg", b"MZ\x90\x00 not a picture", content_type="image/jpeg")
    response = logged_in.post(reverse("reports:new"), form_data(photos=[jpeg_with_gps(), fake]))
    page = response.content.decode()
    assert "不是有效的图片" in page and "已沟通两次无果" in page
    assert not Report.objects.exists() and stored_files(media) == []


def test_oversized_upload_is_refused_and_nothing_is_saved(logged_in, report_categories, media,
                                                          monkeypatch):
    monkeypatch.setattr(photos, "MAX_PHOTO_BYTES", 2048)
    big = jpeg_with_gps(size=(600, 600))
    response = logged_in.post(reverse("reports:new"), form_data(photos=[big]))
    assert "超过" in response.content.decode()
    assert not Report.objects.exists() and stored_files(media) == []


def test_a_failure_after_photos_were_stored_leaves_no_file_and_no_row(
        logged_in, report_categories, media, monkeypatch):
    from plugins.reports import notices

    def boom(report):
        raise RuntimeError("notification backend down")

    monkeypatch.setattr(notices, "submitted", boom)
    with pytest.raises(RuntimeError):
        logged_in.post(reverse("reports:new"), form_data(photos=[jpeg_with_gps()]))
    assert not Report.objects.exists() and not ReportPhoto.objects.exists()
    assert stored_files(media) == []


def test_half_a_coordinate_is_refused(logged_in, report_categories):
    response = logged_in.post(reverse("reports:new"), form_data(latitude="30.75"))
    assert "同时填写经度和纬度" in response.content.decode()
    assert not Report.objects.exists()


def test_unverified_resident_may_report(client, make_user, grid_tree, reports_on,
                                        report_categories):
    newcomer = make_user("resident", grid=grid_tree["micro"], verified=False)
    client.force_login(newcomer)
    assert client.post(reverse("reports:new"), form_data()).status_code == 302
    assert Report.objects.filter(reporter=newcomer).exists()


def test_without_a_home_grid_nothing_is_filed(client, make_user, reports_on, report_categories):
    drifter = make_user("resident", grid=None)
    client.force_login(drifter)
    response = client.post(reverse("reports:new"), form_data())
    assert "选择居住网格" in response.content.decode() and not Report.objects.exists()


def test_visitors_log_in_and_residents_consent_first(client, make_user, grid_tree, reports_on):
    assert client.get(reverse("reports:new")).status_code == 302
    client.force_login(make_user("resident", grid=grid_tree["micro"], consented=False))
    response = client.get(reverse("reports:new"))
    assert response.status_code == 302 and "consent" in response.url


def test_a_resident_never_sees_another_residents_report(client, make_user, grid_tree, reports_on,
                                                        make_report):
    report = make_report()
    neighbour = make_user("resident", grid=grid_tree["micro"])
    client.force_login(neighbour)
    assert client.get(reverse("reports:detail", args=[report.pk])).status_code == 404
    assert client.post(reverse("reports:rate", args=[report.pk]),
                       {"rating": "satisfied"}).status_code == 404
    assert report.code not in client.get(reverse("reports:mine")).content.decode()
    hits = client.get(reverse("search"), {"q": "装修噪音"}).content.decode()
    assert report.code not in hits


def test_timeline_shows_staff_by_role_never_name_or_phone(logged_in, make_report, grid_worker):
    report = make_report()
    resolve(report, grid_worker)
    page = logged_in.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "网格员" in page and "已上门协调" in page
    assert grid_worker.mobile not in page and grid_worker.name not in page


def test_rating_satisfied_closes_the_report(logged_in, make_report, grid_worker):
    report = make_report()
    resolve(report, grid_worker)
    page = logged_in.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "评价办理结果" in page
    response = logged_in.post(reverse("reports:rate", args=[report.pk]),
                              {"rating": "satisfied", "comment": "处理及时"}, follow=True)
    report.refresh_from_db()
    assert report.status == S.CLOSED and report.rating == "satisfied"
    assert "已销号" in response.content.decode()


def test_dissatisfied_needs_a_reason_then_reopens_to_the_handler(logged_in, make_report,
                                                                 grid_worker):
    report = make_report()
    resolve(report, grid_worker)
    refused = logged_in.post(reverse("reports:rate", args=[report.pk]), {"rating": "dissatisfied"})
    assert refused.status_code == 400 and "请写明原因" in refused.content.decode()
    report.refresh_from_db()
    assert report.status == S.RESOLVED
    logged_in.post(reverse("reports:rate", args=[report.pk]),
                   {"rating": "dissatisfied", "comment": "晚上还是有噪音"})
    report.refresh_from_db()
    assert report.status == S.GRID_ACCEPTED and report.rating == "dissatisfied"
    page = logged_in.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "晚上还是有噪音" in page and "评价办理结果" not in page


def test_an_unresolved_report_cannot_be_rated(logged_in, make_report):
    report = make_report()
    logged_in.post(reverse("reports:rate", args=[report.pk]), {"rating": "satisfied"})
    report.refresh_from_db()
    assert report.status == S.SUBMITTED and not report.rating


def test_mine_filters_and_badges(logged_in, make_report, grid_worker):
    waiting, done = make_report(), make_report(description="小区门口井盖松动，夜间有人绊倒。")
    resolve(done, grid_worker)
    page = logged_in.get(reverse("reports:mine")).content.decode()
    assert waiting.code in page and done.code in page and "已提交" in page
    to_rate = logged_in.get(reverse("reports:mine"), {"show": "to_rate"}).content.decode()
    assert done.code in to_rate and waiting.code not in to_rate


def test_mine_query_count_does_not_grow_with_reports(logged_in, make_report):
    make_report()

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert logged_in.get(reverse("reports:mine")).status_code == 200
        return len(queries)

    count()  # warm up: the session and the plugin snapshot are loaded once
    few = count()
    for _ in range(8):
        make_report(category="hazard")
    assert count() == few


def test_detail_panels_from_other_plugins_are_shown(logged_in, make_report, register_temporarily,
                                                    set_plugin):
    class Hooks:
        @staticmethod
        def detail_panels(request, obj):
            if obj._meta.label != "reports.Report":
                return []
            return [HomePanel(title="调解安排", html="<p>调解员：徐卫东</p>", order=5)]

    from core.plugins.hookspecs import hookimpl

    Hooks.detail_panels = staticmethod(hookimpl(Hooks.detail_panels))
    register_temporarily(PluginManifest(slug="mediationprobe", label="调解", label_en="Mediation",
                                        version="1.0.0"), Hooks)
    set_plugin("mediationprobe", True)
    report = make_report()
    page = logged_in.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "调解安排" in page and "调解员：徐卫东" in page


def test_home_panel_my_center_link_and_search(logged_in, make_report):
    report = make_report()
    home = logged_in.get("/").content.decode()
    assert "1 件报事正在办理中" in home
    me = logged_in.get(reverse("me")).content.decode()
    assert "我的报事" in me and "1 件办理中" in me
    found = logged_in.get(reverse("search"), {"q": "装修噪音"}).content.decode()
    assert report.code in found


def test_index_shows_counts_and_the_report_button(logged_in, make_report):
    make_report()
    page = logged_in.get(reverse("reports:index")).content.decode()
    assert reverse("reports:new") in page and "办理中" in page
