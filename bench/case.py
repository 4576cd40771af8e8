"""Case figures: time from "提交" to the receipt printed, with the hub up.

What the receipt screen does after the tap, on a real terminal built from the demo settings
(embedded hub over HTTP on loopback, encrypted outbox, virtual printer rendering the ESC/POS
bytes): store in the outbox, wait for the hub's number (sender thread: create + material
uploads), ask the hub for the case, print. Three items with different forms and materials.

Run: PYTHONPATH=. python bench/case.py  (about 20 s)
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kiosk.api.models import DeliveryMethod
from kiosk.app import build_terminal, demo_settings
from kiosk.cases import Applicant, CapturedMaterial, CaseDraft, IdentitySource, receipt_layout
from kiosk.forms import form_specs

REPEAT = 8
APPLICANT = Applicant(
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
    with tempfile.TemporaryDirectory() as tmp:
        settings = demo_settings("hall", data_dir=Path(tmp) / "data")
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
                samples = []
                for _ in range(REPEAT + 1):
                    draft = CaseDraft(item, APPLICANT, dict(answers), dict(materials))
                    draft.delivery = delivery
                    draft.address = APPLICANT.address
                    draft.phone = "13800001234"
                    start = time.perf_counter()
                    stored = desk.service.store(draft, specs)
                    receipt = desk.service.await_number(stored, draft)
                    terminal.printer.print_receipt(
                        receipt_layout(receipt, settings.terminal.hall_name), receipt.number
                    )
                    samples.append((time.perf_counter() - start) * 1000)
                    assert not receipt.provisional
                samples = sorted(samples[1:])  # the first run warms the caches
                print(
                    f"  {item.name}: median {statistics.median(samples):.0f}"
                    f"  max {samples[-1]:.0f}"
                    f"  ({sum(pages.values())} pages, {sum(sizes) // 1024} KiB of PDF)"
                )


if __name__ == "__main__":
    main()
