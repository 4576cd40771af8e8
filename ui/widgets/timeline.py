"""A vertical timeline: one row per step (a dot, its title and time, then its facts), the
newest first, so that where the case is now is on screen however long its history.

Kinetic scrolling (QScroller) so a long history moves under one finger like a phone list.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QScroller,
    QVBoxLayout,
    QWidget,
)

from ui.fit_check import mark_list
from ui.widgets import make_label
from ui.widgets.journey_kit import wrapped_label


@dataclass(frozen=True, slots=True)
class Row:
    title: str
    when: str
    lines: tuple[str, ...] = ()
    current: bool = False  # the step the case is at now


class Timeline(QScrollArea):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("Timeline")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        QScroller.grabGesture(self.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
        self._inner = QWidget()
        self._inner.setObjectName("TimelineInner")
        self._rows = QVBoxLayout(self._inner)
        self._rows.setContentsMargins(0, 0, 0, 0)
        self._rows.setSpacing(18)
        self._rows.addStretch(1)
        self.setWidget(self._inner)
        mark_list(self)
        self.current_title = ""  # the step the case is at now (the voice says it)

    def set_rows(self, rows: list[Row]) -> None:
        """``rows`` oldest first, as they happened; shown the newest first."""
        self.clear()
        self.current_title = next((row.title for row in rows if row.current), "")
        for row in reversed(rows):
            self._rows.insertWidget(self._rows.count() - 1, self._row_widget(row))

    def clear(self) -> None:
        self.current_title = ""
        while self._rows.count() > 1:
            item = self._rows.takeAt(0)
            if item is not None and (widget := item.widget()) is not None:
                widget.hide()
                widget.deleteLater()

    @property
    def texts(self) -> list[str]:
        """Every text the timeline shows (tests, the idle-wipe check)."""
        found: list[str] = []
        for index in range(self._rows.count() - 1):
            item = self._rows.itemAt(index)
            widget = item.widget() if item is not None else None
            if widget is not None:
                found.extend(label.text() for label in widget.findChildren(QLabel))
        return found

    @staticmethod
    def _row_widget(row: Row) -> QWidget:
        box = QWidget()
        box.setObjectName("TimelineStep")
        box.setProperty("current", row.current)
        box.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        layout = QHBoxLayout(box)
        layout.setContentsMargins(24, 16, 24, 16)
        dot = make_label("●", "TimelineDot")
        dot.setAlignment(Qt.AlignmentFlag.AlignTop)
        layout.addWidget(dot)
        text = QVBoxLayout()
        text.setSpacing(6)
        head = QHBoxLayout()
        head.addWidget(wrapped_label(row.title, "TimelineTitle"), 1)
        head.addWidget(make_label(row.when, "TimelineWhen"))
        text.addLayout(head)
        for line in row.lines:
            text.addWidget(wrapped_label(line, "TimelineFact"))
        layout.addLayout(text, 1)
        return box
