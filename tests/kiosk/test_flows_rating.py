"""好差评 flow without Qt: subjects from scans, nothing pre-selected, reasons for bad ones."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from kiosk.api import models as m
from kiosk.api.errors import HubRejected
from kiosk.api.payloads import case_tracking_code, ticket_code
from kiosk.flows.rating import RatingFlow, RatingRefusal, RatingState, Subject, subject_from_scan

TICKET = "0123456789abcdef0123456789abcdef"
AT = datetime(2026, 3, 2, 1, 30, tzinfo=UTC)


def ticket_view(state: m.TicketState) -> m.TicketView:
    return m.TicketView(
        ticket_id=TICKET,
        number="A001",
        category_code="general",
        state=state,
        priority=m.Priority.NORMAL,
        waiting_ahead=0,
        estimated_wait_minutes=None,
        counter_code="W1",
        issued_at=AT,
        called_at=None,
        started_at=None,
        ended_at=None,
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"http://127.0.0.1:8700/q/{TICKET}", TICKET),
        (ticket_code(TICKET.upper()), TICKET),
        ("https://example.org/q/not-a-ticket", None),
        (case_tracking_code("YM202603020000011"), None),  # the hub rates cases by id only
        ("hello", None),
    ],
)
def test_subjects_from_scans(text: str, expected: str | None) -> None:
    subject = subject_from_scan(text)
    assert (subject.subject_id if subject else None) == expected


def rating_flow() -> RatingFlow:
    flow = RatingFlow()
    flow.scanned(f"http://hub/q/{TICKET}")
    flow.checked(ticket_view(m.TicketState.DONE))
    return flow


def test_nothing_is_chosen_for_the_citizen() -> None:
    flow = rating_flow()
    assert flow.state is RatingState.RATING
    assert flow.subject == Subject(m.SubjectType.TICKET, TICKET, "A001")
    assert flow.rating is None and not flow.reasons and flow.comment == ""
    assert not flow.complete
    with pytest.raises(ValueError):
        flow.submit()


def test_bad_ratings_need_reasons_good_ones_take_none() -> None:
    flow = rating_flow()
    flow.toggle_reason(m.BadReason.LONG_WAIT)  # no level yet: ignored
    assert not flow.reasons
    flow.choose(m.Rating.VERY_UNSATISFIED)
    assert flow.needs_reasons and not flow.complete
    flow.toggle_reason(m.BadReason.LONG_WAIT)
    flow.toggle_reason(m.BadReason.ATTITUDE)
    flow.toggle_reason(m.BadReason.ATTITUDE)
    assert flow.complete
    flow.set_comment("  " + "长" * 600)
    request = flow.submit()
    assert request.reasons == [m.BadReason.LONG_WAIT]
    assert len(request.comment) == 500 and request.channel == "5"
    flow2 = rating_flow()
    flow2.choose(m.Rating.UNSATISFIED)
    flow2.toggle_reason(m.BadReason.OTHER)
    flow2.choose(m.Rating.SATISFIED)  # changed their mind: the reasons go
    assert flow2.reasons == set() and flow2.complete


def test_unserved_tickets_and_duplicates_are_refused() -> None:
    flow = RatingFlow()
    flow.scanned(ticket_code(TICKET.upper()))
    flow.checked(ticket_view(m.TicketState.ISSUED))
    assert flow.refusal is RatingRefusal.NOT_FINISHED
    flow = rating_flow()
    flow.choose(m.Rating.SATISFIED)
    flow.submit()
    flow.failed(HubRejected("x", code="already_evaluated", citizen_message="已评价", status=409))
    assert flow.refusal is RatingRefusal.ALREADY_RATED
    flow.retry()
    assert flow.state is RatingState.SCANNING and flow.rating is None and flow.subject is None


def test_a_case_after_its_journey_needs_no_scan() -> None:
    flow = RatingFlow(Subject(m.SubjectType.CASE, "c" * 32, "YM202603020000011"))
    assert flow.state is RatingState.CHECKING
    flow.checked(None)
    assert flow.state is RatingState.RATING and flow.rating is None
