"""代办 in community mode: the worker's sign-in (staff number + PIN) and today's shift list."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLineEdit

from kiosk.outbox.store import EntryState, Outbox
from kiosk.staff import Shift, SignInFailed, StaffRegistry
from ui.screens.case_pages import Page
from ui.widgets import make_label
from ui.widgets.keypad import NumericKeypad


class StaffSignInPage(Page):
    signed_in = Signal(object)  # Shift

    def __init__(self, staff: StaffRegistry) -> None:
        super().__init__(self.tr("社区工作人员登录（代办）"))
        self.staff = staff
        self.number_edit = QLineEdit()
        self.number_edit.setPlaceholderText(self.tr("工号，如 S0001"))
        self.number_edit.setMinimumHeight(80)
        self.pin_edit = QLineEdit()
        self.pin_edit.setPlaceholderText(self.tr("密码"))
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setMinimumHeight(80)
        self.error = make_label("", "FieldError")
        self.error.setWordWrap(True)
        for widget in (self.number_edit, self.pin_edit):
            self.body.addWidget(widget)
        self.body.addWidget(NumericKeypad(self.pin_edit))
        self.body.addWidget(self.error)
        self.body.addStretch(1)
        self.back, self.ok = self.nav(self.tr("返回"), self.tr("登录"))
        assert self.ok is not None
        self.ok.clicked.connect(self._sign_in)

    def clear(self) -> None:
        self.number_edit.clear()
        self.pin_edit.clear()
        self.error.clear()

    def _sign_in(self) -> None:
        try:
            shift = self.staff.sign_in(
                self.number_edit.text().strip().upper(), self.pin_edit.text()
            )
        except SignInFailed as exc:
            self.pin_edit.clear()
            self.error.setText(self.tr("登录失败：%1").replace("%1", exc.message))
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
        self.back, self.sign_out_button = self.nav(self.tr("返回"), self.tr("签退"))
        assert self.sign_out_button is not None
        self.sign_out_button.clicked.connect(self.sign_out.emit)

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
        self.listing.setText("\n".join(lines))
