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
        policy = self.sizePolicy()  # a push button's: its size hint is its least width
        policy.setHorizontalPolicy(QSizePolicy.Policy.Preferred)
        policy.setVerticalPolicy(QSizePolicy.Policy.Preferred)  # as tall as the row's tallest
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setAccessibleName(tile.title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*((24, 16, 24, 16) if tile.half else (40, 30, 40, 30)))
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

    # A push button sizes itself by its own text; a tile's text is in its labels, which wrap
    # to the width the tile gets: as tall as they then need (elder mode's larger title, a device
    # notice), never wider than the longest word. QPushButton's own least size is its size hint,
    # which is every label on one line: an English notice pushed the page off the side.
    def sizeHint(self) -> QSize:
        layout = self.layout()
        assert layout is not None
        return super().sizeHint().expandedTo(layout.totalSizeHint())

    def minimumSizeHint(self) -> QSize:
        layout = self.layout()
        assert layout is not None
        width = layout.totalMinimumSize().width()
        if self.half:
            width = min(width, HALF_TILE_WIDTH)
        laid_out = self.width() if self.width() > width else 2 * HALF_TILE_WIDTH
        return QSize(width, self.heightForWidth(laid_out))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()  # its height follows its width

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        layout = self.layout()
        assert layout is not None
        theme = super().sizeHint().height()  # the theme's min-height
        return max(theme, layout.totalHeightForWidth(width))

    def set_notice(self, text: str, *, available: bool) -> None:
        """Show why the journey is unavailable (disabled) or runs differently (still enabled)."""
        self.setEnabled(available)
        off = not available
        if bool(self.title.property("off")) is not off:
            self.title.setProperty("off", off)  # greyed by the theme
            self.title.style().polish(self.title)
        self.notice.setText(text)
        # The notice in the hint's place: with it under every printing journey, the home
        # screen would otherwise scroll (English, elder mode); the title says what it is for.
        self.notice.setVisible(bool(text))
        self.hint.setVisible(not text)


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
        # Shown while the last citizen's card is still on the reader (kiosk.card_guard).
        self.card_notice = make_label(
            self.tr("读卡区有卡片未取走，请取走您的身份证或社保卡。"), "ErrorText"
        )
        self.card_notice.setWordWrap(True)
        self.card_notice.hide()
        if columns == 1:
            layout.addWidget(self.subtitle)
            layout.addWidget(self.card_notice)
            layout.addSpacing(16)
        else:  # landscape: the welcome and the line under it side by side, the screen is short
            heading = QHBoxLayout()
            heading.setSpacing(48)
            layout.removeWidget(self.title)
            heading.addWidget(self.title)
            for line in (self.subtitle, self.card_notice):
                line.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                heading.addWidget(line, 1)
            layout.addLayout(heading)
        grid = QGridLayout()
        grid.setSpacing(28 if columns == 1 else 20)
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
