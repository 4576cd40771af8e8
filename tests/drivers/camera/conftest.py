"""Camera test fixtures (helpers live in camera_media.py, a name no other test folder uses)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from camera_media import HealthLog

from drivers.camera.camera import CameraWorker


@pytest.fixture
def start_camera() -> Iterator[Callable[..., tuple[CameraWorker, HealthLog]]]:
    started: list[CameraWorker] = []

    def start(spec: str, **kwargs: object) -> tuple[CameraWorker, HealthLog]:
        worker = CameraWorker(spec, **kwargs)  # type: ignore[arg-type]
        log = HealthLog()
        worker.health.subscribe(log)
        started.append(worker.start())
        return worker, log

    yield start
    for worker in started:
        worker.stop()
