"""QR decoding: zxing-cpp first, and a cascade of fallbacks tried only when it finds nothing.

Theory of operation. Most frames a kiosk sees hold a clean enough code, and zxing-cpp decodes
those in a few milliseconds, so it always runs first on the grayscale frame (without its
inverted pass, which would double its cost on every frame it cannot read, nor its downscaled
copies, which the half-size stages stand for). Only when it finds nothing does the cascade pay
for the fallbacks, stopping at the first stage that finds a code. They run zxing-cpp without
its own extra passes, which halves their cost; the cheap ones work on the frame at half size
(pixel averages, made once), which also shrinks blur and moiré:

1. small: where the frame's busiest region is small and its detail fine (a code held far
   away, modules one or two pixels wide), that region alone sharpened and enlarged 3x, cubic
   then Lanczos, then cubic sharpened harder (a softer lens, JPEG); nothing otherwise, nor
   where the first pass found a symbol of ordinary size that it could not read (0.2 ms to
   look, 0.3-1 ms to read; first, because zxing-cpp misses most such codes, so this stage sets
   their median time);
   global: zxing-cpp with one threshold for the whole frame from its histogram: a highlight's
   halo lifts the modules around it, and its local thresholds with them (0.3 ms);
2. binarise: each pixel against the mean of its 15x15 neighbourhood at half size, then its
   inverse as a stage of its own: dim phones, glare and shadow, phone-screen moiré, dark-mode
   screens (about 0.4 ms each on a 1280x720 frame with no code);
3. finder: a finder pattern hidden by a highlight or a thumb, painted back where the other two
   put it (drivers/camera/qrfinder.py; 0.5-8 ms; before the zoom and sharpen stages: a
   highlight over a finder is commoner than what those two read after the small stage);
4. zoom: the frame's busiest region, 240 px square, sharpened and enlarged 3x: far codes whose
   region the small stage took for a larger one (about 1 ms);
5. sharpen: unsharp masking at half size: a code out of focus or moving, dim phones (0.7 ms);
   erasure: a symbol zxing-cpp placed (in the first pass or on a repaired crop) but could not
   correct: its modules sampled here and the ones a highlight saturates given to Reed-Solomon
   as erasures, which cost half what errors do (drivers/camera/qrerasure.py; 3-5 ms a symbol,
   nothing without one);
   grid: a highlight over a finder and the data beside it, which zxing-cpp places nothing
   for even with the finder painted back: the symbol placed on the finders here, its format
   read from its own modules, its data corrected as in the erasure stage
   (drivers/camera/qrgrid.py; 10-60 ms where there are finders, nothing without);
6. zoom-more: the busiest region enlarged with Lanczos and milder sharpening (modules near one
   pixel), and the second busiest region both ways (3-8 ms);
7. rectify: three finder patterns traced at full size fix an affine map that sets the symbol
   upright at 4 px per module: a code turned far out of the image plane, squeezed and sheared
   (drivers/camera/qrfinder.py; 1-3 ms);
   stretch: the frame enlarged 2x along the axis on which the busiest region's edges are
   densest: a code turned so far that its modules are a pixel or two wide that way and its
   finders too small to trace (3-4 ms an axis; both when neither is clearly denser);
8. invert: the inverted frame, for a dark-mode screen the binarisation missed (1.5 ms);
9. screen: a 3x3 closing that fills the dark lines between a phone screen's pixels, then the
   binarisation at full size (2-2.5 ms);
   soften: a screen finer than the camera, whose beats the binarisation keeps across the light
   modules: Gaussian blur, then the binarisation, at half size and then at full (0.6-2.5 ms);
10. deblur: strong unsharp masking at full size: motion blur (3-4 ms);
11. CLAHE (local contrast equalisation) at full size (4.5-5 ms);
12. upscale: the whole frame 2x, for small codes that are not among the busiest regions (4-9 ms).

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
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import chain, islice
from typing import TYPE_CHECKING

import cv2
import numpy as np

from drivers.camera.qrerasure import Located
from drivers.camera.qrfinder import Finder

if TYPE_CHECKING:
    import zxingcpp

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
    unread: list[Located] | None = None,
    binary: bool = False,
    global_threshold: bool = False,
) -> list[QrCode]:
    """zxing-cpp on a grayscale image; corners map back to the caller's image as
    ``point / scale + offset``. ``thorough=False`` skips zxing-cpp's own extra passes (the
    inverted image and its downscaled copies), which halves the cost of a fallback;
    ``invert`` and ``downscale`` choose them one by one. ``unread``, if given, receives each
    symbol zxing-cpp found (and read the format of) but could not correct. ``binary`` for an
    image already binarised: zxing-cpp's own local thresholds, a third of its time, are then
    skipped. ``global_threshold`` thresholds the whole image at one level from its histogram
    instead of zxing-cpp's local averages."""
    import zxingcpp

    from drivers.camera.qrerasure import located

    found = []
    for barcode in zxingcpp.read_barcodes(
        gray,
        formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode),
        try_invert=thorough if invert is None else invert,
        try_downscale=thorough if downscale is None else downscale,
        try_rotate=thorough,
        return_errors=unread is not None,
        binarizer=_binarizer(binary=binary, global_threshold=global_threshold),
    ):
        pos = barcode.position
        if not barcode.valid:
            symbol = located(barcode, scale=scale, offset=offset) if unread is not None else None
            if symbol is not None and unread is not None:
                unread.append(symbol)
            continue
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


