"""Maintenance (维护): reached by a hidden gesture and a PIN, never by a citizen.

Device status and self-tests (read a card, print a test page, camera picture), reprint the last
ticket, and exit. Each action runs off the GUI thread and reports in one line; nothing personal
is shown: a test card read shows only its type and masked number.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QWidget

from drivers.health import DeviceHealth
from kiosk.admin import AdminGate
from kiosk.app import Terminal
from ui.bridge import BackgroundRunner
from ui.widgets import make_button, make_label
from ui.widgets.journey_kit import Page
from ui.widgets.keypad import NumericKeypad
from ui.widgets.overlay import CenteredOverlay

logger = logging.getLogger(__name__)

CARD_TEST_SECONDS = 15.0
CAMERA_TEST_SECONDS = 10.0


class PinOverlay(CenteredOverlay):
    """Asks for the maintenance PIN over the current screen."""

    accepted = Signal()

    def __init__(self, parent: QWidget, gate: AdminGate) -> None:
        super().__init__(parent)
        self.gate = gate
        self.prompt = make_label(self.tr("维护密码"), "Title")
        self.field = QLineEdit()
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setMaxLength(12)
        self.message = make_label("", "Warning")
        self.keypad = NumericKeypad(self.field)
        self.ok = make_button(self.tr("确定"), "Primary")
        self.cancel = make_button(self.tr("取消"))
        for widget in (self.prompt, self.field, self.message, self.keypad, self.ok, self.cancel):
            self.box.addWidget(widget)
        self.ok.clicked.connect(self._check)
        self.field.returnPressed.connect(self._check)
        self.cancel.clicked.connect(self.close_pad)

    def open_pad(self) -> None:
        self.field.clear()
        self.message.clear()
        self.cover_parent()
        self.field.setFocus()

    def close_pad(self) -> None:
        self.field.clear()
        self.hide()

    def _check(self) -> None:
        pin = self.field.text()
        self.field.clear()
        if self.gate.try_pin(pin):
            self.close_pad()
            self.accepted.emit()
        elif (seconds := self.gate.locked_for()) > 0:
            self.message.setText(self.tr("错误次数过多，请 %n 秒后再试", "", int(seconds) + 1))
        else:
            self.message.setText(self.tr("密码不正确"))


class AdminScreen(Page):
    exit_requested = Signal()
    closed = Signal()

    def __init__(self, terminal: Terminal, runner: BackgroundRunner) -> None:
        super().__init__("")
        self.title.setText(self.tr("终端维护"))
        self.terminal = terminal
        self.runner = runner
        layout = self.body
        self.devices = make_label("", "Notice")
        self.devices.setWordWrap(True)
        layout.addWidget(self.devices)
        grid = QGridLayout()
        grid.setSpacing(20)
        self.buttons = {
            "card": make_button(self.tr("读卡测试")),
            "print": make_button(self.tr("打印测试页")),
            "camera": make_button(self.tr("摄像头测试")),
            "reprint": make_button(self.tr("补打上一张凭条")),
            "outbox": make_button(self.tr("待上传办件")),
            "catalog": make_button(self.tr("刷新事项目录")),
            "exit": make_button(self.tr("退出程序")),
            "close": make_button(self.tr("返回首页"), "Primary"),
        }
        for index, button in enumerate(self.buttons.values()):
            grid.addWidget(button, index, 0)
        layout.addLayout(grid)
        if terminal.devices.sim_reader is not None:  # the demo: "place" the sample card
            self.place_card = make_button(self.tr("演示：放置示例身份证"))
            self.place_card.clicked.connect(self._place_sample_card)
            layout.addWidget(self.place_card)
        self.result = make_label("", "Notice")
        self.result.setWordWrap(True)
        layout.addWidget(self.result)
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.picture, 1)
        self.buttons["card"].clicked.connect(self._test_card)
        self.buttons["print"].clicked.connect(self._test_print)
        self.buttons["camera"].clicked.connect(self._test_camera)
        self.buttons["reprint"].clicked.connect(self._reprint)
        self.buttons["outbox"].clicked.connect(self._outbox_status)
        self.buttons["catalog"].clicked.connect(self._refresh_catalog)
        self.buttons["exit"].clicked.connect(self.exit_requested)
        self.buttons["close"].clicked.connect(self._close)

    def show_devices(self, snapshot: Mapping[str, DeviceHealth]) -> None:
        lines = [
            f"{h.device}: {h.state.value}" + (f" ({h.reason})" if h.reason else "")
            for h in sorted(snapshot.values(), key=lambda h: h.device)
        ]
        self.devices.setText("\n".join(lines) or self.tr("没有设备报告状态"))

    def wipe(self) -> None:
        self.result.clear()
        self.picture.clear()

    def _close(self) -> None:
        self.wipe()
        self.closed.emit()

    # -- actions ------------------------------------------------------------------------

    def _run(self, what: str, work: Callable[[], Any], done: Callable[[Any], str]) -> None:
        logger.info("maintenance: %s", what)
        self.result.setText(self.tr("正在执行…"))
        self.runner.run(
            work,
            lambda value: self.result.setText(done(value)),
            lambda exc: self.result.setText(
                self.tr("失败：%1").replace("%1", getattr(exc, "message", type(exc).__name__))
            ),
        )

    def _test_print(self) -> None:
        self._run(
            "print a test page",
            self.terminal.printer.print_test_page,
            lambda png: self._show_png(png, self.tr("测试页已打印")),
        )

    def _reprint(self) -> None:
        self._run(
            "reprint the last ticket",
            self.terminal.ticket_desk.reprint_last,
            lambda png: self._show_png(png, self.tr("已补打上一张凭条")),
        )

    def _outbox_status(self) -> None:
        cases = self.terminal.cases
        if cases is None:
            self.result.setText(self.tr("本终端不受理办件"))
            return
        self._run("outbox status", cases.service.outbox.status, self._outbox_result)

    def _outbox_result(self, status: Any) -> str:
        text = self.tr("待上传 %1 件，已上传 %2 件，被退回 %3 件")
        text = text.replace("%1", str(status.pending)).replace("%2", str(status.delivered))
        text = text.replace("%3", str(status.rejected))
        if status.pending and status.oldest_pending_at is not None:
            since = status.oldest_pending_at.astimezone().strftime("%m-%d %H:%M")
            text += self.tr("；最早一件提交于 %1").replace("%1", since)
        if status.last_error:
            text += self.tr("；最近的错误：%1").replace("%1", status.last_error)
        return text

    def _refresh_catalog(self) -> None:
        cases = self.terminal.cases
        if cases is None:
            self.result.setText(self.tr("本终端不受理办件"))
            return
        self._run("catalog refresh", cases.catalog.refresh, self._catalog_result)

    def _catalog_result(self, result: Any) -> str:
        if result.from_cache:
            return self.tr("无法连接中心，继续使用缓存目录（版本 %1）").replace(
                "%1", result.version
            )
        if result.changed:
            return self.tr("事项目录已更新到版本 %1").replace("%1", result.version)
        return self.tr("事项目录已是最新（版本 %1）").replace("%1", result.version)

    def _test_card(self) -> None:
        monitor = self.terminal.devices.id_monitor
        if monitor is None:
            self.result.setText(self.tr("本终端未配置读卡器"))
            return
        self._run("read a test card", lambda: _wait_for_card(monitor), self._card_result)

    def _card_result(self, document: Any) -> str:
        masked = repr(document)  # IdDocument's repr is masked: type and 1101**********002X
        return self.tr("读卡成功：%1").replace("%1", masked)

    def _place_sample_card(self) -> None:
        assert self.terminal.devices.sim_reader is not None
        self.terminal.devices.place_sample_card()

    def _test_camera(self) -> None:
        camera = self.terminal.devices.camera
        if camera is None:
            self.result.setText(self.tr("本终端未配置摄像头"))
            return
        self._run("camera picture", lambda: _grab_frame(camera), self._camera_result)

    def _camera_result(self, image: Any) -> str:
        height, width = image.shape[:2]
        rgb = image[:, :, ::-1].copy()
        qimage = QImage(rgb.data, width, height, width * 3, QImage.Format.Format_RGB888).copy()
        self.picture.setPixmap(
            QPixmap.fromImage(qimage).scaledToWidth(640, Qt.TransformationMode.SmoothTransformation)
        )
        return self.tr("摄像头正常：%1x%2").replace("%1", str(width)).replace("%2", str(height))

    def _show_png(self, png: Any, message: str) -> str:
        """Show what the virtual printer printed (a real printer prints it on paper)."""
        if png is not None:
            pixmap = QPixmap(str(png))
            self.picture.setPixmap(pixmap.scaledToHeight(min(pixmap.height(), 500)))
        return message


def _wait_for_card(monitor: Any) -> Any:
    """Block until the monitor reads a card (or fails, or the time is up)."""
    import queue

    from drivers.idcard import CardRead, CardReadFailed, NoCardError

    events: queue.Queue[object] = queue.Queue()
    unsubscribe = monitor.subscribe(events.put)
    deadline = time.monotonic() + CARD_TEST_SECONDS
    try:
        while (left := deadline - time.monotonic()) > 0:
            try:
                event = events.get(timeout=left)
            except queue.Empty:
                break
            if isinstance(event, CardRead):
                return event.document
            if isinstance(event, CardReadFailed):
                raise NoCardError(f"the card could not be read: {event.reason}")
        raise NoCardError(f"no card was placed within {CARD_TEST_SECONDS:.0f} s")
    finally:
        unsubscribe()


def _grab_frame(camera: Any) -> Any:
    from drivers.camera.errors import CameraError

    camera.start()
    try:
        frame = camera.wait_frame(0, timeout=CAMERA_TEST_SECONDS)
    finally:
        camera.stop()
    if frame is None:
        raise CameraError(f"no picture from the camera within {CAMERA_TEST_SECONDS:.0f} s")
    return frame.image
