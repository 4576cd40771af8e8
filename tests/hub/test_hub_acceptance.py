"""The acceptance workbench over HTTP: open (held, masked until the card is read), review,
受理 / 补正 (一次性告知) / 不予受理 with their notices, the window's lists, and the refusals."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from contract import models as m
from hub.acceptance import NOTICE_ORDER
from hub.db import CaseNotice
from hub.embedded import EmbeddedHub
from kiosk.api.client import HubClient
from kiosk.api.errors import HubRejected

PIN = "246810"
ID_CARD = "id_card"
D = m.Decision


def window_client(hub: EmbeddedHub, code: str, staff_no: str) -> HubClient:
    token = hub.register_terminal(f"WIN-{code}", mode=m.TerminalMode.COUNTER)
    client = HubClient(hub.base_url, token=token)
    client.sign_in_clerk(code, m.ClerkSignIn(staff_no=staff_no, pin=PIN))
    return client


@pytest.fixture
def w1(hub: EmbeddedHub) -> Iterator[HubClient]:
    with window_client(hub, "W01", "S001") as client:
        yield client


@pytest.fixture
def submit(
    client: HubClient, case_request: Callable[..., m.CaseCreate], material_pdf: bytes
) -> Callable[..., tuple[m.CaseReceipt, m.CaseCreate]]:
    """A case as a kiosk (or a community point) submits it, its material uploaded."""

    def make(channel: m.Channel = m.Channel.KIOSK) -> tuple[m.CaseReceipt, m.CaseCreate]:
        request = case_request(None, channel=channel)
        receipt = client.create_case(request, idempotency_key=uuid.uuid4().hex)
        client.upload_material(receipt.case_id, ID_CARD, material_pdf)
        return receipt, request

    return make


def supplement(*names: str, days: int = 5, late_reason: str = "") -> m.CaseDecision:
    return m.CaseDecision(
        decision=D.SUPPLEMENT,
        lines=[m.NoticeLine(code=None, name=n, reason="缺少") for n in names],
        deadline=date(2026, 3, 2) + timedelta(days=days),
        late_reason=late_reason,
    )


def rejected(call: Callable[[], Any]) -> HubRejected:
    with pytest.raises(HubRejected) as caught:
        call()
    return caught.value


def test_a_kiosk_case_is_opened_masked_reviewed_and_accepted_with_its_notice(
    hub: EmbeddedHub, w1: HubClient, submit: Callable[..., Any], material_pdf: bytes
) -> None:
    receipt, request = submit()
    case = w1.open_case("W01", receipt.case_number)
    assert case.held_by == "S001" and case.state is m.CaseState.SUBMITTED
    assert case.applicant_name == "李*" and not case.identity_verified  # typed at the kiosk
    assert request.applicant.id_number not in case.applicant_id
    phone = request.form["phone"]
    assert case.form["phone"] == phone[:3] + "****" + phone[-4:]  # masked like the applicant
    assert w1.case_material("W01", case.case_id, ID_CARD) == material_pdf
    card = m.CardAtWindow(id_number=request.applicant.id_number, name="李四")
    case = w1.open_case("W01", receipt.case_number, card)  # the citizen's own card
    assert case.applicant_name == "李四" and case.identity_verified
    assert case.form["phone"] == phone and case.form["expected_date"] == "2026-08-01"
    case = w1.review_materials(
        "W01", case.case_id, [m.MaterialReview(code=ID_CARD, verdict=m.Verdict.OK)]
    )
    assert case.materials[0].review is not None and case.materials[0].uploaded
    key = uuid.uuid4().hex
    made = w1.decide_case("W01", case.case_id, m.CaseDecision(decision=D.ACCEPT), key=key)
    notice = made.notice
    assert made.case.state is m.CaseState.ACCEPTED and made.case.held_by is None
    assert notice.kind is m.NoticeKind.ACCEPTANCE and notice.applicant_name == "李四"
    assert (notice.staff_no, notice.staff_name, notice.counter_code) == ("S001", "李示例", "W01")
    assert notice.due_date == made.case.due_date == date(2026, 3, 2)  # promised in 0 days
    assert notice.notice_number == f"{receipt.case_number}-1"
    again = w1.decide_case("W01", case.case_id, m.CaseDecision(decision=D.ACCEPT), key=key)
    assert again == made  # the same click retried: answered, not decided twice
    twice = rejected(lambda: w1.decide_case("W01", case.case_id, m.CaseDecision(decision=D.ACCEPT)))
    assert (twice.status, twice.code) == (409, "invalid_transition")
    mine = w1.my_cases("W01")
    assert [line.case_number for line in mine] == [receipt.case_number]
    status = w1.lookup_case(
        m.CaseLookup(case_number=receipt.case_number, id_last6=request.applicant.id_number[-6:])
    )
    accepted = status.events[-1]
    assert accepted.state is m.CaseState.ACCEPTED
    assert accepted.detail["staff_no"] == "S001" and accepted.detail["counter"] == "W01"


def test_a_case_another_clerk_holds_cannot_be_decided_here(
    hub: EmbeddedHub, w1: HubClient, submit: Callable[..., Any]
) -> None:
    receipt, _ = submit()
    case = w1.open_case("W01", receipt.case_number)
    with window_client(hub, "W02", "S002") as w2:
        seen = w2.open_case("W02", receipt.case_number)
        assert seen.held_by == "S001"
        refused = rejected(
            lambda: w2.decide_case("W02", case.case_id, m.CaseDecision(decision=D.ACCEPT))
        )
        assert (refused.status, refused.code) == (
            409,
            "case_held",
        ) and "S001" in refused.citizen_message
        refused = rejected(
            lambda: w2.review_materials(
                "W02", case.case_id, [m.MaterialReview(code=ID_CARD, verdict=m.Verdict.OK)]
            )
        )
        assert refused.code == "case_held"


def test_supplement_tells_everything_once_and_a_late_line_needs_a_reason(
    hub: EmbeddedHub, w1: HubClient, submit: Callable[..., Any]
) -> None:
    receipt, _ = submit()
    case = w1.open_case("W01", receipt.case_number)
    past = rejected(lambda: w1.decide_case("W01", case.case_id, supplement("结婚证", days=-1)))
    assert (past.status, past.code) == (422, "validation_failed")
    first = w1.decide_case(
        "W01", case.case_id, supplement("结婚证", "户口簿", "夫妻双方居民身份证复印件")
    )
    notice = first.notice
    assert notice.kind is m.NoticeKind.SUPPLEMENT and notice.deadline == date(2026, 3, 7)
    assert [line.name for line in notice.lines] == ["结婚证", "户口簿", "夫妻双方居民身份证复印件"]
    assert first.case.state is m.CaseState.SUPPLEMENT_REQUESTED
    again = w1.open_case("W01", receipt.case_number)  # the citizen came back
    assert [n.notice_number for n in again.notices] == [notice.notice_number]
    late = rejected(
        lambda: w1.decide_case("W01", case.case_id, supplement("结婚证", "出生医学证明"))
    )
    assert (late.status, late.code) == (
        422,
        "reason_required",
    ) and "出生医学证明" in late.citizen_message
    second = w1.decide_case(
        "W01", case.case_id, supplement("出生医学证明", late_reason="首次审核遗漏")
    )
    assert second.notice.notice_number == f"{receipt.case_number}-2"
    with hub.context.sessions() as session:
        counted = session.execute(select(CaseNotice.late_lines).order_by(*NOTICE_ORDER)).scalars()
        assert list(counted) == [0, 1]  # for the reports: one line the first notice missed


def test_a_defective_material_blocks_acceptance_and_rejection_needs_its_basis(
    w1: HubClient, submit: Callable[..., Any]
) -> None:
    receipt, _ = submit()
    case = w1.open_case("W01", receipt.case_number)
    with pytest.raises(ValueError):
        m.MaterialReview(code=ID_CARD, verdict=m.Verdict.DEFECTIVE)  # a reason is required
    w1.review_materials(
        "W01",
        case.case_id,
        [m.MaterialReview(code=ID_CARD, verdict=m.Verdict.DEFECTIVE, reason="复印件不清晰")],
    )
    blocked = rejected(
        lambda: w1.decide_case("W01", case.case_id, m.CaseDecision(decision=D.ACCEPT))
    )
    assert (blocked.status, blocked.code) == (409, "defective_materials")
    with pytest.raises(ValueError):
        m.CaseDecision(decision=D.REJECT, reason="不属于本部门职权范围")  # no legal basis
    made = w1.decide_case(
        "W01",
        case.case_id,
        m.CaseDecision(
            decision=D.REJECT, reason="不属于本部门职权范围", legal_basis="《行政许可法》第三十二条"
        ),
    )
    assert made.notice.kind is m.NoticeKind.REJECTION and made.case.state is m.CaseState.REJECTED
    assert made.notice.legal_basis == "《行政许可法》第三十二条"


def test_the_prereview_queue_holds_remote_cases_oldest_first(
    w1: HubClient, submit: Callable[..., Any], clock: Any
) -> None:
    community_first, _ = submit(m.Channel.COMMUNITY)
    clock.advance(minutes=5)
    submit(m.Channel.KIOSK)  # a kiosk case: the citizen is in the hall, not pre-review
    clock.advance(minutes=5)
    community_second, _ = submit(m.Channel.COMMUNITY)
    queue = w1.prereview_queue("W01")
    assert [line.case_number for line in queue] == [
        community_first.case_number,
        community_second.case_number,
    ]
    assert all(line.applicant_name_masked == "李*" for line in queue)
    case = w1.open_case("W01", community_first.case_number)
    w1.decide_case("W01", case.case_id, m.CaseDecision(decision=D.ACCEPT))  # passed: by EMS
    assert [line.case_number for line in w1.prereview_queue("W01")] == [
        community_second.case_number
    ]


def test_the_workbench_needs_a_signed_in_window(
    hub: EmbeddedHub, submit: Callable[..., Any]
) -> None:
    receipt, _ = submit()
    token = hub.register_terminal("WIN-NOBODY", mode=m.TerminalMode.COUNTER)
    with HubClient(hub.base_url, token=token) as nobody:
        refused = rejected(lambda: nobody.open_case("W03", receipt.case_number))
        assert (refused.status, refused.code) == (409, "not_signed_in")
    with HubClient(hub.base_url, token=hub.register_terminal("KIOSK-X")) as kiosk:
        assert rejected(lambda: kiosk.my_cases("W01")).status == 403


def test_after_acceptance_the_case_is_finished_and_delivered_from_the_window(
    w1: HubClient, submit: Callable[..., Any]
) -> None:
    receipt, request = submit()
    case = w1.open_case("W01", receipt.case_number)
    w1.decide_case("W01", case.case_id, m.CaseDecision(decision=D.ACCEPT))
    steps = [
        m.CaseTransition(action=m.CaseAction.PROCESS),
        m.CaseTransition(
            action=m.CaseAction.FINISH, result_code="approved", certificate_number="SY2026-0042"
        ),
    ]
    for step in steps:
        case = w1.case_progress("W01", case.case_id, m.CaseProgress(step=step))
    assert case.state is m.CaseState.DONE
    pickup = m.CaseTransition(action=m.CaseAction.DELIVER, delivery=m.DeliveryMethod.PICKUP)
    with pytest.raises(ValueError):
        m.CaseProgress(step=pickup)  # whoever collects it shows their card
    with pytest.raises(ValueError):
        m.CaseProgress(step=m.CaseTransition(action=m.CaseAction.ACCEPT))  # a decision instead
    agent = m.CardAtWindow(id_number="110105195001011111", name="王代领")
    case = w1.case_progress("W01", case.case_id, m.CaseProgress(step=pickup, collector=agent))
    assert case.state is m.CaseState.DELIVERED and w1.my_cases("W01") == []
    proof = m.CaseLookup(case_number=receipt.case_number, id_number=request.applicant.id_number)
    timeline = w1.lookup_case(proof).events  # what the kiosk's 进度查询 shows
    assert [e.state for e in timeline][-3:] == [
        m.CaseState.PROCESSING,
        m.CaseState.DONE,
        m.CaseState.DELIVERED,
    ]
    delivered = timeline[-1].detail
    assert delivered["collector"] == "王*领" and delivered["collected_by"] == "agent"
    assert timeline[-2].detail["certificate_number"] == "SY2026-0042"


def test_an_ems_delivery_needs_its_waybill(w1: HubClient, submit: Callable[..., Any]) -> None:
    receipt, _ = submit(m.Channel.COMMUNITY)
    case = w1.open_case("W01", receipt.case_number)
    w1.decide_case("W01", case.case_id, m.CaseDecision(decision=D.ACCEPT))
    finish = m.CaseTransition(action=m.CaseAction.FINISH, result_code="approved")
    w1.case_progress("W01", case.case_id, m.CaseProgress(step=finish))
    ems = m.CaseTransition(action=m.CaseAction.DELIVER, delivery=m.DeliveryMethod.EMS)
    refused = rejected(lambda: w1.case_progress("W01", case.case_id, m.CaseProgress(step=ems)))
    assert (refused.status, refused.code) == (422, "validation_failed")
    sent = ems.model_copy(update={"waybill": "EA123456789CN"})
    case = w1.case_progress("W01", case.case_id, m.CaseProgress(step=sent))
    assert case.state is m.CaseState.DELIVERED


def test_back_with_the_supplement_the_citizen_gets_a_priority_ticket_and_the_clerk_the_notice(
    client: HubClient, w1: HubClient, submit: Callable[..., Any]
) -> None:
    receipt, request = submit()
    case = w1.open_case("W01", receipt.case_number)
    told = w1.decide_case("W01", case.case_id, supplement("结婚证", "户口簿", "出生医学证明"))
    client.issue_ticket(m.TicketIssueRequest(category_code="general"))  # a walk-in came first
    back = client.check_in(m.CheckIn(id_number=request.applicant.id_number))  # card at the kiosk
    assert back.priority is m.Priority.APPOINTMENT and back.item_code == receipt.item_code
    called = w1.call_next("W01")
    assert called.ticket_id == back.ticket_id  # before the walk-in
    card = m.CardAtWindow(id_number=request.applicant.id_number, name="李四")
    citizen = w1.citizen_at_window("W01", called.ticket_id, card)
    assert [c.case_number for c in citizen.cases] == [receipt.case_number]
    reopened = w1.open_case("W01", citizen.cases[0].case_id, card)  # from the citizen panel
    assert reopened.notices == [told.notice] and reopened.applicant_name == "李四"
    again = rejected(lambda: client.check_in(m.CheckIn(id_number=request.applicant.id_number)))
    assert again.code == "open_ticket_exists"  # one return ticket at a time


def test_a_prereview_sent_back_shows_on_the_community_points_list(
    hub: EmbeddedHub, client: HubClient, w1: HubClient, submit: Callable[..., Any]
) -> None:
    receipt, _ = submit(m.Channel.COMMUNITY)  # ``client`` is the community point here
    passed, _ = submit(m.Channel.COMMUNITY)
    case = w1.open_case("W01", receipt.case_number)
    w1.decide_case("W01", case.case_id, supplement("结婚证", "户口簿"))
    other = w1.open_case("W01", passed.case_number)
    w1.decide_case("W01", other.case_id, m.CaseDecision(decision=D.ACCEPT))
    back = client.returned_cases()
    assert [r.case_number for r in back] == [receipt.case_number]  # not the passed one
    assert [line.name for line in back[0].notice.lines] == ["结婚证", "户口簿"]
    assert back[0].notice.applicant_name == back[0].applicant_name_masked == "李*"
    with HubClient(hub.base_url, token=hub.register_terminal("KIOSK-OTHER")) as stranger:
        assert stranger.returned_cases() == []  # only the terminal that submitted it