def _binarizer(*, binary: bool, global_threshold: bool) -> zxingcpp.Binarizer:
    import zxingcpp

    if binary:
        return zxingcpp.Binarizer.FixedThreshold
    if global_threshold:
        return zxingcpp.Binarizer.GlobalHistogram
    return zxingcpp.Binarizer.LocalAverage


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
        # The symbols the first pass found but could not correct.
        self.unread: list[Located] = []

    @cached_property
    def busiest(self) -> list[tuple[int, int, np.ndarray]]:
        """The two regions the zoom stages enlarge, most textured first."""
        quarter = cv2.resize(self.gray, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
        # Over a window a little over half the crop, in quarter pixels.
        energy = edge_energy(quarter, window=max(3, ZOOM_SIDE // 18))
        return busiest_regions(self.gray, energy, count=2, side=ZOOM_SIDE)

    @cached_property
    def edges(self) -> np.ndarray:
        """Where edges in both directions are dense, at a quarter of the size: cheaper than
        for :attr:`busiest` (a quarter made from ``half``, which OpenCV reduces by two on a
        fast path and by four ten times slower; differences of neighbours, in bytes) for the
        small stage, which must cost little."""
        quarter = cv2.resize(self.half, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
        across = cv2.absdiff(quarter[:-1, 1:], quarter[:-1, :-1])
        down = cv2.absdiff(quarter[1:, :-1], quarter[:-1, :-1])
        window = (SMALL_WINDOW, SMALL_WINDOW)
        return np.minimum(cv2.blur(across, window), cv2.blur(down, window))

    @cached_property
    def half(self) -> np.ndarray:
        """Half the size by pixel averaging: blur, noise and screen moiré shrink with it."""
        return cv2.resize(self.gray, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)

    @cached_property
    def small_code(self) -> tuple[int, int, np.ndarray] | None:
        """The busiest region (left, top, pixels) cropped to its extent if that is small and
        its detail fine: a code whose modules are too few pixels wide for zxing-cpp; else
        None."""
        if any(symbol.module >= 3 for symbol in self.unread):
            return None  # zxing-cpp found a symbol of ordinary size: not too far to read
        found = small_busy_region(self.gray, self.edges, limit=SMALL_CODE)
        if found is None or halving_keeps(found[2]) > FINE_DETAIL:
            return None
        return found

    @cached_property
    def finders(self) -> list[Finder]:
        """Finder patterns traced at half size, in the frame's pixels, largest first."""
        from drivers.camera.qrfinder import finder_patterns

        # Dark against its neighbourhood by a clear margin: a finder is black on white, and
        # sensor noise must not break the frame into thousands of specks to trace.
        dark = cv2.adaptiveThreshold(
            self.half, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 15, 10
        )
        return [finder.scaled(2.0) for finder in finder_patterns(dark)]

    @cached_property
    def full_finders(self) -> list[Finder]:
        """Finder patterns traced at full size: a code turned far from the camera, or with
        modules under 2 px, has finders a few pixels across at half size."""
        from drivers.camera.qrfinder import finder_patterns

        # An opening clears the specks of sensor grain, which would otherwise leave tens of
        # thousands of contours to trace (60-90 ms on a grainy frame, under 1 ms after).
        dark = cv2.adaptiveThreshold(
            self.gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 15, 10
        )
        return finder_patterns(cv2.morphologyEx(dark, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8)))

    @cached_property
    def half_binary(self) -> np.ndarray:
        """``half`` with each pixel against the mean of its 15x15 neighbourhood (about 30 px of
        the frame, a few modules) less 2: survives glare, shadow and screen moiré that defeat
        zxing-cpp's own block thresholds. Light is 255. What cv2.adaptiveThreshold gives, in
        two thirds of its time, which counts: several kinds of trouble are read here."""
        return mean_binarised(self.half, 15)


def mean_binarised(image: np.ndarray, window: int) -> np.ndarray:
    """``image`` with each pixel against the mean of its ``window`` square less 2, light 255:
    cv2.adaptiveThreshold's mean method in two thirds of its time."""
    mean = cv2.boxFilter(
        image, -1, (window, window), borderType=cv2.BORDER_REPLICATE | cv2.BORDER_ISOLATED
    )
    two = np.array([2.0])  # a scalar to OpenCV
    light = cv2.compare(image, cv2.subtract(mean, two), cv2.CMP_GT)
    # Where the mean is under 2, mean - 2 is negative and every pixel is above it.
    return cv2.max(light, cv2.compare(mean, two, cv2.CMP_LT))


Stage = tuple[str, Callable[[Views], list[QrCode]]]


class QrCascade:
    """zxing-cpp, then the fallbacks of the module docstring; returns every code of a frame."""

    name = "cascade"

    def __init__(self, *, max_side: int = 1920, clahe_clip: float = 3.0) -> None:
        self.max_side = max_side
        self._clahe = cv2.createCLAHE(clipLimit=clahe_clip, tileGridSize=(8, 8))
        self.stages: Sequence[Stage] = (
            ("zxing", self._plain_stage),
            ("zxing+small", self._small_stage),
            ("zxing+global", self._global_stage),
            ("zxing+binarise", self._binarise_stage),
            ("zxing+binarise-inverse", self._binarise_inverse_stage),
            ("zxing+finder", self._finder_stage),
            ("zxing+zoom", self._zoom_first_stage),
            ("zxing+sharpen", self._sharpen_stage),
            ("zxing+erasure", self._erasure_stage),
            ("zxing+grid", self._grid_stage),
            ("zxing+zoom-more", self._zoom_more_stage),
            ("zxing+rectify", self._rectify_stage),
            ("zxing+stretch", self._stretch_stage),
            ("zxing+invert", self._invert_stage),
            ("zxing+screen", self._screen_stage),
            ("zxing+soften", self._soften_stage),
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
        return zxing_decode(views.gray, thorough=False, unread=views.unread)

    @staticmethod
    def _global_stage(views: Views) -> list[QrCode]:
        # A highlight's halo lifts the light and dark modules around it alike, and zxing-cpp's
        # local averages, lifted with them, take dark modules there for light ones. One level
        # for the whole frame keeps them dark. A fifth of the first pass's time.
        return zxing_decode(views.gray, name="zxing+global", thorough=False, global_threshold=True)

    @staticmethod
    def _binarise_stage(views: Views) -> list[QrCode]:
        # Its inverse apart, in the next stage: zxing-cpp reads the inverted image even after
        # it has found a code in the other, a third more time on every frame read here.
        return zxing_decode(
            views.half_binary, name="zxing+binarise", scale=0.5, thorough=False, binary=True
        )

    @staticmethod
    def _binarise_inverse_stage(views: Views) -> list[QrCode]:
        inverse = cv2.bitwise_not(views.half_binary)
        return zxing_decode(inverse, name="zxing+binarise", scale=0.5, thorough=False, binary=True)

    @staticmethod
    def _invert_stage(views: Views) -> list[QrCode]:
        # A dark-mode screen (light modules on black) that the binarised inverse did not read.
        return zxing_decode(cv2.bitwise_not(views.gray), name="zxing+invert", thorough=False)

    @staticmethod
    def _erasure_stage(views: Views) -> list[QrCode]:
        from drivers.camera.qrerasure import read_with_erasures

        for symbol in views.unread[:ERASURE_TRIES]:
            text = read_with_erasures(views.gray, symbol)
            if text is not None:
                corners = tuple((float(x), float(y)) for x, y in symbol.corners)
                return [QrCode(text, "zxing+erasure", corners)]
        return []

    @staticmethod
    def _sharpen_stage(views: Views) -> list[QrCode]:
        soft = cv2.GaussianBlur(views.half, (0, 0), 2.0)
        sharp = cv2.addWeighted(views.half, 3.5, soft, -2.5, 0)
        return zxing_decode(sharp, name="zxing+sharpen", scale=0.5, thorough=False)

    @staticmethod
    def _zoom_first_stage(views: Views) -> list[QrCode]:
        # A code far from the camera: its modules are one or two pixels wide, too few for
        # zxing-cpp, and it is the busiest texture in the frame. Enlarge only there: the
        # busiest region, the first way of enlarging it, for the codes whose region the small
        # stage took for a larger one (a textured scene around it); the rest come later.
        return _zoomed(views, regions=1, passes=ZOOM_PASSES[:1])

    @staticmethod
    def _small_stage(views: Views) -> list[QrCode]:
        # A code so far away that its busy region is small: enlarge only that region, cropped
        # to it, which costs less than the binarisation does and rescues most such frames,
        # so it comes first. A code of ordinary size is left to the other stages at no cost.
        found = views.small_code
        if found is None:
            return []
        return _zoomed_crop(*found, passes=SMALL_PASSES, name="zxing+small")

    @staticmethod
    def _zoom_more_stage(views: Views) -> list[QrCode]:
        return _zoomed(views, regions=2, passes=ZOOM_PASSES, skip_first=True)

    @staticmethod
    def _finder_stage(views: Views) -> list[QrCode]:
        from drivers.camera.qrfinder import repaired_reads

        finders = views.finders

        def read(crop: np.ndarray, offset: Point) -> list[QrCode]:
            # A painted finder lets zxing-cpp place a symbol whose data a highlight has
            # damaged as well: the erasure stage may still correct what it cannot.
            return zxing_decode(
                crop, name="zxing+finder", offset=offset, thorough=False, unread=views.unread
            )

        return repaired_reads(views.gray, finders, read)

    @staticmethod
    def _grid_stage(views: Views) -> list[QrCode]:
        from drivers.camera.qrerasure import read_with_erasures
        from drivers.camera.qrgrid import symbols

        # A highlight over a finder and the data: zxing-cpp placed nothing, even with the
        # finder painted back; place the symbol on the finders here, read its format, and
        # correct what the highlight hides as erasures.
        # The finders at half size first; at full size if those were too few to place one
        # (small modules).
        placed: Iterator[Located] = islice(symbols(views.finders, views.gray), GRID_TRIES)
        if len(views.finders) < 3:
            placed = chain(placed, islice(symbols(views.full_finders, views.gray), GRID_TRIES))
        for symbol in placed:
            text = read_with_erasures(views.gray, symbol, placed=False)
            if text is not None:
                corners = tuple((float(x), float(y)) for x, y in symbol.corners)
                return [QrCode(text, "zxing+grid", corners)]
        return []

    @staticmethod
    def _rectify_stage(views: Views) -> list[QrCode]:
        from drivers.camera.qrfinder import rectified

        for image, back in islice(rectified(views.gray, views.full_finders), RECTIFY_TRIES):
            found = zxing_decode(image, name="zxing+rectify", thorough=False)
            if found:
                return [_mapped(code, back) for code in found]
        return []

    @staticmethod
    def _stretch_stage(views: Views) -> list[QrCode]:
        # A code turned far out of the image plane is squeezed along one axis until its
        # modules are a pixel or two wide that way, and its finders too small to trace for
        # the rectify stage. Stretched twice along the axis it is squeezed on, the one whose
        # edges are densest in the busiest region, its modules are wide enough again for
        # zxing-cpp, which absorbs the shear. Both axes when neither is clearly denser.
        if not views.busiest:
            return []
        crop = views.busiest[0][2]
        across = float(cv2.mean(np.abs(cv2.Sobel(crop, cv2.CV_16S, 1, 0)))[0])
        down = float(cv2.mean(np.abs(cv2.Sobel(crop, cv2.CV_16S, 0, 1)))[0])
        axes = [(2.0, 1.0), (1.0, 2.0)] if across >= down else [(1.0, 2.0), (2.0, 1.0)]
        if max(across, down) > STRETCH_CLEAR * max(min(across, down), 1e-6):
            axes = axes[:1]
        for fx, fy in axes:
            wide = cv2.resize(views.gray, None, fx=fx, fy=fy, interpolation=cv2.INTER_CUBIC)
            found = zxing_decode(wide, name="zxing+stretch", thorough=False)
            if found:
                return [_stretched_back(code, fx, fy) for code in found]
        return []

    @staticmethod
    def _screen_stage(views: Views) -> list[QrCode]:
        # A phone screen seen up close: the dark lines between its pixels cross the light
        # modules. A 3x3 closing fills them in; modules are wider and stay.
        closed = cv2.morphologyEx(views.gray, cv2.MORPH_CLOSE, np.ones((3, 3), np.uint8))
        binary = cv2.adaptiveThreshold(
            closed, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, 31, 2
        )
        return zxing_decode(binary, name="zxing+screen", thorough=False, binary=True)

    @staticmethod
    def _soften_stage(views: Views) -> list[QrCode]:
        # A screen finer than the camera: its beats lie across the light modules, at a few
        # pixels' period, and the binarisation keeps them. Softened first (at half size, then
        # more at full size, for finer modules), the light modules are an even grey.
        soft = cv2.GaussianBlur(views.half, (0, 0), 1.0)
        binary = mean_binarised(soft, 15)
        found = zxing_decode(binary, name="zxing+soften", scale=0.5, thorough=False, binary=True)
        if found:
            return found
        soft = cv2.GaussianBlur(views.gray, (0, 0), 1.5)
        binary = mean_binarised(soft, 31)
        found = zxing_decode(binary, name="zxing+soften", thorough=False, binary=True)
        if found:
            return found
        # Beats wider than the mean's window bias it; zxing-cpp's own block thresholds
        # follow them, on a frame softened less (the modules keep their edges).
        soft = cv2.GaussianBlur(views.gray, (0, 0), 1.0)
        return zxing_decode(soft, name="zxing+soften", thorough=False)

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
# The stretch stage tries the other axis too unless one axis has this much more edge than the
# other (a squeezed code's ratio is about 1.5-1.9; near 1 the direction is diagonal).
STRETCH_CLEAR = 1.2
GRID_TRIES = 4  # symbols placed on finders and given to the erasure decoder
ERASURE_TRIES = 2  # zxing-cpp may report one symbol twice, or a second that is no symbol
ZOOM, ZOOM_SIDE = 3, 240
SMALL_WINDOW = 13  # quarter pixels: the small stage's edges are averaged over this
SMALL_MARGIN = 32  # px around the small stage's region: the averaged edges spill past a code
SMALL_CODE = 140  # px: the side of a busy region, quiet zone included, too small to read as is
# What halving keeps of a region's mean gradient (see halving_keeps) below which its modules are
# one or two pixels wide: about 0.9-1.45 for such codes, 1.6-1.8 for larger ones that a glare,
# a shadow or a line leaves looking small.
FINE_DETAIL = 1.45
# Cubic with strong sharpening; then Lanczos, whose own overshoot needs less, for modules near
# one pixel, where cubic smears neighbours.
ZOOM_PASSES = ((cv2.INTER_CUBIC, 1.0, 2.5), (cv2.INTER_LANCZOS4, 0.7, 1.5))
SMALL_PASSES = (*ZOOM_PASSES, (cv2.INTER_CUBIC, 0.8, 4.0))


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
        skip = 1 if skip_first and index == 0 else 0
        found = _zoomed_crop(x0, y0, crop, passes=passes[skip:], name="zxing+zoom")
        if found:
            return found
    return []


def _zoomed_crop(
    x0: int, y0: int, crop: np.ndarray, *, passes: Sequence[tuple[int, float, float]], name: str
) -> list[QrCode]:
    """zxing-cpp on ``crop`` (at ``x0``, ``y0`` in the frame) enlarged ZOOM times each way of
    ``passes`` until one reads it."""
    for interpolation, sigma, amount in passes:
        # Such codes are soft as well (lens, demosaicing, JPEG): sharpen, before enlarging
        # (a ninth of the pixels to filter).
        soft = cv2.GaussianBlur(crop, (0, 0), sigma)
        sharp = cv2.addWeighted(crop, 1 + amount, soft, -amount, 0)
        big = cv2.resize(sharp, None, fx=ZOOM, fy=ZOOM, interpolation=interpolation)
        found = zxing_decode(big, name=name, scale=ZOOM, offset=(x0, y0), thorough=False)
        if found:
            return found
    return []


def small_busy_region(
    gray: np.ndarray, energy: np.ndarray, *, limit: int
) -> tuple[int, int, np.ndarray] | None:
    """The region around ``energy``'s peak (at a quarter of ``gray``'s size) where it stays
    above 65 % of the peak (text or a phone's edge beside a code stay out), as a square crop
    of ``gray`` with a margin, if it fits in ``limit`` px and its area is no more than a
    ``limit`` px square's (a glare or a line breaking up a larger code's region must not pass
    it for a small one)."""
    y, x = (int(v) for v in np.unravel_index(int(np.argmax(energy)), energy.shape))
    peak = int(energy[y, x])
    reach = limit // 4  # quarter pixels
    y0, x0 = max(0, y - reach), max(0, x - reach)
    window = energy[y0 : y + reach + 1, x0 : x + reach + 1]
    if peak <= 0 or min(window.shape) < 2:
        return None
    above = (window > 0.65 * peak).astype(np.uint8)
    _, labels, stats, _ = cv2.connectedComponentsWithStats(above, connectivity=4)
    left, top, width, height, area = (int(v) for v in stats[labels[y - y0, x - x0]])
    rows, cols = window.shape
    cut = (
        (left == 0 < x0)
        or (top == 0 < y0)
        or (left + width == cols and x0 + cols < energy.shape[1])
        or (top + height == rows and y0 + rows < energy.shape[0])
    )
    if cut or area * 16 > limit * limit:  # it goes on past the window, or is too large
        return None
    # Back to full pixels; the averaged energy spills a little past the code either side.
    side = max(width, height) * 4 + SMALL_MARGIN
    cx, cy = (x0 + left) * 4 + width * 2, (y0 + top) * 4 + height * 2
    rows, cols = gray.shape
    side = min(side, rows, cols)
    left = int(np.clip(cx - side // 2, 0, cols - side))
    top = int(np.clip(cy - side // 2, 0, rows - side))
    return left, top, gray[top : top + side, left : left + side]


def halving_keeps(crop: np.ndarray) -> float:
    """The mean gradient of ``crop`` halved (per half-size pixel) over its own: about 2 where
    its detail is several pixels wide (halving keeps every edge's contrast and halves the
    distance between edges), 1 or less where it is one or two (neighbours average out)."""

    def mean_gradient(image: np.ndarray) -> float:
        across = cv2.Sobel(image, cv2.CV_32F, 1, 0)
        down = cv2.Sobel(image, cv2.CV_32F, 0, 1)
        return float(cv2.mean(np.abs(across))[0] + cv2.mean(np.abs(down))[0])

    half = cv2.resize(crop, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    return mean_gradient(half) / max(mean_gradient(crop), 1e-6)


def edge_energy(quarter: np.ndarray, *, window: int) -> np.ndarray:
    """Edges across and down each averaged over ``window`` px, the weaker of the two: high on
    a code's modules, low on lines and plain surfaces."""
    across = np.abs(cv2.Sobel(quarter, cv2.CV_16S, 1, 0)).astype(np.float32)
    down = np.abs(cv2.Sobel(quarter, cv2.CV_16S, 0, 1)).astype(np.float32)
    return np.minimum(cv2.blur(across, (window, window)), cv2.blur(down, (window, window)))


def busiest_regions(
    gray: np.ndarray, energy: np.ndarray, *, count: int, side: int
) -> list[tuple[int, int, np.ndarray]]:
    """Up to ``count`` square crops (left, top, pixels) of ``side`` px centred where
    ``energy`` (:func:`edge_energy` at a quarter of the size, over a window a little over half
    the crop) is highest; apart from one another."""
    if min(gray.shape) < side or min(gray.shape) < 16:
        return []
    energy = energy.copy()
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


def _stretched_back(code: QrCode, fx: float, fy: float) -> QrCode:
    """``code`` read on the frame enlarged ``fx`` times across and ``fy`` down, its corners
    in the frame's pixels."""
    return QrCode(code.text, code.decoder, tuple((x / fx, y / fy) for x, y in code.corners))


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
