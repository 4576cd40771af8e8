"""A QR symbol under a glare: read its modules ourselves and tell error correction which are lost.

Theory of operation. A highlight reflected in a phone's glass or glossy paper clips part of a
symbol to white. zxing-cpp still finds the symbol and reads its format (version, error
correction level, mask), but then takes the whited-out modules for light ones and fails its
Reed-Solomon check: it cannot know which bytes the glare hides, and an error it must find costs
two check bytes where an erasure it is told of costs one. So, given such a symbol's place and
format (zxing-cpp reports them with ``return_errors``), this module samples its module grid
through the perspective the four corners fix (moved until the function patterns, which the
format fixes, agree best: zxing-cpp guesses the fourth corner), marks as erased every byte with
a module in a saturated patch, corrects each block with drivers/camera/reedsolomon.py, and
draws the corrected symbol cleanly for zxing-cpp to read (``is_pure``), so that the data
segments are still parsed by zxing-cpp alone. Each block keeps a check byte unused, to catch a
wrong correction. Pure Python and numpy, 3-5 ms a symbol: only for symbols zxing-cpp gave up on.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import cv2
import numpy as np

from drivers.camera import reedsolomon

SATURATED = 245  # a pixel this bright is glare, or white paper over-exposed (see below)
SPARE = 1  # a check byte each block keeps unused, so that a wrong correction is caught
LEVELS = {"L": 1, "M": 0, "Q": 3, "H": 2}  # the qrcode package's constants


@dataclass(frozen=True, slots=True)
class Located:
    """A symbol zxing-cpp found but could not correct: its corners (top left, top right,
    bottom right, bottom left of the symbol itself) and format."""

    corners: np.ndarray  # 4x2, in the frame's pixels
    version: int
    level: str  # "L", "M", "Q" or "H"
    mask: int

    @property
    def module(self) -> float:
        """Pixels per module."""
        return float(np.sqrt(cv2.contourArea(self.corners))) / (17 + 4 * self.version)


def located(
    barcode: object, *, scale: float = 1.0, offset: tuple[float, float] = (0.0, 0.0)
) -> Located | None:
    """``barcode`` (a zxingcpp.Barcode that failed its error correction), its corners mapped
    as ``point / scale + offset``, as a :class:`Located`; None if zxing-cpp did not read its
    format."""
    extra = getattr(barcode, "extra", None) or {}
    version, level, mask = extra.get("Version"), extra.get("ECLevel"), extra.get("DataMask")
    if not (isinstance(version, str) and version.isdigit() and level in LEVELS):
        return None
    if not isinstance(mask, int) or not 0 <= mask < 8 or not 1 <= int(version) <= 40:
        return None
    pos = barcode.position  # type: ignore[attr-defined]
    points = [pos.top_left, pos.top_right, pos.bottom_right, pos.bottom_left]
    corners = np.array([[p.x, p.y] for p in points], np.float32) / scale + offset
    return Located(corners.astype(np.float32), int(version), level, mask)


def read_with_erasures(gray: np.ndarray, symbol: Located) -> str | None:
    """The text of ``symbol`` in ``gray``, its glare treated as erasures; None if it cannot
    be corrected."""
    import zxingcpp

    size = 17 + 4 * symbol.version
    used = _function_modules(symbol.version)
    known = _template(symbol.version, symbol.level, symbol.mask)
    # A box a third of a module wide: noise averages out, the neighbours stay out. Over the
    # symbol's bounding box only, with a module to spare for the fitting.
    left, top = np.floor(symbol.corners.min(axis=0) - 2 * symbol.module).astype(int).clip(0)
    right, bottom = np.ceil(symbol.corners.max(axis=0) + 2 * symbol.module).astype(int)
    box = max(1, int(symbol.module / 3)) | 1
    crop = gray[top:bottom, left:right]
    soft = cv2.blur(crop, (box, box)) if box > 1 else crop
    origin = np.array([left, top], np.float32)
    corners = _fitted(soft, symbol.corners - origin, size, used, known)
    values = _sample(soft, corners, size)
    dark = values < _threshold(values)
    order = data_order(symbol.version)
    bits = dark[order[:, 0], order[:, 1]] ^ _mask(symbol.mask, size)[order[:, 0], order[:, 1]]
    count = len(bits) // 8
    codewords = np.packbits(bits[: count * 8]).tolist()
    # Glare: saturated modules in runs of at least 3x3 (paper can be as white as glare, but
    # random data seldom leaves a light 3x3 block); then, if that is not enough, the ring of
    # modules around them as well, which its halo may have lifted past the threshold.
    kernel = np.ones((3, 3), np.uint8)
    core = cv2.morphologyEx((values >= SATURATED).astype(np.uint8), cv2.MORPH_OPEN, kernel)
    for lost in (core, cv2.dilate(core, kernel)):
        erased = lost[order[:, 0], order[:, 1]][: count * 8].reshape(count, 8).any(axis=1)
        fixed = _corrected(codewords, erased.tolist(), symbol.version, symbol.level)
        if fixed is not None:
            break
    else:
        return None
    image = _drawn(fixed, symbol)
    found = zxingcpp.read_barcodes(
        image,
        formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode),
        is_pure=True,
        try_rotate=False,
        try_downscale=False,
        try_invert=False,
    )
    return found[0].text if found and found[0].valid else None


def _sample(image: np.ndarray, corners: np.ndarray, size: int) -> np.ndarray:
    """``image`` at each module's centre (float32, size x size)."""
    square = np.array([[0, 0], [size, 0], [size, size], [0, size]], np.float32)
    matrix = cv2.getPerspectiveTransform(square, corners.astype(np.float32))
    points = cv2.perspectiveTransform(_centres(size), matrix).reshape(size, size, 2)
    return cv2.remap(image, points[..., 0], points[..., 1], cv2.INTER_LINEAR).astype(np.float32)


