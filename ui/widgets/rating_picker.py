"""Five big rating buttons and the reasons for a bad rating: nothing is ever pre-selected.

The buttons only report taps; the rating flow (:mod:`kiosk.journeys.rating.flow`) holds the
choice and the picker mirrors it, so that wiping the flow and calling
:meth:`RatingPicker.reset` leaves no trace of the last citizen's choice.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QVBoxLayout, QWidget

from contract import models as m
from kiosk.journeys.rating.flow import LEVELS
from ui.widgets import make_button
from ui.widgets.journey_kit import wrapped_label

# The width a journey page gives its content: the design width less the page's side margins
# (ui.widgets.journey_kit.Page: 60 px each side).
PORTRAIT_ROW = 1080 - 2 * 60
LANDSCAPE_ROW = 1920 - 2 * 60
LEVEL_SPACING = 14


def _per_row(buttons: list[QPushButton], *, most: int, width: int) -> int:
    """As many buttons per row as fit ``width`` at their natural size (themed), up to ``most``."""
    for button in buttons:
        button.ensurePolished()  # the theme's font size decides the size
    widest = max(button.sizeHint().width() for button in buttons)
    fits = (width + LEVEL_SPACING) // (widest + LEVEL_SPACING)
    return max(1, min(most, fits))


class RatingPicker(QWidget):
    level_tapped = Signal(object)  # m.Rating
    reason_tapped = Signal(object)  # m.BadReason

    def __init__(self, *, landscape: bool = False) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        self.level_names = names = {
            m.Rating.VERY_SATISFIED: self.tr("非常满意"),
            m.Rating.SATISFIED: self.tr("满意"),
            m.Rating.BASIC: self.tr("基本满意"),
            m.Rating.UNSATISFIED: self.tr("不满意"),
            m.Rating.VERY_UNSATISFIED: self.tr("非常不满意"),
        }
        self.level_buttons: dict[m.Rating, QPushButton] = {}
        for level in LEVELS:
            button = make_button(names[level], "RatingLevel")
            button.setCheckable(True)
            button.setChecked(False)
            button.clicked.connect(lambda _=False, lv=level: self.level_tapped.emit(lv))
            self.level_buttons[level] = button
        # A wide screen has room for the five levels side by side, a tall one for 3 + 2; fewer
        # per row where the words are long (English), so no button runs off the screen.
        levels = QGridLayout()
        levels.setSpacing(LEVEL_SPACING)
        per_row = _per_row(
            list(self.level_buttons.values()),
            most=5 if landscape else 3,
            width=LANDSCAPE_ROW if landscape else PORTRAIT_ROW,
        )
        for index, button in enumerate(self.level_buttons.values()):
            levels.addWidget(button, index // per_row, index % per_row)
        layout.addLayout(levels)

        self.reasons_box = QWidget()
        box = QVBoxLayout(self.reasons_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(wrapped_label(self.tr("请选择不满意的原因（可多选）"), "Subtitle"))
        self.reason_names = reasons = {
            m.BadReason.ATTITUDE: self.tr("服务态度不好"),
            m.BadReason.EFFICIENCY: self.tr("办事效率低"),
            m.BadReason.REPEATED_VISITS: self.tr("多次跑动"),
            m.BadReason.REPEATED_MATERIALS: self.tr("材料重复提交"),
            m.BadReason.UNCLEAR_POLICY: self.tr("政策解释不清"),
            m.BadReason.LONG_WAIT: self.tr("等候时间长"),
            m.BadReason.SYSTEM: self.tr("系统或设备故障"),
            m.BadReason.OTHER: self.tr("其他"),
        }
        grid = QGridLayout()
        grid.setSpacing(14)
        self.reason_buttons: dict[m.BadReason, QPushButton] = {}
        for reason, text in reasons.items():
            button = make_button(text, "RatingReason")
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, r=reason: self.reason_tapped.emit(r))
            self.reason_buttons[reason] = button
        # As many per row as their words allow: the reasons, the comment and 提交 on one screen.
        columns = max(  # never one per row: eight rows do not fit (a long one is shortened)
            2,
            _per_row(
                list(self.reason_buttons.values()),
                most=4 if landscape else 3,
                width=LANDSCAPE_ROW if landscape else PORTRAIT_ROW,
            ),
        )
        for index, button in enumerate(self.reason_buttons.values()):
            grid.addWidget(button, index // columns, index % columns)
        box.addLayout(grid)
        layout.addWidget(self.reasons_box)
        self.reset()

    def show_choice(
        self, level: m.Rating | None, reasons: set[m.BadReason], needs_reasons: bool
    ) -> None:
        for lv, button in self.level_buttons.items():
            button.setChecked(lv == level)
        for reason, button in self.reason_buttons.items():
            button.setChecked(reason in reasons)
        self.reasons_box.setVisible(needs_reasons)

    def reset(self) -> None:
        self.show_choice(None, set(), needs_reasons=False)

    def choice_text(self) -> str:
        """What is chosen, in words: the level and, for a bad one, the reasons."""
        level = next((self.level_names[lv] for lv in self.checked_levels), "")
        reasons = [
            self.reason_names[reason]
            for reason, button in self.reason_buttons.items()
            if button.isChecked() and self.reasons_box.isVisibleTo(self)
        ]
        if not reasons:
            return level
        listed = self.tr("、", "between the reasons of a rating").join(reasons)
        return self.tr("%1（%2）").replace("%1", level).replace("%2", listed)

    @property
    def checked_levels(self) -> list[m.Rating]:
        return [lv for lv, b in self.level_buttons.items() if b.isChecked()]
