"""A window's own screen (窗口屏) over the counter: the window's number and name, the number being
served, the clerk's photo, name and staff number, and 暂停服务 with the reason while paused.

It follows the same feed as the hall's display (kiosk.display.feed), for one window.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from contract import models as m
from kiosk.display.feed import HallFeed, HallView
from ui.bridge import BackgroundRunner, EventRelay
from ui.counter.forms import pause_name
from ui.display.window import STYLE


class WindowScreen(QWidget):
    def __init__(self, feed: HallFeed, counter_code: str) -> None:
        super().__init__()
        self.setObjectName("Display")
        self.setWindowTitle(self.tr("一门通 窗口屏"))
        self.feed = feed
        self.counter_code = counter_code
        self.status: m.WindowStatus | None = None  # the window shown, as the feed has it
        self.runner = BackgroundRunner(self)
        self.photos: dict[str, QPixmap] = {}

        self.name = QLabel(counter_code)
        self.name.setObjectName("Hall")
        self.name.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.number = QLabel("")
        self.number.setObjectName("Number")
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.state = QLabel("")
        self.state.setObjectName("Where")
        self.state.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo = QLabel()
        self.photo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.clerk = QLabel("")
        self.clerk.setObjectName("Clerk")
        self.banner = QLabel("")
        self.banner.setObjectName("Banner")
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.banner.hide()
        who = QHBoxLayout()
        who.addStretch(1)
        who.addWidget(self.photo)
        who.addSpacing(24)
        who.addWidget(self.clerk)
        who.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.name)
        layout.addStretch(1)
        layout.addWidget(self.number)
        layout.addWidget(self.state)
        layout.addStretch(1)
        layout.addLayout(who)
        for label in (self.name, self.number, self.state, self.banner):
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumSize(1, 1)
        self.relay = EventRelay(self)
        self.relay.received.connect(self.show_view)
        self._unsubscribe = feed.views.subscribe(self.relay.publish)

    def closeEvent(self, event: object) -> None:
        self._unsubscribe()
        super().closeEvent(event)  # type: ignore[arg-type]

    def is_idle(self) -> bool:
        """A window's screen says nothing aloud: it may restart whenever the hub asks."""
        return True

    def forget_photos(self) -> None:
        """The clerks' photos are read from the hub again when next shown (a reload)."""
        self.photos.clear()

    def show_view(self, view: HallView) -> None:
        window = next((w for w in view.windows if w.counter_code == self.counter_code), None)
        self.status = window
        if window is None:
            self.name.setText(self.counter_code)
            self.number.setText("")
            self.state.setText(self.tr("本窗口未设置"))
        else:
            self.name.setText(window.counter_name)
            if window.state is m.WindowState.PAUSED:
                reason = pause_name(window.pause_reason) if window.pause_reason else ""
                self.number.setText("")
                self.state.setText(self.tr("暂停服务") + (f" · {reason}" if reason else ""))
            elif window.state is m.WindowState.CLOSED:
                self.number.setText("")
                self.state.setText(self.tr("本窗口暂停办理"))
            elif window.serving_number:
                self.number.setText(window.serving_number)
                self.state.setText(self.tr("正在办理"))
            else:
                self.number.setText("")
                self.state.setText(self.tr("请等候叫号"))
        self.number.setVisible(bool(self.number.text()))  # a pause or a wait: words alone
        self._show_clerk(window.clerk if window else None)
        if view.live:
            self.banner.hide()
        else:
            self.banner.setText(self.tr("与服务器的连接已中断，正在重新连接…"))
            self.banner.show()

    def _show_clerk(self, clerk: m.Clerk | None) -> None:
        if clerk is None:
            self.clerk.setText("")
            self.photo.clear()
            return
        self.clerk.setText(
            self.tr("{name}\n工号 {staff_no}").format(name=clerk.name, staff_no=clerk.staff_no)
        )
        if not clerk.has_photo:
            self.photo.clear()
        elif clerk.staff_no in self.photos:
            self.photo.setPixmap(self.photos[clerk.staff_no])
        else:
            staff_no = clerk.staff_no

            def loaded(data: bytes) -> None:
                pixmap = QPixmap()
                pixmap.loadFromData(data)
                height = max(60, self.height() // 4)
                scaled = pixmap.scaledToHeight(height, Qt.TransformationMode.SmoothTransformation)
                self.photos[staff_no] = scaled
                if self.status and self.status.clerk and self.status.clerk.staff_no == staff_no:
                    self.photo.setPixmap(scaled)

            self.runner.run(lambda: self.feed.photo(staff_no), loaded, lambda _exc: None)

    def resizeEvent(self, event: QResizeEvent) -> None:
        unit = max(8, self.height() // 30)  # a small screen over a window: bigger letters
        sizes = {"#Hall": 2.2, "#Number": 9.0, "#Where": 2.4, "#Clerk": 1.6, "#Banner": 1.2}
        rules = "\n".join(
            f"#Display QLabel{name} {{ font-size: {int(unit * scale)}px; }}"
            for name, scale in sizes.items()
        )
        self.setStyleSheet(STYLE + rules)
        self.photos.clear()  # scaled for the old size
        super().resizeEvent(event)
