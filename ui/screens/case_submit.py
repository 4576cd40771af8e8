"""办件 pages after the materials: delivery, review (one page, masked), receipt."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QGridLayout,
    QHBoxLayout,
    QLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from contract.models import DeliveryMethod, FormAnswer, IdentitySource
from contract.privacy import mask_address, mask_id, mask_name, mask_phone
from kiosk import catalog_words as words
from kiosk.forms import PHONE_PATTERN, FieldSpec, Kind, to_case_form
from kiosk.journeys.case.service import CaseDraft, DeliveryProblem, ReceiptData
from ui.screens.case_pages import Page, list_of
from ui.widgets import make_button, make_label
from ui.widgets.journey_kit import WIDE_PAGE, KeypadColumns, wrapped_label
from ui.widgets.keyboard_room import KeyboardRoom
from ui.widgets.keypad import NumericKeypad
from ui.widgets.qr_label import QrLabel
from ui.widgets.virtual_keyboard import WANTS_KEYBOARD


class DeliveryPage(Page):
    """Two screens: how the result comes (and where EMS takes it), then the phone number the
    result is announced to, with its keypad. Apart, each fits the screen in every look."""

    screen_count = 2

    def __init__(self) -> None:
        super().__init__(self.tr("办好后，您想怎样领取结果？"))
        self.screen_index = 0  # 0: the way the result comes; 1: the phone number
        self.method_part = QWidget()
        row = QVBoxLayout(self.method_part)  # one per line: long texts, in English longer
        row.setContentsMargins(0, 0, 0, 0)
        self.method_buttons: dict[DeliveryMethod, QPushButton] = {}
        names = {
            DeliveryMethod.PICKUP: self.tr("到窗口领取"),
            DeliveryMethod.EMS: self.tr("EMS 邮寄到家（不见面）"),
            DeliveryMethod.ELECTRONIC: self.tr("电子送达（网上下载）"),
        }
        for method, text in names.items():
            button = make_button(text, "Choice")
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, m=method: self._choose(m))
            row.addWidget(button)
            self.method_buttons[method] = button
        self.card_address = make_button(self.tr("寄到身份证地址"), "SubChoice")
        # The card's address in full, wrapped under its choice (a button does not wrap): the
        # citizen checks where their document goes; cleared when the session ends.
        self.card_address_line = wrapped_label(name="Notice")
        self.card_address.setCheckable(True)
        self.other_address = make_button(self.tr("寄到其他地址"), "SubChoice")
        self.other_address.setCheckable(True)
        self.card_address.clicked.connect(lambda: self._use_card_address(True))
        self.other_address.clicked.connect(lambda: self._use_card_address(False))
        self.address_edit = QLineEdit()
        self.address_edit.setProperty(WANTS_KEYBOARD, True)
        self.address_edit.setPlaceholderText(self.tr("请输入收件地址，写到门牌号"))
        self.address_edit.setMinimumHeight(80)
        # What EMS costs the citizen (the catalog's ems_fee_cny), under the choice of EMS.
        self.ems_fee = wrapped_label(name="Notice")
        where = QHBoxLayout()  # the two places EMS can take it: side by side, a row saved
        where.setSpacing(20)
        where.addWidget(self.card_address, 1)
        where.addWidget(self.other_address, 1)
        row.addWidget(self.ems_fee)
        row.addLayout(where)
        row.addWidget(self.card_address_line)
        # While the address is typed, in place of the choices: what the field is for.
        self.address_label = make_label(self.tr("EMS 收件地址"), "FieldLabel")
        row.addWidget(self.address_label)
        address_row = QHBoxLayout()
        address_row.addWidget(self.address_edit, 1)
        row.addLayout(address_row)
        self.phone_label = make_label(self.tr("联系电话（用于通知办理结果）"), "FieldLabel")
        self.phone_edit = QLineEdit()
        self.phone_edit.setMaxLength(13)
        self.phone_edit.setMinimumHeight(80)
        self.keypad = NumericKeypad(self.phone_edit)
        self.error = make_label("", "FieldError")
        self.error.setWordWrap(True)
        self.back = make_button(self.tr("上一步"), "Secondary")
        self.next = make_button(self.tr("下一步"), "Primary")
        nav = self.nav_row(self.back, self.next)
        fields: list[QWidget | QLayout] = [
            self.method_part,
            self.phone_label,
            self.phone_edit,
            self.error,
        ]
        # Landscape: the keypad beside the phone number.
        self.columns = KeypadColumns(self, fields, self.keypad, nav)
        aside = [
            *self.method_buttons.values(),
            self.ems_fee,
            self.card_address,
            self.card_address_line,
            self.other_address,
        ]
        self.keyboard_room = KeyboardRoom(self.address_edit, aside, [self.address_label])
        address_row.addWidget(self.keyboard_room.make_put_away_button())
        self.draft: CaseDraft | None = None
        self.show_screen(0)

    def show_draft(
        self, draft: CaseDraft, phone_hint: str, *, at_end: bool = False, ems_to_card: bool = True
    ) -> None:
        """The draft's choices, from the first screen (or the last, coming back to it); EMS to
        the card's address by default unless the item asks for a typed one."""
        self.draft = draft
        for method, button in self.method_buttons.items():
            button.setVisible(method in draft.item.delivery)
        draft.prefill_delivery(ems_to_card=ems_to_card)
        card = draft.card_address  # only an ID card has one: else the citizen types it
        self.card_address_line.setText(card)
        self.phone_edit.setText(draft.phone or phone_hint)
        self._refresh()
        self.show_screen(self.screen_count - 1 if at_end else 0)

    def clear(self) -> None:
        """The citizen's address and phone number leave every widget."""
        for widget in (self.card_address_line, self.address_edit, self.phone_edit):
            widget.setText("")
        self.draft = None

    def show_screen(self, screen: int) -> None:
        self.screen_index = screen
        self.error.clear()
        self.title.setText(
            self.tr("请确认联系电话") if screen else self.tr("办好后，您想怎样领取结果？")
        )
        self.method_part.setVisible(screen == 0)
        for widget in (self.phone_label, self.phone_edit, self.keypad):
            widget.setVisible(screen == 1)

    def _choose(self, method: DeliveryMethod) -> None:
        assert self.draft is not None
        self.draft.delivery = method
        self._refresh()

    def _use_card_address(self, card: bool) -> None:
        assert self.draft is not None and self.draft.applicant is not None
        self.address_edit.setVisible(not card)
        self.card_address_line.setVisible(card)
        self.card_address.setChecked(card)
        self.other_address.setChecked(not card)
        self.draft.address = self.draft.card_address if card else self.address_edit.text()
        if not card:
            self.address_edit.setFocus()

    def _refresh(self) -> None:
        assert self.draft is not None
        for method, button in self.method_buttons.items():
            button.setChecked(method is self.draft.delivery)
        ems = self.draft.delivery is DeliveryMethod.EMS
        fee = self.draft.item.ems_fee_cny
        self.ems_fee.setText(
            self.tr("邮费由政府承担，您不用付钱。")
            if float(fee) == 0
            else self.tr("邮费 %1 元，收件时付给快递员。").replace("%1", fee)
        )
        self.ems_fee.setVisible(ems)
        card = self.draft.card_address
        on_card = bool(card) and self.draft.address == card
        self.card_address.setVisible(ems and bool(card))
        self.card_address.setChecked(on_card)
        self.card_address_line.setVisible(ems and on_card)
        self.other_address.setVisible(ems and bool(card))
        self.other_address.setChecked(ems and not on_card)
        self.address_edit.setVisible(ems and not on_card)

    def go_on(self) -> bool:
        """Check the screen shown and go to the next: True when the delivery is complete."""
        if self.screen_index == 0:
            if self._check_method():
                self.show_screen(1)
            return False
        return self._check_phone()

    def go_back(self) -> bool:
        """The screen before: True when there is none (the journey's step before)."""
        if self.screen_index == 0:
            return True
        self.show_screen(0)
        return False

    def _check_method(self) -> bool:
        """Store the choice in the draft; False (with a message) when something is missing."""
        assert self.draft is not None
        on_card = bool(self.draft.card_address) and self.card_address.isChecked()
        if self.draft.delivery is DeliveryMethod.EMS and not on_card:
            self.draft.address = self.address_edit.text().strip()
        problem = self.draft.delivery_problem()
        if problem is DeliveryProblem.NO_METHOD:
            self.error.setText(self.tr("请选择领取方式。"))
            return False
        if problem is DeliveryProblem.NO_ADDRESS:
            self.error.setText(self.tr("请填写收件地址，写到门牌号。"))
            return False
        return True

    def _check_phone(self) -> bool:
        assert self.draft is not None
        phone = self.phone_edit.text().strip()
        if not PHONE_PATTERN.match(phone):
            self.error.setText(self.tr("电话号码不对，手机号是 1 开头的 11 位数字。"))
            return False
        self.draft.phone = phone
        return True


