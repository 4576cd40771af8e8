"""The home screen: a welcome and one big tile per journey this terminal offers."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ui.widgets import make_button, make_label


@dataclass(frozen=True, slots=True)
class Tile:
    journey: str  # the journey's key, e.g. "ticket"
    title: str
    hint: str


class TileButton(QPushButton):
    """A big button with the journey's name and, smaller, what it is for."""

    def __init__(self, tile: Tile) -> None:
        super().__init__()
        self.setObjectName("Tile")
        self.setAccessibleName(tile.title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 30, 40, 30)
        self.title = make_label(tile.title, "TileTitle")
        self.hint = make_label(tile.hint, "TileHint")
        for label in (self.title, self.hint):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            layout.addWidget(label)


class HomeScreen(QWidget):
    journey_chosen = Signal(str)
    language_toggled = Signal()
    elder_toggled = Signal()

    def __init__(
        self,
        tiles: list[Tile],
        columns: int = 1,
        *,
        language: str = "zh_CN",
        elder_mode: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.tiles: dict[str, QPushButton] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 60, 60, 60)
        layout.setSpacing(24)
        layout.addWidget(make_label(self.tr("您好，欢迎办理"), "Title"))
        layout.addWidget(make_label(self.tr("请点击下方按钮选择业务"), "Subtitle"))
        layout.addSpacing(40)
        grid = QGridLayout()
        grid.setSpacing(36)
        for index, tile in enumerate(tiles):
            button = TileButton(tile)
            button.clicked.connect(lambda _=False, key=tile.journey: self.journey_chosen.emit(key))
            grid.addWidget(button, index // columns, index % columns)
            self.tiles[tile.journey] = button
        layout.addLayout(grid)
        layout.addStretch(1)
        # Each toggle is labelled in the language it leads to: findable by those who need it.
        toggles = QHBoxLayout()
        toggles.setSpacing(36)
        self.elder_button = make_button(
            "长者模式 · 大字" if not elder_mode else "标准模式", "Toggle"
        )
        self.elder_button.clicked.connect(self.elder_toggled)
        self.language_button = make_button("English" if language != "en" else "中文", "Toggle")
        self.language_button.clicked.connect(self.language_toggled)
        toggles.addWidget(self.elder_button, 1)
        toggles.addWidget(self.language_button, 1)
        layout.addLayout(toggles)
