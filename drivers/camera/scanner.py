"""QR scanning on a live camera: decode the newest frame, report each code once."""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass

from drivers.camera.camera import CameraWorker
from drivers.camera.dedup import Deduplicator
from drivers.camera.qr import QrCascade, QrCode
from drivers.events import Broadcaster

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class QrScanned:
    text: str
    decoder: str
    ms: float  # decode time of the frame it came from
    frame_seq: int
    timestamp: float  # time.monotonic() of the frame
    corners: tuple[tuple[float, float], ...] = ()  # where it is in the frame (for a highlight)


class QrScanner:
    """Decodes frames from ``camera`` on its own thread and publishes :class:`QrScanned`.

    The scanner always takes the newest frame, so when decoding is slower than the camera it
    skips frames instead of falling behind. With no code in view every frame would run the whole
    cascade (tens of milliseconds), so the fallbacks run at most every ``fallback_interval``
    seconds and the other frames get the fast path only: a hard code is still found within that
    interval, and an idle kiosk does not keep a core busy.
    """

    def __init__(
        self,
        camera: CameraWorker,
        *,
        cascade: QrCascade | None = None,
        dedup_window: float = 3.0,
        fallback_interval: float = 0.5,
    ) -> None:
        self.fallback_interval = fallback_interval
        self.camera = camera
        self.events: Broadcaster[QrScanned] = Broadcaster()
        self._cascade = cascade or QrCascade()
        self._dedup = Deduplicator(dedup_window)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.frames_decoded = 0

    def start(self) -> QrScanner:
        if self._thread is not None:
            raise RuntimeError("the QR scanner is already started")
        self._thread = threading.Thread(target=self._run, name="qr scanner", daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def __enter__(self) -> QrScanner:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _run(self) -> None:
        last = 0
        last_fallback = float("-inf")
        while not self._stop.is_set():
            frame = self.camera.wait_frame(last, timeout=0.2)
            if frame is None:
                continue
            last = frame.seq
            fallbacks = frame.timestamp - last_fallback >= self.fallback_interval
            try:
                result = self._cascade.decode(frame.image, fallbacks=fallbacks)
                if fallbacks and not result.codes:
                    last_fallback = frame.timestamp
            except Exception:  # one bad frame must not end scanning
                logger.exception("QR decoding failed on frame %d", frame.seq)
                continue
            self.frames_decoded += 1
            for code in result.codes:
                if self._dedup.is_new(code.text, frame.timestamp):
                    self.events.publish(
                        self._event(code, result.ms, frame.seq, frame.timestamp), is_state=False
                    )

    @staticmethod
    def _event(code: QrCode, ms: float, seq: int, timestamp: float) -> QrScanned:
        return QrScanned(code.text, code.decoder, ms, seq, timestamp, code.corners)


def scan_once(camera: CameraWorker, timeout: float) -> str | None:
    """Start ``camera``, read the first code it sees within ``timeout`` s, and stop it again:
    the code's text, or None when none was seen (a journey's 扫描 button)."""
    camera.start()
    try:
        found = scan_first(camera, timeout)
    finally:
        camera.stop()
    return None if found is None else found.text


def scan_first(
    camera: CameraWorker, timeout: float, cascade: QrCascade | None = None
) -> QrScanned | None:
    """Decode frames from a started ``camera`` until a code appears or ``timeout`` s pass."""
    cascade = cascade or QrCascade()
    deadline = time.monotonic() + timeout
    last = 0
    while (remaining := deadline - time.monotonic()) > 0:
        frame = camera.wait_frame(last, timeout=min(remaining, 0.5))
        if frame is None:
            continue
        last = frame.seq
        result = cascade.decode(frame.image)
        if result.codes:
            code = result.codes[0]
            return QrScanner._event(code, result.ms, frame.seq, frame.timestamp)
    return None
