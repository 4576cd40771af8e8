"""Printing figures: build time, a full ticket job over TCP, bytes per ticket (native vs raster QR).

Run: PYTHONPATH=. python bench/print.py  (about 10 s on one core)
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from drivers.printer.emulator import PrinterEmulator
from drivers.printer.encoder import encode
from drivers.printer.printer import open_printer
from drivers.printer.profile import PaperWidth, PrinterProfile, QrMode
from drivers.printer.render import render_escpos
from kiosk.documents import case_receipt, queue_ticket, sample_receipt, sample_ticket


def timed(run: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median and 95th percentile in milliseconds (one warm-up run first)."""
    run()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def main() -> None:
    ticket, receipt = sample_ticket(), sample_receipt()
    print("build = layout + ESC/POS encoding (python-escpos), median / p95 over 200 runs")
    for paper in PaperWidth:
        profile = PrinterProfile(paper=paper)
        t = timed(lambda p=paper, pr=profile: encode(queue_ticket(ticket, p), pr), 200)
        r = timed(lambda p=paper, pr=profile: encode(case_receipt(receipt, p), pr), 200)
        print(f"  {paper.value}: ticket {t[0]:.2f} / {t[1]:.2f} ms, ", end="")
        print(f"receipt {r[0]:.2f} / {r[1]:.2f} ms")

    print("bytes per document, native GS ( k vs raster GS v 0 QR")
    for paper in PaperWidth:
        row = []
        for name, doc in (
            ("ticket", queue_ticket(ticket, paper)),
            ("receipt", case_receipt(receipt, paper)),
        ):
            sizes = [len(encode(doc, PrinterProfile(paper=paper, qr=qr))) for qr in QrMode]
            row.append(f"{name} {sizes[0]} vs {sizes[1]} B ({sizes[1] / sizes[0]:.1f}x)")
        print(f"  {paper.value}: " + ", ".join(row))

    print("virtual printer (decode + render), median / p95 over 50 runs")
    for paper in PaperWidth:
        for qr in QrMode:
            data = encode(queue_ticket(ticket, paper), PrinterProfile(paper=paper, qr=qr))
            m = timed(lambda d=data, p=paper: render_escpos(d, p), 50)
            print(f"  {paper.value} ticket, {qr.value} QR: {m[0]:.1f} / {m[1]:.1f} ms")

    print("full ticket job to the TCP emulator on 127.0.0.1 (status, send, status, rendered)")
    with tempfile.TemporaryDirectory() as out, PrinterEmulator(Path(out)) as emulator:
        uri = f"tcp://127.0.0.1:{emulator.port}"
        document = queue_ticket(ticket, PaperWidth.MM80)
        count = 0

        def fresh_connection() -> None:
            nonlocal count
            with open_printer(uri) as printer:
                printer.print_document(document)
            count += 1
            emulator.wait_for_jobs(count, 30)

        m = timed(fresh_connection, 30)
        print(f"  new connection per job: {m[0]:.1f} / {m[1]:.1f} ms")
        with open_printer(uri) as printer:

            def kept_connection() -> None:
                nonlocal count
                printer.print_document(document)
                count += 1
                emulator.wait_for_jobs(count, 30)

            m = timed(kept_connection, 30)
        print(
            f"  kept connection:        {m[0]:.1f} / {m[1]:.1f} ms (incl. PNG + transcript write)"
        )


if __name__ == "__main__":
    main()
