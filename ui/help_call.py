"""求助: the call-for-help button in the kiosk's header and the overlay that answers a tap.

A tap tells the hall's staff through the hub (off the GUI thread) which terminal needs them and
on which screen, and covers the window with a plain answer: staff are coming, wait here — or,
when the hub cannot be reached, what to do instead. The citizen's journey stays as it was under
the overlay, and closing it goes back there: asking for help ends nothing.

While the overlay is up the caller asks the hub every few seconds how the call stands; once a
window answered, the overlay names it and the voice says it ("3号窗口的工作人员正在赶来"). A
failed read changes nothing on screen (the next one tries again). Closing the overlay stops the
reading; the end of the session stops it too and withdraws the call (``kiosk.help_calls``).
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QWidget

from contract import models as m
from kiosk.api.errors import HubError
from kiosk.help_calls import HelpDesk, withdraws
from ui.bridge import BackgroundRunner
from ui.widgets import make_button, make_label
from ui.widgets.overlay import CenteredOverlay

logger = logging.getLogger(__name__)


BOX_WIDTH = 900  # px: the overlay's box, at most
BOX_SIDE = 60  # px: the least space left of the window at each side of it
POLL_MS = 3000  # while the overlay is up: has a window answered?


class HelpState(enum.Enum):
    SENDING = "sending"
    CALLED = "called"  # the hub has the call: staff see it at their windows
    ANSWERED = "answered"  # a window's staff are on their way (named)
    ENDED = "ended"  # nobody answered in time: the citizen is told to ask in person
    NOT_SENT = "not_sent"  # the hub could not be told: the citizen is told what to do


class HelpOverlay(CenteredOverlay):
    """What a tap on 求助 did, in plain words; closed with its button."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.state = HelpState.SENDING
        self.title = make_label(name="Title")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setWordWrap(True)
        self.text = make_label(name="Subtitle")
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setWordWrap(True)
        self.close_button = make_button(name="Primary")
        self.close_button.clicked.connect(self.hide)
        for widget in (self.title, self.text, self.close_button):
            self.box.addWidget(widget)

    def show_state(self, state: HelpState, window: str = "") -> None:
        """Word ``state``; ``window``: the name of the window whose staff are coming."""
        # Worded when shown, not when built: the citizen may have switched language meanwhile.
        self.state = state
        in_person = self.tr(
            "请向大厅里的工作人员招手示意，或到服务台求助。您正在办理的业务不会丢失。"
        )
        if state is HelpState.SENDING:
            title, text = self.tr("正在通知工作人员…"), self.tr("请稍候。")
        elif state is HelpState.CALLED:
            title = self.tr("已通知工作人员")
            text = self.tr("请在原地稍候，马上有人来帮您。")
        elif state is HelpState.ANSWERED:
            title = self.tr("工作人员已接到求助")
            if window:
                text = self.tr("{window}的工作人员正在赶来，请稍候。").format(window=window)
            else:
                text = self.tr("工作人员正在赶来，请稍候。")
        elif state is HelpState.ENDED:
            title, text = self.tr("暂时没有工作人员回应"), in_person
        else:
            title, text = self.tr("暂时无法通知工作人员"), in_person
        self.title.setText(title)
        self.text.setText(text)
        self.close_button.setText(self.tr("好的"))
        self._fit_box()
        self.cover_parent()

    def _fit_box(self) -> None:
        """A box of fixed width whose wrapped lines get the height they need (a centred box
        would otherwise be laid out by its labels' one-line size hints and cut them off)."""
        parent = self.parentWidget()
        assert parent is not None
        box = self.title.parentWidget()
        assert box is not None  # the box the overlay's layout fills
        width = min(parent.width() - 2 * BOX_SIDE, BOX_WIDTH)
        box.setFixedWidth(width)
        margins = self.box.contentsMargins()
        inner = width - margins.left() - margins.right()
        for label in (self.title, self.text):
            label.setMinimumHeight(label.heightForWidth(inner))

    def spoken(self) -> str:
        """What the voice says for the state shown (the title and the text)."""
        return self.tr("{title}。{text}").format(title=self.title.text(), text=self.text.text())


