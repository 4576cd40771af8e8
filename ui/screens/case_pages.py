"""办件 pages before the form: find the item, read its guide, prove identity."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from contract.models import CatalogItem, Channel, DeliveryMethod, ItemType
from kiosk import catalog_words as words
from kiosk.catalog_cache import ItemGuide, KioskGuide
from kiosk.search import ItemIndex
from ui.widgets import make_button, make_label
from ui.widgets.button_text import ItemButton, shown_as_is, two_lines
from ui.widgets.journey_kit import SideBySideWhenWide, list_area
from ui.widgets.keyboard_room import KeyboardRoom
from ui.widgets.virtual_keyboard import WANTS_KEYBOARD

RESULT_LIMIT = 8


class Page(QWidget):
    def __init__(self, title: str) -> None:
        super().__init__()
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(60, 24, 60, 16)
        self.body.setSpacing(24)
        self.title = make_label(title, "Title")
        self.title.setWordWrap(True)
        self.body.addWidget(self.title)
        # Where the citizen is in the application ("第2步，共5步"): between the ways back and
        # on (see nav_row), where it takes no height from the page.
        self.step = make_label("", "Step")
        self.step.setWordWrap(True)  # two lines rather than cut, in a longer language
        self.step.hide()
        self.wide_rows = SideBySideWhenWide(self)  # rows that stand side by side in landscape
        # The way back and on: pinned under the page (the journey places it outside the page's
        # scrolling), so that "下一步" or "提交" is on screen however long the page is.
        self.footer = QWidget(self)  # a child until the journey places it: never a window
        self.footer.setObjectName("PageFooter")
        self.footer_layout = QVBoxLayout(self.footer)
        self.footer_layout.setContentsMargins(60, 8, 60, 20)
        self.footer.hide()

    def set_step(self, number: int, total: int) -> None:
        """Show "step ``number`` of ``total``" beside the title (hidden for 0)."""
        self.step.setText(
            self.tr("第%1步，共%2步").replace("%1", str(number)).replace("%2", str(total))
        )
        self.step.setVisible(number > 0)

    def pin(self, *parts: QWidget | QLayout) -> None:
        """Put ``parts`` (buttons, rows of buttons) in the footer, in this order."""
        for part in parts:
            if isinstance(part, QLayout):
                self.footer_layout.addLayout(part)
            else:
                self.footer_layout.addWidget(part)
        self.footer.show()

    def nav_row(self, back: QPushButton, forward: QPushButton | None = None) -> QHBoxLayout:
        """The ways back and on in one row, the step between them."""
        row = QHBoxLayout()
        row.setSpacing(20)
        row.addWidget(back)
        row.addWidget(self.step)
        if forward is not None:
            row.addWidget(forward, 1)
        return row

    def nav(self, back: str, forward: str = "") -> tuple[QPushButton, QPushButton | None]:
        back_button = make_button(back, "Secondary")
        forward_button = make_button(forward, "Primary") if forward else None
        self.pin(self.nav_row(back_button, forward_button))
        return back_button, forward_button


class FindPage(Page):
    chosen = Signal(str)  # item code

    def __init__(self, guide: KioskGuide, *, english: bool = False) -> None:
        super().__init__(self.tr("请选择要办理的事项"))
        self.guide = guide
        self.english = english
        self.index: ItemIndex | None = None
        self.items: list[CatalogItem] = []
        self.search = QLineEdit()
        self.search.setObjectName("SearchBox")
        self.search.setPlaceholderText(self.tr("输入事项名称或拼音首字母，如 jzz"))
        self.search.setProperty(WANTS_KEYBOARD, True)
        self.search.setMinimumHeight(80)
        # Only a tap opens the keyboard: it would cover the life events on arrival.
        self.search.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.search.textChanged.connect(lambda _: self.refresh())
        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        self.body.addLayout(search_row)
        # Browsing by audience and life event: put aside while the keyboard is up, so that
        # the results of what is typed stay in view above it.
        self.browse = QWidget()
        browse = QVBoxLayout(self.browse)
        browse.setContentsMargins(0, 0, 0, 0)
        browse.setSpacing(24)
        self.body.addWidget(self.browse)
        self.audience: str = "personal"
        self.audience_buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for key, text in (("personal", self.tr("个人办事")), ("business", self.tr("法人办事"))):
            button = make_button(text, "Choice")
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, k=key: self._set_audience(k))
            row.addWidget(button)
            self.audience_buttons[key] = button
        browse.addLayout(row)
        self.current_event: str | None = None
        self.event_buttons: dict[str, QPushButton] = {}
        events = QGridLayout()
        for index, event in enumerate(guide.events):
            button = make_button(shown_as_is(words.event_name(guide, event, english)), "Choice")
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, e=event: self._set_event(e))
            events.addWidget(button, index // 4, index % 4)
            self.event_buttons[event] = button
        browse.addLayout(events)
        self.results = QVBoxLayout()
        self.results.setContentsMargins(0, 0, 0, 0)
        self.results.setSpacing(12)
        self.results.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.empty = make_label(
            self.tr("没有找到相关事项，请换个说法试试，或到服务台咨询。"), "Notice"
        )
        self.empty.setWordWrap(True)
        self.body.addWidget(self.empty)
        self.body.addWidget(list_area(self.results), 1)  # the results scroll on their own
        self.result_buttons: dict[str, QPushButton] = {}
        self.keyboard_room = KeyboardRoom(self.search, aside=[self.browse])
        search_row.addWidget(self.keyboard_room.make_put_away_button())

    def load(self, items: list[CatalogItem]) -> None:
        self.items = items
        self.index = ItemIndex(items, self.guide)
        self.reset()

    def reset(self) -> None:
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.current_event = None
        self.audience = "personal"
        self.refresh()

    def _set_audience(self, key: str) -> None:
        self.audience = key
        self.current_event = None
        self.refresh()

    def _set_event(self, event: str) -> None:
        self.current_event = None if self.current_event == event else event
        self.refresh()

    def refresh(self) -> None:
        for key, button in self.audience_buttons.items():
            button.setChecked(key == self.audience)
        for event, button in self.event_buttons.items():
            button.setChecked(event == self.current_event)
        shown: list[CatalogItem] = []
        if self.index is not None:
            query = self.search.text().strip()
            if query:
                shown = self.index.search(query, RESULT_LIMIT)
            elif self.current_event:
                shown = self.index.by_event(self.current_event, self.guide)
            else:
                shown = self.index.by_audience(self.audience, self.guide)
        while (entry := self.results.takeAt(0)) is not None:
            if (widget := entry.widget()) is not None:
                widget.hide()  # a child until deleted: never a window of its own
                widget.deleteLater()
        self.result_buttons.clear()
        for item in shown[:RESULT_LIMIT]:
            name = words.item_name(item, self.english)
            # An English name is about twice as long as the Chinese: on two lines.
            button = ItemButton(two_lines(name) if self.english else name, 88)
            button.clicked.connect(lambda _=False, c=item.code: self.chosen.emit(c))
            self.results.addWidget(button)
            self.result_buttons[item.code] = button
        self.empty.setVisible(not shown)


def can_apply_here(item: CatalogItem, channel: Channel) -> bool:
    return item.self_service and channel in item.channels


def item_type_text(item_type: ItemType) -> str:
    """事项类型 in the citizen's language."""
    names = {
        ItemType.LICENSING: QCoreApplication.translate("ItemType", "行政许可"),
        ItemType.PAYMENT: QCoreApplication.translate("ItemType", "行政给付"),
        ItemType.CONFIRMATION: QCoreApplication.translate("ItemType", "行政确认"),
        ItemType.REWARD: QCoreApplication.translate("ItemType", "行政奖励"),
        ItemType.ADJUDICATION: QCoreApplication.translate("ItemType", "行政裁决"),
        ItemType.OTHER_POWER: QCoreApplication.translate("ItemType", "其他行政权力"),
        ItemType.PUBLIC_SERVICE: QCoreApplication.translate("ItemType", "公共服务"),
    }
    return names[item_type]


