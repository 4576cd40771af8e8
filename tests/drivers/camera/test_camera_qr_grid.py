"""A symbol placed on its finder patterns, its format read from its own modules."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
import qrcode
from qr_degrade import make_sample

from drivers.camera.qr import QrCascade, Views
from drivers.camera.qrerasure import LEVELS, Located, function_template, read_with_erasures
from drivers.camera.qrgrid import _format_patterns, read_format, symbols

PX = 6  # pixels per module
TEXT = "YM1:A:7KQ2M9PX"


def drawn(version: int, level: str, mask: int) -> tuple[np.ndarray, np.ndarray]:
    """TEXT as a camera might see it (paper 230, ink 25, softened), and its symbol's corners."""
    code = qrcode.QRCode(
        version=version, error_correction=LEVELS[level], border=4, mask_pattern=mask
    )
    code.add_data(TEXT)
    code.make(fit=False)
    modules = np.where(np.array(code.get_matrix(), dtype=bool), 25, 230).astype(np.uint8)
    image = cv2.resize(modules, None, fx=PX, fy=PX, interpolation=cv2.INTER_NEAREST)
    image = cv2.GaussianBlur(image, (0, 0), 1.0)
    size = 17 + 4 * version
    near, far = 4 * PX, (4 + size) * PX
    return image, np.float32([[near, near], [far, near], [far, far], [near, far]])


def lamp_over(image: np.ndarray, centre: tuple[float, float], radius: float) -> np.ndarray:
    """``image`` with a disc clipped to white, ``radius`` modules, at ``centre`` (modules of
    the symbol, quiet zone included)."""
    out = image.copy()
    x, y = (round(c * PX) for c in centre)
    cv2.circle(out, (x, y), round(radius * PX), 255, -1)
    return out


@pytest.mark.parametrize("version", [1, 2, 7, 10])
def test_the_format_modules_are_where_qr_writers_put_them(version: int) -> None:
    rows, cols, patterns = _format_patterns(version)
    for index, (level, mask) in enumerate((lv, m) for lv in LEVELS for m in range(8)):
        assert (function_template(version, level, mask)[rows, cols] == patterns[index]).all()


@pytest.mark.parametrize(("level", "mask"), [("M", 0), ("L", 3), ("Q", 5), ("H", 6)])
def test_the_format_is_read_beside_a_finder_under_a_lamp(level: str, mask: int) -> None:
    image, corners = drawn(3, level, mask)
    # Over the top left finder and the first format copy.
    glared = lamp_over(image, (4 + 4.5, 4 + 4.5), 6)
    found = read_format(glared, corners, 3)
    assert found is not None and (found.level, found.mask) == (level, mask)


def test_no_format_is_read_where_there_is_no_symbol() -> None:
    rng = np.random.default_rng(5)
    noise = cv2.GaussianBlur(rng.integers(0, 256, (300, 300), dtype=np.uint8), (0, 0), 1.5)
    corners = np.float32([[40, 40], [214, 40], [214, 214], [40, 214]])
    assert read_format(noise, corners, 3) is None


def test_a_symbol_is_placed_on_two_finders_and_read_with_the_third_under_a_lamp() -> None:
    image, _ = drawn(2, "M", 2)
    glared = lamp_over(image, (4 + 25 - 3.5, 4 + 3.5), 4.5)  # the top right finder gone
    views = Views(glared)
    assert len(views.finders) == 2
    placed = list(symbols(views.finders, glared))
    assert any((s.version, s.level, s.mask) == (2, "M", 2) for s in placed)
    texts = {read_with_erasures(glared, s, placed=False) for s in placed}
    assert TEXT in texts


def test_a_corner_that_perspective_moved_by_modules_is_fitted() -> None:
    image, corners = drawn(2, "M", 2)
    moved = corners.copy()
    moved[2] += (0, -2 * PX)  # the corner opposite the top left finder, two modules up
    matrix = cv2.getPerspectiveTransform(corners, moved)
    seen = cv2.warpPerspective(image, matrix, image.shape[::-1], borderValue=230)
    # Three finders put the corner where it would be seen face on.
    found = read_format(seen, corners, 2)
    assert found is not None
    assert read_with_erasures(seen, found, placed=False) == TEXT
    # Half a module at a time, the fit does not get there.
    assert read_with_erasures(seen, Located(corners, 2, "M", 2)) is None


@pytest.mark.parametrize("seed", [7_002, 7_003])
def test_a_lamp_over_a_finder_and_the_data_is_read_on_the_grid(seed: int) -> None:
    # zxing-cpp places nothing here, even with the finder painted back.
    sample = make_sample("finder_glare", seed)
    result = QrCascade().decode(sample.frame)
    assert result.texts == sample.texts
    assert result.codes[0].decoder == "zxing+grid"
