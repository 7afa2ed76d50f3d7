"""民主投票: one ballot per verified resident of the subtree, choice limits, results timing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction

from core.points.services import balance_of
from plugins.deliberation.models import Ballot, PollKind, ResultsMode, Vote
from plugins.deliberation.services import DeliberationError
from plugins.deliberation.services import polls as services

pytestmark = pytest.mark.django_db


def _ids(poll, *indexes):
    choices = list(poll.choices.all())
    return [choices[i].pk for i in indexes]


def test_vote_writes_one_ballot_and_awards_points_once(resident, make_poll, dlb_on):
    poll = make_poll()
    ballot = services.vote(poll.pk, resident, _ids(poll, 1))
    assert ballot.points_awarded == 2
    assert [v.choice.text for v in ballot.votes.all()] == ["方案二"]
    assert balance_of(resident) == (2, 2)
    with pytest.raises(DeliberationError, match="每人只能投一次"):
        services.vote(poll.pk, resident, _ids(poll, 0))
    assert Ballot.objects.filter(poll=poll).count() == 1 and Vote.objects.count() == 1
    assert balance_of(resident) == (2, 2)


def test_database_refuses_a_second_ballot_and_a_repeated_choice(resident, make_poll, dlb_on):
    poll = make_poll()
    ballot = services.vote(poll.pk, resident, _ids(poll, 0))
    with pytest.raises(IntegrityError), transaction.atomic():
        Ballot.objects.create(poll=poll, voter=resident)
    with pytest.raises(IntegrityError), transaction.atomic():
        Vote.objects.create(ballot=ballot, choice=poll.choices.first())


def test_out_of_subtree_resident_is_refused(outsider, make_poll, dlb_on):
    poll = make_poll()
    with pytest.raises(DeliberationError, match="仅限东栅社区的居民"):
        services.vote(poll.pk, outsider, _ids(poll, 0))
    assert not Ballot.objects.exists()


def test_unverified_resident_is_refused(make_user, grid_tree, make_poll, dlb_on):
    unverified = make_user("resident", grid=grid_tree["micro"], verified=False)
    poll = make_poll()
    with pytest.raises(DeliberationError, match="实名认证"):
        services.vote(poll.pk, unverified, _ids(poll, 0))
    assert not Ballot.objects.exists()


@pytest.mark.parametrize("opens_in, message", [
    (timedelta(hours=2), "尚未开始"), (-timedelta(days=3), "已结束")])
def test_not_open_or_closed_poll_is_refused(resident, make_poll, dlb_on, opens_in, message):
    poll = make_poll(opens_in=opens_in)
    with pytest.raises(DeliberationError, match=message):
        services.vote(poll.pk, resident, _ids(poll, 0))


def test_draft_poll_is_refused(resident, make_poll, dlb_on):
    poll = make_poll(status="draft")
    with pytest.raises(DeliberationError, match="尚未发布"):
        services.vote(poll.pk, resident, _ids(poll, 0))


def test_single_choice_takes_exactly_one(resident, make_poll, dlb_on):
    poll = make_poll()
    with pytest.raises(DeliberationError, match="单选"):
        services.vote(poll.pk, resident, _ids(poll, 0, 1))
    with pytest.raises(DeliberationError, match="请选择"):
        services.vote(poll.pk, resident, [])
    assert not Ballot.objects.exists()


def test_multiple_choice_limit(resident, neighbour, make_poll, dlb_on):
    poll = make_poll(kind=PollKind.MULTIPLE, max_choices=2,
                     options=("东栅路口", "菜场北侧", "社区广场", "小区东门"))
    with pytest.raises(DeliberationError, match="最多可选 2 项"):
        services.vote(poll.pk, resident, _ids(poll, 0, 1, 2))
    assert not Ballot.objects.exists()
    ballot = services.vote(poll.pk, resident, _ids(poll, 0, 2))
    assert ballot.votes.count() == 2
    services.vote(poll.pk, neighbour, _ids(poll, 0))
    results = services.results(poll)
    assert results.ballots == 2
    assert [(c.text, c.votes, c.percent) for c in results.choices] == [
        ("东栅路口", 2, 100.0), ("菜场北侧", 0, 0.0), ("社区广场", 1, 50.0), ("小区东门", 0, 0.0)]


def test_choice_of_another_poll_is_refused(resident, make_poll, dlb_on):
    poll, other = make_poll(), make_poll(title="村道路灯改造")
    with pytest.raises(DeliberationError, match="不属于本投票"):
        services.vote(poll.pk, resident, _ids(other, 0))


def test_database_keeps_single_choice_polls_at_one(make_poll, dlb_on):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_poll(kind=PollKind.SINGLE, max_choices=3)


def test_results_hidden_until_close_when_so_set(client, resident, neighbour, make_poll, dlb_on):
    poll = make_poll(results_mode=ResultsMode.AFTER_CLOSE)
    services.vote(poll.pk, neighbour, _ids(poll, 0))
    client.force_login(resident)
    page = client.get(f"/deliberation/polls/{poll.pk}/").content.decode()
    assert 'data-testid="results-hidden"' in page and "result-row" not in page
    response = client.get(f"/api/deliberation/polls/{poll.pk}/results/")
    assert response.status_code == 400 and "投票结束后公布" in response.json()["detail"]
    poll.results_mode = ResultsMode.LIVE
    poll.save()
    assert client.get(f"/api/deliberation/polls/{poll.pk}/results/").json()["ballots"] == 1
    page = client.get(f"/deliberation/polls/{poll.pk}/").content.decode()
    assert "result-row" in page and "100.0%" in page


def test_closed_poll_shows_results(client, resident, make_poll, dlb_on):
    poll = make_poll(results_mode=ResultsMode.AFTER_CLOSE, opens_in=-timedelta(days=3))
    client.force_login(resident)
    data = client.get(f"/api/deliberation/polls/{poll.pk}/results/").json()
    assert data == {"ballots": 0, "choices": [
        {"id": c.pk, "text": c.text, "votes": 0, "percent": 0.0} for c in poll.choices.all()]}


def test_staff_see_turnout_against_eligible_residents(client, cadre, resident, neighbour,
                                                      outsider, make_user, grid_tree, make_poll,
                                                      dlb_on):
    make_user("resident", grid=grid_tree["micro"], verified=False)  # not eligible
    poll = make_poll(results_mode=ResultsMode.AFTER_CLOSE)
    services.vote(poll.pk, resident, _ids(poll, 0))
    # Eligible: resident, neighbour and the cadre (a verified resident of 东栅 too).
    assert services.turnout(poll) == (1, 3, 33.3)
    client.force_login(cadre)
    data = client.get(f"/api/deliberation/polls/{poll.pk}/results/").json()
    assert data["eligible"] == 3 and data["turnout"] == 33.3
    page = client.get(f"/admin/deliberation/polls/{poll.pk}/results/").content.decode()
    assert "1 / 3 人（33.3%）" in page


def test_vote_through_the_page_and_api(client, resident, neighbour, make_poll, dlb_on):
    poll = make_poll()
    client.force_login(resident)
    response = client.post(f"/deliberation/polls/{poll.pk}/vote/", {"choice": _ids(poll, 2)},
                           follow=True)
    assert "投票成功" in response.content.decode()
    response = client.post(f"/deliberation/polls/{poll.pk}/vote/", {"choice": _ids(poll, 1)},
                           follow=True)
    assert "每人只能投一次" in response.content.decode()
    client.force_login(neighbour)
    response = client.post(f"/api/deliberation/polls/{poll.pk}/vote/",
                           {"choices": _ids(poll, 0)}, content_type="application/json")
    assert response.status_code == 200 and response.json()["points"] == 2
    response = client.post(f"/api/deliberation/polls/{poll.pk}/vote/",
                           {"choices": _ids(poll, 0)}, content_type="application/json")
    assert response.status_code == 400 and "每人只能投一次" in response.json()["detail"]
    assert Ballot.objects.filter(poll=poll).count() == 2


def test_outsider_cannot_even_see_the_poll(client, outsider, make_poll, dlb_on):
    poll = make_poll()
    client.force_login(outsider)
    assert client.get(f"/deliberation/polls/{poll.pk}/").status_code == 404
    assert client.post(f"/api/deliberation/polls/{poll.pk}/vote/", {"choices": _ids(poll, 0)},
                       content_type="application/json").status_code == 404


def test_poll_list_queries_do_not_grow(client, resident, neighbour, make_poll, dlb_on,
                                       django_assert_max_num_queries):
    def load() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get("/deliberation/polls/").status_code == 200
        return len(queries)

    client.force_login(resident)
    first = make_poll()
    services.vote(first.pk, neighbour, _ids(first, 0))
    few = load()
    for n in range(8):
        poll = make_poll(title=f"议题{n}")
        services.vote(poll.pk, neighbour, _ids(poll, 1))
        services.vote(poll.pk, resident, _ids(poll, 0))
    with django_assert_max_num_queries(few):
        load()
    with django_assert_max_num_queries(few):
        assert client.get("/api/deliberation/polls/").status_code == 200
