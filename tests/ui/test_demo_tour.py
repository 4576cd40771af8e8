"""The newcomer's `make demo` without a display: the whole scripted tour runs through the real
CLI and writes every screen and printout (a broken step would stop it with a traceback)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ui.tour import LAYOUT_FAULTS, VARIANTS

LOOKS = ["portrait", "elder", "english", "landscape", "stretched"]
# Every page where the citizen types text on the on-screen keyboard, shown with it up.
KEYBOARD_SCREENS = (
    "ticket-item-search-keyboard",  # 取号 by item: the search
    "case-find-keyboard",  # 办件: the search
    "case-form-keyboard",  # 办件: a text field of the form
    "case-delivery-keyboard",  # 办件: the address EMS takes the result to
    "rating-comment-keyboard",  # 好差评: the comment
    "case-identify-typed-name-keyboard",  # 办件 without a card: the name typed
    "complaint-item-keyboard",  # 投诉建议: the item searched for
    "complaint-text-keyboard",  # 投诉建议: the text
)


def screens_of(look: str, screens: list[str]) -> set[str]:
    """The screens shown in ``look``: 07-elder-ticket-identify.png -> ticket-identify."""
    tag = f"-{look}-"
    return {name.split(tag, 1)[1].removesuffix(".png") for name in screens if tag in name}


@pytest.mark.timeout(660)  # the tour itself is given 600 s: some 350 screens in five looks
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
    assert [look.name for look in VARIANTS] == LOOKS
    for look in LOOKS:
        shown = screens_of(look, screens)
        assert "case-receipt" in shown, look
        missing = [screen for screen in KEYBOARD_SCREENS if screen not in shown]
        assert not missing, (look, missing)
    # An elderly citizen's large type offered by age and taken in place; the scanning page.
    later = {"case-form-large-type-offer", "case-form-large-type", "rating-scan", "help-answered"}
    later.add("progress-not-found")
    later |= {"complaint-sent", "progress-complaint"}
    assert later <= screens_of("portrait", screens) & screens_of("landscape", screens)
    # Strings 40% longer: every screen the other looks show in full (elder's set).
    assert screens_of("stretched", screens) >= screens_of("elder", screens)
    assert len(screens) >= 216, screens
    assert list(out.glob("receipt-*.txt")) and list(out.glob("ticket-*.txt"))
    # Every screen of every look: nothing below the fold, past the edge or cut off (with the
    # keyboard up too).
    found = (out / LAYOUT_FAULTS).read_text("utf-8").splitlines()
    assert not found, "\n".join(found)
