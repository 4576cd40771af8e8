"""QR decoding: zxing-cpp first, and a cascade of fallbacks tried only when it finds nothing.

Theory of operation. Most frames a kiosk sees hold a clean enough code, and zxing-cpp decodes
those in a few milliseconds, so it always runs first on the grayscale frame (without its
inverted pass, which would double its cost on every frame it cannot read, nor its downscaled
copies, which the half-size stages stand for). Only when it finds nothing does the cascade pay
for the fallbacks, stopping at the first stage that finds a code. They run zxing-cpp without
its own extra passes, which halves their cost; the cheap ones work on the frame at half size
(pixel averages, made once), which also shrinks blur and moiré:

1. binarise: each pixel against the mean of its 15x15 neighbourhood at half size, and its
   inverse: dim phones, glare and shadow, phone-screen moiré, dark-mode screens (about 0.6 ms
   on a 1280x720 frame with no code);
2. zoom: the frame's busiest region sharpened and enlarged 3x: codes far away, with modules
   one or two pixels wide (about 1.5 ms; early, because zxing-cpp misses most such codes, so
   this stage sets their median time);
3. sharpen: unsharp masking at half size: a code out of focus or moving, dim phones (0.7 ms);
4. finder: a finder pattern hidden by a highlight or a thumb, painted back where the other two
   put it (drivers/camera/qrfinder.py; 0.5-8 ms);
5. zoom-more: the busiest region enlarged with Lanczos and milder sharpening (modules near one
   pixel), and the second busiest region both ways (3-8 ms);
6. rectify: three finder patterns traced at full size fix an affine map that sets the symbol
   upright at 4 px per module: a code turned far out of the image plane, squeezed and sheared
   (drivers/camera/qrfinder.py; 1-3 ms);
7. invert: the inverted frame, for a dark-mode screen the binarisation missed (1.5 ms);
8. screen: a 3x3 closing that fills the dark lines between a phone screen's pixels, then the
   binarisation at full size (2-2.5 ms);
9. deblur: strong unsharp masking at full size: motion blur (3-4 ms);
10. CLAHE (local contrast equalisation) at full size (4.5-5 ms);
11. upscale: the whole frame 2x, for small codes that are not among the busiest regions (4-9 ms).

The stages and their settings were chosen on tests/drivers/camera/qr_degrade.py (the tuning
set) and are scored on tests/drivers/camera/qr_scoring.py, made apart from it; bench/qr.py
prints both, per kind of trouble, and which stage decoded how many frames. A frame with no code
runs every stage (about 20-35 ms): the live scanner does that at most twice a second.

Frames larger than ``max_side`` are downscaled first, so a 4K camera or a huge photo costs a
bounded time. Every decoder here is stateless apart from its OpenCV detector; use one
:class:`QrCascade` per thread.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import islice

import cv2
import numpy as np

logger = logging.getLogger(__name__)

Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class QrCode:
    text: str
    decoder: str  # the stage that found it, e.g. "zxing", "zxing+clahe", "aruco"
    corners: tuple[Point, ...]  # in the coordinates of the image given to decode()


@dataclass(frozen=True, slots=True)
class DecodeResult:
    codes: tuple[QrCode, ...]
    ms: float  # wall time spent on this image

    @property
    def texts(self) -> tuple[str, ...]:
        return tuple(code.text for code in self.codes)


def to_gray(image: np.ndarray) -> np.ndarray:
    if image.ndim == 2:
        return image
    if image.ndim == 3 and image.shape[2] == 3:
        return cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    if image.ndim == 3 and image.shape[2] == 4:
        return cv2.cvtColor(image, cv2.COLOR_BGRA2GRAY)
    raise ValueError(f"expected a grayscale or BGR image, got shape {image.shape}")


def _scaled(points: np.ndarray, scale: float) -> tuple[Point, ...]:
    return tuple((float(x) / scale, float(y) / scale) for x, y in points.reshape(-1, 2))


def zxing_decode(
    gray: np.ndarray,
    *,
    name: str = "zxing",
    scale: float = 1.0,
    offset: Point = (0.0, 0.0),
    thorough: bool = True,
    invert: bool | None = None,
    downscale: bool | None = None,
) -> list[QrCode]:
    """zxing-cpp on a grayscale image; corners map back to the caller's image as
    ``point / scale + offset``. ``thorough=False`` skips zxing-cpp's own extra passes (the
    inverted image and its downscaled copies), which halves the cost of a fallback;
    ``invert`` and ``downscale`` choose them one by one."""
    import zxingcpp

    found = []
    for barcode in zxingcpp.read_barcodes(
        gray,
        formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode),
        try_invert=thorough if invert is None else invert,
        try_downscale=thorough if downscale is None else downscale,
        try_rotate=thorough,
    ):
        if not barcode.valid:
            continue
        pos = barcode.position
        points = np.array(
            [
                [pos.top_left.x, pos.top_left.y],
                [pos.top_right.x, pos.top_right.y],
                [pos.bottom_right.x, pos.bottom_right.y],
                [pos.bottom_left.x, pos.bottom_left.y],
            ],
            dtype=np.float32,
        )
        corners = tuple((x + offset[0], y + offset[1]) for x, y in _scaled(points, scale))
        found.append(QrCode(barcode.text, name, corners))
    return found


class OpenCvDecoder:
    """One of OpenCV's QR detectors (``aruco=True`` for QRCodeDetectorAruco), several per image."""

    def __init__(self, *, aruco: bool = True) -> None:
        self.name = "aruco" if aruco else "opencv"
        self._detector = cv2.QRCodeDetectorAruco() if aruco else cv2.QRCodeDetector()

    def __call__(self, gray: np.ndarray, *, name: str | None = None) -> list[QrCode]:
        try:
            ok, texts, points, _ = self._detector.detectAndDecodeMulti(gray)
        except cv2.error as exc:  # the classic detector asserts on some frames (kmeans)
            logger.debug("OpenCV QR detector failed on a frame: %s", exc)
            return []
        if not ok or points is None:
            return []
        label = name or self.name
        return [
            QrCode(text, label, _scaled(np.asarray(quad), 1.0))
            for text, quad in zip(texts, points, strict=False)
            if text
        ]


