"""The reports API: resident submit/list/detail/rate and the handlers' scoped actions."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

from plugins.reports import workflow
from plugins.reports.models import Report, ReportPhoto

from .test_photos import jpeg_with_gps

S = Report.Status
API = "/api/reports/"


@pytest.fixture
def media(settings):
    """Where conftest's autouse fixture puts this test's uploads."""
    return settings.MEDIA_ROOT


@pytest.fixture
def api(client, reports_on):
    def as_user(user):
        client.force_login(user)
        return client

    return as_user


@pytest.fixture
def other_worker(make_user, grid_tree):
    """A grid worker of 新兴第一网格: must never reach 东栅's cases."""
    return make_user("grid_worker", grid=grid_tree["xgrid"], scope=grid_tree["xgrid"], name="钱晓燕")


def test_categories(api, resident, report_categories):
    data = api(resident).get(API + "categories/").json()
    assert [c["code"] for c in data] == ["dispute", "hazard", "environment"]
    assert data[0]["kind_label"] == "矛盾纠纷"


def test_submit_multipart_with_photos(api, resident, report_categories):
    client = api(resident)
    response = client.post(API + "reports/", {
        "category": "hazard", "description": "3幢楼道里有电动车充电，电线从窗户拉下来。",
        "address": "东栅路18号3幢", "latitude": "30.7521", "longitude": "120.7583",
        "anonymous": "true", "photos": [jpeg_with_gps(), jpeg_with_gps(name="2.jpg")],
    })
    assert response.status_code == 201, response.json()
    data = response.json()
    report = Report.objects.get(code=data["code"])
    assert report.anonymous and data["status"] == S.SUBMITTED and len(data["photos"]) == 2
    assert data["timeline"][0]["title"] == "提交报事" and data["timeline"][0]["who"] == "我"
    for photo in ReportPhoto.objects.filter(report=report):
        with Image.open(photo.image.path) as stored:
            assert not stored.getexif().get_ifd(ExifTags.IFD.GPSInfo)


def test_submit_json_without_photos(api, resident, report_categories):
    response = api(resident).post(API + "reports/", {
        "category": "environment", "description": "垃圾桶满溢三天无人清运。", "address": "东栅路口"},
        content_type="application/json")
    assert response.status_code == 201 and response.json()["category"]["code"] == "environment"


@pytest.mark.parametrize("change,field,message", [
    ({"category": ""}, "category", "请选择事项类别"),
    ({"category": "no-such"}, "category", "已停用"),
    ({"description": "  "}, "description", "请描述"),
    ({"photos": [SimpleUploadedFile("a.jpg", b"<?php echo 1; ?>")]}, "photos", "不是有效的图片"),
])
def test_bad_submissions_are_refused_in_chinese_and_save_nothing(api, resident, report_categories,
                                                                 media, change, field, message):
    payload = {"category": "hazard", "description": "楼道堆放杂物", "address": "东栅路18号",
               **change}
    response = api(resident).post(API + "reports/", payload)
    assert response.status_code == 400
    body = response.json()
    assert message in body["detail"] and field in body["errors"]
    assert not Report.objects.exists() and not ReportPhoto.objects.exists()
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


def test_mine_and_detail_only_show_my_own(api, resident, make_user, grid_tree, make_report):
    mine = make_report()
    neighbour = make_user("resident", grid=grid_tree["micro"])
    theirs = make_report(reporter=neighbour)
    client = api(resident)
    codes = [row["code"] for row in client.get(API + "reports/").json()["results"]]
    assert codes == [mine.code]
    assert client.get(f"{API}reports/{theirs.pk}/").status_code == 404
    assert client.post(f"{API}reports/{theirs.pk}/rate/", {"rating": "satisfied"}).status_code == 404


def test_rate_through_the_api(api, resident, grid_worker, make_report):
    report = make_report()
    workflow.transition(report, S.GRID_ACCEPTED, actor=grid_worker)
    workflow.transition(report, S.RESOLVED, actor=grid_worker, note="已清理")
    client = api(resident)
    refused = client.post(f"{API}reports/{report.pk}/rate/", {"rating": "dissatisfied"})
    assert refused.status_code == 400 and "原因" in refused.json()["detail"]
    done = client.post(f"{API}reports/{report.pk}/rate/", {"rating": "fairly", "comment": "还行"})
    assert done.status_code == 200 and done.json()["status"] == S.CLOSED
    again = client.post(f"{API}reports/{report.pk}/rate/", {"rating": "satisfied"})
    assert again.status_code == 400 and "不能评价" in again.json()["detail"]


def test_the_queue_is_scoped_to_the_workers_grid(api, grid_worker, other_worker, make_report):
    report = make_report()
    mine = api(grid_worker).get(API + "staff/reports/").json()["results"]
    assert [row["code"] for row in mine] == [report.code]
    client = api(other_worker)
    assert client.get(API + "staff/reports/").json()["results"] == []
    assert client.get(f"{API}staff/reports/{report.pk}/").status_code == 404
    moved = client.post(f"{API}staff/reports/{report.pk}/transition/", {"to": S.GRID_ACCEPTED})
    assert moved.status_code == 404
    report.refresh_from_db()
    assert report.status == S.SUBMITTED


def test_a_resident_has_an_empty_queue_and_no_case_access(api, resident, make_report):
    report = make_report()
    client = api(resident)
    assert client.get(API + "staff/reports/").json()["results"] == []
    assert client.get(f"{API}staff/reports/{report.pk}/").status_code == 404
    assert client.get(API + "staff/figures/").json()["rows"] == []


