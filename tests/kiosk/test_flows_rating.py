"""好差评 flow without Qt: subjects from scans, nothing pre-selected, reasons for bad ones."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from contract import models as m
from contract.payloads import case_tracking_code, ticket_code
from kiosk.api.errors import HubRejected
from kiosk.journeys.rating.desk import RatingDesk
from kiosk.journeys.rating.flow import (
    RatingFlow,
    RatingRefusal,
    RatingRefused,
    RatingState,
    Subject,
    looks_provisional,
    receipt_subject,
    subject_from_scan,
)
from kiosk.outbox.store import Outbox

TICKET = "0123456789abcdef0123456789abcdef"
CODE = "7K3QH2XD"  # a receipt code as contract.payloads.new_receipt_code draws them
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
        (case_tracking_code("YM202603020000011")[:-1] + "0", None),  # a garbled receipt
        (case_tracking_code("YM202603020000011", CODE)[:-10] + "0:" + CODE, None),
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


class FakeHub:
    """Answers the case-receipt calls like the hub for a set of known cases (a unit-test
    double; tests/ui and tests/hub run the real hub)."""

    def __init__(self, known: dict[str, bool]) -> None:
        self.known = known  # case number -> already evaluated
        self.asked: list[m.CaseReceiptRef] = []
        self.sent: list[m.CaseReceiptEvaluation] = []

    def case_to_rate(self, receipt: m.CaseReceiptRef) -> m.CaseToRate:
        self.asked.append(receipt)
        if receipt.case_number not in self.known:
            raise HubRejected("x", code="not_found", citizen_message="未找到该办件", status=404)
        return m.CaseToRate(
            case_number=receipt.case_number,
            item_name="生育登记服务",
            evaluated=self.known[receipt.case_number],
        )

    def evaluate_case_receipt(self, request: m.CaseReceiptEvaluation) -> m.EvaluationRecorded:
        self.sent.append(request)
        return m.EvaluationRecorded(
            evaluation_id=1,
            subject_type=m.SubjectType.CASE,
            subject_id=request.receipt.case_number,
            rating=request.rating,
            created_at=AT,
        )


def test_a_case_receipt_is_rated_by_its_number_and_code() -> None:
    number = "YM202603020000011"
    hub = FakeHub({number: False})
    desk = RatingDesk(hub)  # type: ignore[arg-type]
    flow = RatingFlow()
    flow.scanned(case_tracking_code(number, CODE))
    assert flow.state is RatingState.CHECKING
    assert flow.subject == Subject(
        m.SubjectType.CASE, "", number, from_receipt=True, receipt_code=CODE
    )
    assert flow.subject == receipt_subject(number, CODE)  # what the receipt page offers
    assert CODE not in repr(flow.subject)
    flow.case_found(desk.case(number, CODE))
    assert [r.code for r in hub.asked] == [CODE]
    assert flow.state is RatingState.RATING and flow.rating is None
    assert flow.subject is not None and flow.subject.item_name == "生育登记服务"
    flow.choose(m.Rating.SATISFIED)
    request = flow.submit()
    assert isinstance(request, m.CaseReceiptEvaluation)
    assert request.receipt.case_number == number
    assert request.receipt.check == case_tracking_code(number)[-1]
    assert request.receipt.code == CODE
    assert desk.send(request).subject_id == number and hub.sent == [request]


def test_a_rated_or_unknown_case_is_refused_before_choosing() -> None:
    hub = FakeHub({"YM202603020000011": True})
    desk = RatingDesk(hub)  # type: ignore[arg-type]
    flow = RatingFlow()
    flow.scanned(case_tracking_code("YM202603020000011", CODE))
    flow.case_found(desk.case("YM202603020000011", CODE))
    assert flow.refusal is RatingRefusal.ALREADY_RATED
    flow = RatingFlow()
    flow.scanned(case_tracking_code("YM202603029999990", CODE))
    with pytest.raises(HubRejected) as unknown:
        desk.case("YM202603029999990", CODE)
    flow.failed(unknown.value)
    assert flow.refusal is RatingRefusal.UNKNOWN


def test_provisional_receipts_through_this_terminals_outbox(tmp_path: Path) -> None:
    """A provisional number this terminal printed: refused until uploaded, then the hub's
    number; one printed elsewhere (unknown to the outbox and the hub) says so."""
    hub = FakeHub({"YM202603020000029": False})
    with Outbox(tmp_path / "outbox.sqlite3", tmp_path / "key", terminal_id="HALL-K01") as outbox:
        desk = RatingDesk(hub, outbox)  # type: ignore[arg-type]
        stored = outbox.submit(a_case(), {})
        number = stored.provisional_number
        assert looks_provisional(number) and not looks_provisional("YM202603020000029")
        with pytest.raises(RatingRefused) as refused:
            desk.case(number, CODE)
        assert refused.value.refusal is RatingRefusal.NOT_UPLOADED
        assert hub.asked == []  # the outbox answered: the hub was not asked
        outbox.mark_delivered(stored.entry_id, "c" * 32, "YM202603020000029")
        assert desk.case(number, CODE).case_number == "YM202603020000029"
        # The provisional receipt's code goes with the hub's number (both receipts share it).
        assert [(r.case_number, r.code) for r in hub.asked] == [("YM202603020000029", CODE)]

        refused_entry = outbox.submit(a_case(), {})
        outbox.mark_rejected(refused_entry.entry_id, "unknown_item", "没有找到该办理事项。")
        with pytest.raises(RatingRefused) as refused:
            desk.case(refused_entry.provisional_number, CODE)
        assert refused.value.refusal is RatingRefusal.UNKNOWN

        with pytest.raises(RatingRefused) as refused:
            desk.case("HALL-K09-20260302-0003", CODE)
        assert refused.value.refusal is RatingRefusal.PROVISIONAL
    flow = RatingFlow()
    flow.scanned(case_tracking_code("HALL-K09-20260302-0003", CODE))
    flow.failed(refused.value)
    assert flow.state is RatingState.REFUSED and flow.refusal is RatingRefusal.PROVISIONAL


def a_case() -> m.CaseCreate:
    return m.CaseCreate(
        item_code="GG00515001-990101-WJ",
        applicant=m.Person(name="张示例", id_number="11010519491231002X"),
        delivery=m.DeliveryMethod.ELECTRONIC,
    )


def test_a_receipt_without_a_code_is_told_it_cannot_be_rated_by_scan() -> None:
    """Receipts printed before codes existed still name their case (progress lookup reads
    them) but prove nothing: the terminal says so without asking the hub."""
    hub = FakeHub({"YM202603020000011": False})
    desk = RatingDesk(hub)  # type: ignore[arg-type]
    flow = RatingFlow()
    flow.scanned(case_tracking_code("YM202603020000011"))
    assert flow.state is RatingState.CHECKING
    assert flow.subject is not None and flow.subject.receipt_code == ""
    with pytest.raises(RatingRefused) as refused:
        desk.case(flow.subject.label, flow.subject.receipt_code)
    flow.failed(refused.value)
    assert flow.state is RatingState.REFUSED
    assert flow.refusal is RatingRefusal.NO_RECEIPT_CODE
    assert hub.asked == []
