"""A QR symbol zxing-cpp cannot place: its grid from its finder patterns, its format read here.

Theory of operation. A highlight over a finder pattern and part of the data defeats zxing-cpp
twice: it finds no symbol without the third finder, and when drivers/camera/qrfinder.py paints
the finder back it may still miss the format, or place the symbol a module off. Three finder
centres (two found and the third where they put it, or three found) fix the symbol's module
grid up to perspective: each lies 3.5 modules in from its corner. The format (error correction
level and mask) is read here from the grid, from both of its copies, as the one of the 32 valid
formats that disagrees least with the modules the highlight leaves, and the symbol is then
handed to drivers/camera/qrerasure.py as zxing-cpp would have placed it. The version follows
from the finders' distance in modules; its neighbours are tried too, as the finders' own size
is a guess under glare.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from itertools import islice

import cv2
import numpy as np

from drivers.camera.qrerasure import (
    LEVELS,
    SATURATED,
    Located,
    fitted_corners,
    function_modules,
    function_template,
    module_thresholds,
    sampled,
    soft_crop,
)
from drivers.camera.qrfinder import Finder, third_finders

# A format found among the 32 may disagree with at most this many of the modules the glare
# leaves readable (of up to 31: two copies and the dark module), and must beat the next best
# by this margin: valid formats differ in at least 7 of each copy's 15 bits.
FORMAT_ERRORS, FORMAT_MARGIN = 4, 3
SATURATED_DARK = 0.3
FIT_STEPS = (2.0, 1.0, 0.5, 0.25)  # modules


def symbols(finders: list[Finder], gray: np.ndarray, *, limit: int = 6) -> Iterator[Located]:
    """The symbols, as :class:`Located`, that three of ``finders`` (or two and a third where
    they put it) may mark in ``gray``, each version whose format can be read there, the
    likeliest first; from at most ``limit`` placements of three finders."""
    for centres, module in islice(_triples(finders), limit):
        for version, corners in _placements(centres, module):
            found = read_format(gray, corners, version)
            if found is not None:
                yield found


def _triples(finders: list[Finder]) -> Iterator[tuple[np.ndarray, float]]:
    """Three finder centres (top left, top right, bottom left) and the module size, from three
    finders found or from two and each place the third may be."""
    for i, a in enumerate(finders):
        for j in range(i + 1, len(finders)):
            b = finders[j]
            if max(a.module, b.module) > 1.4 * min(a.module, b.module):
                continue
            module = (a.module + b.module) / 2
            for k in range(j + 1, len(finders)):
                c = finders[k]
                if max(a.module, c.module) > 1.4 * min(a.module, c.module):
                    continue
                ordered = _ordered(np.array([a.centre, b.centre, c.centre]))
                if ordered is not None:
                    yield ordered, (module * 2 + c.module) / 3
            for third, _, _ in third_finders(a, b):
                if any(np.hypot(*(f.centre - third)) < 4 * module for f in finders):
                    continue  # a finder is there: the triple above covers it
                ordered = _ordered(np.array([a.centre, b.centre, third]))
                if ordered is not None:
                    yield ordered, module


def _ordered(centres: np.ndarray) -> np.ndarray | None:
    """``centres`` as top left, top right, bottom left: the top left is the corner at the
    right angle, and the top right comes first clockwise from it (y down); None if the three
    are not near a right angle with equal legs."""
    sides = [np.hypot(*(centres[(i + 1) % 3] - centres[(i + 2) % 3])) for i in range(3)]
    corner = int(np.argmax(sides))  # opposite the hypotenuse
    tl = centres[corner]
    p, q = centres[(corner + 1) % 3], centres[(corner + 2) % 3]
    dp, dq = p - tl, q - tl
    legs = np.hypot(*dp), np.hypot(*dq)
    if min(legs) <= 0 or max(legs) > 1.3 * min(legs):
        return None
    if abs(float(np.dot(dp, dq))) > 0.35 * legs[0] * legs[1]:  # over about 20 degrees off
        return None
    tr, bl = (p, q) if dp[0] * dq[1] - dp[1] * dq[0] > 0 else (q, p)
    return np.array([tl, tr, bl], np.float32)


def _placements(centres: np.ndarray, module: float) -> list[tuple[int, np.ndarray]]:
    """(version, symbol corners) for the version the finders' distance gives, then its two
    neighbours."""
    tl, tr, bl = centres
    across = (np.hypot(*(tr - tl)) + np.hypot(*(bl - tl))) / 2 / module  # size - 7 modules
    nearest = round((across + 7 - 17) / 4)
    out = []
    for version in (nearest, nearest + 1, nearest - 1):
        if 1 <= version <= 40:
            out.append((version, corners_from_centres(centres, 17 + 4 * version)))
    return out


def corners_from_centres(centres: np.ndarray, size: int) -> np.ndarray:
    """The symbol's corners (TL, TR, BR, BL) from its finders' centres (TL, TR, BL), on the
    affine map the three fix."""
    near, far = 3.5, size - 3.5
    source = np.array([[near, near], [far, near], [near, far]], np.float32)
    matrix = cv2.getAffineTransform(source, centres.astype(np.float32))
    square = np.array([[[0, 0], [size, 0], [size, size], [0, size]]], np.float32)
    return cv2.transform(square, matrix)[0].astype(np.float32)


def read_format(gray: np.ndarray, corners: np.ndarray, version: int) -> Located | None:
    """The symbol of ``version`` at about ``corners`` in ``gray``, its corners fitted to its
    function patterns and its level and mask read from its format modules; None if none of
    the 32 formats fits clearly."""
    size = 17 + 4 * version
    rows, cols, patterns = _format_patterns(version)
    used, known = _fixed_modules(version)
    module = float(np.sqrt(cv2.contourArea(corners))) / size
    _, soft, origin = soft_crop(gray, corners, module)
    if min(soft.shape) < size:
        return None
    # Three finders fix an affine grid; perspective moves the fourth corner by modules.
    fitted = fitted_corners(soft, corners - origin, size, used, known, steps=FIT_STEPS)
    values = sampled(soft, fitted, size)
    dark = (values < module_thresholds(values))[rows, cols]
    # A saturated module may be a dark one under a highlight, or over-exposed paper: where a
    # format has it dark, it is no error, but a third of one in telling formats apart.
    clear = values[rows, cols] < SATURATED
    errors = ((patterns != dark) & clear).sum(axis=1)
    weighted = errors + SATURATED_DARK * (patterns & ~clear).sum(axis=1)
    best, second = np.argsort(weighted, kind="stable")[:2]
    if errors[best] > FORMAT_ERRORS or weighted[second] - weighted[best] < FORMAT_MARGIN:
        return None
    return Located(fitted + origin, version, *_FORMATS[best])


_FORMATS = [(level, mask) for level in LEVELS for mask in range(8)]


@cache
def _format_patterns(version: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The rows and columns of ``version``'s format modules (both copies, then the dark
    module), and for each of the 32 formats (in ``_FORMATS``' order) whether each is dark."""
    import qrcode.util

    size = 17 + 4 * version
    # Bit i of the 15, as QR writers place it: down the column beside the top left finder
    # (skipping the timing row) and on along the bottom left finder's; and along the row
    # beside the top right finder and on beside the top left one (skipping the timing column).
    column = [(i, 8) if i < 6 else (i + 1, 8) if i < 8 else (size - 15 + i, 8) for i in range(15)]
    row = [(8, size - 1 - i) if i < 8 else (8, 15 - i) if i < 9 else (8, 14 - i) for i in range(15)]
    places = [*column, *row, (size - 8, 8)]
    rows = np.array([r for r, _ in places])
    cols = np.array([c for _, c in places])
    patterns = []
    for level, mask in _FORMATS:
        bits = qrcode.util.BCH_type_info((LEVELS[level] << 3) | mask)
        copy = [bool((bits >> i) & 1) for i in range(15)]
        patterns.append([*copy, *copy, True])
    return rows, cols, np.array(patterns)


@cache
def _fixed_modules(version: int) -> tuple[np.ndarray, np.ndarray]:
    """The function modules that do not depend on the format (finders, separators, timing,
    alignment, version information), and which of them are dark: what the grid is fitted to
    before the format is known."""
    rows, cols, _ = _format_patterns(version)
    used = function_modules(version).copy()
    used[rows, cols] = False
    return used, function_template(version, "M", 0)
