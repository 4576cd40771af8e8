"""The hall's calling display (叫号大屏), full screen at 1920x1080 or 3840x2160.

The latest call large (flashing for a few seconds when it is new), the last eight calls, each
queue's waiting count and estimated wait, paused windows, the clock and a scrolling notice line.
When the feed is not live a red banner says since when the wall has not been updated: a frozen
wall that looks live is the failure to avoid. Sizes follow the window's height, so the same
layout fills a 4K screen.
"""

from __future__ import annotations

import time
from datetime import datetime

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.display.feed import Call, HallFeed, HallView
from ui.bridge import EventRelay
from ui.counter.forms import pause_name
from ui.display.announcer import Announcer

FLASH_SECONDS = 6.0
STYLE = """
#Display { background: #0b2545; }
#Display QLabel { color: #ffffff; background: transparent; }
#Display #Hall { font-weight: bold; }
#Display #Latest { background: #13315c; border-radius: 24px; }
#Display #Latest[flash="true"] { background: #c8102e; }
#Display #Number { font-weight: bold; color: #ffd166; }
#Display #Latest[flash="true"] #Number { color: #ffffff; }
#Display #RecentTitle, #Display #QueuesTitle { color: #8db4e2; }
#Display #Paused { color: #ffd166; }
#Display #Banner { background: #c8102e; color: #ffffff; font-weight: bold; }
#Display #Notice { color: #cfe3ff; }
"""


