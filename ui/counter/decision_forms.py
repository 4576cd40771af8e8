"""The workbench's decision forms: 补正 (一次性告知: every material at once), 不予受理, 办结, 送达.

Side panels like the desk's (ui.counter.forms.SideForm): the case stays in view while the clerk
fills them in; ``submitted`` carries the contract's request.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QLabel, QLineEdit

from contract import models as m
from contract.privacy import mask_name
from ui.counter.forms import SideForm

SUPPLEMENT_DAYS = 10  # the deadline offered (calendar days); the clerk may change it
LEGAL_BASIS = "《中华人民共和国行政许可法》第三十二条"
REJECT_REASONS = (
    "申请事项依法不属于本行政机关职权范围",
    "申请事项依法不需要取得行政许可",
    "申请人不具备申请资格",
    "逾期未补正申请材料",
)


class SupplementForm(SideForm):
    """Every material to supply, ticked from the item's list (the defective ones already ticked,
    with the clerk's reason), plus any other thing in free text, and a deadline."""

    submitted = Signal(object)  # m.CaseDecision

    def __init__(self) -> None:
        super().__init__(self.tr("补正（一次性告知）"))
        self.boxes: list[tuple[QCheckBox, QLineEdit, m.MaterialSpec]] = []
        self.extra = QLineEdit()
        self.extra.setPlaceholderText(self.tr("其他需补正的内容（可不填）"))
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("说明（可不填）"))
        self.deadline = QDateEdit()
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat("yyyy-MM-dd")
        self.late = QLineEdit()
        self.late.setPlaceholderText(self.tr("上次告知未列出的材料：说明原因"))
        self._rows = QLabel("")
        self.ok.clicked.connect(self._submit)
        self._today = date.today()

    def reset(self, case: m.CaseAtWindow, item: m.CatalogItem | None, today: date) -> None:
        for box, reason, _spec in self.boxes:
            self.body.removeWidget(box)
            self.body.removeWidget(reason)
            box.deleteLater()
            reason.deleteLater()
        for widget in (self.extra, self.note, self.deadline, self.late):
            self.body.removeWidget(widget)
        self.boxes = []
        reviews = {mat.code: mat.review for mat in case.materials if mat.review}
        for spec in item.materials if item else []:
            review = reviews.get(spec.code)
            defective = review is not None and review.verdict is m.Verdict.DEFECTIVE
            box = QCheckBox(spec.name)
            box.setChecked(defective or not any(mat.code == spec.code for mat in case.materials))
            reason = QLineEdit(review.reason if defective and review else "")
            reason.setPlaceholderText(self.tr("原因，例如：未提供、复印件不清晰"))
            self.body.addWidget(box)
            self.body.addWidget(reason)
            self.boxes.append((box, reason, spec))
        self.extra.clear()
        self.note.clear()
        self.late.clear()
        self._today = today
        when = today + timedelta(days=SUPPLEMENT_DAYS)
        self.deadline.setDate(QDate(when.year, when.month, when.day))
        told = [n for n in case.notices if n.kind is m.NoticeKind.SUPPLEMENT]
        for widget in (self.extra, self.note, self.deadline):
            self.body.addWidget(widget)
        if told:  # a second 补正: what the first notice missed needs a reason
            self.body.addWidget(self.late)
        self.late.setVisible(bool(told))
        self.hint.setText("")

    def _submit(self) -> None:
        lines = [
            m.NoticeLine(code=spec.code, name=spec.name, reason=reason.text().strip())
            for box, reason, spec in self.boxes
            if box.isChecked()
        ]
        if self.extra.text().strip():
            lines.append(m.NoticeLine(name=self.extra.text().strip()[:200]))
        deadline = self.deadline.date().toPython()
        if not lines:
            self.hint.setText(self.tr("请勾选需要补正的材料。"))
            return
        if not isinstance(deadline, date) or deadline < self._today:
            self.hint.setText(self.tr("补正期限不能早于今天。"))
            return
        self.submitted.emit(
            m.CaseDecision(
                decision=m.Decision.SUPPLEMENT,
                lines=lines,
                note=self.note.text().strip()[:500],
                deadline=deadline,
                late_reason=self.late.text().strip()[:500],
            )
        )


