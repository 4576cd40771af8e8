"""办件 journey: find an item, prove identity (for a company: its agent's, then which company),
fill the form, materials, delivery, review,
submit through the outbox, receipt. Renders :class:`kiosk.journeys.case.flow.CaseFlow`.

The case is stored in the outbox on a background thread; only then does the screen say
"已提交". Waiting for the hub's number and printing run as a second job, so a slow hub can
only make the receipt provisional, never lose the case. In community mode a signed-in worker
(代办) is recorded as the agent of every case until they sign out.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from contract.models import Channel
from drivers.idcard.monitor import CardMonitor
from kiosk.card_guard import LeftCardGuard
from kiosk.documents import receipt_layout
from kiosk.forms import FieldSpec, form_specs
from kiosk.identity import Identity
from kiosk.journeys.case.desk import CaseDesk
from kiosk.journeys.case.flow import CaseEvent, CaseFlow, CaseState, serves_companies
from kiosk.journeys.case.service import (
    CaseDraft,
    ReceiptData,
)
from kiosk.journeys.rating.flow import receipt_subject
from kiosk.outbox.store import ProvisionalReceipt
from kiosk.printing import TicketPrinter
from kiosk.session import Session
from kiosk.staff import Shift
from ui.bridge import BackgroundRunner
from ui.screens.case_company import CompanyPage
from ui.screens.case_identify import IdentifyPage
from ui.screens.case_materials import MaterialsPage
from ui.screens.case_pages import FindPage, GuidePage, Page
from ui.screens.case_staff import ShiftPage, StaffSignInPage
from ui.screens.case_submit import DeliveryPage, ReceiptPage, ReviewPage
from ui.widgets import make_button, make_label
from ui.widgets.form_view import FormView
from ui.widgets.journey_kit import JourneyScreen

if TYPE_CHECKING:  # a type only: the camera comes from kiosk.devices
    from drivers.camera.camera import CameraWorker

logger = logging.getLogger(__name__)


class CaseJourney(JourneyScreen):
    key = "case"
    # 评价本次服务 on the receipt: a rating Subject (kiosk.journeys.rating.flow) naming the case as
    # its receipt's QR does. The window ends the session (as "完成" would) and opens 好差评 for it.
    rate_case_requested = Signal(object)

    def __init__(
        self,
        desk: CaseDesk,
        printer: TicketPrinter,
        hall_name: str,
        runner: BackgroundRunner,
        session: Callable[[], Session],
        *,
        id_monitor: CardMonitor | None = None,
        qr_camera: Callable[[], CameraWorker | None] = lambda: None,
        card_guard: LeftCardGuard | None = None,
    ) -> None:
        super().__init__(session)
        self.desk = desk
        self.printer = printer
        self.hall_name = hall_name
        self.runner = runner
        self.channel = Channel.COMMUNITY if desk.community else Channel.KIOSK
        self.specs: list[FieldSpec] = []
        self.form_view: FormView | None = None
        self.flow = CaseFlow()  # replaced by wipe(), as at every session's end
        # The window builds its screens again when the citizen changes the language.
        self.english = english = session().locale == "en"

        self.find_page = FindPage(desk.guide, english=english)
        self.worker_bar = QWidget()
        bar = QHBoxLayout(self.worker_bar)
        self.worker_label = make_label("", "Notice")
        self.sign_in_button = make_button(self.tr("社工登录（代办）"), "Secondary")
        self.shift_button = make_button(self.tr("代办记录"), "Secondary")
        bar.addWidget(self.worker_label, 1)
        bar.addWidget(self.sign_in_button)
        bar.addWidget(self.shift_button)
        self.find_page.body.insertWidget(1, self.worker_bar)
        self.worker_bar.setVisible(desk.community and bool(desk.staff))
        self.guide_page = GuidePage(english=english)
        self.identify_page = IdentifyPage(
            runner, desk.catalog.client, id_monitor, qr_camera, card_guard
        )
        self.company_page = CompanyPage(runner, qr_camera)
        self.form_page = Page(self.tr("请填写申请信息"))
        self.form_slot = QStackedWidget()
        self.form_page.body.addWidget(self.form_slot, 1)
        self.form_back, self.form_next = self.form_page.nav(self.tr("上一步"), self.tr("下一步"))
        self.materials_page = MaterialsPage(desk.camera, runner, english=english)
        self.delivery_page = DeliveryPage()
        self.review_page = ReviewPage(english=english)
        self.busy_page = Page(self.tr("正在提交，请稍候…"))
        self.busy_page.body.addStretch(1)
        self.receipt_page = ReceiptPage(english=english)
        self.failed_page = Page(self.tr("暂时无法提交"))
        self.failed_text = make_label(
            self.tr("申请未能保存，请重试；仍不成功请到窗口办理。"), "ErrorText"
        )
        self.failed_text.setWordWrap(True)
        self.failed_page.body.addWidget(self.failed_text)
        self.failed_page.body.addStretch(1)
        self.failed_retry = make_button(self.tr("重试"), "Primary")
        self.failed_page.pin(self.failed_retry)  # the way out: 结束办理, as on every page
        self._holders: dict[QWidget, QScrollArea] = {}
        self._frames: dict[QWidget, QWidget] = {}  # holder + the page's pinned footer
        self.staff_page = StaffSignInPage(desk.staff, id_monitor, card_guard)
        self.shift_page = ShiftPage(desk.service.outbox)
        for page in (
            self.find_page, self.guide_page, self.identify_page, self.company_page, self.form_page,
            self.materials_page, self.delivery_page, self.review_page, self.busy_page,
            self.receipt_page, self.failed_page, self.staff_page, self.shift_page,
        ):  # fmt: skip
            # Each page scrolls on its own: a tall page (a keypad under a long form) must not
            # make the window taller than the screen, in portrait or landscape.
            holder = QScrollArea()
            holder.setWidgetResizable(True)
            holder.setFrameShape(QFrame.Shape.NoFrame)
            holder.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            holder.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a tap keeps the keyboard up
            holder.setWidget(page)
            frame = QWidget()
            frame_layout = QVBoxLayout(frame)
            frame_layout.setContentsMargins(0, 0, 0, 0)
            frame_layout.setSpacing(0)
            frame_layout.addWidget(holder, 1)
            frame_layout.addWidget(page.footer)
            self._holders[page] = holder
            self._frames[page] = frame
            self.addWidget(frame)
        self.pages = {
            CaseState.FINDING: self.find_page,
            CaseState.GUIDE: self._show_guide,
            CaseState.IDENTIFYING: self._show_identify,
            CaseState.COMPANY: self._show_company,
            CaseState.FORM: self._show_draft_form,
            CaseState.MATERIALS: self._show_materials,
            CaseState.DELIVERY: self._show_delivery,
            CaseState.REVIEW: self._show_review,
            CaseState.STORING: self.busy_page,
            CaseState.RECEIPT: self._show_printing,
            CaseState.FAILED: self.failed_page,
        }
        self._connect()
        self.wipe()

    def _connect(self) -> None:
        back = lambda: self.flow.fire(CaseEvent.BACK)  # noqa: E731
        self.find_page.chosen.connect(self._choose)
        self.guide_page.back.clicked.connect(back)
        self.guide_page.apply.clicked.connect(lambda: self.flow.fire(CaseEvent.APPLY))  # type: ignore[union-attr]
        self.identify_page.back.clicked.connect(self._identify_back)
        self.identify_page.identified.connect(self._identified)
        self.identify_page.say.connect(self.say)
        self.company_page.back.clicked.connect(self._company_back)
        self.company_page.entered.connect(self._company_entered)
        self.company_page.say.connect(self.say)
        self.form_back.clicked.connect(self._form_back)
        self.form_next.clicked.connect(self._form_next)  # type: ignore[union-attr]
        self.materials_page.back.clicked.connect(back)
        self.materials_page.next.clicked.connect(self._materials_next)  # type: ignore[union-attr]
        self.materials_page.say.connect(self.say)
        self.delivery_page.back.clicked.connect(self._delivery_back)
        self.delivery_page.next.clicked.connect(self._delivery_next)
        self.review_page.back.clicked.connect(back)
        self.review_page.submit.clicked.connect(self._submit)  # type: ignore[union-attr]
        self.receipt_page.done.clicked.connect(self._leave_receipt)
        self.receipt_page.rate.clicked.connect(self._rate_receipt)
        self.failed_retry.clicked.connect(self._retry)
        self.sign_in_button.clicked.connect(self._open_staff)
        self.shift_button.clicked.connect(self._open_shift)
        self.staff_page.back.clicked.connect(self._back_to_find)
        self.staff_page.signed_in.connect(self._signed_in)
        self.shift_page.back.clicked.connect(self._back_to_find)
        self.shift_page.sign_out.connect(self._sign_out)

    # -- entering and leaving --------------------------------------------------------------

    def start(self) -> None:
        self.wipe()
        self._show(self.busy_page, "loading")
        self.runner.run(self.desk.catalog.refresh, self._catalog_ready, self._catalog_failed)

    def _catalog_ready(self, _result: object) -> None:
        self.find_page.load(self.desk.catalog.catalog.items)
        self._render(self.flow.state)

    def _catalog_failed(self, exc: Exception) -> None:
        logger.warning("no catalog: %s", exc)
        self.failed_text.setText(self.tr("事项目录暂不可用，请稍后再试或到窗口办理。"))
        self._show(self.failed_page, "no_catalog")

    def prompt(self, page: str) -> str:
        prompts = {
            "finding": self.tr("请选择或搜索您要办理的事项"),
            "identifying": self.tr("请刷身份证或社保卡，或出示手机上的身份码"),
            "company": self.company_page.prompt(),
            "form": self.tr("请填写申请信息，填好后点下一步"),
            "materials": self.tr("请拍摄申请材料，或选择到窗口提交"),
            "delivery": self.tr("请选择领取办理结果的方式"),
            "review": self.tr("请核对申请信息，无误后点提交"),
            "failed": self.tr("申请没能保存，请点重试，或到窗口办理"),
        }
        if page == "receipt" and (receipt := self.flow.receipt) is not None:
            return self.tr("申请已提交，办件编号 %1，请取走回执。").replace("%1", receipt.number)
        if page == "guide" and self.draft is not None:
            said = self.tr("这是「%1」的办事指南。").replace("%1", self.guide_page.title.text())
            return said + self.guide_page.where.text()
        if (
            page == "form"
            and self.form_view is not None
            and (titles := self.form_view.shown_titles())
        ):
            return self.tr("请填写：%1。填好后点下一步").replace("%1", self.tr("，").join(titles))
        if page == "delivery" and self.delivery_page.screen_index == 1:
            return self.tr("请确认联系电话，然后点下一步")
        return prompts.get(page, "")

    def _say_step(self, page: str, moved: bool) -> None:
        """Another screen inside a page: say what to do there; none (problems shown): how on."""
        self.say.emit(self.prompt(page) if moved else self.tr("请按红色提示修改，再点下一步"))

    @property
    def draft(self) -> CaseDraft | None:
        return self.flow.draft

    @property
    def receipt(self) -> ReceiptData | None:
        return self.flow.receipt

    def _clear(self) -> None:
        """A fresh flow; the citizen's answers, pages and receipt leave every widget."""
        self.identify_page.stop()
        self.staff_page.stop()
        # A case being stored still reads its pages on the worker thread: the job takes the
        # draft and its pages over from the session and forgets them when it is done.
        if self.flow.state is CaseState.STORING and self.draft is not None:
            self._session().release(self.key)
        self.flow = self._adopt(CaseFlow())
        self.materials_page.close_panel()
        self.find_page.reset()
        self.identify_page.clear()
        self.company_page.clear()
        self.receipt_page.clear()
        self.review_page.clear()
        self.delivery_page.clear()
        self.staff_page.clear()
        if self.form_view is not None:
            self.form_slot.removeWidget(self.form_view)
            self.form_view.deleteLater()
            self.form_view = None
        self._update_worker()

    # -- rendering --------------------------------------------------------------------------

    def _entering(self, state: enum.Enum) -> None:
        if state is not CaseState.IDENTIFYING:
            self.identify_page.stop()
        if state is not CaseState.MATERIALS:
            self.materials_page.close_panel()

    def _show_guide(self) -> None:
        if (draft := self.draft) is not None:
            guide = self.desk.guide.for_item(draft.item.code)
            self.guide_page.show_item(draft.item, self.channel, guide)
            self._show(self.guide_page, CaseState.GUIDE.value)

    def _show_identify(self) -> None:
        if (draft := self.draft) is not None:
            manual = self.desk.guide.for_item(draft.item.code).manual_identity
            self._show(self.identify_page, CaseState.IDENTIFYING.value)
            self.identify_page.begin(manual)

    def _show_company(self) -> None:
        if (draft := self.draft) is not None and draft.applicant is not None:
            returning = self.current_page() is self.form_page
            self.company_page.begin(draft.item, draft.applicant, returning=returning)
            self._show(self.company_page, CaseState.COMPANY.value)  # says the screen begun

    def _show_draft_form(self) -> None:
        if (draft := self.draft) is not None:
            self._show_form(draft)

    def _show_materials(self) -> None:
        if (draft := self.draft) is not None:
            self.materials_page.show_draft(draft)
            self._show(self.materials_page, CaseState.MATERIALS.value)

    def _show_delivery(self) -> None:
        if (draft := self.draft) is not None:
            back_from_review = self.current_page() is self.review_page
            phone = str(draft.answers.get("phone") or "")
            ems_to_card = self.desk.guide.for_item(draft.item.code).ems_to == "card"
            self.delivery_page.show_draft(
                draft, phone, at_end=back_from_review, ems_to_card=ems_to_card
            )
            self._show(self.delivery_page, CaseState.DELIVERY.value)

    def _show_review(self) -> None:
        if (draft := self.draft) is not None:
            self.review_page.show_draft(draft, self.specs)
            self._show(self.review_page, CaseState.REVIEW.value)

    def _show_printing(self) -> None:
        self.busy_page.title.setText(self.tr("申请已提交，正在打印回执…"))
        self._show(self.busy_page, "printing")

    def _step(self, name: str) -> tuple[int, int]:
        """Where the citizen is in the application: (step, steps), (0, steps) off it. The
        form's and the delivery's screens are steps of their own."""
        delivery = self.delivery_page
        company = self.draft is not None and serves_companies(self.draft.item)
        steps = [
            (CaseState.IDENTIFYING.value, 1, 0),
            *([(CaseState.COMPANY.value, 1, 0)] if company else []),
            (CaseState.FORM.value, *_form_screens(self.form_view)),
            (CaseState.MATERIALS.value, 1, 0),
            (CaseState.DELIVERY.value, delivery.screen_count, delivery.screen_index),
            (CaseState.REVIEW.value, 1, 0),
        ]
        total = sum(count for _, count, _ in steps)
        before = 0
        for state, count, index in steps:
            if state == name:
                return before + index + 1, total
            before += count
        return 0, total

    def _show(self, page: QWidget, name: str) -> None:
        if isinstance(page, Page):
            page.set_step(*self._step(name))
        self.setCurrentWidget(self._frames[page])
        self._holders[page].verticalScrollBar().setValue(0)
        self.page_changed.emit(name)

    def current_page(self) -> QWidget | None:
        current = self.currentWidget()
        return next((page for page, frame in self._frames.items() if frame is current), None)

    # -- find, identify, form -------------------------------------------------------------

    def _choose(self, code: str) -> None:
        item = self.desk.catalog.item(code)
        if item is None or self.flow.state is not CaseState.FINDING:
            return
        self.specs = form_specs(item, english=self.english)
        self._drop_form()
        self.flow.choose(item, self.desk.shift)

    def _drop_form(self) -> None:
        if self.form_view is not None:
            self.form_slot.removeWidget(self.form_view)
            self.form_view.deleteLater()
            self.form_view = None

    def _identified(self, applicant: object) -> None:
        assert isinstance(applicant, Identity)
        if self.flow.state is not CaseState.IDENTIFYING:
            return
        if applicant != (self.draft.applicant if self.draft else None):
            self._drop_form()  # a different person: a fresh form (before FORM is rendered)
            self.company_page.clear()  # and no company they did not name
        self.flow.identified(applicant)
        self.person_identified.emit(applicant.id_number)

    def _show_form(self, draft: CaseDraft) -> None:
        if self.form_view is None:
            from contract.privacy import mask_id

            assert draft.applicant is not None
            rows = [
                (self.tr("经办人") if draft.company else self.tr("申请人"), draft.applicant.name),
                (self.tr("身份证号码"), mask_id(draft.applicant.id_number)),
            ]
            if draft.company is not None:
                rows.insert(0, (self.tr("申请单位"), draft.company.name))
            if draft.agent is not None:
                rows.append((self.tr("代办人"), draft.agent.worker.name))
            self.form_view = FormView(self.specs, rows)
            if draft.answers:  # rebuilt for another company: what was typed stays
                self.form_view.set_values(draft.answers)
            self.form_view.moved.connect(self._form_moved)
            self.form_slot.addWidget(self.form_view)
        self.form_slot.setCurrentWidget(self.form_view)
        self._show(self.form_page, CaseState.FORM.value)

    def _form_moved(self) -> None:
        """Another screen of the form: its step number, and the page from its top."""
        if self.flow.state is CaseState.FORM:
            self.form_page.set_step(*self._step(CaseState.FORM.value))
            self._holders[self.form_page].verticalScrollBar().setValue(0)

    def _identify_back(self) -> None:
        if self.identify_page.go_back():  # else: the typed identity's screen before
            self.flow.fire(CaseEvent.BACK)

    def _company_back(self) -> None:
        if self.company_page.go_back():  # else: the company step's screen before
            self.flow.fire(CaseEvent.BACK)

    def _company_entered(self, company: object) -> None:
        """Who applies: a company (its agent identified before), or the person themselves.
        Another company than before: a fresh form (its rows name the company)."""
        draft = self.draft
        if draft is not None and company != draft.company:
            if self.form_view is not None:
                draft.answers.update(self.form_view.values())
            self._drop_form()
        self.flow.company_entered(company)  # type: ignore[arg-type]

    def _form_back(self) -> None:
        if self.form_view is not None and self.draft is not None:
            self.draft.answers.update(self.form_view.values())
            if self.form_view.go_back():
                self.flow.back_from_form()
            else:
                self._say_step(CaseState.FORM.value, moved=True)

    def _form_next(self) -> None:
        assert self.form_view is not None and self.draft is not None
        self.draft.answers.update(self.form_view.values())
        was = self.form_view.position
        if self.form_view.go_on():
            self.flow.fire(CaseEvent.NEXT)
        else:
            self._say_step(CaseState.FORM.value, moved=self.form_view.position != was)

    def _materials_next(self) -> None:
        if self.materials_page.check():
            self.flow.fire(CaseEvent.NEXT)

    def _delivery_next(self) -> None:
        was = self.delivery_page.screen_index
        if self.delivery_page.go_on():
            self.flow.fire(CaseEvent.NEXT)
        else:
            self.delivery_page.set_step(*self._step(CaseState.DELIVERY.value))
            self._say_step(CaseState.DELIVERY.value, self.delivery_page.screen_index != was)

    def _delivery_back(self) -> None:
        if self.delivery_page.go_back():
            self.flow.fire(CaseEvent.BACK)
        else:
            self.delivery_page.set_step(*self._step(CaseState.DELIVERY.value))
            self._say_step(CaseState.DELIVERY.value, moved=True)

    # -- submit and receipt ----------------------------------------------------------------

    def _retry(self) -> None:
        """重试: the case stored again, or, with no catalog yet, the catalog fetched again."""
        if self.flow.state is CaseState.FAILED:
            self._submit()
        else:
            self.start()

    def _submit(self) -> None:
        draft, specs = self.draft, self.specs
        if draft is None or not self.flow.accepts(CaseEvent.SUBMIT):
            return
        if not self.flow.submit():  # already in the outbox: never stored twice
            assert self.flow.stored is not None
            self._stored(self.flow.stored, draft)
            return
        self.runner.run(
            lambda: self.desk.service.store(draft, specs),
            lambda stored: self._stored(stored, draft),
            lambda exc: self._store_failed(exc, draft),
        )

    def _stored(self, stored: object, draft: CaseDraft) -> None:
        assert isinstance(stored, ProvisionalReceipt)
        if not self.flow.stored_as(stored, draft):
            return  # the session ended meanwhile: the outbox still delivers the case

        printer, english = self.printer, self.english

        def finish() -> tuple[ReceiptData, bool, Path | None]:
            data = self.desk.service.await_number(stored, draft)
            try:
                layout = receipt_layout(
                    data, self.hall_name, hall_name_en=printer.hall_name_en, english=english
                )
                png = printer.print_receipt(layout, data.number)
            except Exception as exc:  # the case is safe; a printer fault only changes the text
                logger.warning("receipt not printed: %s", type(exc).__name__)
                return data, False, None
            return data, True, png

        self.runner.run(finish, self._receipt_ready, self._receipt_failed)

    def _store_failed(self, exc: Exception, draft: CaseDraft) -> None:
        logger.error("case could not be stored: %s", type(exc).__name__)
        self.flow.store_failed(draft)

    def _receipt_ready(self, result: object) -> None:
        assert isinstance(result, tuple)
        data, printed, png = result
        if not self.flow.receipt_ready(data):
            return
        self.receipt_page.show_receipt(data, printed, png)
        self._show(self.receipt_page, "receipt")

    def _receipt_failed(self, exc: Exception) -> None:
        # Stored, but the number lookup failed unexpectedly: show the provisional number.
        logger.error("receipt step failed: %s", type(exc).__name__)
        stored = self.flow.stored
        if stored is not None and self.draft is not None and self.flow.state is CaseState.RECEIPT:
            self.receipt_page.number.setText(stored.provisional_number)
            self.receipt_page.state.setText(self.tr("申请已安全保存在本机，联网后自动上传。"))
            self._show(self.receipt_page, "receipt")

    def _leave_receipt(self) -> None:
        self.flow.fire(CaseEvent.DISMISS)

    def _rate_receipt(self) -> None:
        """The subject is taken before the window wipes this journey: number, item name and
        the receipt code, nothing about the applicant."""
        data = self.receipt
        if data is None or self.flow.state is not CaseState.RECEIPT:
            return
        name_en = self.draft.item.name_en if self.draft is not None else ""
        self.rate_case_requested.emit(
            receipt_subject(data.number, data.verification_code, data.item_name, name_en)
        )

    # -- community worker --------------------------------------------------------------------

    def _update_worker(self) -> None:
        shift = self.desk.shift
        if shift is None:
            self.worker_label.setText(self.tr("未登录：以下为市民自助申请"))
        else:
            self.worker_label.setText(self.tr("代办中：工号 %1").replace("%1", shift.worker.number))
        self.sign_in_button.setVisible(shift is None)
        self.shift_button.setVisible(shift is not None)

    def _open_staff(self) -> None:
        self._show(self.staff_page, "staff")
        self.staff_page.begin()

    def _open_shift(self) -> None:
        if self.desk.shift is not None:
            self.shift_page.show_shift(self.desk.shift)
            self._show(self.shift_page, "shift")
            self.runner.run(
                self.desk.service.client.returned_cases,
                self.shift_page.show_returned,
                lambda _exc: self.shift_page.show_returned(None),
            )

    def _signed_in(self, shift: object) -> None:
        assert isinstance(shift, Shift)
        self.desk.shift = shift
        self._back_to_find()

    def _sign_out(self) -> None:
        self.desk.shift = None
        self._back_to_find()

    def _back_to_find(self) -> None:
        self.staff_page.stop()
        self._update_worker()
        self._show(self.find_page, CaseState.FINDING.value)


def _form_screens(view: FormView | None) -> tuple[int, int]:
    """The form's screens and the one shown; one, before the form is built."""
    return (view.screen_count, view.screen_index) if view is not None else (1, 0)
