"""Case figures: time from "提交" to the receipt printed with the hub up, and to the
provisional receipt with the hub down.

Hub up: what the receipt screen does after the tap, on a real terminal built from the demo
settings (embedded hub over HTTP on loopback, encrypted outbox) printing to the ESC/POS printer
emulator over TCP (python-escpos: status, send, status): store in the outbox, wait for the hub's
number (sender thread: the case with its materials in one request), print. Three items with
different forms and materials; the time to the number and the time to print are also given apart
(goal: a median of at most 30 ms for every item).

Hub down (stopped: connections refused): store, then wait for the number until the sender's
first failed attempt (now), against waiting out ``cases.wait_for_number`` (before: the sender
reported only settled entries; simulated by a sender without the failed-attempt listener).

Run: PYTHONPATH=. python bench/case.py  (about 40 s)
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from contract.models import CatalogItem, DeliveryMethod, IdentitySource
from drivers.printer.emulator import PrinterEmulator
from hub.embedded import EmbeddedHub
from kiosk.api.client import HubClient
from kiosk.app import build_terminal, demo_settings
from kiosk.capture import DocumentCamera
from kiosk.catalog_cache import CatalogCache
from kiosk.config import Settings
from kiosk.documents import receipt_layout
from kiosk.forms import form_specs
from kiosk.identity import Identity
from kiosk.journeys.case.service import (
    CapturedMaterial,
    CaseDraft,
    CaseService,
    NumberWait,
)
from kiosk.outbox.store import Outbox

REPEAT = 8
APPLICANT = Identity(
    "张示例", "11010519491231002X", IdentitySource.ID_CARD, "北京市朝阳区示例路1号"
)
ITEMS = {
    "QR00240001-990101-GA": (
        {
            "residence_address": "示例区幸福路8号3栋201",
            "residence_since": "20250301",
            "reason": "就业",
            "family": [{"name": "王小二", "relation": "子女", "id_number": "110105201501010017"}],
            "phone": "13800001234",
        },
        {"id_card": 1, "residence_proof": 2},
        DeliveryMethod.EMS,
    ),
    "GG00515001-990101-WJ": (
        {"expected_date": "20270315", "phone": "13900005678"},
        {"id_card": 2},
        DeliveryMethod.ELECTRONIC,
    ),
    "GG00124003-990101-RS": (
        {
            "insurances": ["企业职工基本养老保险"],
            "monthly_base": "4500",
            "occupation": "网约车司机",
            "phone": "13700002222",
        },
        {"id_card": 1, "employment": 1},
        DeliveryMethod.PICKUP,
    ),
}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp, PrinterEmulator() as emulator:
        settings = demo_settings("hall", data_dir=Path(tmp) / "data")
        printer = f"tcp://127.0.0.1:{emulator.port}"
        devices = settings.devices.model_copy(update={"printer": printer})
        settings = settings.model_copy(update={"devices": devices})
        with build_terminal(settings, printed_dir=Path(tmp) / "printed") as terminal:
            desk = terminal.cases
            assert desk is not None
            desk.catalog.refresh()
            print(f"submit -> receipt printed, hub up ({REPEAT} runs per item, ms)")
            for code, (answers, pages, delivery) in ITEMS.items():
                item = desk.catalog.item(code)
                assert item is not None
                specs = form_specs(item)
                materials = {}
                sizes = []
                for material, count in pages.items():
                    spec = next(m for m in item.materials if m.code == material)
                    desk.camera.begin(material)
                    for _ in range(count):
                        assert not desk.camera.capture().issues
                    captured = desk.camera.finish()
                    sizes.append(captured.size)
                    materials[material] = CapturedMaterial(
                        material, spec.name, captured.pdf, captured.sha256, captured.size, count
                    )
                samples, numbers, prints = [], [], []
                for _ in range(REPEAT + 1):
                    draft = CaseDraft(item, APPLICANT, dict(answers), dict(materials))
                    draft.delivery = delivery
                    draft.address = APPLICANT.address
                    draft.phone = "13800001234"
                    start = time.perf_counter()
                    stored = desk.service.store(draft, specs)
                    receipt = desk.service.await_number(stored, draft)
                    numbered = time.perf_counter()
                    terminal.printer.print_receipt(
                        receipt_layout(receipt, settings.terminal.hall_name), receipt.number
                    )
                    done = time.perf_counter()
                    samples.append((done - start) * 1000)
                    numbers.append((numbered - start) * 1000)
                    prints.append((done - numbered) * 1000)
                    assert not receipt.provisional
                samples = sorted(samples[1:])  # the first run warms the caches
                print(
                    f"  {item.name}: median {statistics.median(samples):.0f}"
                    f"  max {samples[-1]:.0f}"
                    f"  (to the number {statistics.median(numbers[1:]):.0f},"
                    f" printing {statistics.median(prints[1:]):.0f};"
                    f" {sum(pages.values())} pages, {sum(sizes) // 1024} KiB of PDF)"
                )
            assert emulator.wait_for_jobs(3 * (REPEAT + 1), 30)


def hub_down(settings: Settings, folder: Path) -> None:
    """提交 -> provisional receipt with the hub stopped, now and as before (waiting it out)."""
    hub = EmbeddedHub(folder / "hub")
    hub.start()
    token = hub.register_terminal("BENCH-DOWN")
    api = settings.api  # the terminal's own timeouts and retries
    client = HubClient(
        hub.base_url,
        token=token,
        connect_timeout=api.connect_timeout,
        read_timeout=api.read_timeout,
    )
    code = "GG00515001-990101-WJ"
    cache = CatalogCache(client, folder / "cache")
    cache.refresh()
    item = cache.item(code)
    assert item is not None
    camera = DocumentCamera("sim")
    camera.begin("id_card")
    assert not camera.capture().issues
    captured = camera.finish()
    material = CapturedMaterial(
        "id_card", "居民身份证", captured.pdf, captured.sha256, captured.size, 1
    )
    hub.stop()
    wait = settings.cases.wait_for_number
    print(f"submit -> provisional receipt, hub down (wait_for_number {wait:.0f} s, ms)")
    now = [_provisional(client, item, material, folder / f"now{i}", wait, True) for i in range(5)]
    before = _provisional(client, item, material, folder / "before", wait, False)
    print(f"  now (first failed attempt): median {statistics.median(now):.0f}  max {max(now):.0f}")
    print(f"  before (wait ran out):      {before:.0f}")
    client.close()
    camera.close()


def _provisional(
    client: HubClient,
    item: CatalogItem,
    material: CapturedMaterial,
    folder: Path,
    wait: float,
    listen: bool,
) -> float:
    """One submission into a fresh outbox (the hub just went down); milliseconds."""
    outbox = Outbox(folder / "outbox.sqlite3", folder / "outbox.key", terminal_id="BENCH-DOWN")
    service = CaseService(outbox, client, wait_seconds=wait)
    if not listen:  # the sender as it was: it reported settled entries only
        service.sender._on_attempt_failed = None
    service.start()
    try:
        answers = ITEMS[item.code][0]
        draft = CaseDraft(item, APPLICANT, dict(answers), {"id_card": material})
        draft.delivery = DeliveryMethod.ELECTRONIC
        draft.phone = "13800001234"
        start = time.perf_counter()
        receipt = service.await_number(service.store(draft, form_specs(item)), draft)
        elapsed = (time.perf_counter() - start) * 1000
        expected = NumberWait.ATTEMPT_FAILED if listen else NumberWait.TIMED_OUT
        assert receipt.provisional and receipt.wait is expected, receipt.wait
        return elapsed
    finally:
        service.stop()
        outbox.close()


if __name__ == "__main__":
    main()
    with tempfile.TemporaryDirectory() as tmp:
        hub_down(demo_settings("hall", data_dir=Path(tmp) / "data"), Path(tmp))
