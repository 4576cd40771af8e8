"""A window at work over real HTTP: clerks signing in, the window's state, the calling rules,
clicks that are answered once, transfers to a window or a clerk, parking, twenty windows at once."""

from __future__ import annotations

import hashlib
import re
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from contract import models as m
from contract.pins import hash_pin
from hub.clerks import load_staff
from hub.db import CounterEvent, EvaluationRow, StaffRow, Ticket, TicketEvent
from hub.embedded import EmbeddedHub
from hub.seed import load_queues, sample_dir
from kiosk.api.client import HubClient
from kiosk.api.errors import HubRejected

A = m.TicketAction
PIN = "246810"  # every sample clerk's (config/catalog/staff.toml)
DONE = m.FinishRequest(outcome=m.ServiceOutcome.DONE)


def issue(client: HubClient, category: str = "general", **kw: Any) -> m.TicketIssued:
    return client.issue_ticket(m.TicketIssueRequest(category_code=category, **kw))


@pytest.fixture
def desk(hub: EmbeddedHub) -> Any:
    """A counter terminal with nobody signed in yet."""
    token = hub.register_terminal("desk-01", mode=m.TerminalMode.COUNTER)
    with HubClient(hub.base_url, token=token) as client:
        yield client


def rejected(call: Any) -> HubRejected:
    with pytest.raises(HubRejected) as info:
        call()
    return info.value


def test_a_clerk_signs_in_with_number_or_card_and_pin(desk: HubClient) -> None:
    assert desk.counter_session("W01").state is m.WindowState.CLOSED
    assert rejected(lambda: desk.call_next("W01")).code == "not_signed_in"
    session = desk.sign_in_clerk("W01", m.ClerkSignIn(staff_no="S001", pin=PIN))
    assert session.clerk is not None and session.clerk.name == "李示例"
    assert session.state is m.WindowState.OPEN and session.clerk.has_photo
    assert session.category_codes == ["general", "social_security"]
    by_card = m.ClerkSignIn(card_uid="04A1B2C3D4E5F6", pin=PIN)
    assert desk.sign_in_clerk("W01", by_card).clerk.staff_no == "S001"  # type: ignore[union-attr]


def test_wrong_pins_lock_the_clerk_and_strangers_learn_nothing(desk: HubClient) -> None:
    wrong = m.ClerkSignIn(staff_no="S002", pin="111111")
    unknown = rejected(
        lambda: desk.sign_in_clerk("W02", m.ClerkSignIn(staff_no="S999", pin="1111"))
    )
    first = rejected(lambda: desk.sign_in_clerk("W02", wrong))
    assert (
        (unknown.status, unknown.citizen_message)
        == (first.status, first.citizen_message)
        == (
            401,
            "工号或密码不正确。",
        )
    )
    for _ in range(3):
        rejected(lambda: desk.sign_in_clerk("W02", wrong))
    assert rejected(lambda: desk.sign_in_clerk("W02", wrong)).code == "too_many_attempts"
    right = m.ClerkSignIn(staff_no="S002", pin=PIN)
    assert rejected(lambda: desk.sign_in_clerk("W02", right)).code == "too_many_attempts"


def test_one_window_per_clerk_and_one_clerk_per_window(
    hub: EmbeddedHub, desk: HubClient, clerks: Any
) -> None:
    token = hub.register_terminal("desk-02", mode=m.TerminalMode.COUNTER)
    with HubClient(hub.base_url, token=token) as other:
        clerks.sign_in(desk, "W01", "S001")
        clerks.sign_in(other, "W02", "S001")  # the same clerk at another window ends the first
        assert desk.counter_session("W01").clerk is None
        assert rejected(lambda: desk.call_next("W01")).code == "not_signed_in"
        clerks.sign_in(desk, "W02", "S002")  # another clerk takes W02 over from this terminal
        assert rejected(lambda: other.call_next("W02")).code == "not_signed_in"
    with hub.context.sessions() as session:
        kinds = session.execute(select(CounterEvent.kind).order_by(CounterEvent.id)).scalars()
        assert list(kinds) == ["signed_in", "signed_out", "signed_in", "signed_out", "signed_in"]


