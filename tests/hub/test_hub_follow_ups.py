"""A bad rating's follow-up (hub.follow_ups): 回访 → 整改 → 答复 by the clerk signed in at the
window, due in working days by the hall's calendar, overdue when it passes; an appeal a manager
upholds (the rating no longer counts) or dismisses (the follow-up goes on where it was)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import httpx
import pytest

from contract.models import (
    BadReason,
    EvaluationCreate,
    FinishRequest,
    Rating,
    ServiceOutcome,
    SubjectType,
    TerminalMode,
    TicketAction,
    TicketIssueRequest,
)
from hub.embedded import EmbeddedHub
from kiosk.api.client import HubClient
from tests.hub.conftest import FakeClock, sign_in

FRIDAY = datetime(2026, 3, 27, 2, tzinfo=UTC)  # 10:00 in Beijing, before the Qingming holiday


class Desk:
    """A window terminal with W01's clerk (S001, 综合受理科) signed in, over plain HTTP."""

    def __init__(self, hub: EmbeddedHub) -> None:
        self.hub = hub
        self.token = hub.register_terminal("desk-follow", mode=TerminalMode.COUNTER)
        self.client = HubClient(hub.base_url, token=self.token)
        sign_in(self.client, "W01")

    def post(self, path: str, body: Any, token: str | None = None) -> httpx.Response:
        headers = {"Authorization": f"Bearer {token or self.token}"}
        return httpx.post(f"{self.hub.base_url}/api/v1{path}", json=body, headers=headers)

    def step(self, evaluation_id: int, step: str, note: str = "已电话联系群众说明情况。") -> Any:
        body = {"step": step, "counter_code": "W01", "note": note}
        return self.post(f"/evaluations/{evaluation_id}/follow-up/steps", body)

    def decide(self, evaluation_id: int, upheld: bool, token: str | None = None) -> Any:
        body = {"upheld": upheld, "decided_by": "示例科长", "note": "经调取录像核实情况。"}
        return self.post(
            f"/evaluations/{evaluation_id}/appeal-decision", body, token or self.hub.admin_token
        )


@pytest.fixture
def desk(hub: EmbeddedHub, clock: FakeClock) -> Iterator[Desk]:
    clock.set(FRIDAY)
    desk = Desk(hub)
    yield desk
    desk.client.close()


def bad_rating(client: HubClient, desk: Desk) -> int:
    """A service at W01, rated 不满意 on the spot; its evaluation id."""
    client.issue_ticket(TicketIssueRequest(category_code="general"))
    called = desk.client.call_next("W01")
    desk.client.ticket_action("W01", called.ticket_id, TicketAction.START)
    desk.client.finish_ticket("W01", called.ticket_id, FinishRequest(outcome=ServiceOutcome.DONE))
    recorded = client.evaluate(
        EvaluationCreate(
            subject_type=SubjectType.TICKET,
            subject_id=called.ticket_id,
            rating=Rating.UNSATISFIED,
            reasons=[BadReason.ATTITUDE],
        )
    )
    return recorded.evaluation_id


def test_the_follow_up_goes_visit_rectify_answer_by_a_deadline_in_working_days(
    client: HubClient, desk: Desk, clock: FakeClock
) -> None:
    evaluation_id = bad_rating(client, desk)
    (opened,) = desk.client.bad_ratings()
    # 15 working days from Friday 27 March: the Qingming holiday (4-6 April) does not count.
    assert opened.due_date == date(2026, 4, 20) and opened.state == "open"
    assert opened.department == "综合受理科" and not opened.overdue and opened.steps == []

    early = desk.step(evaluation_id, "answer")
    assert early.status_code == 409 and early.json()["code"] == "invalid_transition"
    assert "依次" in early.json()["detail"]
    for step, state in (("visit", "visited"), ("rectify", "rectified"), ("answer", "answered")):
        clock.advance(hours=1)
        answer = desk.step(evaluation_id, step)
        assert answer.status_code == 200, answer.text
        assert answer.json()["state"] == state
    done = answer.json()
    assert [s["step"] for s in done["steps"]] == ["visit", "rectify", "answer"]
    assert {s["by"] for s in done["steps"]} == {"S001"}
    assert done["follow_up"] == "已电话联系群众说明情况。" and done["followed_up_at"]
    assert desk.client.bad_ratings() == []  # none under way
    assert desk.step(evaluation_id, "visit").status_code == 409


