"""`kiosk demo --mode counter --tour DIR` without a display: a clerk's morning at the desk
beside a simulated hall, through the real CLI, with every counter and rating-pad screen."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_the_counter_demo_tour_writes_every_desk_and_pad_screen(tmp_path: Path) -> None:
    out = tmp_path / "counter-tour"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "demo", "--mode", "counter", "--tour", str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stderr
    desk = sorted(p.name for p in out.glob("counter-*.png"))
    pad = sorted(p.name for p in out.glob("rating-pad-*.png"))
    assert len(desk) == 10 and len(pad) == 5, (desk, pad)
    assert "counter-10-paused.png" in desk and "rating-pad-03-question.png" in pad
    # 求助: the kiosk's call over the desk, then answered (前往协助).
    assert sorted(p.name for p in out.glob("help-calls-*.png")) == [
        "help-calls-01-desk.png",
        "help-calls-02-answered.png",
    ]
