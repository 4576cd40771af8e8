"""The acceptance workbench (受理台) of the window terminal.

The clerk opens a case — by number (typed, or a receipt's QR scanned into the field), from the
citizen in front of them, from the 预审 queue or their own cases — and sees who applied (masked
until the citizen's card is read here, or verified where it was submitted), the form's answers
and each material page by page. They mark materials 合格 / 不合格 and decide: 受理, 补正 (every
material at once) or 不予受理; after acceptance the case moves on (办理, 办结, 送达) from here.
Every decision is answered by the hub with its notice, which ``notice_made`` hands to the printer.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from contract import models as m
from contract.payloads import PayloadKind, classify
from kiosk.api.errors import HubRejected
from kiosk.counter.desk import CounterDesk
from ui.bridge import BackgroundRunner
from ui.counter.credit_badge import CreditBadge
from ui.counter.decision_forms import DeliverForm, FinishCaseForm, RejectForm, SupplementForm
from ui.counter.forms import SideForm
from ui.counter.material_viewer import MaterialViewer
from ui.widgets import make_button

if TYPE_CHECKING:  # the camera's module (and numpy) load with the camera itself
    from drivers.camera.camera import CameraWorker

C = m.CaseState
STATES = {
    C.SUBMITTED: QT_TRANSLATE_NOOP("Workbench", "待受理"),
    C.ACCEPTED: QT_TRANSLATE_NOOP("Workbench", "已受理"),
    C.REJECTED: QT_TRANSLATE_NOOP("Workbench", "不予受理"),
    C.SUPPLEMENT_REQUESTED: QT_TRANSLATE_NOOP("Workbench", "待补正"),
    C.PROCESSING: QT_TRANSLATE_NOOP("Workbench", "办理中"),
    C.SUSPENDED: QT_TRANSLATE_NOOP("Workbench", "特别程序"),
    C.DONE: QT_TRANSLATE_NOOP("Workbench", "已办结"),
    C.DELIVERED: QT_TRANSLATE_NOOP("Workbench", "已送达"),
}
CHANNELS = {
    m.Channel.HALL: QT_TRANSLATE_NOOP("Workbench", "窗口收件"),
    m.Channel.KIOSK: QT_TRANSLATE_NOOP("Workbench", "自助终端"),
    m.Channel.COMMUNITY: QT_TRANSLATE_NOOP("Workbench", "社区代办"),
    m.Channel.ONLINE: QT_TRANSLATE_NOOP("Workbench", "网上申请"),
    m.Channel.MOBILE: QT_TRANSLATE_NOOP("Workbench", "移动端"),
}
DELIVERIES = {
    m.DeliveryMethod.PICKUP: QT_TRANSLATE_NOOP("Workbench", "窗口领取"),
    m.DeliveryMethod.EMS: QT_TRANSLATE_NOOP("Workbench", "EMS 邮寄"),
    m.DeliveryMethod.ELECTRONIC: QT_TRANSLATE_NOOP("Workbench", "电子送达"),
}
DECIDABLE = (C.SUBMITTED, C.SUPPLEMENT_REQUESTED)
SCAN_SECONDS = 20.0


def words(source: object) -> str:
    return QCoreApplication.translate("Workbench", str(source))


def case_reference(text: str) -> str:
    """A typed case number, or the number in a scanned receipt QR (code or link)."""
    scanned = classify(text.strip(), now=0.0)
    if scanned.kind is PayloadKind.CASE_TRACKING and scanned.ok:
        return scanned.reference
    return text.strip().upper()


class Workbench(QWidget):
    """The workbench page; ``back`` returns to the calling desk."""

    back = Signal()
    notice_made = Signal(object)  # m.Notice: print it
    walk_in_requested = Signal()

    def __init__(self, desk: CounterDesk, runner: BackgroundRunner) -> None:
        super().__init__()
        self.desk = desk
        self.runner = runner
        self.case: m.CaseAtWindow | None = None
        self.item: m.CatalogItem | None = None
        self.card: m.CardAtWindow | None = None  # the citizen's card read for this case
        self.shown_material = ""
        self.staff_no = ""  # the signed-in clerk (set by the window at sign-in)
        self._items: dict[str, m.CatalogItem] = {}  # read once per item and sign-in

        self.number = QLineEdit()
        self.number.setPlaceholderText(self.tr("办件编号，或扫描受理回执二维码"))
        self.number.returnPressed.connect(self._open_typed)
        self.open_button = make_button(self.tr("打开"), "Primary")
        self.open_button.clicked.connect(self._open_typed)
        self.camera: CameraWorker | None = None  # the counter's camera, for receipt QRs
        self.scan_button = make_button(self.tr("扫描回执二维码"))
        self.scan_button.clicked.connect(self._scan)
        self.scan_button.hide()
        self.prereview_button = make_button(self.tr("预审"))
        self.prereview_button.clicked.connect(lambda: self.show_list("prereview"))
        self.mine_button = make_button(self.tr("我的办件"))
        self.mine_button.clicked.connect(lambda: self.show_list("mine"))
        self.walk_in_button = make_button(self.tr("窗口收件 F12"))
        self.walk_in_button.clicked.connect(self.walk_in_requested)
        self.walk_in_button.hide()  # shown when the terminal can take cases (attach_walk_in)
        self.back_button = make_button(self.tr("返回叫号台 (Esc)"))
        self.back_button.clicked.connect(self.back)
        top = QHBoxLayout()
        top.addWidget(self.number, 2)
        top.addWidget(self.open_button)
        top.addWidget(self.scan_button)
        top.addSpacing(24)
        top.addWidget(self.prereview_button)
        top.addWidget(self.mine_button)
        top.addWidget(self.walk_in_button)
        top.addStretch(1)
        top.addWidget(self.back_button)

        self.summary = QLabel("")
        self.summary.setObjectName("CaseSummary")
        self.summary.setWordWrap(True)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        summary_scroll = QScrollArea()
        summary_scroll.setWidget(self.summary)
        summary_scroll.setWidgetResizable(True)
        self.credit = CreditBadge()  # items with credit_check: the applicant's status
        self.viewer = MaterialViewer()

        self.list_title = QLabel("")
        self.list_title.setObjectName("PanelTitle")
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("办件编号"),
                self.tr("事项"),
                self.tr("申请人"),
                self.tr("来源"),
                self.tr("期限"),
            ]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.cellDoubleClicked.connect(self._row_opened)
        listing = QWidget()
        list_box = QVBoxLayout(listing)
        list_box.addWidget(self.list_title)
        list_box.addWidget(self.table)
        case_view = QWidget()
        case_box = QHBoxLayout(case_view)
        about = QVBoxLayout()
        about.addWidget(self.credit)
        about.addWidget(summary_scroll, 1)
        case_box.addLayout(about, 2)
        case_box.addWidget(self.viewer, 3)
        self.center = QStackedWidget()
        self.center.addWidget(case_view)
        self.center.addWidget(listing)

        self.materials = QListWidget()
        self.materials.currentItemChanged.connect(self._material_chosen)
        self.ok_button = make_button(self.tr("合格"))
        self.ok_button.clicked.connect(lambda: self._review(m.Verdict.OK))
        self.defective_reason = QLineEdit()
        self.defective_reason.setPlaceholderText(self.tr("不合格的原因"))
        self.defective_button = make_button(self.tr("不合格"))
        self.defective_button.clicked.connect(lambda: self._review(m.Verdict.DEFECTIVE))
        self.all_ok_button = make_button(self.tr("全部合格"))
        self.all_ok_button.clicked.connect(self._all_ok)
        materials_panel = QWidget()
        mat_box = QVBoxLayout(materials_panel)
        title = QLabel(self.tr("申请材料"))
        title.setObjectName("PanelTitle")
        mat_box.addWidget(title)
        mat_box.addWidget(self.materials, 1)
        verdicts = QHBoxLayout()
        verdicts.addWidget(self.ok_button)
        verdicts.addWidget(self.defective_button)
        mat_box.addLayout(verdicts)
        mat_box.addWidget(self.defective_reason)
        mat_box.addWidget(self.all_ok_button)

        self.supplement_form = SupplementForm()
        self.supplement_form.submitted.connect(self._decide)
        self.reject_form = RejectForm()
        self.reject_form.submitted.connect(self._decide)
        self.finish_form = FinishCaseForm()
        self.finish_form.submitted.connect(self._progress)
        self.deliver_form = DeliverForm()
        self.deliver_form.submitted.connect(self._progress)
        self.side = QStackedWidget()
        self.side.addWidget(materials_panel)
        forms: tuple[SideForm, ...] = (
            self.supplement_form,
            self.reject_form,
            self.finish_form,
            self.deliver_form,
        )
        for form in forms:
            form.cancelled.connect(lambda: self.side.setCurrentIndex(0))
            self.side.addWidget(form)

        self.accept_button = make_button(self.tr("受理"), "Primary")
        self.accept_button.clicked.connect(
            lambda: self._decide(m.CaseDecision(decision=m.Decision.ACCEPT))
        )
        self.supplement_button = make_button(self.tr("补正（一次性告知）"))
        self.supplement_button.clicked.connect(self._open_supplement)
        self.reject_button = make_button(self.tr("不予受理"))
        self.reject_button.clicked.connect(self._open_reject)
        self.process_button = make_button(self.tr("开始办理"))
        self.process_button.clicked.connect(
            lambda: self._progress(
                m.CaseProgress(step=m.CaseTransition(action=m.CaseAction.PROCESS))
            )
        )
        self.finish_button = make_button(self.tr("办结"))
        self.finish_button.clicked.connect(self._open_finish)
        self.deliver_button = make_button(self.tr("送达"))
        self.deliver_button.clicked.connect(self._open_deliver)
        actions = QHBoxLayout()
        for button in (
            self.accept_button,
            self.supplement_button,
            self.reject_button,
            self.process_button,
            self.finish_button,
            self.deliver_button,
        ):
            actions.addWidget(button)
        self.message = QLabel("")
        self.message.setObjectName("Message")
        self.message.setWordWrap(True)
        self.notice_line = QLabel("")  # what became of the last notice
        self.notice_line.setObjectName("Message")
        self.notice_line.setWordWrap(True)
        self.reprint_button = make_button(self.tr("重打告知书"))
        self.reprint_button.hide()

        body = QHBoxLayout()
        body.addWidget(self.center, 5)
        body.addWidget(self.side, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.addLayout(top)
        layout.addLayout(body, 1)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        notices = QHBoxLayout()
        notices.addWidget(self.notice_line, 1)
        notices.addWidget(self.reprint_button)
        layout.addLayout(notices)
        self._show_case()

    # -- opening

    def open(self, reference: str, card: m.CardAtWindow | None = None) -> None:
        """Open a case by number or id (a citizen's card read for it shows them in full)."""
        self.card = card
        self.say(self.tr("正在打开办件……"))
        self.runner.run(lambda: self._load(reference, card), self._opened, self._failed)

    def _load(
        self, reference: str, card: m.CardAtWindow | None
    ) -> tuple[m.CaseAtWindow, m.CatalogItem | None]:
        case = self.desk.open_case(reference, card)
        item = self._items.get(case.item_code)  # a clerk opens the same few items all day
        if item is None:
            # An item withdrawn from the catalog since: the case shows, its materials unlisted.
            with suppress(HubRejected):
                item = self._items[case.item_code] = self.desk.item(case.item_code)
        return case, item

    def _open_typed(self) -> None:
        reference = case_reference(self.number.text())
        if reference:
            self.open(reference)

    def set_camera(self, camera: CameraWorker | None) -> None:
        self.camera = camera
        self.scan_button.setVisible(camera is not None)

    def _scan(self) -> None:
        """A receipt's QR held to the counter's camera (its code, or its link) opens the case."""
        camera = self.camera
        if camera is None:
            return
        self.say(self.tr("请将受理回执上的二维码对准摄像头……"))

        def scan() -> str:
            from drivers.camera.scanner import scan_once

            return scan_once(camera, SCAN_SECONDS) or ""

        self.runner.run(scan, self._scanned, self._failed)

    def _scanned(self, text: str) -> None:
        scanned = classify(text, now=0.0) if text else None
        if scanned is None:
            self.say(self.tr("没有识别到二维码，请再试一次。"), "error")
        elif scanned.kind is not PayloadKind.CASE_TRACKING or not scanned.ok:
            self.say(self.tr("这不是受理回执的二维码。"), "error")
        else:
            self.open(scanned.reference)

    def _row_opened(self, row: int, _column: int) -> None:
        cell = self.table.item(row, 0)
        if cell is not None:
            self.open(str(cell.data(Qt.ItemDataRole.UserRole)))

    def _opened(self, loaded: tuple[m.CaseAtWindow, m.CatalogItem | None]) -> None:
        self.case, self.item = loaded
        self._check_credit()
        self.number.clear()
        self.center.setCurrentIndex(0)
        self.side.setCurrentIndex(0)
        self.viewer.clear()
        self.shown_material = ""
        self._show_case()
        case = self.case
        if case.held_by and case.state in DECIDABLE and not self._mine():
            self.say(
                self.tr("该办件正由工作人员 %1 办理，只能查看。").replace("%1", case.held_by),
                "error",
            )
        else:
            self.say("")
        if case.materials:
            self.materials.setCurrentRow(0)

    def _check_credit(self) -> None:
        """Ask the hub for the applicant's credit status when the item requires it; an answer
        for a case no longer open is dropped."""
        self.credit.clear_record()
        if self.case is None or self.item is None or not self.item.credit_check:
            return
        case_id = self.case.case_id

        def shown(record: m.CreditRecord) -> None:
            if self.case is not None and self.case.case_id == case_id:
                self.credit.show_record(record)

        def failed(exc: Exception) -> None:
            if self.case is not None and self.case.case_id == case_id:
                self.credit.failed(getattr(exc, "citizen_message", "") or str(exc))

        self.credit.checking()
        self.runner.run(lambda: self.desk.case_credit(case_id), shown, failed)

    def card_read(self, card: m.CardAtWindow) -> None:
        """A card on the window's reader while the workbench is shown: the applicant's (their
        case opens in full) or a collector's (for 送达)."""
        if self.side.currentWidget() is self.deliver_form:
            self.deliver_form.card_read(card)
        elif self.case is not None:
            self.open(self.case.case_id, card)

    def close_case(self) -> None:
        """Forget the case (its answers and pages leave the screen) and the items read: the
        next clerk reads the catalog as it is then."""
        self.case = self.item = self.card = None
        self.credit.clear_record()
        self._items.clear()
        self.viewer.clear()
        self._show_case()

    # -- lists

    def show_list(self, which: str) -> None:
        fetch: Callable[[], list[m.CaseLine]]
        if which == "prereview":
            self.list_title.setText(self.tr("预审（社区代办、网上申请，按提交先后）"))
            fetch = self.desk.prereview
        else:
            self.list_title.setText(self.tr("我的办件（超期的在前）"))
            fetch = self.desk.my_cases
        self.center.setCurrentIndex(1)
        self.table.setRowCount(0)  # never the other list's rows while this one loads
        self.runner.run(fetch, self._show_lines, self._failed)

    def _show_lines(self, lines: list[m.CaseLine]) -> None:
        self.table.setRowCount(len(lines))
        for row, line in enumerate(lines):
            due = (
                f"{line.due_date:%m-%d}"
                if line.due_date
                else f"{line.submitted_at.astimezone():%m-%d %H:%M}"
            )
            if line.overdue:
                due = self.tr("超期 %1").replace("%1", due)
            cells = [
                line.case_number,
                line.item_name,
                line.applicant_name_masked,
                words(CHANNELS[line.channel]),
                due,
            ]
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setData(Qt.ItemDataRole.UserRole, line.case_id)
                self.table.setItem(row, column, cell)
        if not lines:
            self.say(self.tr("列表为空。"))

    # -- materials

    def _material_chosen(self, current: QListWidgetItem | None, _previous: object) -> None:
        if current is None or self.case is None:
            return
        code = str(current.data(Qt.ItemDataRole.UserRole))
        material = next((mat for mat in self.case.materials if mat.code == code), None)
        if material is None or not material.uploaded:
            self.viewer.clear()
            self.say(self.tr("该材料尚未上传（请核对纸质材料）。"))
            return
        case_id = self.case.case_id
        self.shown_material = code

        def shown(data: bytes) -> None:
            if (
                self.case is not None
                and self.case.case_id == case_id
                and self.shown_material == code
            ):
                self.viewer.show_pdf(material.name, data)

        self.runner.run(lambda: self.desk.material(case_id, code), shown, self._failed)

    def _review(self, verdict: m.Verdict) -> None:
        current = self.materials.currentItem()
        if self.case is None or current is None:
            return
        reason = self.defective_reason.text().strip()
        if verdict is m.Verdict.DEFECTIVE and not reason:
            self.say(self.tr("请填写不合格的原因。"), "error")
            return
        code = str(current.data(Qt.ItemDataRole.UserRole))
        review = m.MaterialReview(code=code, verdict=verdict, reason=reason[:200])
        self._send_review([review])

    def _all_ok(self) -> None:
        if self.case is not None:
            reviews = [
                m.MaterialReview(code=mat.code, verdict=m.Verdict.OK) for mat in self.case.materials
            ]
            self._send_review(reviews)

    def _send_review(self, reviews: list[m.MaterialReview]) -> None:
        assert self.case is not None
        case_id = self.case.case_id
        self.defective_reason.clear()
        self.runner.run(lambda: self.desk.review(case_id, reviews), self._updated, self._failed)

    # -- decisions and steps

    def _open_supplement(self) -> None:
        if self.case is not None:
            self.supplement_form.reset(self.case, self.item, date.today())
            self.side.setCurrentWidget(self.supplement_form)

    def _open_reject(self) -> None:
        self.reject_form.reset()
        self.side.setCurrentWidget(self.reject_form)

    def _open_finish(self) -> None:
        self.finish_form.reset()
        self.side.setCurrentWidget(self.finish_form)

    def _open_deliver(self) -> None:
        if self.case is not None:
            self.deliver_form.reset(self.case.delivery)
            self.side.setCurrentWidget(self.deliver_form)

    def _decide(self, decision: m.CaseDecision) -> None:
        if self.case is None:
            return
        case_id = self.case.case_id
        self.say(self.tr("正在提交……"))
        self.runner.run(lambda: self.desk.decide(case_id, decision), self._decided, self._failed)

    def _decided(self, made: m.DecisionMade) -> None:
        self.side.setCurrentIndex(0)
        self._updated(made.case)
        done = {
            m.NoticeKind.ACCEPTANCE: self.tr("已受理，承诺 %1 前办结。"),
            m.NoticeKind.SUPPLEMENT: self.tr("已一次性告知补正，期限 %1。"),
            m.NoticeKind.REJECTION: self.tr("已不予受理。%1"),
        }[made.notice.kind]
        when = made.notice.due_date or made.notice.deadline
        self.say(done.replace("%1", f"{when:%Y-%m-%d}" if when else ""), "ok")
        self.notice_made.emit(made.notice)

    def _progress(self, step: m.CaseProgress) -> None:
        if self.case is None:
            return
        case_id = self.case.case_id
        self.runner.run(lambda: self.desk.progress(case_id, step), self._stepped, self._failed)

    def _stepped(self, case: m.CaseAtWindow) -> None:
        self.side.setCurrentIndex(0)
        self._updated(case)
        self.say(self.tr("办件状态：%1").replace("%1", words(STATES[case.state])), "ok")

    def _updated(self, case: m.CaseAtWindow) -> None:
        if self.case is None or case.case_id != self.case.case_id:
            return
        row = self.materials.currentRow()
        self.case = case
        self._show_case()
        self.materials.setCurrentRow(max(0, row))

    # -- showing

    def _mine(self) -> bool:
        return self.case is not None and self.case.held_by in (None, self.staff_no)

    def _show_case(self) -> None:
        case = self.case
        self.materials.blockSignals(True)
        self.materials.clear()
        if case is None:
            self.summary.setText(
                self.tr("请输入办件编号或扫描受理回执二维码，或从预审、我的办件中选择。")
            )
        else:
            self.summary.setText(self._summary(case))
            for mat in case.materials:
                mark = ""
                if mat.review is not None:
                    ok = mat.review.verdict is m.Verdict.OK
                    mark = (
                        self.tr(" ✓ 合格")
                        if ok
                        else self.tr(" ✗ 不合格：%1").replace("%1", mat.review.reason)
                    )
                elif not mat.uploaded:
                    mark = self.tr("（未上传）")
                entry = QListWidgetItem(mat.name + mark)
                entry.setData(Qt.ItemDataRole.UserRole, mat.code)
                self.materials.addItem(entry)
        self.materials.blockSignals(False)
        state = case.state if case else None
        decidable = state in DECIDABLE and self._mine()
        for button in (self.accept_button, self.supplement_button, self.reject_button):
            button.setEnabled(decidable)
        for button in (self.ok_button, self.defective_button, self.all_ok_button):
            button.setEnabled(decidable and bool(case and case.materials))
        self.process_button.setEnabled(state is C.ACCEPTED)
        self.finish_button.setEnabled(state in (C.ACCEPTED, C.PROCESSING))
        self.deliver_button.setEnabled(state is C.DONE)

    def _summary(self, case: m.CaseAtWindow) -> str:
        lines = [
            self.tr("办件编号：%1").replace("%1", case.case_number),
            self.tr("事项：%1（%2）").replace("%1", case.item_name).replace("%2", case.item_code),
            self.tr("状态：%1").replace("%1", words(STATES[case.state])),
            self.tr("来源：%1").replace("%1", words(CHANNELS[case.channel])),
        ]
        if case.company is not None:  # the company applies; the person here is its agent
            lines += [
                self.tr("申请单位：%1").replace("%1", case.company.name),
                self.tr("统一社会信用代码：%1").replace("%1", case.company.uscc),
                self.tr("法定代表人：%1").replace("%1", case.company.legal_representative),
            ]
            proof = self.tr("（已核验，请查验授权委托书）")
            lines.append(
                self.tr("经办人：%1  %2")
                .replace("%1", case.applicant_name)
                .replace("%2", case.applicant_id)
                + (proof if case.identity_verified else self.tr("（请读取经办人身份证核验）"))
            )
        else:
            lines.append(
                self.tr("申请人：%1  %2")
                .replace("%1", case.applicant_name)
                .replace("%2", case.applicant_id)
                + (
                    self.tr("（已核验）")
                    if case.identity_verified
                    else self.tr("（请读取申请人身份证核验）")
                )
            )
        if case.agent_name_masked:
            lines.append(self.tr("代办人：%1").replace("%1", case.agent_name_masked))
        lines.append(
            self.tr("提交时间：%1").replace(
                "%1", f"{case.submitted_at.astimezone():%Y-%m-%d %H:%M}"
            )
        )
        if case.due_date:
            lines.append(self.tr("承诺办结：%1").replace("%1", f"{case.due_date:%Y-%m-%d}"))
        delivery = words(DELIVERIES[case.delivery])
        if case.delivery_address_masked:
            delivery += f"  {case.delivery_address_masked}"
        lines.append(self.tr("送达方式：%1").replace("%1", delivery))
        labels = {f.name: f.label for f in self.item.form} if self.item else {}
        if case.form:
            lines.append("")
            lines.append(self.tr("申请表："))
            for name, value in case.form.items():
                lines.append(f"  {labels.get(name, name)}：{_answer(value)}")
        for notice in case.notices:
            lines.append("")
            lines.append(
                self.tr("%1 %2（%3 %4）")
                .replace("%1", f"{notice.issued_at.astimezone():%Y-%m-%d}")
                .replace("%2", notice_title(notice.kind))
                .replace("%3", notice.staff_name)
                .replace("%4", notice.staff_no)
            )
            for line in notice.lines:
                lines.append(f"  · {line.name}" + (f"：{line.reason}" if line.reason else ""))
        return "\n".join(lines)

    def say(self, text: str, kind: str = "") -> None:
        show(self.message, text, kind)

    def notice_status(self, text: str, kind: str = "ok") -> None:
        show(self.notice_line, text, kind)

    def show_pending(self, count: int) -> None:
        """Notices kept after a printer fault: the reprint button says how many."""
        self.reprint_button.setText(self.tr("重打告知书（%1）").replace("%1", str(count)))
        self.reprint_button.setVisible(count > 0)

    def _failed(self, exc: Exception) -> None:
        text = getattr(exc, "citizen_message", "") or str(exc)
        self.say(text, "error")


def show(label: QLabel, text: str, kind: str) -> None:
    label.setText(text)
    label.setProperty("kind", kind)
    label.style().unpolish(label)
    label.style().polish(label)


NOTICE_TITLES = {
    m.NoticeKind.ACCEPTANCE: QT_TRANSLATE_NOOP("Workbench", "受理通知书"),
    m.NoticeKind.SUPPLEMENT: QT_TRANSLATE_NOOP("Workbench", "一次性告知书"),
    m.NoticeKind.REJECTION: QT_TRANSLATE_NOOP("Workbench", "不予受理告知书"),
}


def notice_title(kind: m.NoticeKind) -> str:
    return words(NOTICE_TITLES[kind])


def _answer(value: object) -> str:
    if isinstance(value, list):
        return "；".join(_answer(v) for v in value)
    if isinstance(value, dict):
        return "，".join(f"{_answer(v)}" for v in value.values())
    return "" if value is None else str(value)