def repolish(widget: QWidget) -> None:
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class DisplayWindow(QWidget):
    def __init__(
        self,
        feed: HallFeed,
        hall_name: str,
        notice: str = "",
        announcer: Announcer | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("Display")
        self.setWindowTitle(self.tr("一门通 叫号屏"))
        self.setStyleSheet(STYLE)
        self.feed = feed
        self.announcer = announcer  # says each new call aloud
        self.view = HallView()
        self.shown_call: int | None = None  # the event id of the call shown large
        self.flash_until = 0.0

        self.hall = QLabel(hall_name)
        self.hall.setObjectName("Hall")
        self.clock = QLabel("")
        self.clock.setObjectName("Clock")
        top = QHBoxLayout()
        top.addWidget(self.hall)
        top.addStretch(1)
        top.addWidget(self.clock)

        self.banner = QLabel("")
        self.banner.setObjectName("Banner")
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.banner.hide()

        self.latest = QWidget()
        self.latest.setObjectName("Latest")
        self.latest_title = QLabel(self.tr("正在呼叫"))
        self.latest_title.setObjectName("LatestTitle")
        self.number = QLabel("—")
        self.number.setObjectName("Number")
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.where = QLabel("")
        self.where.setObjectName("Where")
        self.where.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.where.setWordWrap(True)
        big = QVBoxLayout(self.latest)
        big.addWidget(self.latest_title)
        big.addStretch(1)
        big.addWidget(self.number)
        big.addWidget(self.where)
        big.addStretch(1)

        recent_title = QLabel(self.tr("最近呼叫"))
        recent_title.setObjectName("RecentTitle")
        self.recent = QGridLayout()
        self.recent_rows: list[tuple[QLabel, QLabel]] = []
        for row in range(8):
            number, window = QLabel(""), QLabel("")
            number.setObjectName("RecentNumber")
            window.setObjectName("RecentWindow")
            self.recent.addWidget(number, row, 0)
            self.recent.addWidget(window, row, 1)
            self.recent_rows.append((number, window))
        right = QVBoxLayout()
        right.addWidget(recent_title)
        right.addLayout(self.recent)
        right.addStretch(1)

        middle = QHBoxLayout()
        middle.addWidget(self.latest, 3)
        middle.addSpacing(24)
        middle.addLayout(right, 2)

        queues_title = QLabel(self.tr("排队情况"))
        queues_title.setObjectName("QueuesTitle")
        self.queues = QLabel("")
        self.queues.setObjectName("Queues")
        self.queues.setWordWrap(True)
        self.paused = QLabel("")
        self.paused.setObjectName("Paused")
        self.notice = QLabel(notice)
        self.notice.setObjectName("Notice")
        self.notice_text = notice
        self.notice_offset = 0

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addLayout(middle, 1)
        layout.addWidget(queues_title)
        layout.addWidget(self.queues)
        layout.addWidget(self.paused)
        layout.addWidget(self.notice)

        # The text follows the screen's size, never the other way round (a 4K font must not hold
        # the window at 4K when it is moved to a smaller screen).
        for label in self.findChildren(QLabel):
            if label not in (self.hall, self.clock):  # short, beside a stretch: keep their width
                label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumSize(1, 1)
        self.relay = EventRelay(self)
        self.relay.received.connect(self.show_view)
        self.tick = QTimer(self)
        self.tick.setInterval(500)
        self.tick.timeout.connect(self._tick)
        self.tick.start()
        self._tick()
        self._unsubscribe = feed.views.subscribe(self.relay.publish)

    def closeEvent(self, event: object) -> None:
        self._unsubscribe()
        super().closeEvent(event)  # type: ignore[arg-type]

    # -- the hub's reload and restart (ui.remote_obey)

    def is_idle(self) -> bool:
        """Not in the middle of an announcement: a wall has no citizen's session to wait for."""
        return self.announcer is None or not self.announcer.queue.speaking

    # -- what the feed says

    def show_view(self, view: HallView) -> None:
        self.view = view
        calls = view.calls
        if self.announcer is not None:
            self.announcer.calls(calls)
        if calls and calls[0].event_id != self.shown_call:
            self.shown_call = calls[0].event_id
            self.flash_until = _now() + FLASH_SECONDS
        self._show_latest(calls[0] if calls else None)
        for index, (number, window) in enumerate(self.recent_rows):
            call = calls[index] if index < len(calls) else None
            number.setText(call.number if call else "")
            window.setText(call.counter_name if call else "")
        lines = []
        for queue in view.queues:
            minutes = queue.estimated_wait_minutes
            wait = ""
            if queue.waiting and minutes is not None:
                wait = (
                    self.tr("约 {minutes} 分钟").format(minutes=minutes)
                    if minutes > 0
                    else self.tr("很快")
                )
            lines.append(self.tr("{name}：等候 {count} 人 {wait}").format(
                name=queue.name, count=queue.waiting, wait=wait
            ))  # fmt: skip
        self.queues.setText("    ".join(lines))
        paused = [
            f"{w.counter_name}（{pause_name(w.pause_reason)}）"
            if w.pause_reason
            else w.counter_name
            for w in view.paused
        ]
        self.paused.setText(self.tr("暂停服务：") + "、".join(paused) if paused else "")
        self._show_banner()

    def _show_latest(self, call: Call | None) -> None:
        if call is None:
            self.number.setText("—")
            self.where.setText(self.tr("请留意叫号"))
            return
        self.number.setText(call.number)
        words = self.tr("请 {number} 号到 {window} 办理").format(
            number=call.number, window=call.counter_name
        )
        if call.recall:
            words = self.tr("再次呼叫：") + words
        self.where.setText(words)

    def _show_banner(self) -> None:
        view = self.view
        if view.live:
            self.banner.hide()
            return
        since = view.updated_at.astimezone().strftime("%H:%M:%S") if view.updated_at else "—"
        self.banner.setText(
            self.tr("与服务器的连接已中断，本屏最后更新于 {time}，正在重新连接…").format(time=since)
        )
        self.banner.show()

    def _tick(self) -> None:
        self.clock.setText(datetime.now().strftime("%Y-%m-%d  %H:%M:%S"))
        flashing = _now() < self.flash_until and int(_now() * 2) % 2 == 0
        if self.latest.property("flash") != flashing:
            self.latest.setProperty("flash", flashing)
            repolish(self.latest)
            repolish(self.number)
        if self.notice_text:  # the notice scrolls by one character every half second
            text = self.notice_text + "　　　　"
            self.notice_offset = (self.notice_offset + 1) % len(text)
            self.notice.setText(text[self.notice_offset :] + text[: self.notice_offset])

    # -- sizes follow the screen

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Sizes in the style sheet (a font set in code loses to the application's style sheet).
        unit = max(8, self.height() // 54)  # 20 px at 1080 lines, 40 px at 2160
        sizes = {
            "#Hall": 2.0, "#Clock": 1.6, "#Banner": 1.6, "#LatestTitle": 1.6, "#Number": 9.0,
            "#Where": 2.6, "#RecentTitle": 1.6, "#QueuesTitle": 1.6, "#Queues": 1.4,
            "#Paused": 1.4, "#Notice": 1.4, "#RecentNumber": 2.2, "#RecentWindow": 1.6,
        }  # fmt: skip
        rules = "\n".join(
            f"#Display QLabel{name} {{ font-size: {int(unit * scale)}px; }}"
            for name, scale in sizes.items()
        )
        self.setStyleSheet(STYLE + rules)
        super().resizeEvent(event)


def _now() -> float:
    return time.monotonic()