class Views:
    """One frame's grayscale image and the reduced copies the fallbacks share, made once."""

    def __init__(self, gray: np.ndarray) -> None:
        self.gray = gray

    @cached_property
    def busiest(self) -> list[tuple[int, int, np.ndarray]]:
        """The two regions the zoom stages enlarge, most textured first."""
        return busiest_regions(self.gray, count=2, side=ZOOM_SIDE)

    @cached_property
    def half(self) -> np.ndarray:
        """Half the size by pixel averaging: blur, noise and screen moiré shrink with it."""
        return cv2.resize(self.gray, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)

    @cached_property
    def half_binary(self) -> np.ndarray:
        """``half`` with each pixel against the mean of its 15x15 neighbourhood (about 30 px of
        the frame, a few modules): survives glare, shadow and screen moiré that defeat
        zxing-cpp's own block thresholds. Light is 255."""
        return cv2.adaptiveThreshold(
            self.half, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, 15, 2
        )


Stage = tuple[str, Callable[[Views], list[QrCode]]]


class QrCascade:
    """zxing-cpp, then the fallbacks of the module docstring; returns every code of a frame."""

    name = "cascade"

    def __init__(self, *, max_side: int = 1920, clahe_clip: float = 3.0) -> None:
        self.max_side = max_side
        self._clahe = cv2.createCLAHE(clipLimit=clahe_clip, tileGridSize=(8, 8))
        self.stages: Sequence[Stage] = (
            ("zxing", self._plain_stage),
            ("zxing+binarise", self._binarise_stage),
            ("zxing+zoom", self._zoom_first_stage),
            ("zxing+sharpen", self._sharpen_stage),
            ("zxing+finder", self._finder_stage),
            ("zxing+zoom-more", self._zoom_more_stage),
            ("zxing+rectify", self._rectify_stage),
            ("zxing+invert", self._invert_stage),
            ("zxing+screen", self._screen_stage),
            ("zxing+deblur", self._deblur_stage),
            ("zxing+clahe", self._clahe_stage),
            ("zxing+upscale", self._upscale_stage),
        )

    @staticmethod
    def _plain_stage(views: Views) -> list[QrCode]:
        # Without zxing-cpp's inverted pass, which doubles its cost on a frame it cannot read:
        # the binarise stage tries the inverse at a quarter of the pixels, and the invert stage
        # at full size, so the fallbacks that rescue most frames start that much sooner. Nor
        # its downscaled copies, which it reads even after a code is found: the binarise and
        # sharpen stages work at half size anyway.
        return zxing_decode(views.gray, thorough=False)

    @staticmethod
    def _binarise_stage(views: Views) -> list[QrCode]:
        return zxing_decode(
            views.half_binary, name="zxing+binarise", scale=0.5, thorough=False, invert=True
        )

    @staticmethod
    def _invert_stage(views: Views) -> list[QrCode]:
        # A dark-mode screen (light modules on black) that the binarised inverse did not read.
        return zxing_decode(cv2.bitwise_not(views.gray), name="zxing+invert", thorough=False)

    @staticmethod
    def _sharpen_stage(views: Views) -> list[QrCode]:
        soft = cv2.GaussianBlur(views.half, (0, 0), 2.0)
        sharp = cv2.addWeighted(views.half, 3.5, soft, -2.5, 0)
        return zxing_decode(sharp, name="zxing+sharpen", scale=0.5, thorough=False)

    @staticmethod
    def _zoom_first_stage(views: Views) -> list[QrCode]:
        # A code far from the camera: its modules are one or two pixels wide, too few for
        # zxing-cpp, and it is the busiest texture in the frame. Enlarge only there. Where
        # zxing-cpp misses most frames (codes far away) this pass sets the median time, so it
        # comes early and alone: the busiest region, the first way of enlarging it.
        return _zoomed(views, regions=1, passes=ZOOM_PASSES[:1])

    @staticmethod
    def _zoom_more_stage(views: Views) -> list[QrCode]:
        return _zoomed(views, regions=2, passes=ZOOM_PASSES, skip_first=True)

    @staticmethod
    def _finder_stage(views: Views) -> list[QrCode]:
        from drivers.camera.qrfinder import finder_patterns, repaired_reads

        # Dark against its neighbourhood by a clear margin: a finder is black on white, and
        # sensor noise must not break the frame into thousands of specks to trace.
        dark = cv2.adaptiveThreshold(
            views.half, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 15, 10
        )
        found = finder_patterns(dark)
        finders = [finder.scaled(2.0) for finder in found]

        def read(crop: np.ndarray, offset: Point) -> list[QrCode]:
            return zxing_decode(crop, name="zxing+finder", offset=offset, thorough=False)

        return repaired_reads(views.gray, finders, read)

    @staticmethod
    def _rectify_stage(views: Views) -> list[QrCode]:
        from drivers.camera.qrfinder import finder_patterns, rectified

        # At full size: a code turned far from the camera has finders a few pixels across. An
        # opening clears the specks of sensor grain, which would otherwise leave tens of
        # thousands of contours to trace (60-90 ms on a grainy frame, under 1 ms after).
        dark = cv2.adaptiveThreshold(
            views.gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 15, 10
        )
        dark = cv2.morphologyEx(dark, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))
        for image, back in islice(rectified(views.gray, finder_patterns(dark)), RECTIFY_TRIES):
            found = zxing_decode(image, name="zxing+rectify", thorough=False)
            if found:
                return [_mapped(code, back) for code in found]
        return []

    @staticmethod
    def _screen_stage(views: Views) -> list[QrCode]:
        # A phone screen seen up close: the dark lines between its pixels cross the light
        # modules. A 3x3 closing fills them in; modules are wider and stay.
        closed = cv2.morphologyEx(views.gray, cv2.MORPH_CLOSE, np.ones((3, 3), np.uint8))
        binary = cv2.adaptiveThreshold(
            closed, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, 31, 2
        )
        return zxing_decode(binary, name="zxing+screen", thorough=False)

    @staticmethod
    def _deblur_stage(views: Views) -> list[QrCode]:
        soft = cv2.GaussianBlur(views.gray, (0, 0), 2.0)
        sharp = cv2.addWeighted(views.gray, 4.0, soft, -3.0, 0)
        return zxing_decode(sharp, name="zxing+deblur", thorough=False)

    def _clahe_stage(self, views: Views) -> list[QrCode]:
        return zxing_decode(self._clahe.apply(views.gray), name="zxing+clahe", thorough=False)

    @staticmethod
    def _upscale_stage(views: Views) -> list[QrCode]:
        gray = views.gray
        if max(gray.shape) > 2000:  # already plenty of pixels per module; not worth 4x the work
            return []
        big = cv2.resize(gray, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC)
        return zxing_decode(big, name="zxing+upscale", scale=2.0, thorough=False)

    def decode(self, image: np.ndarray, *, fallbacks: bool = True) -> DecodeResult:
        """Every code in ``image``; ``fallbacks=False`` runs the fast path only: zxing-cpp with
        all its own passes, the inverted one included (the live scanner's frames between two
        runs of the fallbacks)."""
        start = time.perf_counter()
        gray = to_gray(image)
        scale = 1.0
        if max(gray.shape) > self.max_side:
            scale = self.max_side / max(gray.shape)
            gray = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        views = Views(gray)
        codes: list[QrCode] = []
        if min(gray.shape) < 21:  # too small for any symbol's 21 modules: no point falling back
            fallbacks = False
        if not fallbacks:
            codes = zxing_decode(gray)
        for _name, stage in self.stages if fallbacks else ():
            codes = stage(views)
            if codes:
                break
        if scale != 1.0:
            codes = [
                QrCode(c.text, c.decoder, tuple((x / scale, y / scale) for x, y in c.corners))
                for c in codes
            ]
        return DecodeResult(_unique(codes), (time.perf_counter() - start) * 1000)

    __call__ = decode


