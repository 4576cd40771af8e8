"""求助: the call-for-help button in the kiosk's header and the overlay that answers a tap.

A tap tells the hall's staff through the hub (off the GUI thread) which terminal needs them and
on which screen, and covers the window with a plain answer: staff are coming, wait here — or,
when the hub cannot be reached, what to do instead. The citizen's journey stays as it was under
the overlay, and closing it goes back there: asking for help ends nothing.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QWidget

from kiosk.help_calls import HelpDesk
from ui.bridge import BackgroundRunner
from ui.widgets import make_button, make_label
from ui.widgets.overlay import CenteredOverlay

logger = logging.getLogger(__name__)


BOX_WIDTH = 900  # px: the overlay's box, at most
BOX_SIDE = 60  # px: the least space left of the window at each side of it


class HelpState(enum.Enum):
    SENDING = "sending"
    CALLED = "called"  # the hub has the call: staff see it at their windows
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

    def show_state(self, state: HelpState) -> None:
        # Worded when shown, not when built: the citizen may have switched language meanwhile.
        self.state = state
        if state is HelpState.SENDING:
            title, text = self.tr("正在通知工作人员…"), self.tr("请稍候。")
        elif state is HelpState.CALLED:
            title = self.tr("已通知工作人员")
            text = self.tr("请在原地稍候，马上有人来帮您。")
        else:
            title = self.tr("暂时无法通知工作人员")
            text = self.tr(
                "请向大厅里的工作人员招手示意，或到服务台求助。您正在办理的业务不会丢失。"
            )
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
    screen (``follow``): the call says where the citizen is, not who."""

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
        self.button = make_button(name="Help")
        self.button.clicked.connect(self.ask)
        self.overlay = HelpOverlay(window)
        self.retranslate()

    def retranslate(self) -> None:
        self.button.setText(self.tr("求助"))

    def follow(self, screen: str) -> None:
        self.screen = screen

    def ask(self) -> None:
        self.overlay.show_state(HelpState.SENDING)
        if self.sending:
            return  # the first tap's call is on its way
        self.sending = True
        screen = self.screen
        self.runner.run(lambda: self.desk.call(screen), self._called, self._not_sent)

    def _called(self, _call: object) -> None:
        self.sending = False
        if self.overlay.isVisible():  # closed meanwhile: the citizen has moved on
            self._show(HelpState.CALLED)

    def _not_sent(self, exc: Exception) -> None:
        self.sending = False
        logger.warning("help call not sent: %s: %s", type(exc).__name__, exc)
        self._show(HelpState.NOT_SENT)  # even if closed: the citizen must learn to ask in person

    def _show(self, state: HelpState) -> None:
        self.overlay.show_state(state)
        self.speak(self.overlay.spoken())