def test_handler_moves_a_case_and_refusals_are_chinese(api, grid_worker, make_report):
    report = make_report()
    client = api(grid_worker)
    case = client.get(f"{API}staff/reports/{report.pk}/").json()
    assert {a["to"] for a in case["actions"]} == {S.GRID_ACCEPTED, S.REJECTED, S.MERGED}
    wrong = client.post(f"{API}staff/reports/{report.pk}/transition/", {"to": S.LITIGATION},
                        content_type="application/json")
    assert wrong.status_code == 400 and "不能转为" in wrong.json()["detail"]
    no_reason = client.post(f"{API}staff/reports/{report.pk}/transition/", {"to": S.REJECTED},
                            content_type="application/json")
    assert no_reason.status_code == 400 and "理由" in no_reason.json()["detail"]
    ok = client.post(f"{API}staff/reports/{report.pk}/transition/",
                     {"to": S.GRID_ACCEPTED, "note": "已电话联系报事人，明早上门"},
                     content_type="application/json")
    assert ok.status_code == 200 and ok.json()["status"] == S.GRID_ACCEPTED
    assert ok.json()["timeline"][-1]["note"] == "已电话联系报事人，明早上门"


def test_anonymity_hides_the_reporter_from_the_public_not_from_handlers(
        api, resident, grid_worker, make_user, grid_tree, make_report):
    report = make_report(anonymous=True)
    case = api(grid_worker).get(f"{API}staff/reports/{report.pk}/").json()
    assert case["anonymous"] is True
    assert case["reporter_name"] == resident.name and case["reporter_mobile"] == resident.mobile
    listed = api(grid_worker).get(API + "staff/reports/").json()["results"][0]
    assert listed["reporter_mobile"] != resident.mobile and "****" in listed["reporter_mobile"]
    stranger = api(make_user("resident", grid=grid_tree["micro"]))
    for path in (f"{API}reports/{report.pk}/", f"{API}staff/reports/{report.pk}/"):
        response = stranger.get(path)
        assert response.status_code == 404 and resident.name not in response.content.decode()


def test_reporter_timeline_hides_staff_identity(api, resident, grid_worker, make_report):
    report = make_report()
    workflow.transition(report, S.GRID_ACCEPTED, actor=grid_worker, note="已受理")
    data = api(resident).get(f"{API}reports/{report.pk}/").json()
    assert data["timeline"][0]["who"].startswith("网格员")
    assert grid_worker.name not in str(data) and grid_worker.mobile not in str(data)


def test_file_on_behalf_of_a_resident_in_scope(api, grid_worker, other_worker, resident,
                                               report_categories):
    payload = {"reporter_mobile": resident.mobile, "category": "dispute",
               "description": "张阿姨来网格站反映，邻居装修噪音扰民。", "address": "东栅路18号1幢"}
    refused = api(other_worker).post(API + "staff/reports/", payload)
    assert refused.status_code == 400 and "未找到" in refused.json()["detail"]
    response = api(grid_worker).post(API + "staff/reports/", payload)
    assert response.status_code == 201, response.json()
    report = Report.objects.get()
    assert report.reporter == resident and report.filed_by == grid_worker
    assert report.source == Report.Source.ON_BEHALF
    # 报办分离: whoever filed it cannot handle it.
    assert response.json()["actions"] == []


def test_residents_cannot_file_on_behalf(api, resident, make_user, grid_tree, report_categories):
    neighbour = make_user("resident", grid=grid_tree["micro"])
    response = api(resident).post(API + "staff/reports/", {
        "reporter_mobile": neighbour.mobile, "category": "dispute", "description": "x",
        "address": "y"})
    assert response.status_code == 403 and not Report.objects.exists()


def test_figures_for_the_scope_and_refusal_outside_it(api, make_user, grid_tree, grid_worker,
                                                      make_report):
    report = make_report()
    workflow.transition(report, S.GRID_ACCEPTED, actor=grid_worker)
    workflow.transition(report, S.RESOLVED, actor=grid_worker)
    cadre = make_user("cadre", grid=grid_tree["micro"], scope=grid_tree["dongzha"])
    client = api(cadre)
    data = client.get(API + "staff/figures/").json()
    top = data["rows"][0]
    assert top["grid_code"] == grid_tree["dongzha"].code and top["filed"] == 1
    assert top["closure_rate"] == "100.00"
    outside = client.get(API + "staff/figures/", {"grid": grid_tree["xiuzhou"].code})
    assert outside.status_code == 404 and "负责范围" in outside.json()["detail"]


def test_queue_query_count_does_not_grow(api, grid_worker, make_report, django_assert_max_num_queries):
    make_report()
    client = api(grid_worker)
    client.get(API + "staff/reports/")  # warm the session and plugin snapshot
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(API + "staff/reports/")
    for _ in range(6):
        make_report(category="environment")
    with django_assert_max_num_queries(len(few)):
        assert len(client.get(API + "staff/reports/").json()["results"]) == 7


def test_schema_includes_the_reports_api(api, admin_user):
    schema = api(admin_user).get("/api/schema/").content.decode()
    assert "/api/reports/reports/" in schema and "ReportsMine" in schema


def test_my_list_query_count_does_not_grow(api, resident, make_report,
                                           django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_report()
    client = api(resident)
    client.get(API + "reports/")  # warm the session and plugin snapshot
    with CaptureQueriesContext(connection) as few:
        client.get(API + "reports/")
    for _ in range(6):
        make_report(category="hazard")
    with django_assert_max_num_queries(len(few)):
        assert client.get(API + "reports/").json()["count"] == 7