class HelpCaller(QObject):
    """The 求助 button (for the header) and what a tap does. ``screen`` follows the window's
    screen (``follow``): the call says where the citizen is, not who. ``end`` is for the end of
    the citizen's session."""

    def __init__(
        self,
        window: QWidget,
        desk: HelpDesk,
        runner: BackgroundRunner,
        speak: Callable[[str], None],
    ) -> None:
        super().__init__(window)
        self.desk = desk
        self.runner = runner
        self.speak = speak
        self.screen = "home"
        self.sending = False
        self.call: m.HelpCall | None = None  # this session's call, as last read
        self._session = 0  # counts session ends: an answer from an earlier session is dropped
        self._withdraw_late = False  # the session that sent the call in flight withdraws it
        self._reading = False
        self._english = False
        self.button = make_button(name="Help")
        self.button.clicked.connect(self.ask)
        self.overlay = HelpOverlay(window)
        self.overlay.close_button.clicked.connect(self._stop_reading)
        self.timer = QTimer(self)  # reads the call while the overlay is up
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self._read)
        self.retranslate()

    def retranslate(self, *, english: bool = False) -> None:
        self._english = english
        self.button.setText(self.tr("求助"))

    def follow(self, screen: str) -> None:
        self.screen = screen

    def ask(self) -> None:
        self.overlay.show_state(HelpState.SENDING)
        if self.sending:
            return  # the first tap's call is on its way
        self.sending = True
        screen, session = self.screen, self._session
        self.runner.run(
            lambda: self.desk.call(screen),
            lambda call: self._called(call, session),
            self._not_sent,
        )

    def end(self, why: str) -> None:
        """The citizen's session ended (``why`` as the window says): stop reading the call, put
        the overlay away, and withdraw the call unless the session merely timed out."""
        self._stop_reading()
        self.overlay.hide()
        self._session += 1
        call, self.call = self.call, None
        withdraw = withdraws(why)
        self._withdraw_late = withdraw and self.sending
        if withdraw and call is not None and call.state is m.HelpCallState.OPEN:
            self._withdraw(call.id)

    def _withdraw(self, call_id: int) -> None:
        # Logged by HelpDesk.withdraw: nothing to show, the citizen has gone.
        self.runner.run(lambda: self.desk.withdraw(call_id), lambda _: None, _not_withdrawn)

    def _called(self, call: m.HelpCall, session: int) -> None:
        self.sending = False
        if session != self._session:  # the citizen who asked has gone
            if self._withdraw_late:
                self._withdraw_late = False
                self._withdraw(call.id)
            return
        self.call = call
        if self.overlay.isVisible():  # closed meanwhile: the citizen has moved on
            self._show(HelpState.CALLED)
            self.timer.start()

    def _not_sent(self, exc: Exception) -> None:
        self.sending = False
        logger.warning("help call not sent: %s: %s", type(exc).__name__, exc)
        self._show(HelpState.NOT_SENT)  # even if closed: the citizen must learn to ask in person

    def _stop_reading(self) -> None:
        self.timer.stop()

    def _read(self) -> None:
        if self.call is None or not self.overlay.isVisible():
            self._stop_reading()
            return
        if self._reading:
            return  # the last read has not answered yet (a slow network)
        self._reading = True
        call_id, session = self.call.id, self._session
        self.runner.run(
            lambda: self.desk.status(call_id),
            lambda call: self._read_done(call, session),
            self._not_read,
        )

    def _read_done(self, call: m.HelpCall, session: int) -> None:
        self._reading = False
        if session != self._session or self.call is None or call.id != self.call.id:
            return  # another session's, or another call's
        self.call = call
        if not self.overlay.isVisible() or call.state is m.HelpCallState.OPEN:
            return
        self._stop_reading()  # answered or closed: nothing more will change
        if call.state is m.HelpCallState.ANSWERED:
            self._show(HelpState.ANSWERED, self._window_words(call))
        else:
            self._show(HelpState.ENDED)

    def _window_words(self, call: m.HelpCall) -> str:
        """The window whose staff are coming, as the citizen reads it: its name as the hall
        paints it; in English "window 3" from its code W03 (windows have Chinese names only)."""
        digits = "".join(c for c in call.answered_by or "" if c.isdigit())
        if self._english and digits:
            return self.tr("%1号窗口").replace("%1", str(int(digits)))
        return call.answered_by_name or ""

    def _not_read(self, exc: Exception) -> None:
        self._reading = False
        # The overlay keeps its words: staff were told, and the next read tries again.
        if isinstance(exc, HubError):
            logger.info("help call not read: %s: %s", type(exc).__name__, exc)
        else:
            logger.error("help call not read", exc_info=exc)

    def _show(self, state: HelpState, window: str = "") -> None:
        self.overlay.show_state(state, window)
        self.speak(self.overlay.spoken())


def _not_withdrawn(exc: Exception) -> None:
    # Staff may come to an empty kiosk; the hub closes a call nobody answers in time.
    logger.warning("help call not withdrawn: %s: %s", type(exc).__name__, exc)