class ReviewPage(Page):
    def __init__(self, *, english: bool = False) -> None:
        super().__init__(self.tr("请核对申请信息"))
        self.english = english
        # What was filled in, then what goes with it (materials, delivery, phone): one above
        # the other on a portrait page, side by side on a wide one, all on screen.
        self.summary = make_label("", "GuideText")
        self.summary_more = make_label("", "GuideText")
        self.columns = self.wide_rows.add(QBoxLayout(QBoxLayout.Direction.TopToBottom))
        self.columns.setSpacing(48)
        for label in (self.summary, self.summary_more):
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            self.columns.addWidget(label, 1)
        self.body.addLayout(self.columns)
        self.body.addStretch(1)
        self.notice = make_label(
            self.tr("点击“提交”后，申请将保存在本机并上传至政务服务平台。"), "Notice"
        )
        self.notice.setWordWrap(True)
        self.pin(self.notice)
        self.back, self.submit = self.nav(self.tr("上一步"), self.tr("提交"))

    def shown_text(self) -> str:
        """Everything the review shows (tests, the idle-wipe check)."""
        return f"{self.summary.text()}\n{self.summary_more.text()}".strip()

    def clear(self) -> None:
        self.summary.clear()
        self.summary_more.clear()

    def show_draft(self, draft: CaseDraft, specs: list[FieldSpec]) -> None:
        assert draft.applicant is not None and draft.delivery is not None
        lines = [self.tr("事项：%1").replace("%1", words.item_name(draft.item, self.english))]
        if (company := draft.company) is not None:  # the company applies, through its agent
            lines.append(
                self.tr("申请单位：%1（%2）")
                .replace("%1", company.name)
                .replace("%2", mask_id(company.uscc))
            )
            lines.append(
                self.tr("法定代表人：%1").replace("%1", mask_name(company.legal_representative))
            )
        lines.append(
            (self.tr("经办人：%1（%2）") if company else self.tr("申请人：%1（%2）"))
            .replace("%1", mask_name(draft.applicant.name))
            .replace("%2", mask_id(draft.applicant.id_number))
        )
        lines.append(self.tr("身份核验：%1").replace("%1", identity_text(draft.applicant.source)))
        if draft.agent is not None:
            lines.append(self.tr("代办人：%1").replace("%1", mask_name(draft.agent.worker.name)))
        form = to_case_form(specs, draft.answers)
        for spec in specs:
            if spec.name in form and spec.name != "phone":
                shown = _short(spec, form[spec.name])
                lines.append(self.tr("%1：%2").replace("%1", spec.label).replace("%2", shown))
        self.summary.setText("\n".join(lines))
        lines = [self.tr("材料：")]
        for material in draft.item.materials:
            name = words.material_name(material, self.english)
            if material.code in draft.materials:
                pages = draft.materials[material.code].pages
                lines.append("· " + self.tr("%1（%n 页）", "", pages).replace("%1", name))
            elif material.code in draft.bring:
                lines.append("· " + self.tr("%1（到窗口提交）").replace("%1", name))
        lines.append(self.tr("领取方式：%1").replace("%1", delivery_text(draft)))
        lines.append(self.tr("联系电话：%1").replace("%1", mask_phone(draft.phone)))
        self.summary_more.setText("\n".join(lines))