@cache
def _centres(size: int) -> np.ndarray:
    """The module centres of a symbol ``size`` modules across, x then y, as N x 1 x 2."""
    centres = np.mgrid[0:size, 0:size].astype(np.float32)[::-1].transpose(1, 2, 0) + 0.5
    return centres.reshape(-1, 1, 2)


def _threshold(values: np.ndarray) -> np.ndarray:
    """Per module, halfway between the darkest and lightest unsaturated modules around it
    (7x7 modules): light falling off across the symbol moves both."""
    kernel = np.ones((7, 7), np.uint8)
    clear = np.where(values >= SATURATED, np.nan, values)
    light = cv2.dilate(np.nan_to_num(clear, nan=0.0), kernel)
    dark = cv2.erode(np.nan_to_num(clear, nan=255.0), kernel)
    return (light + dark) / 2


def _corrected(
    codewords: list[int], erased: list[bool], version: int, level: str
) -> list[int] | None:
    """The interleaved ``codewords`` with every block corrected, or None."""
    import qrcode.base

    blocks = qrcode.base.rs_blocks(version, LEVELS[level])
    datas: list[list[int]] = [[] for _ in blocks]
    ecs: list[list[int]] = [[] for _ in blocks]
    where: list[tuple[list[int], int]] = []  # (list, block) per interleaved codeword
    for i in range(max(b.data_count for b in blocks)):
        where += [(datas[k], k) for k, b in enumerate(blocks) if i < b.data_count]
    for i in range(max(b.total_count - b.data_count for b in blocks)):
        where += [(ecs[k], k) for k, b in enumerate(blocks) if i < b.total_count - b.data_count]
    lost: list[list[int]] = [[] for _ in blocks]
    for (target, k), word, gone in zip(where, codewords, erased, strict=False):
        if gone:  # every data byte comes before the check bytes
            lost[k].append(len(datas[k]) + len(ecs[k]))
        target.append(word)
    fixed = []
    for k, block in enumerate(blocks):
        ec = block.total_count - block.data_count
        out = reedsolomon.correct(datas[k] + ecs[k], ec, lost[k], spare=SPARE)
        if out is None:
            return None
        fixed.append(out)
    interleaved = []
    for i in range(max(b.data_count for b in blocks)):
        interleaved += [f[i] for f, b in zip(fixed, blocks, strict=True) if i < b.data_count]
    for i in range(max(b.total_count - b.data_count for b in blocks)):
        interleaved += [
            f[b.data_count + i]
            for f, b in zip(fixed, blocks, strict=True)
            if i < b.total_count - b.data_count
        ]
    return interleaved


