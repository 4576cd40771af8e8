"""投诉建议 pages: what it is about, the text, the phone number behind consent, the reference.

The about page offers the kind (投诉 or 建议) and the subject: a window (the hall's windows, as
the hub lists them), a clerk (the staff number typed, or the clerk signed in at a window), an
item (found by name or pinyin initials, :class:`kiosk.search.ItemIndex`, as 取号 and 办件 find
them) or the hall. Nothing is chosen for the citizen. The pages only show and collect: the rules
live in :class:`~kiosk.journeys.complaint.flow.ComplaintFlow`.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from contract.models import CatalogItem, WindowStatus
from kiosk import catalog_words as words
from kiosk.journeys.complaint.flow import MAX_TEXT
from kiosk.search import ItemIndex
from ui.widgets import make_button, make_label
from ui.widgets.button_text import ItemButton, two_lines
from ui.widgets.journey_kit import KeypadColumns, Page, list_area, wrapped_label
from ui.widgets.keyboard_room import KeyboardRoom
from ui.widgets.keypad import NumericKeypad
from ui.widgets.printed_slip import PaperPicture
from ui.widgets.virtual_keyboard import WANTS_KEYBOARD

SEARCH_LIMIT = 8
ABOUTS = ("window", "clerk", "item", "hall")  # contract.models.ComplaintAbout values


@dataclass(frozen=True, slots=True)
class Pick:
    """The subject as the citizen picked it: its code for the hub, its name for the screens."""

    about: str
    subject: str | None
    label: str


def _clear(layout: QGridLayout | QVBoxLayout) -> None:
    while (entry := layout.takeAt(0)) is not None:
        if (widget := entry.widget()) is not None:
            widget.hide()  # a child until deleted: never a window of its own
            widget.deleteLater()


def _choice_row(texts: dict[str, str], columns: int) -> tuple[QGridLayout, dict[str, QPushButton]]:
    grid = QGridLayout()
    grid.setSpacing(16)
    buttons: dict[str, QPushButton] = {}
    group = QButtonGroup(grid)
    for index, (key, text) in enumerate(texts.items()):
        button = make_button(text, "Choice")
        button.setCheckable(True)
        group.addButton(button)
        grid.addWidget(button, index // columns, index % columns)
        buttons[key] = button
    return grid, buttons


def _uncheck(buttons: dict[str, QPushButton]) -> None:
    for button in buttons.values():
        group = button.group()
        exclusive = group.exclusive() if group is not None else False
        if group is not None:
            group.setExclusive(False)  # an exclusive group cannot be fully cleared
        button.setChecked(False)
        if group is not None:
            group.setExclusive(exclusive)


class AboutPage(Page):
    """The kind and the subject; ``changed`` whenever either changes."""

    changed = Signal()

    def __init__(self, *, english: bool, landscape: bool) -> None:
        super().__init__(self.tr("投诉建议"))
        self.body.setSpacing(18)
        self._english = english
        self.index: ItemIndex | None = None
        self.items: list[CatalogItem] = []
        self.windows: list[WindowStatus] = []
        self.intro = wrapped_label(
            self.tr("您的意见将转交12345政务服务便民热线办理。无需刷卡，可以匿名提交。"),
            "Subtitle",
        )
        self.body.addWidget(self.intro)
        self.choices = QWidget()  # the kind and the four subjects: put aside while typing
        choices = QVBoxLayout(self.choices)
        choices.setContentsMargins(0, 0, 0, 0)
        choices.setSpacing(16)
        kinds, self.kind_buttons = _choice_row(
            {"complaint": self.tr("我要投诉"), "suggestion": self.tr("我要建议")}, 2
        )
        choices.addLayout(kinds)
        choices.addWidget(make_label(self.tr("是关于："), "FieldLabel"))
        abouts, self.about_buttons = _choice_row(
            {
                "window": self.tr("某个窗口"),
                "clerk": self.tr("某位工作人员"),
                "item": self.tr("某个办理事项"),
                "hall": self.tr("服务大厅整体"),
            },
            4 if landscape else 2,
        )
        choices.addLayout(abouts)
        self.body.addWidget(self.choices)
        for button in (*self.kind_buttons.values(), *self.about_buttons.values()):
            button.clicked.connect(self._chosen)

        # What each subject asks for, one at a time under the choices.
        self.hint = wrapped_label(name="Notice")
        self.body.addWidget(self.hint)
        self.staff_field = QLineEdit()
        self.staff_field.setObjectName("FieldInput")
        self.staff_field.setProperty(WANTS_KEYBOARD, True)
        self.staff_field.setMaxLength(16)
        self.staff_field.setPlaceholderText(self.tr("工号，如 S001"))
        self.staff_field.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        # Letters and digits, not pinyin: the keyboard opens in its Latin layout.
        self.staff_field.setInputMethodHints(
            Qt.InputMethodHint.ImhLatinOnly
            | Qt.InputMethodHint.ImhPreferUppercase
            | Qt.InputMethodHint.ImhNoPredictiveText
        )
        self.staff_field.textChanged.connect(self._staff_typed)
        self.search = QLineEdit()
        self.search.setObjectName("SearchBox")
        self.search.setProperty(WANTS_KEYBOARD, True)
        self.search.setPlaceholderText(self.tr("输入事项名称或拼音首字母，如 jzz"))
        self.search.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.search.textChanged.connect(lambda _: self.refresh_items())
        self.field_row = QHBoxLayout()
        self.field_row.addWidget(self.staff_field, 1)
        self.field_row.addWidget(self.search, 1)
        self.body.addLayout(self.field_row)
        self.list_box = QVBoxLayout()
        self.list_box.setSpacing(16)
        self.list_box.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.list_panel = list_area(self.list_box)
        self.body.addWidget(self.list_panel, 1)
        self.list_buttons: dict[str, QPushButton] = {}
        self.next_button = make_button(self.tr("下一步"), "Primary")
        self.pin(self.next_button)
        # While a field is typed into: the field and what it finds, and the way on.
        self.staff_room = KeyboardRoom(self.staff_field, aside=[self.intro, self.choices])
        self.field_row.addWidget(self.staff_room.make_put_away_button())
        self.search_room = KeyboardRoom(self.search, aside=[self.intro, self.choices, self.hint])
        self.field_row.addWidget(self.search_room.make_put_away_button())
        self.listed: Pick | None = None  # a window, clerk or item tapped in the list
        self.reset()

    # -- what the kiosk knows ------------------------------------------------------------

    def load(self, windows: list[WindowStatus], items: list[CatalogItem], index: ItemIndex) -> None:
        self.windows, self.items, self.index = windows, items, index
        self._show_subject()

    def reset(self) -> None:
        _uncheck(self.kind_buttons)
        _uncheck(self.about_buttons)
        for field in (self.staff_field, self.search):
            field.blockSignals(True)
            field.clear()
            field.blockSignals(False)
        self.listed = None
        self._show_subject()

    # -- what the citizen picked ---------------------------------------------------------

    @property
    def kind(self) -> str:
        return next((k for k, b in self.kind_buttons.items() if b.isChecked()), "")

    @property
    def about(self) -> str:
        return next((k for k, b in self.about_buttons.items() if b.isChecked()), "")

    def pick(self) -> Pick | None:
        """The subject picked, or None while there is none."""
        about = self.about
        if about == "hall":
            return Pick("hall", None, self.about_buttons["hall"].text())
        if about == "clerk" and (typed := self.staff_field.text().strip().upper()):
            return Pick("clerk", typed, self.tr("工号 %1").replace("%1", typed))
        if self.listed is not None and self.listed.about == about:
            return self.listed
        return None

    @property
    def complete(self) -> bool:
        return bool(self.kind) and self.pick() is not None

    def _chosen(self) -> None:
        self._show_subject()
        self.changed.emit()

    def _staff_typed(self) -> None:
        if self.staff_field.text():
            self.listed = None  # the number typed is the one meant
            for button in self.list_buttons.values():
                button.setChecked(False)
        self.changed.emit()

    def _listed(self, pick: Pick) -> None:
        self.listed = pick
        if pick.about == "clerk":
            self.staff_field.blockSignals(True)
            self.staff_field.clear()
            self.staff_field.blockSignals(False)
        for key, button in self.list_buttons.items():
            button.setChecked(key == pick.subject)
        self.changed.emit()

    # -- rendering -----------------------------------------------------------------------

    def _show_subject(self) -> None:
        about = self.about
        self.staff_field.setVisible(about == "clerk")
        self.search.setVisible(about == "item")
        self.list_panel.setVisible(about in ("window", "clerk", "item"))
        hints = {
            "window": self.tr("请点选窗口："),
            "clerk": self.tr("请输入窗口工号牌上的工号，或点选工作人员所在的窗口："),
            "item": self.tr("请找到相关的办理事项："),
            "hall": self.tr("关于大厅的环境、秩序、设施、指引等。"),
        }
        self.hint.setText(hints.get(about, ""))
        self.hint.setVisible(bool(about))
        if about == "item":
            self.refresh_items()
        else:
            self._fill_list(self._window_picks(about))

    def _window_picks(self, about: str) -> list[tuple[Pick, str]]:
        picks: list[tuple[Pick, str]] = []
        for window in self.windows:
            name = f"{window.counter_code}  {window.counter_name}"
            if about == "window":
                picks.append((Pick("window", window.counter_code, window.counter_name), name))
            elif about == "clerk" and window.clerk is not None:
                staff = window.clerk.staff_no
                label = self.tr("工号 %1").replace("%1", staff)
                picks.append((Pick("clerk", staff, label), f"{name} · {label}"))
        return picks

    def refresh_items(self) -> None:
        if self.about != "item":
            return
        query = self.search.text().strip()
        if query and self.index is not None:
            shown = self.index.search(query, SEARCH_LIMIT)
        else:
            shown = [] if query else self.items[:SEARCH_LIMIT]
        self._fill_list(
            [
                (Pick("item", item.code, name), two_lines(name))
                for item in shown
                if (name := words.item_name(item, self._english))
            ]
        )

    def _fill_list(self, picks: list[tuple[Pick, str]]) -> None:
        _clear(self.list_box)
        self.list_buttons = {}
        for pick, text in picks:
            button = ItemButton(text)
            button.setCheckable(True)
            button.setChecked(self.listed == pick)
            button.clicked.connect(lambda _=False, p=pick: self._listed(p))
            self.list_box.addWidget(button)
            assert pick.subject is not None
            self.list_buttons[pick.subject] = button
        if not picks and self.about in ("window", "item"):
            empty = wrapped_label(self.tr("暂时没有可选的内容，可以选择“服务大厅整体”。"), "Notice")
            self.list_box.addWidget(empty)


class WritePage(Page):
    """The text, on the hosted pinyin keyboard, with what is left of the limit in view."""

    def __init__(self) -> None:
        super().__init__(self.tr("请写下您的意见"))
        self.about_label = wrapped_label(name="Subtitle")
        self.body.addWidget(self.about_label)
        self.text_edit = QPlainTextEdit()
        self.text_edit.setObjectName("ComplaintText")
        self.text_edit.setProperty(WANTS_KEYBOARD, True)
        self.text_edit.setPlaceholderText(self.tr("请写明时间、经过和您的诉求"))
        self.text_edit.setMinimumHeight(120)
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.textChanged.connect(self._keep_to_limit)
        self.body.addWidget(self.text_edit, 1)
        count_row = QHBoxLayout()
        self.count_label = make_label(name="Notice")
        count_row.addWidget(self.count_label, 1)
        self.body.addLayout(count_row)
        self.back_button = make_button(self.tr("上一步"))
        self.next_button = make_button(self.tr("下一步"), "Primary")
        self.pin(self.back_button, self.next_button)
        # While typing (a landscape page above the keyboard is short): the field, its count
        # and the way on.
        self.keyboard_room = KeyboardRoom(self.text_edit, aside=[self.title, self.about_label])
        count_row.addWidget(self.keyboard_room.make_put_away_button())
        self._keep_to_limit()

    def text(self) -> str:
        return self.text_edit.toPlainText()

    def _keep_to_limit(self) -> None:
        """Input stops at the contract's limit (a paste or a long commit is cut there)."""
        text = self.text()
        if len(text) > MAX_TEXT:
            self.text_edit.blockSignals(True)
            self.text_edit.setPlainText(text[:MAX_TEXT])
            self.text_edit.moveCursor(QTextCursor.MoveOperation.End)
            self.text_edit.blockSignals(False)
            text = text[:MAX_TEXT]
        self.count_label.setText(
            self.tr("已写 %1 字，最多 %2 字")
            .replace("%1", str(len(text)))
            .replace("%2", str(MAX_TEXT))
        )
        self.next_button.setEnabled(bool(text.strip()))