RECTIFY_TRIES = 6
ZOOM, ZOOM_SIDE = 3, 240
# Cubic with strong sharpening; then Lanczos, whose own overshoot needs less, for modules near
# one pixel, where cubic smears neighbours.
ZOOM_PASSES = ((cv2.INTER_CUBIC, 1.0, 2.5), (cv2.INTER_LANCZOS4, 0.7, 1.5))


def _zoomed(
    views: Views,
    *,
    regions: int,
    passes: Sequence[tuple[int, float, float]],
    skip_first: bool = False,
) -> list[QrCode]:
    """zxing-cpp on the busiest ``regions`` of the frame enlarged ZOOM times each way of
    ``passes`` (interpolation, sharpening sigma and amount); ``skip_first`` leaves out the
    first region's first pass (the first zoom stage's)."""
    for index, (x0, y0, crop) in enumerate(views.busiest[:regions]):
        for which, (interpolation, sigma, amount) in enumerate(passes):
            if skip_first and index == which == 0:
                continue
            # Such codes are soft as well (lens, demosaicing, JPEG): sharpen, before enlarging
            # (a ninth of the pixels to filter).
            soft = cv2.GaussianBlur(crop, (0, 0), sigma)
            sharp = cv2.addWeighted(crop, 1 + amount, soft, -amount, 0)
            big = cv2.resize(sharp, None, fx=ZOOM, fy=ZOOM, interpolation=interpolation)
            found = zxing_decode(
                big, name="zxing+zoom", scale=ZOOM, offset=(x0, y0), thorough=False
            )
            if found:
                return found
    return []