def _drawn(codewords: list[int], symbol: Located, *, scale: int = 4) -> np.ndarray:
    """``symbol`` with ``codewords``, drawn at ``scale`` px per module with its quiet zone."""
    import qrcode

    code = qrcode.QRCode(version=symbol.version, error_correction=LEVELS[symbol.level], border=4)
    code.data_cache = codewords
    code.makeImpl(False, symbol.mask)
    modules = np.where(np.array(code.get_matrix(), dtype=bool), 0, 255).astype(np.uint8)
    return cv2.resize(modules, None, fx=scale, fy=scale, interpolation=cv2.INTER_NEAREST)


@cache
def _template(version: int, level: str, mask: int) -> np.ndarray:
    """True on the dark modules of a symbol's function patterns (the data modules are
    arbitrary): they depend only on its version, level and mask."""
    symbol = Located(np.zeros((4, 2), np.float32), version, level, mask)
    return _drawn([0] * (len(data_order(version)) // 8), symbol, scale=1)[4:-4, 4:-4] == 0


def _fitted(
    gray: np.ndarray, corners: np.ndarray, size: int, used: np.ndarray, known: np.ndarray
) -> np.ndarray:
    """``corners`` moved, a quarter or half a module at a time, until the sampled function
    patterns (whose modules the version, level and mask fix) agree best with ``known``:
    zxing-cpp guesses the corner without a finder pattern, and perspective moves it."""

    def agreement(trial: np.ndarray) -> int:
        # Against the median: the function patterns are all plain dark and light.
        values = _sample(gray, trial, size)[used]
        return int(((values < np.median(values)) == known[used]).sum())

    module = float(np.sqrt(cv2.contourArea(corners.astype(np.float32)))) / size
    best, score = corners.astype(np.float32), agreement(corners)
    for step in (0.5, 0.25):
        for corner in (2, 1, 3, 0):  # the guessed corner first
            for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1)):
                trial = best.copy()
                trial[corner] += np.array([dx, dy], np.float32) * step * module
                if (trial_score := agreement(trial)) > score:
                    best, score = trial, trial_score
    return best


@cache
def data_order(version: int) -> np.ndarray:
    """(row, column) of each data bit in the order QR places them: two columns at a time from
    the right, up then down, skipping the function patterns and the vertical timing column."""
    size = 17 + 4 * version
    used = _function_modules(version)
    order = []
    upward = True
    column = size - 1
    while column > 0:
        if column == 6:
            column -= 1
        rows = range(size - 1, -1, -1) if upward else range(size)
        for row in rows:
            for c in (column, column - 1):
                if not used[row, c]:
                    order.append((row, c))
        upward = not upward
        column -= 2
    return np.array(order, np.intp)


def _function_modules(version: int) -> np.ndarray:
    """True on the finder patterns and separators, format and version information, timing
    patterns, alignment patterns and the dark module."""
    import qrcode.util

    size = 17 + 4 * version
    used = np.zeros((size, size), bool)
    used[:9, :9] = used[:9, size - 8 :] = used[size - 8 :, :9] = True  # finders and format
    centres = qrcode.util.pattern_position(version)
    for row in centres:
        for col in centres:
            if not used[row, col]:  # no alignment pattern where a finder is
                used[row - 2 : row + 3, col - 2 : col + 3] = True
    used[6, :] = used[:, 6] = True
    if version >= 7:
        used[:6, size - 11 : size - 8] = used[size - 11 : size - 8, :6] = True
    return used


@cache
def _mask(pattern: int, size: int) -> np.ndarray:
    i, j = np.mgrid[0:size, 0:size]
    conditions = (
        (i + j) % 2 == 0,
        i % 2 == 0,
        j % 3 == 0,
        (i + j) % 3 == 0,
        (i // 2 + j // 3) % 2 == 0,
        (i * j) % 2 + (i * j) % 3 == 0,
        ((i * j) % 2 + (i * j) % 3) % 2 == 0,
        ((i * j) % 3 + (i + j) % 2) % 2 == 0,
    )
    return conditions[pattern]