class ContactPage(Page):
    """A phone number for 12345 to call back, only behind an explicit yes: the number field and
    its keypad appear when the citizen agrees; "不留电话" drops what was typed."""

    consent_changed = Signal(bool)

    def __init__(self) -> None:
        super().__init__(self.tr("是否留下联系电话？"))
        self.consent_text = wrapped_label(
            self.tr(
                "留下手机号码，12345热线可就本件与您联系、反馈办理结果。号码只提供给12345热线用于"
                "本件，不会显示在屏幕上，也不会打印。不留号码也可以匿名提交。"
            ),
            "Subtitle",
        )
        choice, self.consent_buttons = _choice_row(
            {"no": self.tr("不留电话，匿名提交"), "yes": self.tr("同意留下手机号码")}, 2
        )
        for key, button in self.consent_buttons.items():
            button.clicked.connect(lambda _=False, yes=key == "yes": self.consent_changed.emit(yes))
        self.phone_label = make_label(self.tr("手机号码"), "FieldLabel")
        self.phone_field = QLineEdit()
        self.phone_field.setObjectName("FieldInput")
        self.phone_field.setMaxLength(11)
        self.phone_field.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # digits come from the keypad
        self.phone_error = wrapped_label(name="FieldError")
        self.keypad = NumericKeypad(self.phone_field)
        self.back_button = make_button(self.tr("上一步"))
        self.submit_button = make_button(self.tr("提交"), "Primary")
        actions = QHBoxLayout()  # side by side: the keypad needs the height
        actions.setSpacing(20)
        actions.addWidget(self.back_button)
        actions.addWidget(self.submit_button)
        self.columns = KeypadColumns(
            self,
            [self.consent_text, choice, self.phone_label, self.phone_field, self.phone_error],
            self.keypad,
            actions,
        )
        self.show_consent(False, chosen=False)

    def show_consent(self, consent: bool, *, chosen: bool = True) -> None:
        """The number field with its keypad only with consent; nothing marked until chosen."""
        if chosen:
            self.consent_buttons["yes" if consent else "no"].setChecked(True)
        else:
            _uncheck(self.consent_buttons)
        if not consent:
            self.phone_field.clear()
            self.phone_error.clear()
        for widget in (self.phone_label, self.phone_field, self.keypad):
            widget.setVisible(consent)
        self.phone_error.setVisible(consent)


class SentPage(Page):
    """The reference, large; what it is about; the slip printed (or to note the number)."""

    def __init__(self) -> None:
        super().__init__(self.tr("提交成功"))
        self.caption = wrapped_label(self.tr("投诉建议编号"), "Subtitle", center=True)
        self.reference_label = make_label(name="CaseNumber")
        self.reference_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.reference_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.follow_label = wrapped_label(name="Subtitle", center=True)
        self.about_label = wrapped_label(name="Subtitle", center=True)
        self.print_label = wrapped_label(name="Notice", center=True)
        self.paper = PaperPicture(max_height=560)
        for widget in (self.caption, self.reference_label, self.follow_label, self.about_label):
            self.body.addWidget(widget)
        self.body.addWidget(self.print_label)
        self.body.addWidget(self.paper, 1)
        self.done_button = make_button(self.tr("完成"), "Primary")
        self.pin(self.done_button)

    def clear(self) -> None:
        for label in (self.reference_label, self.about_label, self.print_label):
            label.clear()
        self.paper.clear()