def _short(spec: FieldSpec, answer: FormAnswer) -> str:
    """One line per answer, options as the citizen read them; identity numbers and family
    members' names are masked."""
    if spec.kind is Kind.ID_NUMBER:
        return mask_id(str(answer))
    if spec.kind is Kind.GROUP and isinstance(answer, list):
        return list_of(
            [mask_name(str(row.get("name", ""))) for row in answer if isinstance(row, dict)]
        )
    if isinstance(answer, list):
        return list_of([spec.option_label(str(choice)) for choice in answer])
    if spec.kind is Kind.CHOICE and answer is not None:
        return spec.option_label(str(answer))
    return "" if answer is None else str(answer)


def identity_text(source: IdentitySource) -> str:
    names = {
        IdentitySource.ID_CARD: QCoreApplication.translate("CaseIdentity", "居民身份证"),
        IdentitySource.SOCIAL_SECURITY_CARD: QCoreApplication.translate(
            "CaseIdentity", "社会保障卡"
        ),
        IdentitySource.QR: QCoreApplication.translate("CaseIdentity", "身份码"),
        IdentitySource.MANUAL: QCoreApplication.translate("CaseIdentity", "手动填写"),
    }
    return names[source]


def delivery_text(draft: CaseDraft | ReceiptData) -> str:
    if draft.delivery is DeliveryMethod.EMS:
        return QCoreApplication.translate("CaseDelivery", "EMS 邮寄至 %1").replace(
            "%1", mask_address(draft.address)
        )
    if draft.delivery is DeliveryMethod.ELECTRONIC:
        return QCoreApplication.translate("CaseDelivery", "电子送达")
    return QCoreApplication.translate("CaseDelivery", "到窗口领取")


