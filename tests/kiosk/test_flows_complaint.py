"""投诉建议 journey without Qt, against the hub over HTTP: choosing the subject, the text kept
to its limit, the phone number only behind consent, one complaint however often it is sent
again after a failure, everything forgotten at the end; and its status in 进度查询 by the
reference alone."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from contract import models as m
from hub.db import ComplaintRow
from hub.embedded import EmbeddedHub
from kiosk.api.client import HubClient
from kiosk.api.errors import HubUnreachable
from kiosk.journeys.complaint.desk import ComplaintDesk
from kiosk.journeys.complaint.flow import (
    MAX_TEXT,
    ComplaintFlow,
    ComplaintRefusal,
    ComplaintState,
)
from kiosk.journeys.progress.desk import ProgressDesk
from kiosk.journeys.progress.flow import ProgressFlow, ProgressRefusal, ProgressState

S = ComplaintState
TEXT = "等候区座位太少，建议增加。"


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[EmbeddedHub]:
    with EmbeddedHub(tmp_path / "hub") as running:
        yield running


@pytest.fixture
def client(hub: EmbeddedHub) -> Iterator[HubClient]:
    with HubClient(hub.base_url, token=hub.register_terminal("K01")) as c:
        yield c


def rows(hub: EmbeddedHub) -> list[ComplaintRow]:
    from sqlalchemy import select

    with hub.context.sessions() as session:
        return list(session.execute(select(ComplaintRow)).scalars())


def written(flow: ComplaintFlow, text: str = TEXT) -> ComplaintFlow:
    flow.write(text)
    assert flow.written()
    return flow


def test_a_subject_is_needed_except_for_the_hall() -> None:
    flow = ComplaintFlow()
    assert not flow.choose("complaint", "window", None)
    assert not flow.choose("complaint", "clerk", "  ")
    assert flow.state is S.ABOUT
    assert flow.choose("complaint", "clerk", " s001 ")
    assert (flow.subject, flow.state) == ("S001", S.WRITING)
    flow.back()
    assert flow.choose("suggestion", "hall", "ignored")
    assert (flow.about, flow.subject) == ("hall", None)


def test_the_text_stops_at_its_limit_and_blank_is_not_enough() -> None:
    flow = ComplaintFlow()
    flow.choose("suggestion", "hall")
    flow.write("  ")
    assert not flow.written() and flow.state is S.WRITING
    flow.write("建" * 10_000)
    assert len(flow.text) == MAX_TEXT
    assert flow.written() and flow.state is S.CONTACT


def test_a_phone_number_only_with_consent() -> None:
    flow = ComplaintFlow()
    flow.choose("suggestion", "hall")
    written(flow)
    flow.set_phone("13800138000")
    assert flow.phone == ""  # not even kept without the tick
    flow.set_consent(True)
    flow.set_phone("138 0013 8000")
    assert flow.phone == "13800138000" and flow.phone_ok
    assert flow.request().phone_consent is True
    flow.set_phone("12800138000")
    assert not flow.phone_ok
    with pytest.raises(ValueError):
        flow.send()
    flow.set_phone("13800138000")
    flow.set_consent(False)  # changed their mind: the number goes with the tick
    assert flow.phone == "" and flow.request().phone is None


def test_sent_after_a_failure_once_and_forgotten(hub: EmbeddedHub, client: HubClient) -> None:
    flow = ComplaintFlow()
    flow.choose("complaint", "window", "W03", "3号窗口")
    written(flow)
    flow.set_consent(True)
    flow.set_phone("13800138000")
    desk = ComplaintDesk(client)
    request, key = flow.send()
    # The answer was lost on the way back: the hub has it, the kiosk does not know.
    desk.send(request, key)
    flow.failed(HubUnreachable("the answer was lost"))
    assert (flow.state, flow.refusal) == (S.FAILED, ComplaintRefusal.HUB_UNREACHABLE)
    again, same_key = flow.send()  # 重试
    assert same_key == key and flow.state is S.SENDING
    flow.sent(desk.send(again, same_key))
    assert flow.state is S.SENT and flow.receipt is not None
    assert flow.receipt.reference.startswith("TS20")
    assert [(r.reference, r.phone) for r in rows(hub)] == [(flow.receipt.reference, "13800138000")]
    assert "13800138000" not in repr(flow) and TEXT not in repr(flow)
    flow.dismiss()
    flow.forget()
    assert (flow.text, flow.phone, flow.key, flow.receipt) == ("", "", "", None)


def test_a_refusal_shows_the_hubs_words(client: HubClient) -> None:
    flow = ComplaintFlow()
    flow.choose("complaint", "window", "W99")
    request, key = written(flow).send()
    try:
        ComplaintDesk(client).send(request, key)
    except Exception as exc:  # the hub's 422 for a window it does not have
        flow.failed(exc)
    assert flow.refusal is ComplaintRefusal.REJECTED
    assert "没有这个窗口" in flow.hub_message


def test_progress_looks_a_reference_up_as_a_complaint(client: HubClient) -> None:
    receipt = ComplaintDesk(client).send(
        m.ComplaintCreate(kind=m.ComplaintKind.SUGGESTION, about=m.ComplaintAbout.HALL, text=TEXT),
        "k",
    )
    flow = ProgressFlow()
    assert flow.scanned(receipt.reference)  # the slip's QR carries the reference
    assert flow.is_complaint and flow.ready  # no proof asked for: the status says nothing
    desk = ProgressDesk(client)
    flow.found(desk.look_up(flow.look_up()))
    assert flow.state is ProgressState.SHOWING and flow.status is None
    assert flow.complaint is not None
    assert (flow.complaint.reference, flow.complaint.state) == (
        receipt.reference,
        m.ComplaintState.RECEIVED,
    )
    flow.retry()
    assert flow.complaint is None
    flow.scanned("TS202603020000000")  # unknown: the same refusal as a wrong case number
    try:
        desk.look_up(flow.look_up())
    except Exception as exc:
        flow.failed(exc)
    assert flow.refusal is ProgressRefusal.NOT_MATCHED


def test_the_slip_says_where_to_follow_it_and_nothing_of_the_citizen(
    client: HubClient, tmp_path: Path
) -> None:
    from drivers.printer.profile import PrinterProfile
    from kiosk.printing import TicketPrinter

    printer = TicketPrinter("virtual", PrinterProfile.from_dict({"paper": 58}), tmp_path)
    desk = ComplaintDesk(client, printer, "示例区政务服务中心", "12345")
    flow = ComplaintFlow()
    flow.choose("complaint", "window", "W01")
    written(flow)
    flow.set_consent(True)
    flow.set_phone("13800138000")
    outcome = desk.send_and_print(*flow.send())
    assert outcome.printed and outcome.paper_png is not None
    reference = outcome.receipt.reference
    printed = (tmp_path / f"complaint-{reference}.txt").read_text(encoding="utf-8")
    slip = "".join(line.strip() for line in printed.splitlines())  # as read, not as wrapped
    for said in (reference, "投诉建议回执", "窗口", "W01", "热线", "12345", "在进度查询中查看"):
        assert said in slip, said
    assert f"{outcome.receipt.submitted_at.astimezone():%Y-%m-%d}" in slip
    for secret in (TEXT, "13800138000", "138****"):
        assert secret not in slip, secret


def test_a_printer_that_fails_loses_no_reference(client: HubClient, tmp_path: Path) -> None:
    from drivers.printer.profile import PrinterProfile
    from kiosk.printing import TicketPrinter

    # A network printer nobody listens on: the complaint is kept, the slip is not printed.
    printer = TicketPrinter("tcp://127.0.0.1:9", PrinterProfile.from_dict({}), tmp_path)
    flow = ComplaintFlow()
    flow.choose("suggestion", "hall")
    outcome = ComplaintDesk(client, printer, "大厅").send_and_print(*written(flow).send())
    assert not outcome.printed and outcome.receipt.reference.startswith("TS")