def test_a_pause_has_a_reason_stops_calling_and_lengthens_the_estimate(
    client: HubClient, desk: HubClient, clerks: Any
) -> None:
    clerks.sign_in(desk, "W01")
    clerks.sign_in(desk, "W02")
    issue(client)
    both_open = issue(client).estimated_wait_minutes
    with pytest.raises(ValueError, match="needs a reason"):
        m.WindowStateChange(state=m.WindowState.PAUSED)
    meeting = m.WindowStateChange(state=m.WindowState.PAUSED, reason=m.PauseReason.MEETING)
    paused = desk.set_window_state("W02", meeting)
    assert paused.state is m.WindowState.PAUSED and paused.pause_reason is m.PauseReason.MEETING
    assert rejected(lambda: desk.call_next("W02")).code == "window_paused"
    one_open = issue(client).estimated_wait_minutes
    assert one_open is not None and both_open is not None and one_open > both_open
    desk.set_window_state("W02", m.WindowStateChange(state=m.WindowState.OPEN))
    assert desk.call_next("W02").number == "A001"


def test_recalls_are_limited_and_spaced_and_no_show_waits_for_the_calls(
    client: HubClient, counter: HubClient, clock: Any
) -> None:
    issue(client)
    called = counter.call_next("W01")
    assert called.calls == 1
    assert rejected(lambda: counter.ticket_action("W01", called.ticket_id, A.NO_SHOW)).code == (
        "no_show_too_early"
    )
    assert rejected(lambda: counter.ticket_action("W01", called.ticket_id, A.RECALL)).code == (
        "recall_too_soon"
    )
    for calls in (2, 3, 4):
        clock.advance(seconds=15)
        assert counter.ticket_action("W01", called.ticket_id, A.RECALL).calls == calls
    clock.advance(seconds=15)
    limit = rejected(lambda: counter.ticket_action("W01", called.ticket_id, A.RECALL))
    assert limit.code == "recall_limit_reached"
    assert counter.ticket_action("W01", called.ticket_id, A.NO_SHOW).state is m.TicketState.NO_SHOW


def test_a_chosen_number_needs_a_reason_that_is_kept(
    client: HubClient, counter: HubClient, hub: EmbeddedHub
) -> None:
    issue(client)
    later = issue(client)
    assert rejected(lambda: counter.call_number("W01", later.number)).code == "reason_required"
    called = counter.call_number("W01", later.number, "老人腿脚不便，先办")
    assert called.number == later.number == "A002"
    with hub.context.sessions() as session:
        event = (
            session.execute(
                select(TicketEvent)
                .where(TicketEvent.ticket_id == later.ticket_id)
                .order_by(TicketEvent.id.desc())
            )
            .scalars()
            .first()
        )
        assert event is not None and event.staff_no == "S001"
        assert event.detail == {"out_of_turn": "老人腿脚不便，先办"}
        audit = session.execute(
            select(CounterEvent).where(CounterEvent.kind == "called_out_of_turn")
        ).scalar_one()
        assert audit.detail == {"number": "A002", "reason": "老人腿脚不便，先办"}


def test_a_double_click_calls_once_and_a_key_is_one_click(
    client: HubClient, counter: HubClient, hub: EmbeddedHub
) -> None:
    issue(client)
    issue(client)
    key = str(uuid.uuid4())
    first = counter.call_next("W01", key=key)
    again = counter.call_next("W01", key=key)
    assert again == first and first.number == "A001"
    with hub.context.sessions() as session:
        calls = session.execute(select(TicketEvent).where(TicketEvent.state == "called")).all()
        assert len(calls) == 1  # A002 is still waiting: nobody was skipped
    reused = rejected(lambda: counter.ticket_action("W01", first.ticket_id, A.START, key=key))
    assert reused.code == "idempotency_key_reused"
    import requests

    token = hub.register_terminal("raw-desk", mode=m.TerminalMode.COUNTER)
    with HubClient(hub.base_url, token=token) as raw:
        raw.sign_in_clerk("W02", m.ClerkSignIn(staff_no="S002", pin=PIN))
    plain = requests.post(
        f"{hub.base_url}{m.API_PREFIX}/counters/W02/call-next",
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )
    assert plain.status_code == 428 and plain.json()["code"] == "idempotency_key_required"


