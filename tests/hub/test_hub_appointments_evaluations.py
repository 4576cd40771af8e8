"""Appointments (book, check in, missed, cancelled) and 好差评 evaluations over real HTTP."""

from __future__ import annotations

import hashlib
import uuid
from datetime import date, timedelta
from typing import Any

import pytest

from contract.models import (
    AppointmentBook,
    AppointmentState,
    BadReason,
    CaseCreate,
    CheckIn,
    DeliveryMethod,
    EvaluationCreate,
    FinishRequest,
    MaterialDeclaration,
    Person,
    Priority,
    Rating,
    ServiceOutcome,
    SubjectType,
    TicketAction,
    TicketIssueRequest,
    TransferRequest,
)
from kiosk.api.client import HubClient
from kiosk.api.errors import HubRejected

DONE = FinishRequest(outcome=ServiceOutcome.DONE)

ID = "11010519491231002X"


def valid_id(body17: str) -> str:
    """A resident ID number with its GB 11643 check character."""
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return (
        body17 + "10X98765432"[sum(int(d) * w for d, w in zip(body17, weights, strict=True)) % 11]
    )


OTHER_ID = "360426199101010071"


def book(client: HubClient, day: date, start: str = "09:30", id_number: str = ID) -> Any:
    return client.book_appointment(
        AppointmentBook(
            category_code="general", id_number=id_number, slot_date=day, slot_start=start
        )
    )


def test_book_and_check_in_by_code(client: HubClient, clock: Any) -> None:
    today = clock().date()
    booked = book(client, today)
    assert booked.state is AppointmentState.BOOKED and len(booked.code) == 8
    ticket = client.check_in(CheckIn(code=booked.code.lower()))
    assert ticket.priority is Priority.APPOINTMENT and ticket.number == "A001"
    after = client.get_appointment(booked.code)
    assert after.state is AppointmentState.CHECKED_IN and after.ticket_id == ticket.ticket_id
    with pytest.raises(HubRejected) as info:
        client.check_in(CheckIn(code=booked.code))
    assert info.value.code == "already_checked_in"
    assert info.value.extensions["ticket_number"] == ticket.number == "A001"
    assert "A001" in info.value.citizen_message


def test_check_in_by_id_number(client: HubClient, clock: Any) -> None:
    book(client, clock().date(), "10:00")
    ticket = client.check_in(CheckIn(id_number=ID.lower()))
    assert ticket.priority is Priority.APPOINTMENT
    with pytest.raises(HubRejected) as info:
        client.check_in(CheckIn(id_number=OTHER_ID))
    assert info.value.code == "appointment_not_found"


def test_check_in_by_id_number_twice_says_already_checked_in(client: HubClient, clock: Any) -> None:
    today = clock().date()
    book(client, today, "10:00")
    first = client.check_in(CheckIn(id_number=ID))
    with pytest.raises(HubRejected) as info:
        client.check_in(CheckIn(id_number=ID))
    assert info.value.status == 409 and info.value.code == "already_checked_in"
    assert info.value.extensions["ticket_number"] == first.number
    assert first.number in info.value.citizen_message
    # Only the one ticket was issued: the second swipe changed nothing.
    general = next(q for q in client.queues() if q.category_code == "general")
    assert general.waiting == 1
    # A booked appointment of another category today is still checked in by the same card.
    client.book_appointment(
        AppointmentBook(
            category_code="social_security", id_number=ID, slot_date=today, slot_start="14:00"
        )
    )
    clock.advance(minutes=20)
    second = client.check_in(CheckIn(id_number=ID))
    assert second.category_code == "social_security" and second.number != first.number
    with pytest.raises(HubRejected) as info:
        client.check_in(CheckIn(id_number=ID))
    assert info.value.extensions["ticket_number"] == second.number  # the latest check-in
    # Someone with no appointment today is still told there is none, and tomorrow so is he.
    with pytest.raises(HubRejected) as info:
        client.check_in(CheckIn(id_number=OTHER_ID))
    assert info.value.code == "appointment_not_found"
    clock.advance(days=1)
    with pytest.raises(HubRejected) as info:
        client.check_in(CheckIn(id_number=ID))
    assert info.value.code == "appointment_not_found"


