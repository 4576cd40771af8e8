"""The camera worker: one thread that reads frames, keeps only the newest, and reconnects.

Theory of operation. The worker opens the source named by the spec and reads frames as fast as
the source gives them (a real camera paces itself; files and stills are paced at their frame
rate). Each frame replaces the previous one in a single slot, so a slow consumer (the QR
cascade, document capture) always gets the freshest picture and memory never grows. When the
source cannot be opened, stops delivering frames (unplugged, stream dropped, end of a file) or
raises, the worker reports the camera DOWN with a reason, waits ``reconnect_delay`` seconds
(``stop.wait``, so stopping is immediate) and opens it again; the first good frame after that
reports it OK. Health goes out through a :class:`Broadcaster`, which replays the current state
to new subscribers.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from drivers.camera.errors import CameraError
from drivers.camera.sources import CaptureSettings, FrameSource, describe, open_source
from drivers.events import Broadcaster
from drivers.health import DeviceHealth, HealthState

if TYPE_CHECKING:
    import numpy as np

logger = logging.getLogger(__name__)

DEVICE = "camera"


@dataclass(frozen=True, slots=True)
class Frame:
    image: np.ndarray  # BGR, owned by the consumer once handed out (never written again)
    seq: int  # 1, 2, 3... over the worker's life, across reconnects
    timestamp: float  # time.monotonic() when read


class CameraWorker:
    """Reads ``spec`` on a thread; :meth:`wait_frame` hands out the newest frame."""

    def __init__(
        self,
        spec: str,
        settings: CaptureSettings | None = None,
        *,
        reconnect_delay: float = 1.0,
        opener: Callable[[str, CaptureSettings, threading.Event], FrameSource] = open_source,
    ) -> None:
        self.spec = spec
        self.settings = settings or CaptureSettings()
        self.reconnect_delay = reconnect_delay
        self.health: Broadcaster[DeviceHealth] = Broadcaster()
        self._opener = opener
        self._stop = threading.Event()
        self._cond = threading.Condition()
        self._frame: Frame | None = None
        self._seq = 0
        self._failures = 0
        self._thread: threading.Thread | None = None

    # -- life cycle ---------------------------------------------------------------------------
    def start(self) -> CameraWorker:
        if self._thread is not None:
            raise RuntimeError("the camera worker is already started")
        self.health.publish(DeviceHealth(DEVICE, HealthState.UNKNOWN, "starting"))
        self._thread = threading.Thread(
            target=self._run, name=f"camera {describe(self.spec)}", daemon=True
        )
        self._thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        with self._cond:
            self._cond.notify_all()
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():
                logger.warning("camera worker did not stop within %.1f s", timeout)
            else:  # stopped for good: the kiosk may start it again for the next screen
                self._thread = None
                self._stop.clear()

    def __enter__(self) -> CameraWorker:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def failures(self) -> int:
        """How many times the source failed and was reopened (for health and tests)."""
        return self._failures

    @property
    def frames_read(self) -> int:
        return self._seq

    # -- consumer side ------------------------------------------------------------------------
    def wait_frame(self, after: int = 0, timeout: float = 1.0) -> Frame | None:
        """The newest frame with ``seq > after``, waiting up to ``timeout`` s; None if none."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while not self._stop.is_set():
                if self._frame is not None and self._frame.seq > after:
                    return self._frame
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return None
                self._cond.wait(remaining)
        return None

    # -- worker thread ------------------------------------------------------------------------
    def _run(self) -> None:
        while not self._stop.is_set():
            reason, detail = self._serve_once()
            if self._stop.is_set():
                break
            self._failures += 1
            # A video file ending is routine (the demo loops it); anything else is not. A camera
            # left unplugged fails the same way every retry: say so once, not every second.
            previous = self.health.state
            repeated = previous is not None and previous.reason == reason
            level = logging.INFO if reason == "end_of_stream" else logging.WARNING
            logger.log(
                logging.DEBUG if repeated else level,
                "camera %s: %s (%s)",
                describe(self.spec),
                reason,
                detail,
            )
            self.health.publish(DeviceHealth(DEVICE, HealthState.DOWN, reason, detail))
            self._stop.wait(self.reconnect_delay)
        self.health.publish(DeviceHealth(DEVICE, HealthState.UNKNOWN, "stopped"))

    def _serve_once(self) -> tuple[str, str]:
        """Open the source and deliver frames until it fails; return (reason, detail)."""
        try:
            source = self._opener(self.spec, self.settings, self._stop)
        except CameraError as exc:
            return "open_failed", exc.message
        except Exception as exc:  # an OpenCV back end can throw anything; keep the worker
            return "open_failed", f"{type(exc).__name__}: {exc}"
        healthy = False
        try:
            while not self._stop.is_set():
                try:
                    image = source.read()
                except Exception as exc:
                    return "read_failed", f"{type(exc).__name__}: {exc}"
                if image is None:
                    is_file = getattr(source, "is_file", False)
                    if is_file and healthy:
                        return "end_of_stream", "the video file ended"
                    return "no_frames", f"{describe(self.spec)} gave no frame"
                if not healthy:
                    healthy = True
                    height, width = image.shape[:2]
                    self.health.publish(
                        DeviceHealth(DEVICE, HealthState.OK, "", f"{width}x{height}")
                    )
                self._put(image)
            return "stopped", ""
        finally:
            source.release()

    def _put(self, image: np.ndarray) -> None:
        with self._cond:
            self._seq += 1
            self._frame = Frame(image, self._seq, time.monotonic())
            self._cond.notify_all()
