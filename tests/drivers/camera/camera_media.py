"""Camera test helpers: real video files written with cv2.VideoWriter, and health logs."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path

import cv2
import numpy as np

from drivers.health import DeviceHealth

FRAME_W, FRAME_H = 640, 480


def write_video(path: Path, frames: Sequence[np.ndarray], fps: float = 25.0) -> Path:
    """An MJPG AVI through OpenCV's own writer: what VideoCapture will read back."""
    height, width = frames[0].shape[:2]
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"MJPG"), fps, (width, height))
    assert writer.isOpened(), "OpenCV cannot write MJPG AVI here"
    for frame in frames:
        writer.write(frame)
    writer.release()
    return path


def blank_frame(value: int = 90) -> np.ndarray:
    return np.full((FRAME_H, FRAME_W, 3), value, np.uint8)


class HealthLog:
    """Records camera health and lets a test wait for a state sequence without sleeping."""

    def __init__(self) -> None:
        self.states: list[DeviceHealth] = []
        self._cond = threading.Condition()

    def __call__(self, health: DeviceHealth) -> None:
        with self._cond:
            self.states.append(health)
            self._cond.notify_all()

    def wait_for(
        self, predicate: Callable[[list[DeviceHealth]], bool], timeout: float = 30
    ) -> bool:
        with self._cond:
            return self._cond.wait_for(lambda: predicate(self.states), timeout)

    def reasons(self) -> list[str]:
        with self._cond:
            return [h.reason or h.state.value for h in self.states]
