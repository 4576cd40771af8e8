"""QR decoding: zxing-cpp first, and a cascade of fallbacks tried only when it finds nothing.

Theory of operation. Most frames a kiosk sees hold a clean enough code, and zxing-cpp decodes
those in a few milliseconds, so it always runs first on the grayscale frame (it already tries
the inverted image, which covers dark-mode phone screens). Only when it finds nothing does the
cascade pay for the fallbacks, cheapest first, stopping at the first stage that finds a code:

1. CLAHE (local contrast equalisation) then zxing-cpp: dim phones, glare washing out a corner,
   low-contrast thermal receipts;
2. unsharp masking then zxing-cpp: a code slightly out of focus or moving;
3. 2x bicubic upscale then zxing-cpp: codes whose modules are only one or two pixels wide;
4. OpenCV's QRCodeDetectorAruco: a different finder-pattern detector for what zxing-cpp's
   detector misses.

Every zxing-cpp pass also tries the inverted image (light modules on dark), so dark-mode phone
screens are read on the fast path already. bench/qr.py prints which stage decoded how many frames.

Frames larger than ``max_side`` are downscaled first, so a 4K camera or a huge photo costs a
bounded time. Every decoder here is stateless apart from its OpenCV detector; use one
:class:`QrCascade` per thread.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

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


def zxing_decode(gray: np.ndarray, *, name: str = "zxing", scale: float = 1.0) -> list[QrCode]:
    """zxing-cpp on a grayscale image; ``scale`` maps corners back to the caller's image."""
    import zxingcpp

    found = []
    for barcode in zxingcpp.read_barcodes(
        gray, formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
    ):
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
        found.append(QrCode(barcode.text, name, _scaled(points, scale)))
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


Stage = tuple[str, Callable[[np.ndarray], list[QrCode]]]


class QrCascade:
    """zxing-cpp, then the fallbacks of the module docstring; returns every code of a frame."""

    name = "cascade"

    def __init__(self, *, max_side: int = 1920, clahe_clip: float = 3.0) -> None:
        self.max_side = max_side
        self._clahe = cv2.createCLAHE(clipLimit=clahe_clip, tileGridSize=(8, 8))
        self._aruco = OpenCvDecoder(aruco=True)
        self.stages: Sequence[Stage] = (
            ("zxing", zxing_decode),
            ("zxing+clahe", self._clahe_stage),
            ("zxing+sharpen", self._sharpen_stage),
            ("zxing+upscale", self._upscale_stage),
            ("aruco", self._aruco_stage),
        )

    def _clahe_stage(self, gray: np.ndarray) -> list[QrCode]:
        return zxing_decode(self._clahe.apply(gray), name="zxing+clahe")

    @staticmethod
    def _sharpen_stage(gray: np.ndarray) -> list[QrCode]:
        soft = cv2.GaussianBlur(gray, (0, 0), 3.0)
        return zxing_decode(cv2.addWeighted(gray, 3.5, soft, -2.5, 0), name="zxing+sharpen")

    @staticmethod
    def _upscale_stage(gray: np.ndarray) -> list[QrCode]:
        if max(gray.shape) > 2000:  # already plenty of pixels per module; not worth 4x the work
            return []
        big = cv2.resize(gray, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC)
        return zxing_decode(big, name="zxing+upscale", scale=2.0)

    def _aruco_stage(self, gray: np.ndarray) -> list[QrCode]:
        return self._aruco(gray)

    def decode(self, image: np.ndarray, *, fallbacks: bool = True) -> DecodeResult:
        """Every code in ``image``; ``fallbacks=False`` runs the fast path only."""
        start = time.perf_counter()
        gray = to_gray(image)
        scale = 1.0
        if max(gray.shape) > self.max_side:
            scale = self.max_side / max(gray.shape)
            gray = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        codes: list[QrCode] = []
        for _name, stage in self.stages if fallbacks else self.stages[:1]:
            codes = stage(gray)
            if codes:
                break
        if scale != 1.0:
            codes = [
                QrCode(c.text, c.decoder, tuple((x / scale, y / scale) for x, y in c.corners))
                for c in codes
            ]
        return DecodeResult(_unique(codes), (time.perf_counter() - start) * 1000)

    __call__ = decode


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
