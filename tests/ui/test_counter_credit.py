"""The applicant's credit status on the window's workbench (信用查询), over a real hub on
loopback: shown for an item that requires the check (失信 with its source and date, 未见记录),
nothing for other items, gone when the case closes."""

from __future__ import annotations

import hashlib
import threading
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from contract import models as m
from hub.credit.lists import import_credit_file
from hub.embedded import EmbeddedHub
from kiosk.api.client import HubClient
from kiosk.counter.desk import CounterDesk
from ui.counter.window import CounterWindow

LISTED = "11010519491231002X"
CLEAN = "320102199006152341"
BUSINESS = "XK00402001-990101-SJ"  # 个体工商户设立登记: credit_check in the sample catalog
WAIT = 10000
PDF = b"%PDF-1.4 a scanned page"


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 1, 30, tzinfo=UTC)  # Monday 09:30 in Beijing
        self._lock = threading.Lock()

    def __call__(self) -> datetime:
        with self._lock:
            return self.now


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[EmbeddedHub]:
    with EmbeddedHub(tmp_path / "hub", clock=Clock()) as server:
        lists = tmp_path / "lists.csv"
        lists.write_text(
            "subject_type,id,list,source,listed_on,reason\n"
            f"person,{LISTED},black,区发改委,2026-01-05,拒不履行法院判决\n",
            encoding="utf-8",
        )
        import_credit_file(server.context, lists)
        yield server


@pytest.fixture
def kiosk(hub: EmbeddedHub) -> Iterator[HubClient]:
    with HubClient(hub.base_url, token=hub.register_terminal("KIOSK-01")) as client:
        yield client


@pytest.fixture
def window(
    qtbot: QtBot, hub: EmbeddedHub, sign_in_clerk: Callable[..., None]
) -> Iterator[CounterWindow]:
    token = hub.register_terminal("WIN-W01", mode=m.TerminalMode.COUNTER)
    client = HubClient(hub.base_url, token=token, retries=0)
    window = CounterWindow(CounterDesk(client, "W01"), "示例区政务服务中心")
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    sign_in_clerk(qtbot, window, "S001")
    yield window
    window.refresh_timer.stop()
    window.retry_timer.stop()
    client.close()


def business_case(kiosk: HubClient, id_number: str) -> m.CaseReceipt:
    request = m.CaseCreate(
        item_code=BUSINESS,
        applicant=m.Person(name="王五", id_number=id_number),
        identity_source=m.IdentitySource.ID_CARD,
        form={
            "business_scope": "日用百货零售",
            "premises_address": "示例区城东街道幸福路8号",
            "phone": "13900139000",
        },
        materials=[
            m.MaterialDeclaration(
                code=code, name=code, sha256=hashlib.sha256(PDF).hexdigest(), size=len(PDF)
            )
            for code in ("application", "id_card", "premises")
        ],
    )
    return kiosk.create_case(request, idempotency_key=uuid.uuid4().hex)


def opened(qtbot: QtBot, window: CounterWindow, receipt: m.CaseReceipt) -> None:
    window.open_workbench(receipt.case_number)
    qtbot.waitUntil(
        lambda: (
            window.workbench.case is not None and window.workbench.case.case_id == receipt.case_id
        ),
        timeout=WAIT,
    )


def test_the_workbench_shows_the_applicants_credit_status_for_a_credit_check_item(
    qtbot: QtBot,
    window: CounterWindow,
    kiosk: HubClient,
    case_request: Callable[..., m.CaseCreate],
) -> None:
    badge = window.workbench.credit
    opened(qtbot, window, business_case(kiosk, LISTED))
    qtbot.waitUntil(lambda: badge.status is m.CreditStatus.BLACK, timeout=WAIT)
    assert badge.isVisible()
    assert badge.text().splitlines() == [
        "信用：失信",
        "  失信名单 · 区发改委 · 2026-01-05 · 拒不履行法院判决",
    ]
    assert LISTED not in badge.text()

    opened(qtbot, window, business_case(kiosk, CLEAN))
    qtbot.waitUntil(lambda: badge.status is m.CreditStatus.NOT_LISTED, timeout=WAIT)
    assert badge.text() == "信用：未见记录" and badge.isVisible()

    # An item without the check: nothing shows, not even the last applicant's status.
    other = kiosk.create_case(case_request(id_number=LISTED), idempotency_key=uuid.uuid4().hex)
    opened(qtbot, window, other)
    qtbot.wait(300)  # a lookup, if one were made, would have answered by now
    assert badge.status is None and not badge.isVisible() and badge.text() == ""

    opened(qtbot, window, business_case(kiosk, LISTED))
    qtbot.waitUntil(lambda: badge.status is m.CreditStatus.BLACK, timeout=WAIT)
    window.workbench.close_case()  # the case closes (the clerk signs out): the status goes
    assert badge.status is None and not badge.isVisible() and badge.text() == ""
