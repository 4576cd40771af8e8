"""``kiosk notice-test`` as the technician runs it against a CUPS queue."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from cupsd import PrivateCups, Queue

from tests.pdf_reading import flat, pdf_text

KIOSK = [sys.executable, "-m", "kiosk"]


def test_a_sample_notice_through_the_queue(cups: PrivateCups, queue: Queue, tmp_path: Path) -> None:
    done = subprocess.run(
        [
            *KIOSK,
            *("notice-test", "--cups-queue", queue.name, "--cups-server", cups.server),
            *("--kind", "acceptance", "--pdf", str(tmp_path / "sample.pdf")),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert f"printed the sample 受理通知书 on CUPS queue '{queue.name}'" in done.stdout
    (printed,) = cups.wait_for_pdf(queue.name)
    assert "决定予以受理" in flat(pdf_text(printed))
    assert "决定予以受理" in flat(pdf_text(tmp_path / "sample.pdf"))


def test_a_queue_that_is_not_there_is_one_line_and_exit_1(cups: PrivateCups) -> None:
    done = subprocess.run(
        [*KIOSK, "notice-test", "--cups-queue", "no-such-a4", "--cups-server", cups.server],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert done.stderr.strip().count("\n") == 0
    assert "'no-such-a4'" in done.stderr and "no such queue" in done.stderr
    assert "Traceback" not in done.stderr


def test_bad_input_is_exit_2() -> None:
    for args in (["--cups-queue", "HP LaserJet"], ["--kind", "acceptance"]):
        done = subprocess.run(
            [*KIOSK, "notice-test", *args], capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 2, done.stderr
        assert done.stderr.startswith("kiosk: ") and "Traceback" not in done.stderr