def test_a_second_check_in_follows_the_ticket_it_issued(
    client: HubClient, counter: HubClient, clock: Any
) -> None:
    """Transferred at the counter: the new number; served: said so (not "wait for the call")."""
    book(client, clock().date())
    first = client.check_in(CheckIn(id_number=ID))
    assert counter.call_next("W01").ticket_id == first.ticket_id
    moved = counter.transfer_ticket(
        "W01", first.ticket_id, TransferRequest(category_code="social_security")
    )
    with pytest.raises(HubRejected) as info:
        client.check_in(CheckIn(id_number=ID))
    assert info.value.extensions == {"ticket_number": moved.number, "ticket_state": "issued"}
    assert "请留意叫号" in info.value.citizen_message
    assert counter.call_next("W01").ticket_id == moved.ticket_id
    counter.ticket_action("W01", moved.ticket_id, TicketAction.START)
    counter.finish_ticket("W01", moved.ticket_id, DONE)
    with pytest.raises(HubRejected) as info:
        client.check_in(CheckIn(id_number=ID))
    assert info.value.extensions == {"ticket_number": moved.number, "ticket_state": "done"}
    assert "已办理结束" in info.value.citizen_message


def test_issue_with_appointment_code_is_a_check_in(client: HubClient, clock: Any) -> None:
    booked = book(client, clock().date())
    ticket = client.issue_ticket(
        TicketIssueRequest(
            category_code="general", priority=Priority.APPOINTMENT, appointment_code=booked.code
        )
    )
    assert ticket.priority is Priority.APPOINTMENT
    assert client.get_appointment(booked.code).state is AppointmentState.CHECKED_IN


def test_one_per_person_category_and_day_and_slot_capacity(client: HubClient, clock: Any) -> None:
    tomorrow = clock().date() + timedelta(days=1)
    book(client, tomorrow)
    with pytest.raises(HubRejected) as info:
        book(client, tomorrow, "14:00")
    assert info.value.code == "duplicate_appointment"
    for i in range(3):  # capacity 4 per slot
        book(client, tomorrow, id_number=valid_id(f"32010119800101{i:03d}"))
    with pytest.raises(HubRejected) as info:
        book(client, tomorrow, id_number=OTHER_ID)
    assert info.value.code == "slot_full"
    slots = {s.slot_start: s for s in client.appointment_slots("general", tomorrow)}
    assert slots["09:30"].booked == 4 and slots["10:00"].booked == 0


def test_weekends_past_days_and_odd_times_are_not_bookable(client: HubClient, clock: Any) -> None:
    today = clock().date()  # a Monday
    for day, start in (
        (today + timedelta(days=5), "09:30"),
        (today - timedelta(days=1), "09:30"),
        (today, "12:15"),
    ):
        with pytest.raises(HubRejected) as info:
            book(client, day, start)
        assert info.value.status == 422
    assert client.appointment_slots("general", today + timedelta(days=5)) == []


def test_not_today_missed_and_cancelled(client: HubClient, clock: Any) -> None:
    tomorrow = clock().date() + timedelta(days=1)
    later = book(client, tomorrow)
    with pytest.raises(HubRejected) as info:
        client.check_in(CheckIn(code=later.code))
    assert info.value.code == "appointment_not_today" and "预约日期" in info.value.citizen_message
    cancelled = book(client, tomorrow, id_number=OTHER_ID)
    assert client.cancel_appointment(cancelled.code).state is AppointmentState.CANCELLED
    with pytest.raises(HubRejected):
        client.cancel_appointment(cancelled.code)
    clock.advance(days=2)
    missed = client.get_appointment(later.code)
    assert missed.state is AppointmentState.MISSED and missed.closed_at is not None


def served_ticket(client: HubClient, counter: HubClient) -> str:
    issued = client.issue_ticket(TicketIssueRequest(category_code="general"))
    called = counter.call_next("W01")
    counter.ticket_action("W01", called.ticket_id, TicketAction.START)
    counter.finish_ticket("W01", called.ticket_id, DONE)
    return issued.ticket_id


def test_one_evaluation_per_service_event(client: HubClient, counter: HubClient) -> None:
    ticket_id = served_ticket(client, counter)
    recorded = client.evaluate(
        EvaluationCreate(
            subject_type=SubjectType.TICKET, subject_id=ticket_id, rating=Rating.VERY_SATISFIED
        )
    )
    assert recorded.rating is Rating.VERY_SATISFIED
    with pytest.raises(HubRejected) as info:
        client.evaluate(
            EvaluationCreate(
                subject_type=SubjectType.TICKET, subject_id=ticket_id, rating=Rating.SATISFIED
            )
        )
    assert info.value.code == "already_evaluated"


