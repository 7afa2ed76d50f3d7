"""The state machine of DOMAIN.md §4: every allowed move, refusals, roles, 报办分离, reopening."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from core.notifications.models import Notification
from core.points.services import balance_of
from plugins.reports import rules, services, workflow
from plugins.reports.models import HandlingBody, Report, RoutingRule, Transition
from plugins.reports.workflow import WorkflowError

S = Report.Status
pytestmark = pytest.mark.usefixtures("reports_on")


def move(report, to, actor, note="已核实情况", **kwargs):
    return workflow.transition(report, to, actor=actor, note=note, **kwargs)


def test_submission_gets_code_route_deadline_and_first_step(make_report, resident, staff):
    report = make_report()
    assert report.status == S.SUBMITTED
    assert report.code.startswith("330402004001") and len(report.code) == 24
    assert report.handling_grid.level == "grid"
    assert report.due_at is not None
    step = report.transitions.get()
    assert (step.from_status, step.to_status, step.actor) == ("", S.SUBMITTED, resident)
    # The grid team hears about it; the worker of another grid does not.
    assert Notification.objects.filter(recipient=staff["worker"], title="新报事待受理").exists()
    assert not Notification.objects.filter(recipient=staff["other_worker"]).exists()


def test_codes_count_up_per_division_and_day(make_report):
    first, second = make_report(), make_report()
    assert int(second.code[-4:]) == int(first.code[-4:]) + 1
    assert first.code[:-4] == second.code[:-4]


def test_dispute_climbs_every_rung_to_the_court_and_back_to_a_rating(
        make_report, resident, staff):
    report = make_report(category="dispute")
    move(report, S.GRID_ACCEPTED, staff["worker"])
    assert report.assignee == staff["worker"]
    move(report, S.SELF_GOV, staff["worker"])
    assert report.handling_grid.level == "community"
    move(report, S.MEDIATION, staff["cadre"])
    assert report.handling_grid.level == "town"
    move(report, S.COUNTY_CENTER, staff["mediator"])
    assert report.handling_grid.level == "county"
    move(report, S.LITIGATION, staff["county_mediator"])
    move(report, S.RESOLVED, staff["judge"], resolution="judicial_confirmation")
    assert report.resolution == "judicial_confirmation" and report.resolved_at
    assert report.due_at is None
    workflow.rate(report, resident, Report.Rating.SATISFIED, "法官很耐心")
    report.refresh_from_db()
    assert report.status == S.CLOSED and report.closed_at and report.rating == "satisfied"
    assert list(report.transitions.values_list("to_status", flat=True)) == [
        S.SUBMITTED, S.GRID_ACCEPTED, S.SELF_GOV, S.MEDIATION, S.COUNTY_CENTER, S.LITIGATION,
        S.RESOLVED, S.CLOSED]


def test_non_dispute_goes_to_the_town_platform_then_a_department(make_report, staff):
    report = make_report(category="environment")
    move(report, S.GRID_ACCEPTED, staff["worker"])
    with pytest.raises(WorkflowError):
        move(report, S.SELF_GOV, staff["worker"])  # the dispute ladder is for disputes
    move(report, S.TOWN_DISPATCH, staff["worker"])
    assert report.handling_grid.level == "town"
    with pytest.raises(WorkflowError):
        move(report, S.DEPT_HANDLING, staff["worker"])  # the town operator dispatches
    move(report, S.DEPT_HANDLING, staff["town_operator"])
    move(report, S.RESOLVED, staff["town_operator"])
    assert report.resolution == "department"


def test_resolved_on_the_spot(make_report, staff):
    report = make_report()
    move(report, S.GRID_ACCEPTED, staff["worker"])
    move(report, S.RESOLVED, staff["worker"])
    assert report.resolution == "on_the_spot"


@pytest.mark.parametrize("status,to", [
    (S.SUBMITTED, S.RESOLVED), (S.SUBMITTED, S.MEDIATION), (S.SUBMITTED, S.CLOSED),
    (S.SUBMITTED, "nonsense"),
])
def test_moves_outside_the_state_machine_are_refused(make_report, staff, status, to):
    report = make_report()
    with pytest.raises(WorkflowError) as refused:
        move(report, to, staff["worker"])
    assert refused.value.messages[0]
    report.refresh_from_db()
    assert report.status == S.SUBMITTED and report.transitions.count() == 1


def test_closed_and_rejected_are_final(make_report, staff):
    report = make_report()
    move(report, S.REJECTED, staff["worker"], note="重复反映，已在处理")
    assert rules.allowed_moves(staff["cadre"], report) == []
    with pytest.raises(WorkflowError):
        move(report, S.GRID_ACCEPTED, staff["worker"])


def test_roles_per_stage(make_report, staff):
    report = make_report()
    # A judge in scope cannot accept at the grid; a worker cannot settle in court.
    with pytest.raises(WorkflowError, match="无权"):
        move(report, S.GRID_ACCEPTED, staff["judge"])
    move(report, S.GRID_ACCEPTED, staff["worker"])
    move(report, S.SELF_GOV, staff["worker"])
    with pytest.raises(WorkflowError):
        move(report, S.MEDIATION, staff["worker"])  # grid workers do not act for the village
    # A mediator in scope may take the case into mediation himself (报-调 hand-over).
    move(report, S.MEDIATION, staff["mediator"])
    # Cadres join the mediation stages only from county scope.
    assert not rules.may_move(staff["cadre"], report, S.COUNTY_CENTER)
    assert rules.may_move(staff["county_operator"], report, S.COUNTY_CENTER)
    move(report, S.COUNTY_CENTER, staff["mediator"])
    with pytest.raises(WorkflowError):
        move(report, S.RESOLVED, staff["worker"])
    move(report, S.LITIGATION, staff["judge"])  # the court pulls the case in
    with pytest.raises(WorkflowError):
        move(report, S.RESOLVED, staff["xiuzhou_judge"])  # a judge of another county


def test_scoping_a_worker_cannot_act_on_another_grids_case(make_report, staff):
    report = make_report()
    with pytest.raises(WorkflowError):
        move(report, S.GRID_ACCEPTED, staff["other_worker"])
    assert report not in services.visible_to_staff(staff["other_worker"])
    assert report in services.visible_to_staff(staff["worker"])
    assert report in services.visible_to_staff(staff["town_operator"])


def test_reporter_and_filer_never_handle_their_own_report(make_user, grid_tree, staff,
                                                          report_categories, resident):
    # A grid worker reporting in their own grid cannot accept it (报办分离) ...
    own = services.submit_report(reporter=staff["worker"], category=report_categories["hazard"],
                                 grid=grid_tree["grid1"], description="配电箱门损坏，电线外露")
    with pytest.raises(WorkflowError, match="报办分离"):
        move(own, S.GRID_ACCEPTED, staff["worker"])
    move(own, S.GRID_ACCEPTED, staff["cadre"])
    # ... nor one filed on behalf of a walk-in resident.
    filed = services.submit_report(reporter=resident, filed_by=staff["worker"],
                                   category=report_categories["dispute"], grid=grid_tree["grid1"],
                                   description="邻居占用公共楼道堆放杂物")
    assert filed.source == Report.Source.ON_BEHALF and filed.filed_by == staff["worker"]
    assert rules.allowed_moves(staff["worker"], filed) == []
    with pytest.raises(WorkflowError, match="报办分离"):
        move(filed, S.GRID_ACCEPTED, staff["worker"])


def test_on_behalf_only_for_the_workers_own_area(grid_tree, staff, resident, report_categories):
    with pytest.raises(ValidationError) as refused:
        services.submit_report(reporter=resident, filed_by=staff["other_worker"],
                               category=report_categories["dispute"], grid=grid_tree["grid1"],
                               description="楼道堆物")
    assert "负责区域" in str(refused.value)
    assert not Report.objects.exists()


def test_bad_input_is_refused_and_nothing_is_saved(grid_tree, resident, report_categories):
    with pytest.raises(ValidationError) as refused:
        services.submit_report(reporter=resident, category=None, grid=grid_tree["grid1"],
                               description="  ")
    assert set(refused.value.message_dict) == {"category", "description"}
    assert not Report.objects.exists() and not Transition.objects.exists()


def test_dissatisfied_reopens_to_the_last_handler(make_report, resident, staff):
    report = make_report()
    move(report, S.GRID_ACCEPTED, staff["worker"])
    move(report, S.SELF_GOV, staff["worker"])
    move(report, S.RESOLVED, staff["cadre"], resolution="self_gov")
    Notification.objects.all().delete()
    workflow.rate(report, resident, Report.Rating.DISSATISFIED, "噪音仍然存在")
    report.refresh_from_db()
    assert report.status == S.SELF_GOV and report.handling_grid.level == "community"
    assert report.resolved_at is None and report.due_at is not None
    assert report.transitions.last().details["reopened"] is True
    assert Notification.objects.filter(recipient=staff["cadre"], title="报事被退回重办").exists()
    # Resolved again and rated fairly satisfied: closed.
    move(report, S.RESOLVED, staff["cadre"])
    workflow.rate(report, resident, Report.Rating.FAIRLY)
    report.refresh_from_db()
    assert report.status == S.CLOSED and report.rating == "fairly"


def test_only_the_reporter_rates_and_only_when_resolved(make_report, resident, staff):
    report = make_report()
    with pytest.raises(WorkflowError, match="尚未办结"):
        workflow.rate(report, resident, Report.Rating.SATISFIED)
    move(report, S.GRID_ACCEPTED, staff["worker"])
    move(report, S.RESOLVED, staff["worker"])
    with pytest.raises(WorkflowError, match="报事人本人"):
        workflow.rate(report, staff["cadre"], Report.Rating.SATISFIED)
    with pytest.raises(WorkflowError):
        workflow.rate(report, resident, "great")


def test_staff_may_close_an_unrated_report(make_report, staff):
    report = make_report()
    move(report, S.GRID_ACCEPTED, staff["worker"])
    move(report, S.RESOLVED, staff["worker"])
    assert not rules.may_move(staff["worker"], report, S.CLOSED)
    move(report, S.CLOSED, staff["cadre"], note="居民七日未评价，综合销号")
    assert report.status == S.CLOSED and report.rating == ""


def test_merge_points_the_duplicate_at_the_kept_report(make_report, staff, make_user, grid_tree):
    kept = make_report()
    neighbour = make_user("resident", grid=grid_tree["grid1"], name="李建国")
    duplicate = make_report(reporter=neighbour)
    with pytest.raises(WorkflowError, match="理由"):
        move(duplicate, S.MERGED, staff["worker"], note="", merged_into=kept)
    with pytest.raises(WorkflowError, match="本身"):
        move(duplicate, S.MERGED, staff["worker"], merged_into=duplicate)
    move(duplicate, S.MERGED, staff["worker"], note="同一噪音问题", merged_into=kept)
    duplicate.refresh_from_db()
    assert duplicate.status == S.MERGED and duplicate.merged_into == kept
    assert list(kept.duplicates.all()) == [duplicate]
    assert Notification.objects.filter(recipient=neighbour, title="您的报事有新进展").exists()


def test_merge_target_must_be_in_scope_and_open(make_report, staff, make_user, grid_tree):
    elsewhere = make_report(grid=grid_tree["xgrid"])
    report = make_report()
    with pytest.raises(WorkflowError, match="负责区域"):
        move(report, S.MERGED, staff["worker"], merged_into=elsewhere)


def test_routing_rules_are_data(make_report, staff, grid_tree, report_categories):
    body = HandlingBody.objects.create(name="新嘉街道人民调解委员会", stage="mediation",
                                       grid=grid_tree["town"])
    county_body = HandlingBody.objects.create(name="南湖区矛调中心", stage="mediation",
                                              grid=grid_tree["nanhu"])
    RoutingRule.objects.create(grid=grid_tree["nanhu"], stage="mediation", body=county_body)
    RoutingRule.objects.create(grid=grid_tree["dongzha"], stage="mediation", body=body,
                               category=report_categories["dispute"])
    report = make_report()
    move(report, S.GRID_ACCEPTED, staff["worker"])
    move(report, S.SELF_GOV, staff["worker"])
    move(report, S.MEDIATION, staff["cadre"])
    # The deeper, category-specific rule wins over the county-wide one.
    assert report.handling_body == body and report.handling_grid == grid_tree["town"]


def test_transition_notifies_reporter_and_new_handlers_and_labels_the_actor(
        make_report, resident, staff):
    report = make_report()
    move(report, S.GRID_ACCEPTED, staff["worker"])
    step = move(report, S.SELF_GOV, staff["worker"], note="转社区议事会协调")
    assert step.actor_label.startswith("网格员")
    assert "王丽娟" not in step.actor_label
    assert Notification.objects.filter(recipient=resident, title="您的报事有新进展").count() == 2
    assert Notification.objects.filter(recipient=staff["cadre"], title="有报事待您办理").exists()


def test_status_change_is_announced_after_commit(make_report, staff, register_temporarily,
                                                 django_capture_on_commit_callbacks):
    from core.plugins.hookspecs import hookimpl
    from core.plugins.manifest import PluginManifest

    heard = []

    class Listener:
        @hookimpl
        def on_event(self, name, payload):
            heard.append((name, payload))

    register_temporarily(PluginManifest(slug="listener", label="监听", label_en="Listener",
                                        version="1.0"), Listener())
    report = make_report()
    with django_capture_on_commit_callbacks(execute=True):
        move(report, S.GRID_ACCEPTED, staff["worker"])
    assert heard == [("reports.status_changed", {
        "report_id": report.pk, "code": report.code, "from": "submitted",
        "to": "grid_accepted", "actor_id": staff["worker"].pk})]


def test_confirmed_hazard_earns_the_reporter_points_once(make_report, resident, staff):
    report = make_report(category="hazard")
    move(report, S.GRID_ACCEPTED, staff["worker"])
    assert balance_of(resident)[0] == 5
    assert report.transitions.last().details["points"] == {"awarded": 5}
    dispute = make_report(category="dispute")
    move(dispute, S.GRID_ACCEPTED, staff["worker"])
    assert balance_of(resident)[0] == 5  # only hazards earn points


def test_points_refusal_never_breaks_the_move(make_report, resident, staff, set_plugin,
                                              grid_tree):
    # The plugin is off for the reporter's community: the rule is unavailable there.
    report = make_report(category="hazard")
    set_plugin("reports", False, grid=grid_tree["dongzha"])
    move(report, S.GRID_ACCEPTED, staff["worker"])
    assert report.status == S.GRID_ACCEPTED
    assert report.transitions.last().details["points"]["awarded"] == 0
    assert balance_of(resident)[0] == 0


def test_assign_names_a_handler_in_scope_only(make_report, staff, make_user, grid_tree):
    report = make_report()
    move(report, S.GRID_ACCEPTED, staff["cadre"])
    workflow.assign(report, staff["worker"], actor=staff["cadre"], note="请王丽娟跟进")
    assert report.assignee == staff["worker"]
    with pytest.raises(WorkflowError, match="所选人员"):
        workflow.assign(report, staff["other_worker"], actor=staff["cadre"], note="跟进")
    with pytest.raises(WorkflowError, match="办理意见"):
        workflow.assign(report, staff["worker"], actor=staff["cadre"], note="")
