"""A QR code with one finder pattern lost: find the other two and paint the third back.

Theory of operation. zxing-cpp and OpenCV place a QR symbol by its three finder patterns (the
nested squares in three of its corners). A lamp reflected in a phone's glass, or a thumb, over
one corner hides one of them, and then neither finds the symbol at all, although its data may be
intact: a finder carries no data, and error correction restores the few data modules the
highlight covers as well. This stage finds finder patterns itself, as nested contours of the
binarised image (a dark ring around a light ring around a dark core, areas 49 : 25 : 9 modules),
and for each pair of finders of one size paints a finder pattern where the third would be, then
has zxing-cpp read the repaired crop. The pair is either two corners of one edge (the third is
off either end, on either side: four places) or the ends of the diagonal (two places); the
symbol is taken as a parallelogram leaning as the two finders' own sides do, which holds for
the tilts a reader meets; what perspective adds, a shift of a module and a half either way
makes up for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TypeVar

import cv2
import numpy as np

Point = tuple[float, float]
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Finder:
    centre: np.ndarray  # x, y in pixels
    u: np.ndarray  # one module along one of its sides, in pixels
    v: np.ndarray  # one module along the other side

    @property
    def module(self) -> float:
        return float(np.sqrt(np.hypot(*self.u) * np.hypot(*self.v)))

    def scaled(self, factor: float) -> Finder:
        return Finder(self.centre * factor, self.u * factor, self.v * factor)


def finder_patterns(dark: np.ndarray, *, limit: int = 12) -> list[Finder]:
    """Finder patterns in ``dark`` (255 where the image is dark), largest first."""
    contours, hierarchy = cv2.findContours(dark, cv2.RETR_TREE, cv2.CHAIN_APPROX_SIMPLE)
    if hierarchy is None:
        return []
    links = hierarchy[0]  # next, previous, first child, parent
    found: list[tuple[float, Finder]] = []
    for ring, contour in enumerate(contours):
        hole = links[ring][2]
        core = links[hole][2] if hole >= 0 else -1
        if core < 0 or links[hole][0] >= 0 or links[core][0] >= 0 or links[core][1] >= 0:
            continue  # the ring's hole must hold exactly one thing, the core
        outer = cv2.contourArea(contour)
        inner, middle = cv2.contourArea(contours[hole]), cv2.contourArea(contours[core])
        if outer < 49 or middle <= 0 or inner <= 0:
            continue
        if not (1.4 < outer / inner < 3.0 and 1.6 < inner / middle < 5.0):
            continue
        finder = _finder(contour, contours[core], outer, inner)
        if finder is not None:
            found.append((outer, finder))
    found.sort(key=lambda item: -item[0])
    return [finder for _, finder in found[:limit]]


def _finder(ring: np.ndarray, core: np.ndarray, outer: float, inner: float) -> Finder | None:
    quad = cv2.approxPolyDP(ring, 0.1 * np.sqrt(outer), True).reshape(-1, 2).astype(np.float64)
    if len(quad) != 4 or not cv2.isContourConvex(quad.astype(np.float32)):
        return None
    # Opposite sides averaged: the finder's two axes, however the symbol is skewed.
    along = (quad[1] - quad[0] + quad[2] - quad[3]) / 2
    across = (quad[3] - quad[0] + quad[2] - quad[1]) / 2
    lengths = np.hypot(*along), np.hypot(*across)
    if min(lengths) < 5 or max(lengths) > 2.0 * min(lengths):
        return None
    # A binariser moves every edge by the same amount: the ring's outer side (7 modules) and
    # its hole's (5) err in opposite directions, and their sum does not.
    module = (np.sqrt(outer) + np.sqrt(inner)) / 12
    scale = module / np.sqrt(lengths[0] * lengths[1])
    centre = quad.mean(axis=0)
    moments = cv2.moments(core)
    if not moments["m00"]:
        return None
    core_centre = np.array([moments["m10"], moments["m01"]]) / moments["m00"]
    if np.hypot(*(core_centre - centre)) > module:
        return None
    return Finder(centre, along * scale, across * scale)


def third_finders(a: Finder, b: Finder) -> Iterator[tuple[np.ndarray, Finder, np.ndarray]]:
    """Where the third finder of a symbol with finders ``a`` and ``b`` may be (as the finder to
    paint there) and the symbol's fourth corner: four places if ``a`` and ``b`` share an edge,
    two if they are its diagonal."""
    between = b.centre - a.centre
    # ``between`` in modules along a's two axes: about (n - 7, 0) for an edge, (n - 7, n - 7)
    # for the diagonal, whatever the skew.
    steps = np.linalg.solve(np.column_stack([a.u, a.v]), between)
    big, small = np.abs(steps).max(), np.abs(steps).min()
    if not 10 <= big <= 60:
        return
    if small < 0.25 * big:  # two corners of one edge
        along = between / np.hypot(*between)
        # The symbol's other axis: square to ``between``, leaning as the finders' own sides do
        # (a skewed symbol), with as many modules as ``between`` has.
        lean = np.mean([_across(f, along) for f in (a, b)], axis=0)
        side = lean / np.hypot(*lean) * big * (a.module + b.module) / 2
        for corner, other in ((a, b), (b, a)):
            for third in (corner.centre + side, corner.centre - side):
                yield third, Finder(third, corner.u, corner.v), other.centre + third - corner.centre
    elif small > 0.7 * big:  # the diagonal
        for third in (a.centre + steps[0] * a.u, a.centre + steps[1] * a.v):
            yield (
                third,
                Finder(third, (a.u + b.u) / 2, (a.v + b.v) / 2),
                a.centre + b.centre - third,
            )


def _across(finder: Finder, along: np.ndarray) -> np.ndarray:
    """The unit vector of ``finder``'s side that is not along ``along``, on its left."""
    u, v = finder.u / np.hypot(*finder.u), finder.v / np.hypot(*finder.v)
    side = v if abs(np.dot(u, along)) > abs(np.dot(v, along)) else u
    return side if along[0] * side[1] - along[1] * side[0] > 0 else -side