def test_bad_ratings_need_reasons_and_good_ones_take_none(
    client: HubClient, counter: HubClient
) -> None:
    ticket_id = served_ticket(client, counter)
    with pytest.raises(HubRejected) as info:
        client.evaluate(
            EvaluationCreate(
                subject_type=SubjectType.TICKET, subject_id=ticket_id, rating=Rating.UNSATISFIED
            )
        )
    assert info.value.code == "reasons_required"
    with pytest.raises(HubRejected):
        client.evaluate(
            EvaluationCreate(
                subject_type=SubjectType.TICKET,
                subject_id=ticket_id,
                rating=Rating.SATISFIED,
                reasons=[BadReason.LONG_WAIT],
            )
        )
    recorded = client.evaluate(
        EvaluationCreate(
            subject_type=SubjectType.TICKET,
            subject_id=ticket_id,
            rating=Rating.VERY_UNSATISFIED,
            reasons=[BadReason.LONG_WAIT, BadReason.ATTITUDE],
            comment="等了一个小时",
            channel="4",
        )
    )
    assert recorded.rating is Rating.VERY_UNSATISFIED


def test_only_finished_services_and_existing_cases_can_be_rated(client: HubClient) -> None:
    waiting = client.issue_ticket(TicketIssueRequest(category_code="general"))
    with pytest.raises(HubRejected) as info:
        client.evaluate(
            EvaluationCreate(
                subject_type=SubjectType.TICKET,
                subject_id=waiting.ticket_id,
                rating=Rating.SATISFIED,
            )
        )
    assert info.value.code == "invalid_transition"
    with pytest.raises(HubRejected) as info:
        client.evaluate(
            EvaluationCreate(
                subject_type=SubjectType.CASE, subject_id="nope", rating=Rating.SATISFIED
            )
        )
    assert info.value.status == 404
    content = b"%PDF-1.4 id card scan"
    case = client.create_case(
        CaseCreate(
            item_code="GG00515001-990101-WJ",
            applicant=Person(name="李四", id_number=OTHER_ID),
            form={"expected_date": "2026-08-01", "phone": "13900139000"},
            delivery=DeliveryMethod.ELECTRONIC,
            materials=[
                MaterialDeclaration(
                    code="id_card",
                    name="身份证",
                    sha256=hashlib.sha256(content).hexdigest(),
                    size=len(content),
                )
            ],
        ),
        idempotency_key=uuid.uuid4().hex,
    )
    rated = client.evaluate(
        EvaluationCreate(
            subject_type=SubjectType.CASE, subject_id=case.case_id, rating=Rating.BASIC
        )
    )
    assert rated.subject_id == case.case_id


def test_bad_ratings_are_followed_up_once(client: HubClient, counter: HubClient) -> None:
    good = served_ticket(client, counter)
    bad = served_ticket(client, counter)
    client.evaluate(
        EvaluationCreate(subject_type=SubjectType.TICKET, subject_id=good, rating=Rating.SATISFIED)
    )
    client.evaluate(
        EvaluationCreate(
            subject_type=SubjectType.TICKET,
            subject_id=bad,
            rating=Rating.UNSATISFIED,
            reasons=[BadReason.EFFICIENCY],
            comment="材料看了很久",
        )
    )
    (open_item,) = counter.bad_ratings()
    assert open_item.counter_code == "W01" and open_item.reasons == [BadReason.EFFICIENCY]
    assert open_item.follow_up is None
    done = counter.follow_up(open_item.evaluation_id, "已对窗口人员开展业务培训，并电话回访说明。")
    assert done.followed_up_at is not None
    assert counter.bad_ratings() == [] and len(counter.bad_ratings(open_only=False)) == 1
    with pytest.raises(HubRejected) as info:
        counter.follow_up(open_item.evaluation_id, "再次答复的内容。")
    assert info.value.status == 409
    with pytest.raises(HubRejected) as info:
        client.bad_ratings()  # staff only
    assert info.value.status == 403


def test_ticket_stats_from_timestamps(client: HubClient, counter: HubClient, clock: Any) -> None:
    for minutes_waited, minutes_served in ((4, 6), (10, 8)):
        issued = client.issue_ticket(TicketIssueRequest(category_code="general"))
        clock.advance(minutes=minutes_waited)
        called = counter.call_next("W01")
        assert called.ticket_id == issued.ticket_id
        counter.ticket_action("W01", called.ticket_id, TicketAction.START)
        clock.advance(minutes=minutes_served)
        counter.finish_ticket("W01", called.ticket_id, DONE)
    skipped = client.issue_ticket(TicketIssueRequest(category_code="general"))
    absent = counter.call_next("W01").ticket_id
    clock.advance(seconds=20)
    counter.ticket_action("W01", absent, TicketAction.RECALL)
    counter.ticket_action("W01", absent, TicketAction.NO_SHOW)
    stats = {s.category_code: s for s in counter.ticket_stats()}
    general = stats["general"]
    assert (general.issued, general.done, general.no_show) == (3, 2, 1)
    assert general.mean_service_minutes == 7.0
    assert general.mean_wait_minutes == round((4 + 10 + 0) / 3, 1)
    assert skipped.number == "A003"
    assert stats["business"].issued == 0 and stats["business"].mean_wait_minutes is None
