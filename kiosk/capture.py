"""Capturing a material's pages with the document camera.

``DocumentCamera`` opens the configured source (a camera index, a video or image file, or
``sim``: a generated page on a desk, for the demo and tests) only while a materials screen is
open. ``frame()`` gives the live preview; ``capture()`` checks the current frame with the
quality checks of drivers.camera.document and, when it is good, adds the straightened page to
the material being captured. ``finish()`` assembles the pages into one PDF with its SHA-256.
The pages stay in memory (drivers.camera.material): nothing of a citizen's document is written
to disk before the encrypted outbox.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from drivers.camera.material import Material, MaterialWriter

if TYPE_CHECKING:  # numpy and OpenCV load when a page is first captured, not at start-up
    import numpy as np

    from drivers.camera.document import QualityIssue

logger = logging.getLogger(__name__)

SIM = "sim"


@dataclass(frozen=True, slots=True)
class CaptureResult:
    issues: tuple[QualityIssue, ...]  # empty: the page was added
    pages: int  # pages of this material so far


def sim_page_frame(seed: int = 7, width: int = 1280, height: int = 960) -> np.ndarray:
    """A sharp, evenly lit A4 page of "text" on a dark desk: what a document camera sees."""
    import cv2
    import numpy as np

    rng = np.random.default_rng(seed)
    frame = np.full((height, width, 3), (40, 52, 70), np.uint8)
    page_h = int(height * 0.86)
    page_w = int(page_h / 1.414)
    page = np.full((page_h, page_w), 238, np.uint8)
    y = 60
    while y < page_h - 60:
        x = 40
        while x < page_w - 80:
            word = int(rng.integers(20, 70))
            cv2.rectangle(page, (x, y), (x + word, y + 9), 35, -1)
            x += word + int(rng.integers(8, 16))
        y += int(rng.integers(20, 30))
    top, left = (height - page_h) // 2, (width - page_w) // 2
    frame[top : top + page_h, left : left + page_w] = cv2.cvtColor(page, cv2.COLOR_GRAY2BGR)
    return frame


class DocumentCamera:
    def __init__(self, spec: str) -> None:
        self.spec = spec
        self._source: object | None = None
        self._lock = threading.Lock()
        self._writer: MaterialWriter | None = None

    def open(self) -> None:
        with self._lock:
            if self._source is None and self.spec != SIM:
                from drivers.camera.sources import open_source

                self._source = open_source(self.spec)

    def close(self) -> None:
        with self._lock:
            source, self._source = self._source, None
        if source is not None:
            source.release()  # type: ignore[attr-defined]

    def frame(self) -> np.ndarray | None:
        """The current camera frame (BGR), or None when the source gave nothing."""
        if self.spec == SIM:
            return sim_page_frame()
        self.open()
        with self._lock:
            return None if self._source is None else self._source.read()  # type: ignore[attr-defined]

    def begin(self, code: str) -> None:
        """Start (or restart) capturing the material ``code``."""
        self._writer = MaterialWriter(code)

    def capture(self) -> CaptureResult:
        from drivers.camera.document import QualityIssue, capture_page

        writer = self._require()
        frame = self.frame()
        if frame is None:
            return CaptureResult((QualityIssue.NO_PAGE,), len(writer.pages))
        page = capture_page(frame)
        if page.ok and page.enhanced is not None:
            writer.add_page(page.enhanced)
        return CaptureResult(page.issues, len(writer.pages))

    def retake(self) -> int:
        """Drop the last page; return how many remain."""
        writer = self._require()
        if writer.pages:
            writer.remove_last_page()
        return len(writer.pages)

    def finish(self) -> Material:
        material = self._require().finish()
        self._writer = None
        return material

    def drop(self) -> None:
        """Forget the material being captured (the citizen left with the panel open)."""
        self._writer = None

    def _require(self) -> MaterialWriter:
        if self._writer is None:
            raise RuntimeError("begin(code) must be called before capturing")
        return self._writer
