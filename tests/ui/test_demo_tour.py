"""The newcomer's `make demo` without a display: the whole scripted tour runs through the real
CLI and writes every screen and printout (a broken step would stop it with a traceback)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from ui.tour import LAYOUT_FAULTS


def test_the_headless_demo_tour_writes_every_screen(tmp_path: Path) -> None:
    out = tmp_path / "demo-out"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "demo", "--tour", str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stderr
    screens = sorted(p.name for p in out.glob("*.png") if p.name[0].isdigit())
    assert len(screens) >= 136, screens
    for look in ("portrait", "elder", "english", "landscape"):
        assert any(f"-{look}-case-receipt.png" in name for name in screens), look
    assert list(out.glob("receipt-*.txt")) and list(out.glob("ticket-*.txt"))
    # Every screen of every look: nothing below the fold, past the edge or cut off.
    found = (out / LAYOUT_FAULTS).read_text("utf-8").splitlines()
    assert not found, "\n".join(found)
