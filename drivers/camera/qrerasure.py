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
segments are still parsed by zxing-cpp alone. Where the patch is drawn too small or too large
(a dark module at a highlight's edge is lifted, not saturated), each block tries several
guesses of it, then its most doubtful bytes (the brightest) erased one more at a time. Each
block keeps a check byte unused, to catch a wrong correction. Pure Python and numpy, 3-5 ms a
symbol: only for symbols zxing-cpp gave up on (drivers/camera/qrgrid.py places the ones it
found no symbol for).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
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


def read_with_erasures(gray: np.ndarray, symbol: Located, *, placed: bool = True) -> str | None:
    """The text of ``symbol`` in ``gray``, its glare treated as erasures; None if it cannot
    be corrected. ``placed=False`` for corners that only three finders fixed: fitted then
    over whole modules too, and to the data modules' contrast (perspective moves the corner
    opposite the top left one by modules, where a small symbol has no function pattern)."""
    import zxingcpp

    size = 17 + 4 * symbol.version
    used = function_modules(symbol.version)
    known = function_template(symbol.version, symbol.level, symbol.mask)
    crop, soft, origin = soft_crop(gray, symbol.corners, symbol.module)
    corners = symbol.corners - origin
    if placed:
        corners = fitted_corners(soft, corners, size, used, known)
    else:
        corners = fitted_corners(
            soft, corners, size, used, known, steps=(1.0, 0.5, 0.25), contrast=1.0
        )
    values = sampled(soft, corners, size)
    dark = values < module_thresholds(values)
    order = data_order(symbol.version)
    bits = dark[order[:, 0], order[:, 1]] ^ _mask(symbol.mask, size)[order[:, 0], order[:, 1]]
    count = len(bits) // 8
    codewords = np.packbits(bits[: count * 8]).tolist()
    guesses, doubt = _glare_guesses(crop, values, corners, size, symbol.module)

    def per_codeword(modules: np.ndarray) -> np.ndarray:
        return modules[order[:, 0], order[:, 1]][: count * 8].reshape(count, 8).max(axis=1)

    fixed = _corrected(
        codewords,
        [per_codeword(lost).astype(bool).tolist() for lost in guesses],
        symbol.version,
        symbol.level,
        doubt=per_codeword(doubt).tolist(),
    )
    if fixed is None:
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


def soft_crop(
    gray: np.ndarray, corners: np.ndarray, module: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The symbol's bounding box in ``gray`` with two modules to spare for fitting, that
    box averaged over a third of a module (noise averages out, the neighbours stay out), and
    the box's top left corner in ``gray``."""
    left, top = np.floor(corners.min(axis=0) - 2 * module).astype(int).clip(0)
    right, bottom = np.ceil(corners.max(axis=0) + 2 * module).astype(int)
    box = max(1, int(module / 3)) | 1
    crop = gray[top:bottom, left:right]
    soft = cv2.blur(crop, (box, box)) if box > 1 else crop
    return crop, soft, np.array([left, top], np.float32)


def _glare_guesses(
    crop: np.ndarray, values: np.ndarray, corners: np.ndarray, size: int, module: float
) -> tuple[list[np.ndarray], np.ndarray]:
    """Which modules a highlight may hide: several guesses (size x size, 1 where lost), the
    fewest first, and how much each module is in doubt (its brightest pixel: a highlight is
    brighter than paper).

    Saturated modules in runs of at least 3x3 (paper can be as white as glare, but random data
    seldom leaves a light 3x3 block); then the ring of modules around them as well, which its
    halo may have lifted past the threshold. Then the same for the modules a saturated pixel
    comes within half a module of: a dark module under the edge of a highlight is lifted, not
    saturated, at its centre. Last, every saturated module and its ring: a reflected window or
    strip light is a band too narrow for 3x3."""
    kernel = np.ones((3, 3), np.uint8)
    saturated = (values >= SATURATED).astype(np.uint8)
    reach = max(1, round(module / 2)) * 2 + 1
    brightest = sampled(cv2.dilate(crop, np.ones((reach, reach), np.uint8)), corners, size)
    touched = (brightest >= SATURATED).astype(np.uint8)
    guesses = []
    for lost in (saturated, touched):
        core = cv2.morphologyEx(lost, cv2.MORPH_OPEN, kernel)
        guesses += [core, cv2.dilate(core, kernel)]
    guesses += [saturated, cv2.dilate(saturated, kernel)]
    return guesses, brightest


def sampled(image: np.ndarray, corners: np.ndarray, size: int) -> np.ndarray:
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


def module_thresholds(values: np.ndarray) -> np.ndarray:
    """Per module, halfway between the darkest and lightest unsaturated modules around it
    (7x7 modules): light falling off across the symbol moves both."""
    kernel = np.ones((7, 7), np.uint8)
    clear = np.where(values >= SATURATED, np.nan, values)
    light = cv2.dilate(np.nan_to_num(clear, nan=0.0), kernel)
    dark = cv2.erode(np.nan_to_num(clear, nan=255.0), kernel)
    return (light + dark) / 2


def _corrected(
    codewords: list[int],
    guesses: Sequence[Sequence[bool]],
    version: int,
    level: str,
    *,
    doubt: Sequence[float] = (),
) -> list[int] | None:
    """The interleaved ``codewords`` with every block corrected, or None. Each block takes
    the first of ``guesses`` (which codewords are erased) that corrects it; then, if
    ``doubt`` (one figure a codeword) is given, its most doubtful codewords erased, one more
    at a time (generalised minimum distance decoding): a highlight's edge is seldom where a
    guess draws it."""
    import qrcode.base

    blocks = qrcode.base.rs_blocks(version, LEVELS[level])
    # Each block's codewords, as indices into the interleaved ones: the data bytes of every
    # block in turn, then the check bytes likewise.
    members: list[list[int]] = [[] for _ in blocks]
    index = 0
    for counts in ([b.data_count for b in blocks], [b.total_count - b.data_count for b in blocks]):
        for i in range(max(counts)):
            for k, count in enumerate(counts):
                if i < count:
                    members[k].append(index)
                    index += 1
    if index > len(codewords):
        return None
    out = list(codewords[:index])
    for k, block in enumerate(blocks):
        ec = block.total_count - block.data_count
        words = [codewords[i] for i in members[k]]
        fixed = None
        for erased in _erasure_trials(members[k], guesses, doubt, ec):
            fixed = reedsolomon.correct(words, ec, erased, spare=SPARE)
            if fixed is not None:
                break
        if fixed is None:
            return None
        for i, word in zip(members[k], fixed, strict=True):
            out[i] = word
    return out


def _erasure_trials(
    members: list[int], guesses: Sequence[Sequence[bool]], doubt: Sequence[float], ec: int
) -> Iterator[list[int]]:
    """The positions in one block (whose codewords are ``members``) to erase, trial by trial:
    each guess's, then the 0, 1, 2 ... most doubtful, each list once."""
    seen: set[tuple[int, ...]] = set()
    trials = [[p for p, i in enumerate(members) if guess[i]] for guess in guesses]
    if doubt:
        ranked = sorted(range(len(members)), key=lambda p: -doubt[members[p]])
        trials += [sorted(ranked[:count]) for count in range(ec - SPARE + 1)]
    for erased in trials:
        key = tuple(erased)
        if key not in seen and len(erased) + SPARE <= ec:
            seen.add(key)
            yield erased


def _drawn(codewords: list[int], symbol: Located, *, scale: int = 4) -> np.ndarray:
    """``symbol`` with ``codewords``, drawn at ``scale`` px per module with its quiet zone."""
    import qrcode

    code = qrcode.QRCode(version=symbol.version, error_correction=LEVELS[symbol.level], border=4)
    code.data_cache = codewords
    code.makeImpl(False, symbol.mask)
    modules = np.where(np.array(code.get_matrix(), dtype=bool), 0, 255).astype(np.uint8)
    return cv2.resize(modules, None, fx=scale, fy=scale, interpolation=cv2.INTER_NEAREST)


@cache
def function_template(version: int, level: str, mask: int) -> np.ndarray:
    """True on the dark modules of a symbol's function patterns (the data modules are
    arbitrary): they depend only on its version, level and mask."""
    symbol = Located(np.zeros((4, 2), np.float32), version, level, mask)
    return _drawn([0] * (len(data_order(version)) // 8), symbol, scale=1)[4:-4, 4:-4] == 0


def fitted_corners(
    gray: np.ndarray,
    corners: np.ndarray,
    size: int,
    used: np.ndarray,
    known: np.ndarray,
    *,
    steps: tuple[float, ...] = (0.5, 0.25),
    contrast: float = 0.0,
) -> np.ndarray:
    """``corners`` moved ``steps`` modules at a time (each step again while that helps) until
    the sampled function patterns (whose modules the version, level and mask fix) agree best
    with ``known``: zxing-cpp guesses the corner without a finder pattern, and perspective
    moves it. ``contrast`` weighs in how far the other modules' samples lie from the median
    too (at most 1 each): off the module centres they blur towards it. That counts where few
    function patterns are, towards the corner opposite the top left finder."""

    spread = 1.0
    if contrast:
        values = sampled(gray, corners, size)
        spread = max(float(np.percentile(values, 90) - np.percentile(values, 10)) / 2, 1.0)

    def agreement(trial: np.ndarray) -> float:
        values = sampled(gray, trial, size)
        fixed = values[used]
        # Against their mean: the function patterns are all plain dark and light, about as
        # many of each.
        score = float(((fixed < fixed.mean()) == known[used]).sum())
        if contrast:
            away = np.abs(values - module_thresholds(values))[~used] / spread
            score += contrast * float(np.minimum(away, 1.0).sum())
        return score

    module = float(np.sqrt(cv2.contourArea(corners.astype(np.float32)))) / size
    best, score = corners.astype(np.float32), agreement(corners)
    for step in steps:
        for _ in range(3 if step > 0.5 else 1):  # coarse steps again while they help
            start = score
            for corner in (2, 1, 3, 0):  # the guessed corner first
                for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1)):
                    trial = best.copy()
                    trial[corner] += np.array([dx, dy], np.float32) * step * module
                    if (trial_score := agreement(trial)) > score:
                        best, score = trial, trial_score
            if score == start:
                break
    return best


@cache
def data_order(version: int) -> np.ndarray:
    """(row, column) of each data bit in the order QR places them: two columns at a time from
    the right, up then down, skipping the function patterns and the vertical timing column."""
    size = 17 + 4 * version
    used = function_modules(version)
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


def function_modules(version: int) -> np.ndarray:
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
