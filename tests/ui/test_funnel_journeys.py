"""The funnel from real journeys: a citizen submits a case with an ID card and a phone number
and rates it from the receipt, takes a ticket, gives up another, lets a second case time out at
the form and is refused a check-in — on the kiosk window over the embedded hub on loopback.
Each session leaves one run with its steps and how it ended; the kiosk's store and the hub's
tables hold nothing of the person, nor the case's or the ticket's number; the runs reach the
hub over HTTP and the funnel report counts them."""

from __future__ import annotations

import json
import sqlite3
from datetime import timedelta

import case_driver as d
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from contract import models as m
from contract.privacy import mask_id, mask_name
from drivers.idcard.samples import sample_resident
from hub import reports
from hub.db import JourneyRunRow, JourneyRunStepRow
from kiosk.app import Terminal
from kiosk.funnel.build import STORE_FILE

CARD = sample_resident()
NAME, NUMBER = CARD.name or "", CARD.id_number or ""
PHONE = "13900005678"  # typed on the case's form (case_driver)
NEEDLES = (NAME, NUMBER, mask_name(NAME), mask_id(NUMBER), NUMBER[-6:], PHONE, PHONE[-4:])
CASE_STEPS = "finding guide identifying form materials delivery review storing receipt"


def test_journeys_leave_runs_with_nothing_personal(
    qtbot: QtBot, themed: object, terminal: Terminal
) -> None:
    funnel = terminal.funnel
    assert funnel is not None
    funnel.sender.stop()  # sent below, when the test says so
    citizen = d.birth_case_to_review(qtbot, terminal)
    window, journey = citizen.window, citizen.journey
    ended: list[str] = []
    window.session_ended.connect(ended.append)

    # 1. The case submitted, then rated from its receipt (评价本次服务: a session of its own).
    d.submit(citizen)
    assert journey.receipt is not None
    numbers = [journey.receipt.number]
    citizen.tap(journey.receipt_page.rate)
    rating = window.rating
    qtbot.waitUntil(lambda: rating.currentWidget() is rating.rate_page, timeout=20000)
    citizen.tap(rating.picker.level_buttons[m.Rating.SATISFIED])
    citizen.tap(rating.submit_button)
    qtbot.waitUntil(lambda: rating.currentWidget() is rating.thanks_page, timeout=20000)
    citizen.tap(rating.thanks_button)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.home, timeout=5000)
    d.take_card_away(qtbot, terminal)

    # 2. A ticket taken and 3. one given up on the first page.
    ticket = window.ticket
    for give_up in (False, True):
        qtbot.mouseClick(window.home.tiles["ticket"], Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: ticket.currentWidget() is ticket.choose_page, timeout=10000)
        if give_up:
            qtbot.mouseClick(window.finish_button, Qt.MouseButton.LeftButton)
        else:
            first = next(iter(terminal.ticket_desk.categories())).code
            qtbot.mouseClick(ticket.category_buttons[first], Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: ticket.currentWidget() is ticket.ticket_page, timeout=10000)
            assert ticket.flow.outcome is not None
            numbers.append(ticket.flow.outcome.ticket.number)
            qtbot.mouseClick(ticket.done_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.stack.currentWidget() is window.home, timeout=5000)

    # 4. A second case: the card read, a phone number typed, then the citizen walks away.
    window.idle.set_timeout(1)
    window.overlay.countdown_s = 1
    d.begin(citizen, "生育", d.BIRTH)
    d.card(terminal)
    citizen.at("form")
    citizen.type_digits(citizen.go_to("phone").edit, PHONE)
    with qtbot.waitSignal(window.session_ended, timeout=20000) as idle:
        pass
    assert idle.args == ["idle"]
    d.take_card_away(qtbot, terminal)
    window.idle.set_timeout(terminal.settings.terminal.idle_timeout)

    # 5. A check-in with the card and no appointment: refused, and the citizen leaves.
    checkin = window.checkin
    terminal.devices.camera = None  # the demo camera shows a receipt's code: the card alone
    qtbot.mouseClick(window.home.tiles["checkin"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: checkin.currentWidget() is checkin.wait_page, timeout=5000)
    d.card(terminal)
    qtbot.waitUntil(lambda: checkin.currentWidget() is checkin.refused_page, timeout=20000)
    qtbot.mouseClick(window.finish_button, Qt.MouseButton.LeftButton)
    d.take_card_away(qtbot, terminal)
    assert ended == ["rate", "journey", "journey", "finish", "idle", "finish"]
    assert journey.flow.draft is None

    # The kiosk kept one run per session, as they went.
    runs = [
        (r.journey.value, " ".join(r.steps), r.ended_at, r.outcome.value) for r in kept(terminal)
    ]
    assert runs == [
        ("case", CASE_STEPS, "receipt", "finished"),
        ("rating", "checking rating submitting thanked", "thanked", "finished"),
        ("ticket", "choosing issuing showing", "showing", "finished"),
        ("ticket", "choosing", "choosing", "gave_up"),
        ("case", "finding guide identifying form", "form", "timed_out"),
        ("checkin", "waiting checking refused", "refused", "failed"),
    ]
    # Nothing of the citizen in any file of the store, the journal included.
    needles = (*NEEDLES, *numbers)
    files = list(terminal.data_dir.glob(STORE_FILE + "*"))
    raw = b"".join(path.read_bytes() for path in files)
    assert b'"ended_at":"receipt"' in raw  # the runs are there, in the clear (a run's words)
    found = [n for n in needles if n.encode() in raw]
    assert not found, f"{[p.name for p in files]} hold {found}"

    # Sent over HTTP to the hub, which now has them (and the kiosk no more).
    report = funnel.sender.send_pending()
    assert (report.sent, report.failed, report.remaining) == (6, False, 0)
    hub = terminal.local_hub
    assert hub is not None
    ctx = hub.context  # type: ignore[attr-defined]
    with ctx.reading() as session:
        rows = session.execute(select(JourneyRunRow)).scalars().all()
        steps = session.execute(select(JourneyRunStepRow.step)).scalars().all()
        stored = [
            {c.name: str(getattr(row, c.name)) for c in JourneyRunRow.__table__.columns}
            for row in rows
        ]
    assert [(r.journey, r.ended_at, r.outcome) for r in rows] == [
        (a, c, d_) for a, _, c, d_ in runs
    ]
    assert {r.terminal_id for r in rows} == {terminal.settings.terminal.id}
    assert len(steps) == sum(len(s.split()) for _, s, _, _ in runs)
    text = json.dumps(stored, ensure_ascii=False) + " ".join(steps)
    assert not [n for n in needles if n in text]

    # The funnel counts them (today in the hall, whatever this machine's zone).
    today = ctx.today()
    table = reports.run(
        ctx,
        m.ReportName.FUNNEL,
        today - timedelta(days=1),
        today + timedelta(days=1),
        m.Dimension.ALL,
    )
    cells = {(r[1], r[2]): r[3:] for r in table.rows}
    assert cells[("case", "form")] == [2, 1.0, 0, 1, 0, 0]
    assert cells[("case", "receipt")] == [1, 0.5, 0, 0, 0, 1]
    assert cells[("ticket", "choosing")] == [2, 1.0, 1, 0, 0, 0]
    assert cells[("checkin", "refused")] == [1, 1.0, 0, 0, 1, 0]


def kept(terminal: Terminal) -> list[m.JourneyRun]:
    """The runs in the kiosk's store, read from its file."""
    with sqlite3.connect(terminal.data_dir / STORE_FILE) as db:
        rows = db.execute("SELECT run FROM runs ORDER BY seq").fetchall()
    return [m.JourneyRun.model_validate_json(text) for (text,) in rows]
