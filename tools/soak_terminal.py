"""A terminal driven to one point of a journey, then left running to be killed (soak tests).

    PYTHONPATH=. python tools/soak_terminal.py DATA_DIR POINT

POINT is where it stops: ``started``, ``card_read`` (the sample card read at check-in),
``page_captured`` (a case's page in memory), ``case_stored`` (a case durable in the outbox) or
``ticket_printed``. It prints ``READY <point> <stored entry or ->`` and sleeps until killed.
"""

from __future__ import annotations

import queue
import sys
import time
from pathlib import Path

from contract.models import DeliveryMethod, IdentitySource
from drivers.idcard import CardRead
from kiosk.app import build_terminal, demo_settings, installed_local_hub
from kiosk.forms import form_specs
from kiosk.identity import Identity
from kiosk.journeys.case.service import CapturedMaterial, CaseDraft

NAME, ID_NUMBER = "张示例", "11010519491231002X"  # the sample card's citizen
BIRTH = "GG00515001-990101-WJ"


def main() -> None:
    data_dir, point = Path(sys.argv[1]), sys.argv[2]
    settings = demo_settings("hall", data_dir=data_dir, voice="none")
    terminal = build_terminal(settings, local_hub=installed_local_hub("demo"))
    stored = "-"
    if point == "card_read":
        monitor = terminal.devices.id_monitor
        assert monitor is not None
        events: queue.Queue[object] = queue.Queue()
        monitor.subscribe(events.put)
        terminal.devices.place_sample_card()
        while not isinstance(events.get(timeout=20), CardRead):
            pass
    elif point in ("page_captured", "case_stored"):
        cases = terminal.cases
        assert cases is not None
        cases.catalog.refresh()
        item = cases.catalog.item(BIRTH)
        assert item is not None
        cases.camera.begin("id_card")
        assert not cases.camera.capture().issues
        if point == "case_stored":
            material = cases.camera.finish()
            draft = CaseDraft(item, Identity(NAME, ID_NUMBER, IdentitySource.ID_CARD))
            draft.answers = {"expected_date": "20270315", "phone": "13900005678"}
            draft.materials["id_card"] = CapturedMaterial(
                "id_card", "居民身份证", material.pdf, material.sha256, material.size, 1
            )
            draft.delivery = DeliveryMethod.ELECTRONIC
            stored = cases.service.store(draft, form_specs(item)).entry_id
    elif point == "ticket_printed":
        terminal.ticket_desk.take_ticket("general")
    print(f"READY {point} {stored}", flush=True)
    while True:
        time.sleep(60)


if __name__ == "__main__":
    main()