def busiest_regions(
    gray: np.ndarray, *, count: int, side: int
) -> list[tuple[int, int, np.ndarray]]:
    """Up to ``count`` square crops (left, top, pixels) of ``side`` px centred where edges in
    both directions are densest, found at a quarter of the size; apart from one another."""
    if min(gray.shape) < side or min(gray.shape) < 16:
        return []
    quarter = cv2.resize(gray, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    across = np.abs(cv2.Sobel(quarter, cv2.CV_16S, 1, 0)).astype(np.float32)
    down = np.abs(cv2.Sobel(quarter, cv2.CV_16S, 0, 1)).astype(np.float32)
    window = max(3, side // 18)  # a little over half the crop, in quarter pixels
    energy = np.minimum(cv2.blur(across, (window, window)), cv2.blur(down, (window, window)))
    crops = []
    height, width = gray.shape
    for _ in range(count):
        y, x = np.unravel_index(int(np.argmax(energy)), energy.shape)
        if energy[y, x] <= 0:
            break
        left = int(np.clip(x * 4 - side // 2, 0, width - side))
        top = int(np.clip(y * 4 - side // 2, 0, height - side))
        crops.append((left, top, gray[top : top + side, left : left + side]))
        reach = side // 8  # suppress the neighbourhood: the next crop is somewhere else
        energy[max(0, y - reach) : y + reach + 1, max(0, x - reach) : x + reach + 1] = 0
    return crops


def _mapped(code: QrCode, matrix: np.ndarray) -> QrCode:
    """``code`` with its corners moved by the 2x3 affine ``matrix``."""
    corners = np.array(code.corners, np.float32).reshape(-1, 1, 2)
    points = cv2.transform(corners, matrix).reshape(-1, 2)
    return QrCode(code.text, code.decoder, tuple((float(x), float(y)) for x, y in points))


def _unique(codes: list[QrCode]) -> tuple[QrCode, ...]:
    seen: set[str] = set()
    out = []
    for code in codes:
        if code.text not in seen:
            seen.add(code.text)
            out.append(code)
    return tuple(out)


class SingleDecoder:
    """One decoder alone with the cascade's interface, for the benchmark's comparison columns."""

    def __init__(self, name: str, decode: Callable[[np.ndarray], list[QrCode]]) -> None:
        self.name = name
        self._decode = decode

    def decode(self, image: np.ndarray, *, fallbacks: bool = True) -> DecodeResult:
        """Every code in ``image``; ``fallbacks=False`` runs the fast path only."""
        start = time.perf_counter()
        codes = self._decode(to_gray(image))
        return DecodeResult(_unique(codes), (time.perf_counter() - start) * 1000)

    __call__ = decode


def decoders_for_comparison() -> list[SingleDecoder | QrCascade]:
    """zxing-cpp alone, QRCodeDetectorAruco alone, QRCodeDetector alone, and our cascade."""
    return [
        SingleDecoder("zxing-cpp", zxing_decode),
        SingleDecoder("cv2.QRCodeDetectorAruco", OpenCvDecoder(aruco=True)),
        SingleDecoder("cv2.QRCodeDetector", OpenCvDecoder(aruco=False)),
        QrCascade(),
    ]