def test_a_follow_up_past_its_deadline_is_overdue(
    client: HubClient, desk: Desk, clock: FakeClock
) -> None:
    bad_rating(client, desk)
    clock.set(datetime(2026, 4, 20, 9, tzinfo=UTC))  # the last day: not yet
    assert not desk.client.bad_ratings()[0].overdue
    clock.set(datetime(2026, 4, 21, 1, tzinfo=UTC))
    assert desk.client.bad_ratings()[0].overdue


def test_an_appeal_upheld_voids_the_rating_one_dismissed_goes_on(
    client: HubClient, desk: Desk
) -> None:
    kept, voided = bad_rating(client, desk), bad_rating(client, desk)
    assert desk.step(kept, "visit").status_code == 200
    for evaluation_id in (kept, voided):
        assert (
            desk.step(evaluation_id, "appeal", "群众误触了按钮，申请申诉。").json()["state"]
            == "appealed"
        )
    assert desk.decide(kept, True, token="not-the-admin").status_code == 403
    assert desk.decide(kept, False).json()["state"] == "visited"  # where it was
    upheld = desk.decide(voided, True).json()
    assert upheld["state"] == "voided"
    assert [s["by"] for s in upheld["steps"]] == ["S001", "示例科长"]
    assert desk.decide(voided, False).status_code == 409  # decided already
    assert [b.evaluation_id for b in desk.client.bad_ratings()] == [kept]


def test_the_single_answer_of_the_first_version_still_closes_it(
    client: HubClient, desk: Desk
) -> None:
    evaluation_id = bad_rating(client, desk)
    done = desk.client.follow_up(evaluation_id, "已对窗口人员开展业务培训，并电话回访说明。")
    assert done.state == "answered" and [s.step for s in done.steps] == ["answer"]
    assert desk.step(evaluation_id, "visit").status_code == 409


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"step": "visit", "counter_code": "W01", "note": "短"}, 422),
        ({"step": "uphold", "counter_code": "W01", "note": "自己裁决自己的申诉。"}, 422),
        ({"step": "visit", "counter_code": "W03", "note": "不在这个窗口登录。"}, 409),
        ({"step": "visit", "counter_code": "W01", "note": "已电话回访群众。", "by": "x"}, 422),
    ],
)
def test_bad_steps_get_a_clear_problem(
    client: HubClient, desk: Desk, body: dict[str, Any], status: int
) -> None:
    evaluation_id = bad_rating(client, desk)
    answer = desk.post(f"/evaluations/{evaluation_id}/follow-up/steps", body)
    assert answer.status_code == status
    assert answer.headers["content-type"].startswith("application/problem+json")


def test_only_bad_ratings_have_a_follow_up(client: HubClient, desk: Desk) -> None:
    assert desk.step(999, "visit").status_code == 404
    client.issue_ticket(TicketIssueRequest(category_code="general"))
    called = desk.client.call_next("W01")
    desk.client.ticket_action("W01", called.ticket_id, TicketAction.START)
    desk.client.finish_ticket("W01", called.ticket_id, FinishRequest(outcome=ServiceOutcome.DONE))
    fine = client.evaluate(
        EvaluationCreate(
            subject_type=SubjectType.TICKET, subject_id=called.ticket_id, rating=Rating.SATISFIED
        )
    )
    assert desk.step(fine.evaluation_id, "visit").status_code == 404