def test_park_and_call_back_and_the_lists(client: HubClient, counter: HubClient) -> None:
    first = issue(client)
    issue(client)
    elder = issue(client, priority=m.Priority.PRIORITY)
    called = counter.call_next("W01")
    assert called.ticket_id == elder.ticket_id  # 老弱病残孕 first
    counter.ticket_action("W01", called.ticket_id, A.HOLD)
    lists = counter.window_queues("W01")
    assert [t.number for t in lists.waiting] == ["A001", "A002"]
    assert [t.number for t in lists.parked] == [elder.number]
    back = counter.call_number("W01", elder.number)  # parked here: no reason needed
    assert back.state is m.TicketState.CALLED and back.number == elder.number
    counter.ticket_action("W01", back.ticket_id, A.START)
    done = counter.finish_ticket(
        "W01", back.ticket_id, m.FinishRequest(outcome=m.ServiceOutcome.SUPPLEMENT, note="缺户口本")
    )
    assert done.outcome is m.ServiceOutcome.SUPPLEMENT and done.state is m.TicketState.DONE
    assert counter.window_queues("W01").parked == []
    assert counter.call_next("W01").ticket_id == first.ticket_id


def test_transfer_to_a_window_or_a_clerk_keeps_place_and_priority(
    client: HubClient, counter: HubClient, clock: Any
) -> None:
    elder = issue(client, priority=m.Priority.PRIORITY)
    clock.advance(minutes=1)
    issue(client, "social_security")
    called = counter.call_next("W01")
    counter.ticket_action("W01", called.ticket_id, A.START)
    to_window = m.TransferRequest(counter_code="W02", note="需核对居住证")
    moved = counter.transfer_ticket("W01", called.ticket_id, to_window)
    assert moved.priority is m.Priority.PRIORITY and moved.issued_at == elder.issued_at
    assert moved.category_code == "general"
    assert all(w.number != moved.number for w in counter.window_queues("W01").waiting)
    mine = counter.window_queues("W02").waiting[0]
    assert (mine.number, mine.for_this_window, mine.note) == (moved.number, True, "需核对居住证")
    at_w02 = counter.call_next("W02")
    assert at_w02.number == moved.number and at_w02.note == "需核对居住证"
    counter.ticket_action("W02", at_w02.ticket_id, A.START)
    to_clerk = counter.transfer_ticket("W02", at_w02.ticket_id, m.TransferRequest(staff_no="S003"))
    assert counter.call_next("W03").number == to_clerk.number  # S003's window, not its queue


def test_the_window_is_found_again_after_a_restart(
    hub: EmbeddedHub, client: HubClient, desk: HubClient, clerks: Any
) -> None:
    issue(client)
    clerks.sign_in(desk, "W01")
    called = desk.call_next("W01")
    desk.ticket_action("W01", called.ticket_id, A.START)
    token = hub.register_terminal("desk-01", mode=m.TerminalMode.COUNTER)  # same id: rotated
    with HubClient(hub.base_url, token=token) as restarted:
        assert restarted.counter_session("W01").serving is not None  # before signing in
        assert rejected(lambda: restarted.call_next("W01")).code == "invalid_transition"
        session = restarted.sign_in_clerk("W01", m.ClerkSignIn(staff_no="S001", pin=PIN))
        assert session.serving is not None and session.serving.ticket_id == called.ticket_id
        assert session.serving.state is m.TicketState.SERVING
        restarted.finish_ticket("W01", called.ticket_id, DONE)


