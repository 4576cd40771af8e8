"""Notice printing figures: from "print this notice" to its PDF in the cups-pdf output folder.

Starts the tests' private cupsd (root, with cups and printer-driver-cups-pdf installed) and a
cups-pdf queue, then times, over 10 runs each and in the same run:

- baselines: ``lp`` of a tiny ready-made one-page PDF (Helvetica, not embedded), and ``lp`` of
  the same notice's PDF rendered beforehand, until cups-pdf has written it;
- the window: NoticePrinting.print_notice (layout, Qt PDF, IPP Print-Job, waiting for CUPS to
  complete the job) until cups-pdf has written the notice, and when print_notice returned.

The three are run in turn, so a busy machine slows them alike.

Run: PYTHONPATH=. python bench/notice.py  (about 15 s)
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QGuiApplication

from contract.models import NoticeKind
from drivers.printer.cups import CupsQueue
from kiosk.counter.notice_printing import NoticePrinting
from kiosk.notices import notice_layout, sample_notice
from tests.e2e.cups_a4.cupsd import PrivateCups, cups_pdf_missing
from ui.counter.notice_pdf import render_notice_pdf

RUNS = 10
HALL = "南京市鼓楼区政务服务中心"


def tiny_pdf() -> bytes:
    """One A4 page saying "test" in Helvetica: the smallest job a printer gets."""
    stream = b"BT /F1 24 Tf 72 720 Td (test) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def until_pdf(folder: Path, before: int, start: float, timeout: float = 60.0) -> float:
    """Milliseconds from ``start`` until the folder holds a new finished PDF."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done = [p for p in folder.glob("*.pdf") if p.read_bytes().rstrip().endswith(b"%%EOF")]
        if len(done) > before:
            return (time.perf_counter() - start) * 1000
        time.sleep(0.002)
    raise TimeoutError(f"no PDF in {folder}")


def in_turn(*kinds: Callable[[], tuple[float, ...]]) -> list[list[tuple[float, ...]]]:
    for once in kinds:
        once()  # warm-up: filters and fonts loaded once
    samples: list[list[tuple[float, ...]]] = [[] for _ in kinds]
    for _ in range(RUNS):
        for once, into in zip(kinds, samples, strict=True):
            into.append(once())
    return samples


def show(label: str, samples: list[float]) -> None:
    ordered = sorted(samples)
    p90 = ordered[max(0, int(len(ordered) * 0.9) - 1)]
    print(f"  {label:<56} median {statistics.median(ordered):7.0f} ms   p90 {p90:7.0f} ms")


def main() -> None:
    missing = cups_pdf_missing()
    if missing:
        sys.exit(f"bench/notice.py: {missing}")
    app = QGuiApplication.instance() or QGuiApplication([])
    notice = sample_notice(NoticeKind.SUPPLEMENT)
    layout = notice_layout(notice, HALL, applied_at=notice.issued_at)
    render = [0.0] * RUNS
    for n in range(RUNS):
        start = time.perf_counter()
        pdf = render_notice_pdf(layout)
        render[n] = (time.perf_counter() - start) * 1000
    with PrivateCups() as cups:
        folder = cups.add_pdf_queue("bench")
        tiny = cups.root / "tiny.pdf"
        tiny.write_bytes(tiny_pdf())
        ready = cups.root / "notice.pdf"
        ready.write_bytes(pdf)
        env = {**os.environ, "CUPS_SERVER": cups.server}

        def lp(path: Path) -> tuple[float, ...]:
            before = len(list(folder.glob("*.pdf")))
            start = time.perf_counter()
            subprocess.run(
                ["lp", "-d", "bench", str(path)], env=env, check=True, capture_output=True
            )
            return (until_pdf(folder, before, start),)

        service = NoticePrinting(
            HALL, cups=CupsQueue("bench", cups.server), render_pdf=render_notice_pdf
        )

        def window() -> tuple[float, ...]:
            before = len(list(folder.glob("*.pdf")))
            start = time.perf_counter()
            service.print_notice(notice, applied_at=notice.issued_at)
            returned = (time.perf_counter() - start) * 1000
            return until_pdf(folder, before, start), returned

        base, same, notices = in_turn(lambda: lp(tiny), lambda: lp(ready), window)
    del app
    print(f"notice printing through a private cupsd into cups-pdf, {RUNS} runs each")
    print(f"  the notice PDF: {len(pdf)} bytes, 1 page, fonts embedded")
    show("render the notice PDF (Qt)", render)
    show("baseline: lp of a tiny PDF -> PDF in the folder", [s[0] for s in base])
    show("baseline: lp of the notice's PDF -> PDF in the folder", [s[0] for s in same])
    show("print_notice -> PDF in the folder", [s[0] for s in notices])
    show("print_notice returned (CUPS: job completed)", [s[1] for s in notices])


if __name__ == "__main__":
    main()