def paint_finder(image: np.ndarray, finder: Finder, dark: int, light: int) -> None:
    """Draw ``finder`` and its light separator into ``image`` (in place)."""
    reach = int(np.ceil(4.5 * 1.5 * max(np.hypot(*finder.u), np.hypot(*finder.v))))
    x0, y0 = (int(v) - reach for v in finder.centre)
    xa, ya = max(x0, 0), max(y0, 0)
    xb, yb = min(x0 + 2 * reach + 1, image.shape[1]), min(y0 + 2 * reach + 1, image.shape[0])
    if xa >= xb or ya >= yb:
        return
    yy, xx = np.mgrid[ya:yb, xa:xb].astype(np.float64)
    to_modules = np.linalg.inv(np.column_stack([finder.u, finder.v]))
    dx, dy = xx - finder.centre[0], yy - finder.centre[1]
    along = np.abs(to_modules[0, 0] * dx + to_modules[0, 1] * dy)
    across = np.abs(to_modules[1, 0] * dx + to_modules[1, 1] * dy)
    ring = np.maximum(along, across)  # 0 at the centre, 3.5 at the finder's edge
    patch = image[ya:yb, xa:xb]
    patch[ring <= 4.5] = light
    patch[(ring <= 1.5) | ((ring > 2.5) & (ring <= 3.5))] = dark


