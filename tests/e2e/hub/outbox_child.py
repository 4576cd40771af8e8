"""A kiosk process for the fault tests: write cases to the outbox, then (optionally) send them.

    python outbox_child.py OUTBOX KEY HUB_URL TOKEN COUNT write|send

Prints ``ready <entry ids>`` once every case is committed, then either waits to be killed
(``write``) or runs one drain pass (``send``) and prints ``drained``.
"""

from __future__ import annotations

import hashlib
import sys
import threading
from pathlib import Path

from contract.models import CaseCreate, DeliveryMethod, MaterialDeclaration, Person

NAME = "赵六"
ID_NUMBER = "360426199101010071"
ITEM = "XK00402001-990101-SJ"


def make_case(tag: str, size: int = 64 * 1024) -> tuple[CaseCreate, dict[str, bytes]]:
    materials = {
        code: (f"%PDF-1.4 {code} {tag}\n".encode() + bytes(size))[:size]
        for code in ("application", "id_card", "premises")
    }
    case = CaseCreate(
        item_code=ITEM,
        applicant=Person(name=NAME, id_number=ID_NUMBER, phone="13700000000"),
        form={
            "business_scope": f"小吃 {tag}",
            "premises_address": "湖滨街道8号",
            "phone": "13700000000",
        },
        materials=[
            MaterialDeclaration(code=c, name=c, sha256=hashlib.sha256(b).hexdigest(), size=len(b))
            for c, b in materials.items()
        ],
        delivery=DeliveryMethod.PICKUP,
    )
    return case, materials


def main(argv: list[str]) -> int:
    from kiosk.api.client import HubClient
    from kiosk.outbox.sender import OutboxSender
    from kiosk.outbox.store import Outbox

    outbox_path, key_path, url, token, count, mode = argv
    with Outbox(Path(outbox_path), Path(key_path), terminal_id="K01") as outbox:
        ids = [outbox.submit(*make_case(str(i))).entry_id for i in range(int(count))]
        print("ready " + " ".join(ids), flush=True)
        if mode == "write":
            threading.Event().wait()  # killed here, between write and send
        with HubClient(url, token=token, retries=0, read_timeout=120) as client:
            OutboxSender(outbox, client).drain()
        print("drained", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
