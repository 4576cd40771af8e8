"""取号 pages: choose a queue or the 事项 you came for, prove who you are (real name), and
why no number could be issued.

The choose page has two large switches at the top, "按业务类别" and "按办理事项": an elderly
citizen who does not know which queue serves their matter finds it by name (or by pinyin
initials, through :class:`kiosk.search.ItemIndex`, the same search the case journey uses).
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from contract.models import CatalogItem, TicketCategory
from kiosk import catalog_words as words
from kiosk.journeys.ticket.flow import FINAL_FAILURES, IssueFailure
from kiosk.search import ItemIndex
from ui.widgets import make_button, make_label
from ui.widgets.button_text import ItemButton, two_lines
from ui.widgets.journey_kit import Page, list_area, option_card, wrapped_label
from ui.widgets.keyboard_room import KeyboardRoom
from ui.widgets.placement import Placement
from ui.widgets.virtual_keyboard import WANTS_KEYBOARD

SEARCH_LIMIT = 8  # results for a query; without one every item is listed (the page scrolls)


def _clear(layout: QGridLayout) -> None:
    while (entry := layout.takeAt(0)) is not None:
        if (widget := entry.widget()) is not None:
            widget.hide()  # stays a hidden child until deleted: never a stray top-level
            widget.deleteLater()


class ChoosePage(Page):
    """Categories, or items found by name; emits the category or item code chosen."""

    category_chosen = Signal(str)
    item_chosen = Signal(str)

    def __init__(self, columns: int, english: bool) -> None:
        super().__init__(self.tr("请选择要办理的业务"))
        self._columns = columns
        self._english = english
        self.index: ItemIndex | None = None
        self.items: list[CatalogItem] = []
        self.mode_buttons: dict[str, QPushButton] = {}
        self.mode_row = QWidget()
        row = QHBoxLayout(self.mode_row)
        row.setContentsMargins(0, 0, 0, 0)
        for key, text in (
            ("category", self.tr("按业务类别取号")),
            ("item", self.tr("按办理事项取号")),
        ):
            button = make_button(text, "Choice")
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, k=key: self.set_mode(k))
            row.addWidget(button)
            self.mode_buttons[key] = button
        self.body.addWidget(self.mode_row)

        self.category_grid = QGridLayout()
        self.category_grid.setContentsMargins(0, 0, 0, 0)
        self.category_grid.setSpacing(28)
        self.category_grid.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.category_panel = list_area(self.category_grid)  # a big hall has many
        self.category_buttons: dict[str, QPushButton] = {}
        self.body.addWidget(self.category_panel, 1)

        self.item_panel = QWidget()
        self.item_grid = QGridLayout()
        self.item_grid.setContentsMargins(0, 0, 0, 0)
        self.item_grid.setSpacing(16)
        self.item_grid.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.search = QLineEdit()
        self.search.setObjectName("SearchBox")
        self.search.setPlaceholderText(self.tr("输入事项名称或拼音首字母，如 jzz"))
        self.search.setProperty(WANTS_KEYBOARD, True)
        self.search.setMinimumHeight(80)
        self.search.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # a tap opens the keyboard
        self.search.textChanged.connect(lambda _: self.refresh_items())
        self.item_hint = wrapped_label(
            self.tr("不知道去哪个窗口？找到要办的事项，系统为您取对应的号"), "Notice"
        )
        self.empty = wrapped_label(
            self.tr("没有找到相关事项，请换个说法试试，或按业务类别取号。"), "Notice"
        )
        item_layout = QVBoxLayout(self.item_panel)
        item_layout.setContentsMargins(0, 0, 0, 0)
        item_layout.setSpacing(20)
        item_layout.addWidget(self.item_hint)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        item_layout.addLayout(search_row)
        item_layout.addWidget(self.empty)
        item_layout.addWidget(list_area(self.item_grid), 1)
        self.item_buttons: dict[str, QPushButton] = {}
        self.body.addWidget(self.item_panel, 1)
        # While the keyboard is up: the search and what it finds, nothing else.
        self.keyboard_room = KeyboardRoom(self.search, aside=[self.mode_row, self.item_hint])
        search_row.addWidget(self.keyboard_room.make_put_away_button())

        self.mode = "category"
        self.set_mode("category")

    def load(
        self, categories: list[TicketCategory], index: ItemIndex, items: list[CatalogItem]
    ) -> None:
        _clear(self.category_grid)
        self.category_buttons.clear()
        for n, category in enumerate(categories):
            name = category.name_en if self._english and category.name_en else category.name
            button = make_button(f"{category.prefix}  {name}", "Category")
            button.clicked.connect(lambda _=False, c=category.code: self.category_chosen.emit(c))
            self.category_grid.addWidget(button, n // self._columns, n % self._columns)
            self.category_buttons[category.code] = button
        self.index, self.items = index, list(items)
        # No catalog (hub and cache both missing): 取号 by category is all there is.
        self.mode_row.setVisible(bool(self.items))
        self.reset()

    def reset(self) -> None:
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.set_mode("category")

    def set_mode(self, mode: str) -> None:
        self.mode = mode
        for key, button in self.mode_buttons.items():
            button.setChecked(key == mode)
        self.category_panel.setVisible(mode == "category")
        self.item_panel.setVisible(mode == "item")
        self.title.setText(
            self.tr("请选择要办理的业务类别")
            if mode == "category"
            else self.tr("请找到您要办理的事项")
        )
        if mode == "item":
            self.refresh_items()
        else:
            self._show_items([])

    def refresh_items(self) -> None:
        query = self.search.text().strip()
        if query and self.index is not None:
            shown = self.index.search(query, SEARCH_LIMIT)
        else:
            shown = [] if query else self.items
        self._show_items(shown)
        self.empty.setVisible(self.mode == "item" and not shown)

    def _show_items(self, shown: list[CatalogItem]) -> None:
        _clear(self.item_grid)
        self.item_buttons.clear()
        for n, item in enumerate(shown):
            name = words.item_name(item, self._english)
            button = ItemButton(two_lines(name))
            button.clicked.connect(lambda _=False, c=item.code: self.item_chosen.emit(c))
            self.item_grid.addWidget(button, n // self._columns, n % self._columns)
            self.item_buttons[item.code] = button


class IdentifyPage(Page):
    """Real-name 取号: place the ID card or show an identity QR (either works)."""

    def __init__(self, columns: int = 1) -> None:
        super().__init__(self.tr("实名取号"))
        self.what = self.title  # "「居住证申领」需要实名取号": the item or queue, set when shown
        # Landscape: the two ways side by side, so the way back stays on screen.
        cards = QHBoxLayout() if columns > 1 else QVBoxLayout()
        cards.setSpacing(24)
        self.card_option = option_card(
            Placement.CARD, self.tr("刷身份证"), self.tr("将身份证平放在读卡区，读取后即可拿开")
        )
        self.qr_option = option_card(
            Placement.QR,
            self.tr("出示身份码"),
            self.tr("打开手机上的电子身份码（如政务服务码），对准扫码窗口"),
        )
        cards.addWidget(self.card_option)
        cards.addWidget(self.qr_option)
        self.body.addLayout(cards)
        self.privacy = wrapped_label(
            self.tr("证件信息仅用于本次取号，凭条和屏幕上只显示部分号码"), "Notice", center=True
        )
        self.body.addWidget(self.privacy)
        self.body.addStretch(1)
        self.back_button = make_button(self.tr("上一步"))
        self.pin(self.back_button)


_NUMBER = re.compile(r"\b[A-Z]{1,2}[0-9]{3,5}\b")


class FailedPage(Page):
    """No number: why, in the citizen's language, and the ways on. A refusal no retry can
    change (one open ticket per person) offers only the way home."""

    def __init__(self) -> None:
        super().__init__(self.tr("暂时无法取号"))
        self.error_label = make_label(name="ErrorText")
        self.error_label.setWordWrap(True)
        self.body.addWidget(self.error_label)
        self.body.addStretch(1)
        self.retry_button = make_button(self.tr("重试"), "Primary")
        self.pin(self.retry_button)

    def show_failure(self, failure: IssueFailure, *, retry_asks_identity: bool) -> None:
        title, text = self._words(failure)
        self.title.setText(title)
        self.error_label.setText(text)
        self.retry_button.setVisible(failure.key not in FINAL_FAILURES)
        self.retry_button.setText(
            self.tr("重新刷证或扫码") if retry_asks_identity else self.tr("重试")
        )

    def _words(self, failure: IssueFailure) -> tuple[str, str]:
        key = failure.key
        if key == "open_ticket":
            # The hub names the open number; the kiosk words it (in the citizen's language).
            found = _NUMBER.search(failure.hub_message)
            if found is None:
                return self.tr("不能重复取号"), self.tr(
                    "您在该业务已有一个未办结的号码，请留意叫号，无需重复取号。"
                )
            return self.tr("不能重复取号"), self.tr(
                "您已有一个未办结的号码 %1，请留意叫号，无需重复取号。"
            ).replace("%1", found.group(0))
        if key == "unreadable_card":
            return self.tr("身份证读取失败"), self.tr("请将身份证平放在读卡区，稍等片刻再拿开。")
        if key == "identity_expired":
            return self.tr("身份码已过期"), self.tr("请在手机上刷新身份码后重新扫描。")
        if key == "identity_invalid":
            return self.tr("无法识别该二维码"), self.tr("请出示手机上的电子身份码，或刷身份证。")
        if key == "hub_unreachable":
            return self.tr("暂时无法取号"), self.tr(
                "网络暂时不通，请稍后重试，或到服务台人工取号。"
            )
        if key == "hub_rejected" and failure.hub_message:
            return self.tr("暂时无法取号"), failure.hub_message
        return self.tr("暂时无法取号"), self.tr("系统暂时出现故障，请到服务台人工取号。")