class RejectForm(SideForm):
    """不予受理: a reason from the list (or another, typed), the legal basis."""

    submitted = Signal(object)  # m.CaseDecision

    def __init__(self) -> None:
        super().__init__(self.tr("不予受理"))
        self.reason = QComboBox()
        self.reason.setEditable(True)
        self.reason.addItems(list(REJECT_REASONS))
        self.basis = QLineEdit(LEGAL_BASIS)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("补充说明（可不填）"))
        for widget in (
            QLabel(self.tr("理由")),
            self.reason,
            QLabel(self.tr("法律依据")),
            self.basis,
        ):
            self.body.addWidget(widget)
        self.body.addWidget(self.note)
        self.ok.clicked.connect(self._submit)

    def reset(self) -> None:
        self.reason.setCurrentIndex(0)
        self.basis.setText(LEGAL_BASIS)
        self.note.clear()
        self.hint.setText("")

    def _submit(self) -> None:
        reason, basis = self.reason.currentText().strip(), self.basis.text().strip()
        if not reason or not basis:
            self.hint.setText(self.tr("请填写理由和法律依据。"))
            return
        self.submitted.emit(
            m.CaseDecision(
                decision=m.Decision.REJECT,
                reason=reason[:500],
                legal_basis=basis[:500],
                note=self.note.text().strip()[:500],
            )
        )


class FinishCaseForm(SideForm):
    """办结: the result and, where one is issued, the certificate's number."""

    submitted = Signal(object)  # m.CaseProgress

    def __init__(self) -> None:
        super().__init__(self.tr("办结"))
        self.result = QComboBox()
        self.result.addItem(self.tr("准予（批准）"), "approved")
        self.result.addItem(self.tr("不予批准"), "refused")
        self.certificate = QLineEdit()
        self.certificate.setPlaceholderText(self.tr("证照编号（可不填）"))
        for widget in (QLabel(self.tr("办理结果")), self.result, self.certificate):
            self.body.addWidget(widget)
        self.ok.clicked.connect(self._submit)

    def reset(self) -> None:
        self.result.setCurrentIndex(0)
        self.certificate.clear()
        self.hint.setText("")

    def _submit(self) -> None:
        step = m.CaseTransition(
            action=m.CaseAction.FINISH,
            result_code=str(self.result.currentData()),
            certificate_number=self.certificate.text().strip()[:64] or None,
        )
        self.submitted.emit(m.CaseProgress(step=step))


class DeliverForm(SideForm):
    """送达: by EMS with the waybill (typed or scanned), or picked up here by whoever's card is
    read on the window's reader (the applicant or their agent)."""

    submitted = Signal(object)  # m.CaseProgress

    def __init__(self) -> None:
        super().__init__(self.tr("送达"))
        self.method = QComboBox()
        self.method.addItem(self.tr("窗口领取（读取领取人身份证）"), m.DeliveryMethod.PICKUP.value)
        self.method.addItem(self.tr("EMS 邮寄"), m.DeliveryMethod.EMS.value)
        self.waybill = QLineEdit()
        self.waybill.setPlaceholderText(self.tr("EMS 运单号"))
        self.collector: m.CardAtWindow | None = None
        self.card = QLabel("")
        for widget in (self.method, self.waybill, self.card):
            self.body.addWidget(widget)
        self.method.currentIndexChanged.connect(self._method_changed)
        self.ok.clicked.connect(self._submit)

    def _method_changed(self) -> None:
        """EMS asks for the waybill, a pickup for the collector's card: one at a time."""
        ems = self.method.currentData() == m.DeliveryMethod.EMS.value
        self.waybill.setVisible(ems)
        self.card.setVisible(not ems)

    def reset(self, delivery: m.DeliveryMethod) -> None:
        index = 1 if delivery is m.DeliveryMethod.EMS else 0
        self.method.setCurrentIndex(index)
        self.waybill.clear()
        self.collector = None
        self.card.setText(self.tr("请在读卡器上读取领取人的身份证"))
        self.hint.setText("")
        self._method_changed()

    def card_read(self, card: m.CardAtWindow) -> None:
        self.collector = card
        self.card.setText(self.tr("领取人：%1").replace("%1", mask_name(card.name)))

    def _submit(self) -> None:
        method = m.DeliveryMethod(str(self.method.currentData()))
        if method is m.DeliveryMethod.EMS and not self.waybill.text().strip():
            self.hint.setText(self.tr("请填写或扫描 EMS 运单号。"))
            return
        if method is m.DeliveryMethod.PICKUP and self.collector is None:
            self.hint.setText(self.tr("请先读取领取人的身份证。"))
            return
        step = m.CaseTransition(
            action=m.CaseAction.DELIVER,
            delivery=method,
            waybill=self.waybill.text().strip()[:64] or None,
        )
        collector = self.collector if method is m.DeliveryMethod.PICKUP else None
        self.submitted.emit(m.CaseProgress(step=step, collector=collector))