def repaired_reads(
    gray: np.ndarray,
    finders: list[Finder],
    read: Callable[[np.ndarray, Point], list[T]],
    *,
    max_tries: int = 16,
) -> list[T]:
    """Paint each possible third finder of each pair in ``finders`` into a crop of ``gray`` and
    return what ``read(crop, (left, top))`` finds first (nothing after ``max_tries`` reads).

    Whatever hides a finder is most often a highlight, so the brightest places are tried
    first, each also a module and a half off along either axis: the symbol's perspective moves
    the third finder from where two finders alone put it."""
    height, width = gray.shape
    candidates = []
    for i, a in enumerate(finders):
        for b in finders[i + 1 :]:
            if max(a.module, b.module) > 1.4 * min(a.module, b.module):
                continue
            module = (a.module + b.module) / 2
            for centre, painted, fourth in third_finders(a, b):
                if any(np.hypot(*(f.centre - centre)) < 4 * module for f in finders):
                    continue  # a finder is there already: nothing to repair
                x, y = np.round(centre).astype(int)
                reach = max(2, int(3 * module))
                if not (reach <= x < width - reach and reach <= y < height - reach):
                    continue
                brightness = float(gray[y - reach : y + reach, x - reach : x + reach].mean())
                candidates.append((brightness, module, (a, b, centre, painted, fourth)))
    candidates.sort(key=lambda item: -item[0])
    tries = 0
    for _, module, (a, b, centre, painted, fourth) in candidates:
        margin = 8 * module
        corners = np.array([a.centre, b.centre, centre, fourth])
        left, top = np.floor(corners.min(axis=0) - margin).astype(int)
        right, bottom = np.ceil(corners.max(axis=0) + margin).astype(int)
        left, top = max(left, 0), max(top, 0)
        right, bottom = min(right, width), min(bottom, height)
        if right - left < 8 * module or bottom - top < 8 * module:
            continue
        region = gray[top:bottom, left:right]
        dark, light = (int(v) for v in np.percentile(region, (5, 95)))
        offset = np.array([left, top])
        for shift in (0, painted.u, -painted.u, painted.v, -painted.v):
            crop = region.copy()
            moved = centre - offset + 1.5 * np.asarray(shift)
            paint_finder(crop, Finder(moved, painted.u, painted.v), dark, light)
            found = read(crop, (float(left), float(top)))
            if found:
                return found
            tries += 1
            if tries >= max_tries:
                return []
    return []


def rectified(
    gray: np.ndarray, finders: list[Finder], *, px_per_module: int = 4
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """The symbols that three of ``finders`` may mark, each warped upright onto its own image
    at ``px_per_module`` with a quiet zone, with the 2x3 matrix that maps that image's points
    back to ``gray``'s.

    A code turned far out of the image plane is squeezed along one axis until its modules are a
    pixel or two wide there, and sheared; zxing-cpp then misses it, though its finder patterns
    can still be traced. Three finders fix an affine map (what perspective adds across one
    symbol zxing-cpp absorbs), which undoes the squeeze and the shear and enlarges the modules
    at once. The finder at the corner is the one from which the other two lie along its own
    two axes, as many modules away."""
    for a in finders:
        axes = np.column_stack([a.u, a.v])
        others = [f for f in finders if f is not a]
        for i, b in enumerate(others):
            for c in others[i + 1 :]:
                modules = [f.module for f in (a, b, c)]
                if max(modules) > 1.6 * min(modules):
                    continue
                to_b = np.abs(np.linalg.solve(axes, b.centre - a.centre))
                to_c = np.abs(np.linalg.solve(axes, c.centre - a.centre))
                crossed = (to_b[0] > 3 * to_b[1] and to_c[1] > 3 * to_c[0]) or (
                    to_b[1] > 3 * to_b[0] and to_c[0] > 3 * to_c[1]
                )
                if not crossed:
                    continue
                along_b, along_c = to_b.max(), to_c.max()  # the symbol's side less 7 modules
                if not (min(along_b, along_c) >= 10 and max(along_b, along_c) <= 60):
                    continue
                if max(along_b, along_c) > 1.3 * min(along_b, along_c):
                    continue
                yield _upright(gray, a, b, c, (along_b + along_c) / 2 + 7, px_per_module)


def _upright(
    gray: np.ndarray, a: Finder, b: Finder, c: Finder, side: float, px: int
) -> tuple[np.ndarray, np.ndarray]:
    quiet = 4
    near, far = (quiet + 3.5) * px, (quiet + side - 3.5) * px
    # Seen from ``a`` (top left) the top-right finder comes first turning clockwise (y down).
    db, dc = b.centre - a.centre, c.centre - a.centre
    right, down = (b, c) if db[0] * dc[1] - db[1] * dc[0] > 0 else (c, b)
    source = np.array([a.centre, right.centre, down.centre], np.float32)
    target = np.array([[near, near], [far, near], [near, far]], np.float32)
    matrix = cv2.getAffineTransform(source, target)
    size = round((side + 2 * quiet) * px)
    image = cv2.warpAffine(gray, matrix, (size, size), flags=cv2.INTER_CUBIC, borderValue=255)
    return image, cv2.invertAffineTransform(matrix)