def test_the_queues_chosen_for_the_day_narrow_call_next(
    client: HubClient, counter: HubClient
) -> None:
    issue(client)
    pension = issue(client, "social_security")
    chosen = counter.choose_queues("W01", m.QueueChoice(category_codes=["social_security"]))
    assert chosen.category_codes == ["social_security"]
    assert counter.call_next("W01").ticket_id == pension.ticket_id
    refused = rejected(
        lambda: counter.choose_queues("W01", m.QueueChoice(category_codes=["housing"]))
    )
    assert refused.status == 422


def test_twenty_windows_calling_at_once_never_share_a_ticket(
    hub: EmbeddedHub, client: HubClient, tmp_path: Path
) -> None:
    windows = [f"X{i:02d}" for i in range(20)]
    queues = (sample_dir() / "queues.toml").read_text(encoding="utf-8")
    queues += "".join(
        f'\n[[counters]]\ncode = "{w}"\nname = "{w}"\ncategories = ["general"]\n' for w in windows
    )
    (tmp_path / "queues.toml").write_text(queues, encoding="utf-8")
    load_queues(hub.context, tmp_path / "queues.toml")
    pin = hash_pin("1357")
    staff = "".join(
        f'[[staff]]\nstaff_no = "C{i:02d}"\nname = "示例{i}"\npin_hash = "{pin}"\n\n'
        for i in range(20)
    )
    (tmp_path / "staff.toml").write_text(staff, encoding="utf-8")
    assert load_staff(hub.context, tmp_path / "staff.toml") == 20
    for _ in range(25):
        issue(client)
    clients = []
    for i, window in enumerate(windows):
        token = hub.register_terminal(f"desk-{window}", mode=m.TerminalMode.COUNTER)
        desk = HubClient(hub.base_url, token=token)
        desk.sign_in_clerk(window, m.ClerkSignIn(staff_no=f"C{i:02d}", pin="1357"))
        clients.append(desk)
    try:
        with ThreadPoolExecutor(max_workers=20) as pool:
            called = list(pool.map(HubClient.call_next, clients, windows))
    finally:
        for desk in clients:
            desk.close()
    assert len({c.ticket_id for c in called}) == 20
    with hub.context.sessions() as session:
        states = session.execute(select(Ticket.state)).scalars().all()
        assert states.count("called") == 20 and states.count("issued") == 5


@pytest.mark.parametrize(
    ("entry", "says"),
    [
        ('staff_no = "S9"\nname = "甲"\npin_hash = "1234"', "made by `kiosk admin-pin`"),
        (
            'staff_no = "S9"\nname = "甲"\npin_hash = "{pin}"\nrole = "boss"',
            "unknown keys ['role']",
        ),
        ('staff_no = "S 9"\nname = "甲"\npin_hash = "{pin}"', "staff 1 (S 9)"),
        ('staff_no = "S9"\npin_hash = "{pin}"', "name is required"),
        ('staff_no = "S9"\nname = "甲"\npin_hash = "{pin}"\nphoto = "none.png"', "cannot be read"),
    ],
)
def test_a_wrong_staff_file_names_the_entry_and_loads_nothing(
    hub: EmbeddedHub, tmp_path: Path, entry: str, says: str
) -> None:
    from hub.clerks import StaffFileError

    path = tmp_path / "staff.toml"
    path.write_text("[[staff]]\n" + entry.replace("{pin}", hash_pin("1234")), encoding="utf-8")
    with pytest.raises(StaffFileError, match=re.escape(says)) as info:
        load_staff(hub.context, path)
    assert str(info.value).startswith("staff.toml staff 1")
    with hub.context.sessions() as session:
        assert session.get(StaffRow, "S9") is None


