"""The camera worker and QR scanning over real OpenCV VideoCapture on generated video files."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest
from camera_media import FRAME_H, FRAME_W, blank_frame, write_video
from qr_degrade import paste, qr_image

from drivers.camera.camera import CameraWorker
from drivers.camera.qr import QrCascade
from drivers.camera.scanner import QrScanned, QrScanner
from drivers.camera.sources import CaptureSettings, VideoCaptureSource, open_source
from drivers.health import HealthState

CODE_A = "YM1:A:A7K2Q9:T"
CODE_B = "https://zwfw.example.gov.cn/t/abc"
FAST = CaptureSettings(fps=100.0)


def scene(text: str | None, x: float) -> np.ndarray:
    frame = blank_frame()
    if text is None:
        return frame
    patch = qr_image(text, 5)
    size = patch.shape[0]
    corners = np.array([[x, 100], [x + size, 100], [x + size, 100 + size], [x, 100 + size]])
    return paste(frame, patch, corners)


def timeline() -> list[tuple[str | None, float]]:
    """Blank, A sliding right, blank, B sliding right, blank."""
    steps: list[tuple[str | None, float]] = [(None, 0)] * 8
    steps += [(CODE_A, 20 + 12 * i) for i in range(15)]
    steps += [(None, 0)] * 8
    steps += [(CODE_B, 20 + 12 * i) for i in range(15)]
    steps += [(None, 0)] * 8
    return steps


@pytest.fixture(scope="module")
def clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("video") / "counter.avi"
    return write_video(path, [scene(text, x) for text, x in timeline()])


def test_codes_appear_move_and_disappear_frame_by_frame(clip: Path) -> None:
    source = VideoCaptureSource(str(clip), CaptureSettings(fps=None))
    cascade = QrCascade()
    try:
        for index, (text, x) in enumerate(timeline()):
            frame = source.read()
            assert frame is not None, f"frame {index} missing"
            assert frame.shape[:2] == (FRAME_H, FRAME_W)
            result = cascade.decode(frame)
            if text is None:
                assert result.codes == (), f"frame {index}: phantom code"
                continue
            assert result.texts == (text,), f"frame {index}"
            left = min(px for px, _ in result.codes[0].corners)
            # The finder pattern starts one quiet zone (4 modules of 5 px) inside the patch.
            assert abs(left - (x + 20)) < 6, f"frame {index}: code at {left}, drawn at {x + 20}"
        assert source.read() is None  # end of stream
    finally:
        source.release()


class Collected:
    """QrScanned events, with a way to wait for a count without sleeping."""

    def __init__(self) -> None:
        self.events: list[QrScanned] = []
        self._cond = threading.Condition()

    def __call__(self, event: QrScanned) -> None:
        with self._cond:
            self.events.append(event)
            self._cond.notify_all()

    def wait_count(self, count: int, timeout: float = 60) -> bool:
        with self._cond:
            return self._cond.wait_for(lambda: len(self.events) >= count, timeout)

    @property
    def texts(self) -> list[str]:
        with self._cond:
            return [event.text for event in self.events]


def test_scanner_reports_each_code_once_per_appearance(clip: Path) -> None:
    # 15 fps: each code stays in view for a full second, plenty even on a loaded machine.
    camera = CameraWorker(str(clip), CaptureSettings(fps=15.0), reconnect_delay=0.05)
    looped = threading.Event()
    camera.health.subscribe(lambda h: h.reason == "end_of_stream" and looped.set())
    seen = Collected()
    scanner = QrScanner(camera, dedup_window=60.0)
    scanner.events.subscribe(seen)
    with camera, scanner:
        assert seen.wait_count(2), seen.texts
        assert looped.wait(60), "the clip never ended"
        # The clip plays again from the start: the same codes within the window stay quiet.
        replay_start = camera.frames_read
        assert camera.wait_frame(replay_start + len(timeline()), timeout=60) is not None
    assert seen.texts == [CODE_A, CODE_B]
    assert seen.events[0].corners and seen.events[0].decoder.startswith("zxing")


def test_code_shown_again_after_the_window_is_reported_again(tmp_path: Path) -> None:
    away = [blank_frame()] * 25
    frames = [scene(CODE_A, 40)] * 12 + away + [scene(CODE_A, 300)] * 12 + [blank_frame()] * 5
    clip = write_video(tmp_path / "again.avi", frames)
    camera = CameraWorker(str(clip), CaptureSettings(fps=25.0), reconnect_delay=60)
    seen = Collected()
    scanner = QrScanner(camera, dedup_window=0.5)  # away for 25 frames = 1 s at 25 fps
    scanner.events.subscribe(seen)
    with camera, scanner:
        assert seen.wait_count(2), seen.texts
    assert seen.texts == [CODE_A, CODE_A]
    assert seen.events[1].timestamp - seen.events[0].timestamp >= 0.5
    assert seen.events[0].corners[0][0] < seen.events[1].corners[0][0]  # shown elsewhere


def test_end_of_stream_is_a_failure_and_the_camera_recovers(start_camera, clip: Path) -> None:
    camera, log = start_camera(str(clip), settings=FAST, reconnect_delay=0.05)

    def recovered(states):
        reasons = [h.reason for h in states]
        if "end_of_stream" not in reasons:
            return False
        after = states[reasons.index("end_of_stream") + 1 :]
        return any(h.state is HealthState.OK for h in after)

    assert log.wait_for(recovered), log.reasons()
    down = next(h for h in log.states if h.reason == "end_of_stream")
    assert down.state is HealthState.DOWN and not down.usable
    assert camera.failures >= 1
    # Frames flow again after the reconnect.
    now = camera.frames_read
    assert camera.wait_frame(now, timeout=30) is not None


def test_broken_file_is_reported_and_recovered_when_replaced(
    start_camera, tmp_path: Path, clip: Path
) -> None:
    broken = tmp_path / "camera.avi"
    broken.write_bytes(b"RIFF\x00\x00\x00\x00AVI LIST" + bytes(range(256)) * 40)
    camera, log = start_camera(str(broken), settings=FAST, reconnect_delay=0.05)
    assert log.wait_for(lambda s: any(h.reason == "open_failed" for h in s)), log.reasons()
    assert camera.wait_frame(0, timeout=0.2) is None
    # The "camera" comes back (a replugged device): a good file under the same name.
    staged = tmp_path / "staged.avi"
    staged.write_bytes(clip.read_bytes())
    staged.replace(broken)  # atomically, as a device node appears whole
    assert log.wait_for(lambda s: s[-1].state is HealthState.OK), log.reasons()
    assert camera.wait_frame(0, timeout=30) is not None


def test_truncated_file_reports_a_failure_mid_stream(
    start_camera, tmp_path: Path, clip: Path
) -> None:
    data = clip.read_bytes()
    cut = tmp_path / "cut.avi"
    cut.write_bytes(data[: len(data) // 3])
    camera, log = start_camera(str(cut), settings=FAST, reconnect_delay=0.05)

    def failed_after_ok(states):
        reasons = [h.state for h in states]
        return (
            HealthState.OK in reasons
            and HealthState.DOWN in reasons[reasons.index(HealthState.OK) :]
        )

    assert log.wait_for(failed_after_ok), log.reasons()
    assert camera.frames_read > 0


def test_worker_keeps_only_the_newest_frame(start_camera) -> None:
    camera, _ = start_camera("sim:YM1:A:A7K2Q9:T", settings=CaptureSettings(fps=200.0))
    first = camera.wait_frame(0, timeout=30)
    assert first is not None
    later = camera.wait_frame(first.seq + 10, timeout=30)
    assert later is not None and later.seq > first.seq + 10
    # A consumer asking for "anything newer" gets the newest, not the next in a queue.
    newest = camera.wait_frame(first.seq, timeout=30)
    assert newest is not None and newest.seq >= later.seq


def test_stop_is_prompt_even_while_waiting_to_reconnect(tmp_path: Path) -> None:
    camera = CameraWorker(str(tmp_path / "gone.avi"), reconnect_delay=3600)
    states = []
    camera.health.subscribe(states.append)
    camera.start()
    camera.stop(timeout=10)
    assert camera._thread is None  # joined within the timeout, not left waiting an hour
    assert states[-1].reason == "stopped"


def test_read_exceptions_are_failures_not_crashes() -> None:
    class Flaky:
        reads = 0

        def read(self):
            Flaky.reads += 1
            if Flaky.reads % 3 == 0:
                raise RuntimeError("USB transfer failed")
            return np.zeros((4, 4, 3), np.uint8)

        def release(self) -> None:
            pass

    camera = CameraWorker("fake", opener=lambda *_: Flaky(), reconnect_delay=0.01)
    states = []
    done = threading.Event()

    def record(health):
        states.append(health)
        if sum(h.reason == "read_failed" for h in states) >= 2:
            done.set()

    camera.health.subscribe(record)
    with camera:
        assert done.wait(30)
    failure = next(h for h in states if h.reason == "read_failed")
    assert "USB transfer failed" in failure.detail


def test_still_image_and_sim_sources(tmp_path: Path) -> None:
    import cv2

    sim = open_source("sim:hello", CaptureSettings(width=640, height=480, fps=None))
    frame = sim.read()
    assert frame is not None and frame.shape == (480, 640, 3)
    assert QrCascade().decode(frame).texts == ("hello",)
    path = tmp_path / "photo.png"
    cv2.imwrite(str(path), frame)
    still = open_source(str(path), CaptureSettings(fps=None))
    image = still.read()
    assert image is not None and QrCascade().decode(image).texts == ("hello",)


class RecordingCascade(QrCascade):
    def __init__(self) -> None:
        super().__init__()
        self.calls: list[bool] = []
        self.enough = threading.Event()

    def decode(self, image, *, fallbacks=True):
        self.calls.append(fallbacks)
        if len(self.calls) >= 20:
            self.enough.set()
        return super().decode(image, fallbacks=fallbacks)


def test_idle_scanner_runs_fallbacks_only_now_and_then(tmp_path: Path) -> None:
    import cv2

    cv2.imwrite(str(tmp_path / "empty.png"), blank_frame())
    camera = CameraWorker(str(tmp_path / "empty.png"), CaptureSettings(fps=200.0))
    cascade = RecordingCascade()
    scanner = QrScanner(camera, cascade=cascade, fallback_interval=3600)
    with camera, scanner:
        assert cascade.enough.wait(60)
    assert cascade.calls[0] is True and not any(cascade.calls[1:20])


def test_live_scanner_finds_a_code_only_a_fallback_can_read(tmp_path: Path) -> None:
    import cv2
    from qr_degrade import make_sample

    from drivers.camera.qr import zxing_decode

    sample = make_sample("dim", 7_004)
    gray = cv2.cvtColor(sample.frame, cv2.COLOR_BGR2GRAY)
    assert not zxing_decode(gray), "this dim frame should defeat the fast path"
    cv2.imwrite(str(tmp_path / "dim.png"), sample.frame)
    camera = CameraWorker(str(tmp_path / "dim.png"), CaptureSettings(fps=30.0))
    seen: list[QrScanned] = []
    found = threading.Event()
    scanner = QrScanner(camera, fallback_interval=0.1)
    scanner.events.subscribe(lambda event: (seen.append(event), found.set()))
    with camera, scanner:
        assert found.wait(60)
    assert seen[0].text == sample.texts[0] and seen[0].decoder != "zxing"


def test_stream_credentials_never_reach_health_details() -> None:
    from drivers.camera.sources import describe

    assert describe("rtsp://admin:secret@10.0.0.5/stream1") == "rtsp://***@10.0.0.5/stream1"
    assert describe("/dev/video0") == "/dev/video0"


def test_an_unplugged_camera_is_logged_once_not_every_retry(
    start_camera, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    import logging

    caplog.set_level(logging.DEBUG, logger="drivers.camera.camera")
    gone = tmp_path / "video9.avi"
    gone.write_bytes(b"\x00" * 64)
    camera, log = start_camera(str(gone), reconnect_delay=0.01)
    assert log.wait_for(lambda s: sum(h.reason == "open_failed" for h in s) >= 5)
    camera.stop()
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1 and "open_failed" in warnings[0].getMessage()


def test_a_stopped_camera_starts_again(clip: Path) -> None:
    """Screens start the camera when they need it and stop it when the citizen moves on."""
    worker = CameraWorker(str(clip))
    for _ in range(2):
        worker.start()
        try:
            assert worker.wait_frame(0, timeout=10) is not None
        finally:
            worker.stop()
