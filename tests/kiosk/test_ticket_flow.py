from __future__ import annotations

import pytest

from kiosk.flows.machine import FlowError
from kiosk.flows.ticket import IssueFailure, TicketFlow, TicketState


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