def test_a_rating_names_the_clerk_and_window_and_no_answer_is_not_a_rating(
    client: HubClient, counter: HubClient, hub: EmbeddedHub
) -> None:
    rated, silent = issue(client), issue(client)
    for ticket in (rated, silent):
        called = counter.call_next("W01")
        assert called.ticket_id == ticket.ticket_id
        counter.ticket_action("W01", called.ticket_id, A.START)
        counter.finish_ticket("W01", called.ticket_id, DONE)
    answer = m.EvaluationCreate(
        subject_type=m.SubjectType.TICKET,
        subject_id=rated.ticket_id,
        rating=m.Rating.VERY_SATISFIED,
        channel="4",  # hall tablet
    )
    counter.evaluate(answer)
    counter.record_not_rated("W01", silent.ticket_id)
    assert counter.clerk_photo("S001").startswith(b"\x89PNG")
    with hub.context.sessions() as session:
        rows = session.execute(select(EvaluationRow)).scalars().all()
        assert [(r.subject_id, r.counter_code, r.staff_no, r.channel) for r in rows] == [
            (rated.ticket_id, "W01", "S001", "4")
        ]
        quiet = session.execute(
            select(CounterEvent).where(CounterEvent.kind == "not_rated")
        ).scalar_one()
        assert quiet.detail == {"ticket": silent.ticket_id} and quiet.staff_no == "S001"
    assert rejected(lambda: counter.clerk_photo("S999")).status == 404


HOLDER = "11010519491231002X"  # a fictional citizen with a case at the hub
STRANGER = "110105195001011111"


def a_case_of(client: HubClient, id_number: str, name: str = "张三丰") -> m.CaseReceipt:
    """A business licence case submitted at a kiosk for ``id_number``, materials still to come."""
    declared = []
    for code in ("application", "id_card", "premises"):
        content = f"%PDF-1.4 {code}\n".encode() + bytes(100)
        digest = hashlib.sha256(content).hexdigest()
        declared.append(
            m.MaterialDeclaration(code=code, name=code, sha256=digest, size=len(content))
        )
    form = {
        "business_scope": "零售",
        "premises_address": "示例区城东街道1号",
        "phone": "13800138000",
    }
    request = m.CaseCreate(
        item_code="XK00402001-990101-SJ",
        applicant=m.Person(name=name, id_number=id_number, phone="13800138000"),
        form=form,
        materials=declared,
        delivery=m.DeliveryMethod.PICKUP,
    )
    return client.create_case(request, idempotency_key=uuid.uuid4().hex)


def test_the_citizen_in_front_of_the_clerk_is_masked_until_their_card_is_read(
    client: HubClient, counter: HubClient, hub: EmbeddedHub
) -> None:
    case = a_case_of(client, HOLDER)
    ticket = issue(client, "business", id_number=HOLDER)  # real-name: the holder is known
    called = counter.call_next("W03")
    assert called.ticket_id == ticket.ticket_id and called.real_name
    masked = counter.citizen_at_window("W03", ticket.ticket_id)
    assert not masked.verified and masked.holder_name == "张*丰"
    (shown,) = masked.cases
    assert shown.case_number != case.case_number and shown.case_number.endswith(
        case.case_number[-2:]
    )
    assert shown.materials_pending == ["application", "id_card", "premises"]
    card = m.CardAtWindow(id_number=HOLDER, name="张三丰")
    full = counter.citizen_at_window("W03", ticket.ticket_id, card)
    assert full.verified and full.holder_name == "张三丰"
    assert [c.case_number for c in full.cases] == [case.case_number]
    other = counter.citizen_at_window(
        "W03", ticket.ticket_id, m.CardAtWindow(id_number=STRANGER, name="李四")
    )
    assert other.card_mismatch and not other.verified and other.holder_name == "张*丰"
    assert other.cases[0].case_number == shown.case_number  # still the holder's, still masked
    with hub.context.sessions() as session:
        flagged = session.execute(
            select(CounterEvent).where(CounterEvent.kind == "card_mismatch")
        ).scalar_one()
        assert flagged.detail == {"ticket": ticket.ticket_id}  # no card number kept


