"""Where frames come from: an OpenCV VideoCapture, a still image, or a simulated QR camera.

A camera spec is one string, as on the command line:

    0, 1, ...               a device index
    /dev/video0             a V4L2 device
    rtsp://... http://...   a network stream
    clip.avi                a video file (played at the configured FPS, else its own)
    photo.png               a still image, shown as a camera that sees it forever
    sim:TEXT                a simulated camera showing a QR code of TEXT (the kiosk demo)

Every source has ``read() -> ndarray | None`` (``None``: no frame, the worker reconnects) and
``release()``. Only the worker thread touches a source.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from drivers.camera.errors import CameraError, SpecError

if TYPE_CHECKING:
    import numpy as np

logger = logging.getLogger(__name__)

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".bmp", ".webp", ".tif", ".tiff"})


class FrameSource(Protocol):
    def read(self) -> np.ndarray | None: ...

    def release(self) -> None: ...


@dataclass(frozen=True, slots=True)
class CaptureSettings:
    width: int | None = 1280
    height: int | None = 720
    fps: float | None = 30.0
    open_timeout: float = 5.0  # seconds; honoured by the FFmpeg and some V4L2 back ends
    read_timeout: float = 5.0


def describe(spec: str) -> str:
    """A spec fit for logs and health details: no credentials from stream URLs."""
    return re.sub(r"//[^/@]*@", "//***@", spec)


class _Paced:
    """Sleeps so that frames come at most ``fps`` a second (files and stills would race)."""

    def __init__(self, fps: float | None, stop: threading.Event | None) -> None:
        self._period = 1.0 / fps if fps and fps > 0 else 0.0
        self._next = time.monotonic()
        self._stop = stop or threading.Event()

    def wait(self) -> None:
        if self._period:
            delay = self._next - time.monotonic()
            if delay > 0:
                self._stop.wait(delay)
            self._next = max(self._next + self._period, time.monotonic())


class VideoCaptureSource:
    """cv2.VideoCapture on a device, file or stream; a file is paced like a camera would be."""

    def __init__(
        self, spec: str, settings: CaptureSettings, stop: threading.Event | None = None
    ) -> None:
        import cv2  # here, not at import: a kiosk builds its camera long before it runs it

        check_spec(spec)
        target: int | str = int(spec) if spec.isdigit() else spec
        self.is_file = isinstance(target, str) and Path(target).is_file()
        params = [
            cv2.CAP_PROP_OPEN_TIMEOUT_MSEC,
            int(settings.open_timeout * 1000),
            cv2.CAP_PROP_READ_TIMEOUT_MSEC,
            int(settings.read_timeout * 1000),
        ]
        self._capture = cv2.VideoCapture(target, cv2.CAP_ANY, params)
        if not self._capture.isOpened():
            self._capture.release()
            raise CameraError(f"cannot open camera {describe(spec)}.")
        if not self.is_file:
            # A real camera paces itself; ask for the configured mode (it may pick the nearest).
            if settings.width and settings.height:
                self._capture.set(cv2.CAP_PROP_FRAME_WIDTH, settings.width)
                self._capture.set(cv2.CAP_PROP_FRAME_HEIGHT, settings.height)
            if settings.fps:
                self._capture.set(cv2.CAP_PROP_FPS, settings.fps)
            self._pace = _Paced(None, stop)
        else:
            file_fps = self._capture.get(cv2.CAP_PROP_FPS)
            self._pace = _Paced(settings.fps or file_fps or 25.0, stop)

    def read(self) -> np.ndarray | None:
        self._pace.wait()
        ok, frame = self._capture.read()
        return frame if ok and frame is not None and frame.size else None

    def release(self) -> None:
        self._capture.release()


class StillSource:
    """The same image in every frame: a camera looking at a photo (demo, tests, bench)."""

    def __init__(self, image: np.ndarray, fps: float | None, stop: threading.Event | None) -> None:
        self._image = image
        self._pace = _Paced(fps or 10.0, stop)

    def read(self) -> np.ndarray | None:
        self._pace.wait()
        return self._image.copy()

    def release(self) -> None:
        pass


def render_qr_scene(text: str, width: int = 1280, height: int = 720) -> np.ndarray:
    """A QR code of ``text`` on a grey counter, as a phone held up to the kiosk camera looks."""
    import cv2
    import numpy as np
    import qrcode

    code = qrcode.QRCode(border=4)
    code.add_data(text)
    code.make(fit=True)
    modules = np.where(np.array(code.get_matrix(), dtype=bool), 0, 255).astype(np.uint8)
    module_px = max(1, min(width, height) // 2 // modules.shape[0])
    patch = cv2.resize(modules, None, fx=module_px, fy=module_px, interpolation=cv2.INTER_NEAREST)
    scene = np.full((height, width), 96, np.uint8)
    if patch.shape[0] > height or patch.shape[1] > width:
        raise CameraError("the simulated QR text is too long to show in one frame.")
    top, left = (height - patch.shape[0]) // 2, (width - patch.shape[1]) // 2
    scene[top : top + patch.shape[0], left : left + patch.shape[1]] = patch
    return cv2.cvtColor(scene, cv2.COLOR_GRAY2BGR)


def check_spec(spec: str) -> None:
    """Raise SpecError when ``spec`` cannot name a camera at all; a device may still be absent."""
    if not spec.strip():
        raise SpecError("an empty camera spec; give 0, /dev/video0, a file, a URL or sim:TEXT.")
    if spec.isdigit() or spec.startswith(("sim:", "/dev/")):
        return
    if "://" in spec:
        if not re.match(r"(rtsp|rtsps|rtmp|http|https|udp|tcp)://", spec):
            raise SpecError(f"{describe(spec)}: unsupported stream scheme.")
        return
    if not Path(spec).is_file():
        raise SpecError(f"{spec}: no such camera, video file or image.")


def open_source(
    spec: str, settings: CaptureSettings | None = None, stop: threading.Event | None = None
) -> FrameSource:
    """Open the source a spec names; raises CameraError with one sentence if it cannot."""
    settings = settings or CaptureSettings()
    if spec.startswith("sim:"):
        width, height = settings.width or 1280, settings.height or 720
        return StillSource(render_qr_scene(spec[4:], width, height), settings.fps, stop)
    if Path(spec).suffix.lower() in IMAGE_SUFFIXES:
        import cv2

        from drivers.camera.image_io import load_gray

        gray = load_gray(spec)
        return StillSource(cv2.cvtColor(gray, cv2.COLOR_GRAY2BGR), settings.fps, stop)
    return VideoCaptureSource(spec, settings, stop)