def list_of(parts: list[str]) -> str:
    """Parts of a list in one line: 、 between them in Chinese, a comma in English."""
    return QCoreApplication.translate("Lists", "、").join(parts)


def amount_text(amount_cny: str) -> str:
    """An amount a citizen pays: 免费, or so many yuan."""
    if float(amount_cny) == 0:
        return QCoreApplication.translate("GuidePage", "免费")
    return QCoreApplication.translate("GuidePage", "%1 元").replace("%1", amount_cny)


class GuidePage(Page):
    def __init__(self, *, english: bool = False) -> None:
        super().__init__("")
        self.english = english
        self.details = make_label("", "GuideText")
        self.details.setWordWrap(True)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.body.addWidget(self.details, 1)
        self.where = make_label("", "Notice")
        self.where.setWordWrap(True)
        self.body.addWidget(self.where)
        self.back, self.apply = self.nav(self.tr("上一步"), self.tr("申请办理"))

    def show_item(self, item: CatalogItem, channel: Channel, guide: ItemGuide) -> None:
        english = self.english
        self.title.setText(words.item_name(item, english))
        materials = []
        for m in item.materials:
            tags = [self.tr("必需") if m.required else self.tr("选交")]
            if not m.electronic_ok:
                tags.append(self.tr("需原件"))
            line = self.tr("· %1（%2）").replace("%1", words.material_name(m, english))
            line = line.replace("%2", self.tr("，").join(tags))
            note = words.material_note(m, english)
            materials.append(line + (f"  {note}" if note else ""))
        fee = amount_text(item.fee.amount_cny)
        if basis := words.fee_basis(item, english):
            fee = self.tr("%1（依据%2）").replace("%1", fee).replace("%2", basis)
        delivery_names = {
            DeliveryMethod.PICKUP: self.tr("窗口领取"),
            DeliveryMethod.EMS: (
                self.tr("EMS 邮寄（免费）")
                if float(item.ems_fee_cny) == 0
                else self.tr("EMS 邮寄（%1 元）").replace("%1", item.ems_fee_cny)
            ),
            DeliveryMethod.ELECTRONIC: self.tr("电子送达"),
        }
        summary, who = words.summary(guide, english), words.who(guide, english)
        lines = [summary] if summary else []
        if who:
            lines.append(self.tr("申请对象：%1").replace("%1", who))
        lines += [
            self.tr("事项类型：%1").replace("%1", item_type_text(item.item_type)),
            self.tr("办理部门：%1").replace("%1", words.department(item, english)),
            self.tr("申请材料："),
            *materials,
            self.tr("收费：%1").replace("%1", fee),
            self.tr("承诺时限：%n 个工作日", "", item.promised_days),
            self.tr("送达方式：%1").replace(
                "%1", list_of([delivery_names[d] for d in item.delivery])
            ),
            self.tr("设定依据：%1").replace("%1", item.legal_basis),
        ]
        self.details.setText("\n".join(lines))
        here = can_apply_here(item, channel)
        self.apply.setEnabled(here)  # type: ignore[union-attr]
        self.where.setText(
            self.tr("本事项可在本机自助申请。")
            if here
            else self.tr("本事项需到窗口办理，请取号后到窗口申请。")
        )