def test_a_walk_ins_card_shows_their_cases_and_an_appointment_its_slot(
    client: HubClient, counter: HubClient, clock: Any
) -> None:
    case = a_case_of(client, STRANGER, "李四")
    walk_in = issue(client)
    counter.call_next("W01")
    assert counter.citizen_at_window("W01", walk_in.ticket_id).cases == []  # nobody known
    card = m.CardAtWindow(id_number=STRANGER, name="李四")
    seen = counter.citizen_at_window("W01", walk_in.ticket_id, card)
    assert seen.verified and [c.case_number for c in seen.cases] == [case.case_number]
    counter.ticket_action("W01", walk_in.ticket_id, A.START)
    counter.finish_ticket("W01", walk_in.ticket_id, DONE)
    booked = client.book_appointment(
        m.AppointmentBook(
            category_code="general", id_number=HOLDER, slot_date=clock().date(), slot_start="09:30"
        )
    )
    arrived = client.check_in(m.CheckIn(code=booked.code))
    assert counter.call_next("W01").ticket_id == arrived.ticket_id
    at_window = counter.citizen_at_window("W01", arrived.ticket_id)
    assert at_window.appointment is not None and at_window.appointment.slot_start == "09:30"
    assert rejected(lambda: counter.citizen_at_window("W02", arrived.ticket_id)).status == 404


def test_a_rating_pad_paired_through_the_hub_asks_once_per_service(
    hub: EmbeddedHub, client: HubClient, counter: HubClient, clock: Any
) -> None:
    def served() -> m.TicketIssued:
        ticket = issue(client)
        called = counter.call_next("W01")
        counter.ticket_action("W01", called.ticket_id, A.START)
        counter.finish_ticket("W01", called.ticket_id, DONE)
        return ticket

    token = hub.register_terminal("PAD-01", mode=m.TerminalMode.RATING_PAD)
    with HubClient(hub.base_url, token=token) as pad:
        assert rejected(lambda: pad.pad_view("W01")).status == 403  # not paired yet
        view = pad.pair_pad("W01")
        assert view.window.clerk is not None and view.window.clerk.staff_no == "S001"
        assert view.rating is None
        first = served()
        asked = pad.pad_view("W01").rating
        assert asked is not None and asked.ticket_id == first.ticket_id
        pad.evaluate(
            m.EvaluationCreate(
                subject_type=m.SubjectType.TICKET,
                subject_id=first.ticket_id,
                rating=m.Rating.SATISFIED,
                channel="4",
            )
        )
        assert pad.pad_view("W01").rating is None  # rated: asked once
        second = served()
        assert pad.pad_view("W01").rating is not None
        pad.record_not_rated("W01", second.ticket_id)
        assert pad.pad_view("W01").rating is None
        served()
        clock.advance(seconds=31)  # the hall's rating time has passed
        assert pad.pad_view("W01").rating is None
    other = hub.register_terminal("PAD-02", mode=m.TerminalMode.RATING_PAD)
    with HubClient(hub.base_url, token=other) as stranger:
        assert rejected(lambda: stranger.pad_view("W01")).status == 403
        assert rejected(lambda: stranger.record_not_rated("W01", second.ticket_id)).status == 403
    assert rejected(lambda: client.pair_pad("W01")).status == 403  # a kiosk is not a pad


def test_the_halls_screens_see_every_window_without_citizens_data(
    hub: EmbeddedHub, client: HubClient, counter: HubClient
) -> None:
    issue(client, id_number=HOLDER)
    counter.call_next("W01")
    counter.set_window_state(
        "W02", m.WindowStateChange(state=m.WindowState.PAUSED, reason=m.PauseReason.MEETING)
    )
    token = hub.register_terminal("WALL-01", mode=m.TerminalMode.DISPLAY)
    with HubClient(hub.base_url, token=token) as wall:
        windows = {w.counter_code: w for w in wall.windows()}
    assert windows["W01"].serving_number == "A001" and windows["W01"].clerk is not None
    assert windows["W02"].state is m.WindowState.PAUSED
    assert windows["W02"].pause_reason is m.PauseReason.MEETING
    text = str([w.model_dump() for w in windows.values()])
    assert HOLDER not in text and hub.context.id_digest(HOLDER) not in text