class ReceiptPage(Page):
    def __init__(self, *, english: bool = False) -> None:
        super().__init__(self.tr("申请已提交，办件编号："))
        self.english = english
        self.number = make_label("", "CaseNumber")
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.number.setWordWrap(True)
        self.state = make_label("", "Notice")
        self.state.setWordWrap(True)
        self.details = make_label("", "GuideText")
        self.details.setWordWrap(True)
        self.qr = QrLabel(260)
        self.print_label = make_label("", "Notice")
        self.print_label.setWordWrap(True)
        self.paper = make_label("", "PaperPreview")
        self.paper.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        # What the citizen must still do, in a box of its own: not only in the paper's small
        # print.
        self.next_step = make_label("", "NextStep")
        self.next_step.setWordWrap(True)
        self.next_step.hide()
        for widget in (self.number, self.state, self.next_step):
            self.body.addWidget(widget)
        # 好差评 is offered, never chosen for the citizen: two plain buttons, no level shown.
        self.rate = make_button(self.tr("评价本次服务"), "Secondary")
        self.done = make_button(self.tr("完成"), "Primary")
        self._buttons = QWidget()
        row = QHBoxLayout(self._buttons)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(24)
        for button in (self.rate, self.done):  # side by side, the same size
            policy = button.sizePolicy()
            policy.setVerticalPolicy(QSizePolicy.Policy.Preferred)
            button.setSizePolicy(policy)
            row.addWidget(button, 1)
        # Details, QR and paper preview: stacked on a portrait screen, the buttons at the foot;
        # on a wide one the QR and paper stand beside the details and the buttons, so that the
        # buttons are on screen without scrolling.
        self._grid = QGridLayout()
        self.body.addLayout(self._grid)
        self.body.addStretch(1)
        self._wide: bool | None = None
        self._paper_source: QPixmap | None = None
        self._arrange(wide=False)
        self.rate.hide()

    def show_receipt(self, data: ReceiptData, printed: bool, png: Path | None) -> None:
        """The receipt of ``data``, what is still to bring in the citizen's language."""
        self.number.setText(data.number)
        if data.provisional:
            self.state.setText(
                self.tr("网络暂时不通：申请已安全保存在本机，联网后自动上传。这是临时编号。")
            )
        else:
            self.state.setText(self.tr("已上传至政务服务平台。"))
        lines = [
            self.tr("承诺办结：%1（%n 个工作日）", "", data.promised_days).replace(
                "%1", data.promised_date.isoformat()
            ),
            self.tr("领取方式：%1").replace("%1", delivery_text(data)),
        ]
        if data.agent_name:
            lines.append(self.tr("代办人：%1").replace("%1", mask_name(data.agent_name)))
        lines.append(
            self.tr("验证码：%1（查询进度、评价时核对用）").replace("%1", data.verification_code)
        )
        self.details.setText("\n".join(lines))
        if data.bring:
            names, department = data.still_to_bring(self.english)
            bring = (
                self.tr("请于%1前到窗口提交：%2")
                .replace("%1", data.bring_by.isoformat())
                .replace("%2", list_of(names))
            )
            if department:
                bring += "\n" + self.tr("办理部门：%1").replace("%1", department)
            self.next_step.setText(bring)
        else:
            self.next_step.clear()
        self.next_step.setVisible(bool(data.bring))
        self.qr.set_payload(data.tracking_code)
        self.rate.show()
        if printed:
            self.print_label.setText(self.tr("请取走打印的受理回执，扫码可查询办理进度。"))
        else:
            self.print_label.setText(self.tr("回执未能打印，请用手机拍下此屏幕。"))
        if png is not None:
            self._paper_source = QPixmap(str(png))
            self._scale_paper()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange(wide=self.width() >= WIDE_PAGE)

    def _arrange(self, *, wide: bool) -> None:
        if wide is self._wide:
            return
        self._wide = wide
        grid = self._grid
        for widget in (self.details, self.print_label, self.qr, self.paper, self._buttons):
            grid.removeWidget(widget)
        self.body.removeWidget(self._buttons)
        for column in range(3):
            grid.setColumnStretch(column, 0)
        if wide:
            grid.addWidget(self.details, 0, 0)
            grid.addWidget(self.print_label, 1, 0)
            grid.addWidget(self._buttons, 2, 0)
            grid.addWidget(self.qr, 0, 1, 3, 1)
            grid.addWidget(self.paper, 0, 2, 3, 1)
            grid.setColumnStretch(0, 3)
            grid.setColumnStretch(2, 2)
        else:
            grid.addWidget(self.details, 0, 0, 1, 2)
            grid.addWidget(self.qr, 1, 0)
            grid.addWidget(self.paper, 1, 1)
            grid.addWidget(self.print_label, 2, 0, 1, 2)
            grid.setColumnStretch(1, 1)
            self.body.addWidget(self._buttons)  # at the foot, after the stretch
        self._scale_paper()

    def _scale_paper(self) -> None:
        source = self._paper_source
        if source is None:
            return
        height = min(source.height(), 260 if self._wide else 400)
        self.paper.setPixmap(
            source.scaledToHeight(height, Qt.TransformationMode.SmoothTransformation)
        )

    def clear(self) -> None:
        for label in (
            self.number, self.state, self.next_step, self.details, self.print_label, self.paper,
        ):  # fmt: skip
            label.clear()
        self.next_step.hide()
        self._paper_source = None
        self.qr.set_payload("")
        self.rate.hide()
