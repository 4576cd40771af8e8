from __future__ import annotations

import pytest

from kiosk.identity import Identity
from kiosk.journeys.machine import FlowError
from kiosk.journeys.ticket.desk import TicketOutcome
from kiosk.journeys.ticket.flow import (
    FINAL_FAILURES,
    IssueFailure,
    TicketChoice,
    TicketFlow,
    TicketState,
)


def test_happy_path_and_retry() -> None:
    flow = TicketFlow()
    assert flow.state is TicketState.CHOOSING
    flow.choose("A")
    assert flow.state is TicketState.ISSUING and flow.category_code == "A"
    flow.failed(IssueFailure("hub_unreachable"))
    assert flow.state is TicketState.FAILED
    flow.retry()
    assert flow.state is TicketState.ISSUING and flow.failure is None
    flow.failed(IssueFailure("hub_failure"))
    flow.dismiss()
    assert flow.state is TicketState.DONE


def test_cannot_issue_twice_or_skip_choosing() -> None:
    flow = TicketFlow()
    with pytest.raises(FlowError):
        flow.dismiss()
    flow.choose("A")
    with pytest.raises(FlowError):
        flow.choose("B")  # a second tap while the first is being served
    assert flow.category_code == "A"
    assert flow.state is TicketState.ISSUING


HOLDER = Identity("王示例", "11010519491231002X")


def test_real_name_choice_asks_for_identity_then_issues() -> None:
    flow = TicketFlow()
    flow.choose(TicketChoice("residence", "QR00240001-990101-GA", "居住证申领"), real_name=True)
    assert flow.state is TicketState.IDENTIFYING
    assert flow.category_code == "residence" and flow.choice is not None
    assert flow.choice.item_name == "居住证申领"
    flow.presented(holder=HOLDER)
    assert flow.state is TicketState.ISSUING and flow.holder is HOLDER


def test_identity_qr_is_pending_until_the_hub_resolves_it() -> None:
    flow = TicketFlow()
    flow.choose("general", real_name=True)
    flow.presented(code="YM1:I:abc")
    assert flow.state is TicketState.ISSUING
    assert flow.holder is None and flow.pending_code == "YM1:I:abc"
    flow.identified(HOLDER)
    assert flow.holder is HOLDER and flow.pending_code == ""
    flow.identified(Identity("", "360426199101010071"))  # nothing pending: ignored
    assert flow.holder is HOLDER


def test_back_from_identifying_returns_to_the_choice_and_forgets() -> None:
    flow = TicketFlow()
    flow.choose("general", real_name=True)
    flow.back()
    assert flow.state is TicketState.CHOOSING and flow.holder is None
    flow.choose("business")  # a category without real name goes straight to the hub
    assert flow.state is TicketState.ISSUING and flow.category_code == "business"


def test_an_unreadable_card_asks_for_identity_again() -> None:
    flow = TicketFlow()
    flow.choose("general", real_name=True)
    flow.failed(IssueFailure("unreadable_card"))
    assert flow.state is TicketState.FAILED and flow.retry_asks_identity
    flow.retry()
    assert flow.state is TicketState.IDENTIFYING and flow.failure is None


@pytest.mark.parametrize("key", ["identity_expired", "identity_invalid"])
def test_a_refused_identity_code_is_asked_for_again_without_the_holder(key: str) -> None:
    flow = TicketFlow()
    flow.choose("general", real_name=True)
    flow.presented(code="YM1:I:old")
    flow.failed(IssueFailure(key, "二维码已过期"))
    flow.retry()
    assert flow.state is TicketState.IDENTIFYING
    assert flow.holder is None and flow.pending_code == ""


def test_a_hub_failure_after_identity_retries_with_the_same_holder() -> None:
    flow = TicketFlow()
    flow.choose("general", real_name=True)
    flow.presented(holder=HOLDER)
    flow.failed(IssueFailure("hub_unreachable"))
    flow.retry()
    assert flow.state is TicketState.ISSUING and flow.holder is HOLDER


def test_an_open_ticket_refusal_ends_or_goes_back_and_forgets() -> None:
    flow = TicketFlow()
    flow.choose("general", real_name=True)
    flow.presented(holder=HOLDER)
    flow.failed(IssueFailure("open_ticket", "您已有一个未办结的号码 A001"))
    assert flow.failure is not None and flow.failure.key in FINAL_FAILURES
    assert not flow.retry_asks_identity
    flow.back()
    assert flow.state is TicketState.CHOOSING
    assert flow.holder is None and flow.failure is None
    flow.choose("general", real_name=True)
    flow.presented(holder=HOLDER)
    flow.failed(IssueFailure("open_ticket"))
    flow.dismiss()
    assert flow.state is TicketState.DONE


def test_identifying_refuses_what_does_not_belong_there() -> None:
    flow = TicketFlow()
    with pytest.raises(FlowError):
        flow.presented(holder=HOLDER)  # no card before a choice
    assert flow.holder is None
    flow.choose("general", real_name=True)
    with pytest.raises(FlowError):
        flow.dismiss()
    with pytest.raises(FlowError):
        flow.retry()
    flow.presented(holder=HOLDER)
    with pytest.raises(FlowError):
        flow.presented(holder=Identity("", "360426199101010071"))  # a second card meanwhile
    assert flow.holder is HOLDER


def test_the_outcome_clears_the_pending_code() -> None:
    from datetime import UTC, datetime

    from contract.models import TicketIssued

    flow = TicketFlow()
    flow.choose("general", real_name=True)
    flow.presented(code="YM1:I:abc")
    flow.identified(HOLDER)
    ticket = TicketIssued(
        ticket_id="t1",
        number="A001",
        category_code="general",
        category_name="综合受理",
        waiting_ahead=0,
        estimated_wait_minutes=0,
        issued_at=datetime.now(UTC),
        follow_url="http://x/q/t1",
    )
    flow.issued(TicketOutcome(ticket, printed=True))
    assert flow.state is TicketState.SHOWING and flow.pending_code == ""
    flow.dismiss()
    assert flow.state is TicketState.DONE


def test_holder_repr_never_spells_the_number() -> None:
    assert "11010519491231002X" not in repr(HOLDER)
    assert "002X" not in repr(HOLDER) and "王" not in repr(HOLDER)  # not even masked
    assert HOLDER.masked_name == "王*例"


def test_failures_become_what_the_screen_words() -> None:
    from contract.models import ProblemCode
    from kiosk.api.errors import HubRejected, HubUnreachable
    from kiosk.identity import IdentityRefused
    from kiosk.journeys.ticket.flow import failure_of

    open_ticket = HubRejected(
        "open ticket",
        code=ProblemCode.OPEN_TICKET_EXISTS,
        citizen_message="您已有一个未办结的号码 E001",
        status=409,
    )
    assert failure_of(open_ticket) == IssueFailure("open_ticket", "您已有一个未办结的号码 E001")
    assert failure_of(HubUnreachable("down")).key == "hub_unreachable"
    assert failure_of(IdentityRefused("identity_expired", "已过期")).key == "identity_expired"
    assert failure_of(RuntimeError("bug")).key == "hub_failure"
