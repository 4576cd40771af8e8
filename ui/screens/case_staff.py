"""代办 in community mode: the worker's sign-in (a card + PIN, or staff number + PIN) and
today's shift list.

The card is the first factor: an enrolled staff card, or the worker's own ID or social security
card, read by the same card monitor as the citizens' cards. The page never says whose card it
is; the PIN decides. A signed-in worker is asked to take the card away before the journey goes
on, so that a citizen's identity step is not handed the worker's card.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLayout, QLineEdit, QWidget

from contract.models import NoticeKind
from drivers.idcard.monitor import CardMonitor, CardRead, CardReadFailed, CardRemoved
from kiosk.card_guard import LeftCardGuard, LeftCardSeen
from kiosk.outbox.store import EntryState, Outbox
from kiosk.staff import (
    CardKind,
    Refusal,
    Shift,
    SignInFailed,
    StaffCard,
    StaffRegistry,
    staff_card_of,
)
from ui.bridge import EventRelay
from ui.screens.case_pages import Page
from ui.widgets import make_button, make_label
from ui.widgets.journey_kit import KeypadColumns, left_card_text
from ui.widgets.keypad import NumericKeypad


class StaffSignInPage(Page):
    signed_in = Signal(object)  # Shift

    def __init__(
        self,
        staff: StaffRegistry,
        id_monitor: CardMonitor | None = None,
        card_guard: LeftCardGuard | None = None,
    ) -> None:
        super().__init__(self.tr("社区工作人员登录（代办）"))
        self.card_guard = card_guard
        self.staff = staff
        self.id_monitor = id_monitor
        self.card: StaffCard | None = None
        self._card_on_reader = False
        self._waiting: Shift | None = None  # signed in; waiting for the card to be taken away
        self._unsubscribe: Callable[[], None] | None = None
        self.relay = EventRelay(self)
        self.relay.received.connect(self._card_event)
        self.hint = make_label(
            self.tr("请刷工作人员卡（或本人身份证、社保卡），再输入密码；也可以输入工号和密码。")
            if id_monitor is not None
            else self.tr("请输入工号和密码。"),
            "Notice",
        )
        self.hint.setWordWrap(True)
        self.card_label = make_label("", "Notice")
        self.card_label.setWordWrap(True)
        self.use_number = make_button(self.tr("改用工号登录"), "Secondary")
        self.use_number.clicked.connect(self._forget_card)
        self.number_edit = QLineEdit()
        self.number_edit.setPlaceholderText(self.tr("工号，如 S0001"))
        self.number_edit.setMinimumHeight(80)
        self.pin_edit = QLineEdit()
        self.pin_edit.setPlaceholderText(self.tr("密码"))
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setMinimumHeight(80)
        self.error = make_label("", "FieldError")
        self.error.setWordWrap(True)
        self.keypad = NumericKeypad(self.pin_edit)
        self.back = make_button(self.tr("上一步"), "Secondary")
        self.ok = make_button(self.tr("登录"), "Primary")
        self.ok.clicked.connect(self._sign_in)
        nav = QHBoxLayout()
        nav.addWidget(self.back)
        nav.addWidget(self.ok, 1)
        fields: list[QWidget | QLayout] = [
            self.hint,
            self.card_label,
            self.use_number,
            self.number_edit,
            self.pin_edit,
            self.error,
        ]
        self.columns = KeypadColumns(self, fields, self.keypad, nav)
        self._show_card()

    def begin(self) -> None:
        """Show the page fresh and listen to the card reader until ``stop``."""
        self.clear()
        if self.id_monitor is not None and self._unsubscribe is None:
            cards = self.card_guard or self.id_monitor  # the guard turns a left card aside
            self._unsubscribe = cards.subscribe(self.relay.publish)

    def stop(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self._card_on_reader = False

    def clear(self) -> None:
        self.card = None
        self._waiting = None
        self.number_edit.clear()
        self.pin_edit.clear()
        self.error.clear()
        self._show_card()

    def _show_card(self) -> None:
        names = {
            CardKind.STAFF_CARD: self.tr("已读取工作人员卡，请输入密码。"),
            CardKind.ID_CARD: self.tr("已读取身份证，请输入密码。"),
            CardKind.SOCIAL_SECURITY_CARD: self.tr("已读取社保卡，请输入密码。"),
        }
        card, waiting = self.card, self._waiting is not None
        if waiting:
            self.card_label.setText(self.tr("登录成功，请取走卡片。"))
        else:
            self.card_label.setText(names[card.kind] if card else "")
        self.card_label.setVisible(card is not None)
        self.use_number.setVisible(card is not None and not waiting)
        self.number_edit.setVisible(card is None)
        for widget in (self.hint, self.pin_edit, self.keypad, self.ok):
            widget.setVisible(not waiting)

    def _forget_card(self) -> None:
        self.card = None
        self.pin_edit.clear()
        self.error.clear()
        self._show_card()

    def _card_event(self, event: object) -> None:
        if self._unsubscribe is None:
            return  # a late event after the page was left
        if isinstance(event, CardRemoved):
            self._card_on_reader = False
            if self._waiting is not None:
                shift, self._waiting = self._waiting, None
                self.clear()
                self.signed_in.emit(shift)
            return
        if isinstance(event, CardReadFailed):
            self._card_on_reader = True
            self.error.setText(self.tr("没能读出这张卡，请取下后重新放置。"))
            return
        if isinstance(event, LeftCardSeen):
            self.error.setText(left_card_text())
            return
        if not isinstance(event, CardRead) or self._waiting is not None:
            return
        self._card_on_reader = True
        card = staff_card_of(event.document)
        if card is None:
            self.error.setText(self.tr("这张卡不能用于登录，请使用工作人员卡或工号。"))
            return
        self.card = card
        self.pin_edit.clear()
        self.error.clear()
        self._show_card()

    def _sign_in(self) -> None:
        try:
            if self.card is not None:
                shift = self.staff.sign_in_with_card(self.card, self.pin_edit.text())
            else:
                number = self.number_edit.text().strip().upper()
                shift = self.staff.sign_in(number, self.pin_edit.text())
        except SignInFailed as exc:
            reasons = {
                Refusal.WRONG_NUMBER_OR_PIN: self.tr("工号或密码不正确。"),
                Refusal.WRONG_CARD_OR_PIN: self.tr("卡片未登记或密码不正确。"),
                Refusal.LOCKED: self.tr("尝试次数过多，请五分钟后再试。"),
            }
            self.pin_edit.clear()
            self.error.setText(self.tr("登录失败：%1").replace("%1", reasons[exc.reason]))
            return
        if self.card is not None and self._card_on_reader:
            self._waiting = shift
            self.pin_edit.clear()
            self.error.clear()
            self._show_card()
            return
        self.clear()
        self.signed_in.emit(shift)


class ShiftPage(Page):
    """Today's 代办 submissions of the signed-in worker, with their upload state."""

    sign_out = Signal()

    def __init__(self, outbox: Outbox) -> None:
        super().__init__(self.tr("本班次代办记录"))
        self.outbox = outbox
        self.listing = make_label("", "GuideText")
        self.listing.setWordWrap(True)
        self.listing.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.body.addWidget(self.listing, 1)
        self.back, self.sign_out_button = self.nav(self.tr("上一步"), self.tr("签退"))
        assert self.sign_out_button is not None
        self.sign_out_button.clicked.connect(self.sign_out.emit)
        self._shift_lines: list[str] = []

    def show_shift(self, shift: Shift) -> None:
        names = {
            EntryState.PENDING: self.tr("待上传"),
            EntryState.DELIVERED: self.tr("已上传"),
            EntryState.REJECTED: self.tr("平台未受理"),
        }
        lines = [self.tr("工作人员：%1").replace("%1", shift.worker.number)]
        for entry_id in shift.entry_ids:
            receipt = self.outbox.receipt(entry_id)
            number = receipt.case_number or receipt.provisional_number
            lines.append(
                f"{receipt.created_at.astimezone():%H:%M}  {number}  {names[receipt.state]}"
            )
        if not shift.entry_ids:
            lines.append(self.tr("本班次还没有代办记录。"))
        self._shift_lines = lines
        self.listing.setText("\n".join([*lines, "", self.tr("正在查询窗口退回的办件……")]))

    def show_returned(self, returned: object) -> None:
        """The cases windows sent back (补正, 不予受理) with what to tell the citizen; None: the
        hub could not be asked."""
        lines = [*self._shift_lines, "", self.tr("窗口退回的办件：")]
        if not isinstance(returned, list):
            lines.append(self.tr("暂时无法查询，请稍后再看。"))
        elif not returned:
            lines.append(self.tr("没有退回的办件。"))
        for case in returned if isinstance(returned, list) else []:
            notice = case.notice
            if notice.kind is NoticeKind.SUPPLEMENT:
                what = "、".join(line.name for line in notice.lines)
                deadline = f"{notice.deadline:%Y-%m-%d}" if notice.deadline else ""
                lines.append(
                    self.tr("%1  %2  %3：需补正 %4，请于 %5 前补正")
                    .replace("%1", case.case_number)
                    .replace("%2", case.applicant_name_masked)
                    .replace("%3", case.item_name)
                    .replace("%4", what)
                    .replace("%5", deadline)
                )
            else:
                lines.append(
                    self.tr("%1  %2  %3：不予受理（%4）")
                    .replace("%1", case.case_number)
                    .replace("%2", case.applicant_name_masked)
                    .replace("%3", case.item_name)
                    .replace("%4", notice.reason)
                )
        self.listing.setText("\n".join(lines))
