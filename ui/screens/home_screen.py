"""The home screen: a welcome and one big tile per journey this terminal offers."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QSizePolicy, QVBoxLayout

from ui.widgets import make_button, make_label
from ui.widgets.journey_kit import Page

HALF_TILE_WIDTH = 300  # px: the least a half tile asks for; its words wrap to what it gets


@dataclass(frozen=True, slots=True)
class Tile:
    journey: str  # the journey's key, e.g. "ticket"
    title: str
    hint: str
    # Half a row on a one-column (portrait) home: two such tiles side by side, so that every
    # tile is on screen without scrolling (the feedback ones: 好差评 and 投诉建议).
    half: bool = False


class TileButton(QPushButton):
    """A big button with the journey's name, what it is for, and any device notice."""

    def __init__(self, tile: Tile) -> None:
        super().__init__()
        self.half = tile.half
        self.setObjectName("Tile")
        if tile.half:  # a push button's size hint is its least width: not so for half a row
            policy = self.sizePolicy()
            policy.setHorizontalPolicy(QSizePolicy.Policy.Preferred)
            policy.setHeightForWidth(True)
            self.setSizePolicy(policy)
        self.setAccessibleName(tile.title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*((24, 24, 24, 24) if tile.half else (40, 30, 40, 30)))
        self.title = make_label(tile.title, "TileTitle")
        self.title.setProperty("half", tile.half)  # a smaller title (the theme's #TileTitle[half])
        self.hint = make_label(tile.hint, "TileHint")
        self.notice = make_label(name="TileNotice")
        self.notice.hide()
        for label in (self.title, self.hint, self.notice):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            layout.addWidget(label)

    # A push button sizes itself by its own text; a tile's text is in its labels: without
    # these, elder mode's larger title (or a device notice) would be cut off.
    def sizeHint(self) -> QSize:
        layout = self.layout()
        assert layout is not None
        return super().sizeHint().expandedTo(layout.totalSizeHint())

    def minimumSizeHint(self) -> QSize:
        layout = self.layout()
        assert layout is not None
        hint = super().minimumSizeHint().expandedTo(layout.totalMinimumSize())
        if self.half:  # its labels wrap to the half row it has: as tall as they then need
            hint.setWidth(min(hint.width(), HALF_TILE_WIDTH))
            width = self.width() if self.width() > HALF_TILE_WIDTH else 2 * HALF_TILE_WIDTH
            hint.setHeight(max(hint.height(), layout.totalHeightForWidth(width)))
        return hint

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.half and event.size().width() != event.oldSize().width():
            self.updateGeometry()  # its height follows its width

    def hasHeightForWidth(self) -> bool:
        return self.half

    def heightForWidth(self, width: int) -> int:
        layout = self.layout()
        assert layout is not None
        return max(super().minimumSizeHint().height(), layout.totalHeightForWidth(width))

    def set_notice(self, text: str, *, available: bool) -> None:
        """Show why the journey is unavailable (disabled) or runs differently (still enabled)."""
        self.setEnabled(available)
        off = not available
        if bool(self.title.property("off")) is not off:
            self.title.setProperty("off", off)  # greyed by the theme
            self.title.style().polish(self.title)
        self.notice.setText(text)
        self.notice.setVisible(bool(text))


class HomeScreen(Page):
    """Scrolls when its tiles outgrow the screen (landscape in elder mode) instead of growing."""

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
    ) -> None:
        super().__init__("", kinetic_after_paint=True)
        self.title.setText(self.tr("您好，欢迎办理"))
        self.tiles: dict[str, TileButton] = {}
        layout = self.body
        self.subtitle = make_label(self.tr("请点击下方按钮选择业务"), "Subtitle")
        layout.addWidget(self.subtitle)
        # Shown while the last citizen's card is still on the reader (kiosk.card_guard).
        self.card_notice = make_label(
            self.tr("读卡区有卡片未取走，请取走您的身份证或社保卡。"), "ErrorText"
        )
        self.card_notice.setWordWrap(True)
        self.card_notice.hide()
        layout.addWidget(self.card_notice)
        layout.addSpacing(16)
        grid = QGridLayout()
        grid.setSpacing(28)
        row, column = 0, 0
        for tile in tiles:
            button = TileButton(tile)
            button.clicked.connect(lambda _=False, key=tile.journey: self.journey_chosen.emit(key))
            if columns == 1:  # a whole row each, or two half tiles side by side
                if not tile.half or column == 2:
                    row, column = row + (column > 0), 0
                grid.addWidget(button, row, column, 1, 1 if tile.half else 2)
                column = column + 1 if tile.half else 2
            else:
                grid.addWidget(button, len(self.tiles) // columns, len(self.tiles) % columns)
            self.tiles[tile.journey] = button
        for column in range(max(columns, 2)):  # as wide as each other, however many
            grid.setColumnStretch(column, 1)
        layout.addLayout(grid)
        layout.addStretch(1)
        toggles = QHBoxLayout()
        toggles.setSpacing(36)
        elder_text = self.tr("标准模式") if elder_mode else self.tr("长者模式 · 大字")
        self.elder_button = make_button(elder_text, "Toggle")
        self.elder_button.clicked.connect(self.elder_toggled)
        # Labelled in the language it leads to, so that those who need it can find it.
        other_language = "English" if language != "en" else "中文"
        self.language_button = make_button(other_language, "LanguageToggle")
        self.language_button.clicked.connect(self.language_toggled)
        toggles.addWidget(self.elder_button, 1)
        toggles.addWidget(self.language_button, 1)
        self.pin(toggles)

    def show_card_notice(self, shown: bool) -> None:
        """The card-left notice takes the subtitle's place (the tiles keep theirs)."""
        self.card_notice.setVisible(shown)
        self.subtitle.setVisible(not shown)
