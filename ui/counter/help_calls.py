"""求助 at the window terminal: the open calls for help of the site, over every page of the desk.

A strip at the top of the counter window, shown while citizens wait for help: which kiosk (its
id and registered place), on which screen, since when, and 前往协助 to say this window goes.
The counter terminal follows no event stream, so the strip asks the hub every few seconds (one
small read) while a clerk is signed in. When another window went first the clerk is told who.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from contract import models as m
from kiosk.api.errors import HubError, HubRejected
from kiosk.counter.desk import CounterDesk
from ui.bridge import BackgroundRunner
from ui.widgets import make_button, make_label

logger = logging.getLogger(__name__)

POLL_MS = 5000
FORGET_MS = 10000
SHOWN = 4  # rows at most; the rest are counted
SCREENS = {
    "home": QT_TRANSLATE_NOOP("HelpCalls", "首页"),
    "ticket": QT_TRANSLATE_NOOP("HelpCalls", "排队取号"),
    "case": QT_TRANSLATE_NOOP("HelpCalls", "自助办事"),
    "checkin": QT_TRANSLATE_NOOP("HelpCalls", "预约签到"),
    "progress": QT_TRANSLATE_NOOP("HelpCalls", "进度查询"),
    "rating": QT_TRANSLATE_NOOP("HelpCalls", "好差评"),
    "admin": QT_TRANSLATE_NOOP("HelpCalls", "维护"),
}


def screen_name(key: str) -> str:
    source = SCREENS.get(key)
    return QCoreApplication.translate("HelpCalls", str(source)) if source else key


class HelpCallsBar(QWidget):
    """The site's open calls for help, each with 前往协助; hidden while there are none."""

    def __init__(self, desk: CounterDesk, runner: BackgroundRunner) -> None:
        super().__init__()
        self.setObjectName("HelpCalls")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)  # paint the QSS background
        self.desk = desk
        self.runner = runner
        self.calls: list[m.HelpCall] = []
        self.answer_buttons: dict[int, QPushButton] = {}
        self.title = make_label(name="HelpTitle")
        self.message = make_label(name="HelpMessage")
        self.message.setWordWrap(True)
        self._rows = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addLayout(self._rows)
        layout.addWidget(self.message)
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.refresh)
        self._reading = False
        self.following = False  # a clerk is signed in: the calls are read and shown
        self.forget = QTimer(self)  # a message about an answer goes after a while
        self.forget.setSingleShot(True)
        self.forget.setInterval(FORGET_MS)
        self.forget.timeout.connect(self._forget)
        self.hide()

    def start(self) -> None:
        """Follow the calls (a clerk signed in)."""
        self.following = True
        self.refresh()
        self.timer.start()

    def stop(self) -> None:
        self.following = False
        self.timer.stop()
        self.forget.stop()
        self.calls = []
        self.message.clear()
        self._show()

    def say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self.setVisible(bool(self.calls) or bool(text))
        self.forget.start()

    def _forget(self) -> None:
        self.message.clear()
        self._show()

    def refresh(self) -> None:
        if self._reading:
            return  # the last read has not answered yet (a slow hub)
        self._reading = True
        self.runner.run(self.desk.help_calls, self._read, self._not_read)

    def _read(self, calls: list[m.HelpCall]) -> None:
        self._reading = False
        if self.following:  # not signed out meanwhile
            self.calls = calls
            self._show()

    def _not_read(self, exc: Exception) -> None:
        self._reading = False
        logger.info("help calls not read: %s", exc)  # the next poll tries again

    def answer(self, call: m.HelpCall) -> None:
        button = self.answer_buttons.get(call.id)
        if button is not None:
            button.setEnabled(False)
        self.runner.run(
            lambda: self.desk.answer_help(call.id),
            lambda done: self._answered(done),
            self._not_answered,
        )

    def _answered(self, call: m.HelpCall) -> None:
        self.say(self.tr("已记录：本窗口前往协助 {where}。").format(where=where(call)))
        self.refresh()

    def _not_answered(self, exc: Exception) -> None:
        if isinstance(exc, HubRejected):
            self.say(exc.citizen_message)
        elif isinstance(exc, HubError):
            self.say(self.tr("无法连接服务器，请稍后重试。"))
        else:
            logger.error("answering a help call failed", exc_info=exc)
            self.say(self.tr("操作失败，请重试。"))
        self.refresh()

    def _show(self) -> None:
        while (item := self._rows.takeAt(0)) is not None:
            widget = item.widget()
            if widget is not None:
                widget.deleteLater()
        self.answer_buttons = {}
        for call in self.calls[:SHOWN]:
            self._rows.addWidget(self._row(call))
        more = len(self.calls) - SHOWN
        if more > 0:
            self._rows.addWidget(make_label(self.tr("另有 {n} 条求助").format(n=more)))
        self.title.setText(self.tr("群众求助（{n}）").format(n=len(self.calls)))
        self.title.setVisible(bool(self.calls))
        self.message.setVisible(bool(self.message.text()))
        self.setVisible(bool(self.calls) or bool(self.message.text()))

    def _row(self, call: m.HelpCall) -> QWidget:
        row = QWidget()
        row.setObjectName("HelpRow")
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        since = call.created_at.astimezone().strftime("%H:%M")
        minutes = max(0, int((datetime.now(UTC) - call.created_at).total_seconds() // 60))
        text = self.tr("{where} · {screen} · {since} 起（{minutes} 分钟）").format(
            where=where(call), screen=screen_name(call.screen), since=since, minutes=minutes
        )
        label = QLabel(text)
        label.setObjectName("HelpCall")
        label.setWordWrap(True)  # a long registered place wraps instead of widening the window
        button = make_button(self.tr("前往协助"), "Primary")
        button.clicked.connect(lambda _=False, c=call: self.answer(c))
        self.answer_buttons[call.id] = button
        line.addWidget(label, 1)
        line.addWidget(button)
        return row


def where(call: m.HelpCall) -> str:
    """The kiosk as staff know it: its id, and its place when it was registered with one."""
    return f"{call.terminal_id}（{call.place}）" if call.place else call.terminal_id
