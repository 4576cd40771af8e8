"""The scoring set: made apart from the tuning set, deterministic, and degraded as it says."""

from __future__ import annotations

import ast
from pathlib import Path

import cv2
import numpy as np
import pytest
from qr_scoring import KINDS, make_frame, readable_without, symbol

from drivers.camera.qr import QrCascade

HERE = Path(__file__).parent


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            names.add(node.module or "")
    return names


def test_scoring_set_shares_no_code_with_the_tuning_set() -> None:
    scoring = imported_modules(HERE / "qr_scoring.py")
    assert not any("qr_degrade" in name for name in scoring), scoring
    assert "qrcode" not in scoring  # another QR writer than the tuning set's
    assert "qr_scoring" not in " ".join(imported_modules(HERE / "qr_degrade.py"))
    tuning_functions = {
        node.name
        for node in ast.walk(ast.parse((HERE / "qr_degrade.py").read_text("utf-8")))
        if isinstance(node, ast.FunctionDef)
    }
    scoring_functions = {
        node.name
        for node in ast.walk(ast.parse((HERE / "qr_scoring.py").read_text("utf-8")))
        if isinstance(node, ast.FunctionDef)
    }
    assert not tuning_functions & scoring_functions


def test_frames_are_deterministic_and_shaped_like_the_tuning_set() -> None:
    a, b = make_frame("specular_glare", 3), make_frame("specular_glare", 3)
    assert np.array_equal(a.frame, b.frame) and a.texts == b.texts
    assert a.frame.shape == (720, 1280, 3) and a.frame.dtype == np.uint8
    assert a.category == "specular_glare" and len(a.texts) == 1
    assert not np.array_equal(a.frame, make_frame("specular_glare", 4).frame)
    with pytest.raises(ValueError, match="unknown kind"):
        make_frame("fog", 1)


def test_glare_saturates_part_of_the_frame() -> None:
    gray = cv2.cvtColor(make_frame("specular_glare", 5).frame, cv2.COLOR_BGR2GRAY)
    assert (gray >= 250).sum() > 200


def test_a_highlight_may_only_hide_what_error_correction_restores() -> None:
    dark = symbol("YM1:T:HSX1BX:L", "M")  # version 1-M: 10 error correction codewords
    lost = np.zeros_like(dark)
    assert readable_without(dark, lost)
    lost[9:13, 9:13] = True  # a few codewords
    assert readable_without(dark, lost)
    lost[8:, 8:] = True  # most of the data
    assert not readable_without(dark, lost)


def test_every_kind_of_trouble_is_made() -> None:
    assert len(KINDS) == 7
    frames = [make_frame(kind, 1).frame for kind in KINDS]
    for i, frame in enumerate(frames):
        for other in frames[i + 1 :]:
            assert not np.array_equal(frame, other)


# -- the cascade on frames it was not tuned on -------------------------------------------------

SAMPLE = 6  # frames per kind: deterministic, so a short sample is a stable guard
# Kinds whose sample the cascade does not read in full; it is under the goal on them in
# bench/qr.py too (700 frames, seed 2026). Strict: the day a sample is read in full, the test
# fails until its kind leaves this list. (screen_moire is under the goal as well, at 95 %,
# zxing-cpp alone 79 %, but reads this sample in full.)
BELOW_GOAL = {
    "specular_glare": "92 % on the scoring set (zxing-cpp alone 43 %)",
    "distant": "96 % on the scoring set (zxing-cpp alone 39 %)",
}


@pytest.fixture(scope="module")
def cascade() -> QrCascade:
    return QrCascade()


@pytest.mark.parametrize(
    "kind",
    [
        pytest.param(kind, marks=pytest.mark.xfail(reason=BELOW_GOAL[kind], strict=True))
        if kind in BELOW_GOAL
        else kind
        for kind in KINDS
    ],
)
def test_cascade_reads_97_percent_of_each_kind_of_trouble(cascade: QrCascade, kind: str) -> None:
    frames = [make_frame(kind, 31_000 + i) for i in range(SAMPLE)]
    read = sum(set(f.texts) <= set(cascade.decode(f.frame).texts) for f in frames)
    assert read >= 0.97 * SAMPLE, f"{kind}: {read}/{SAMPLE}"
