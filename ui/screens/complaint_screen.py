"""投诉建议 screens: what it is about, the text, a phone number only with consent, then the
reference shown large and printed on a slip. Anonymous: no card is asked for.

Renders :class:`~kiosk.journeys.complaint.flow.ComplaintFlow`; the hub and printer work runs off
the GUI thread (:class:`~kiosk.journeys.complaint.desk.ComplaintDesk`). A retry after a failure
sends the same idempotency key: never two complaints. When the session ends the flow forgets
the text and the number, and every field here is cleared.
"""

from __future__ import annotations

import enum
from collections.abc import Callable

from PySide6.QtGui import QPixmap

from kiosk.journeys.complaint.desk import ComplaintChoices, ComplaintDesk, ComplaintOutcome
from kiosk.journeys.complaint.flow import ComplaintFlow, ComplaintRefusal, ComplaintState
from kiosk.search import ItemIndex
from kiosk.session import Session
from ui.bridge import BackgroundRunner
from ui.screens.complaint_pages import AboutPage, ContactPage, SentPage, WritePage
from ui.widgets import make_button
from ui.widgets.journey_kit import JourneyScreen, Page, RefusalPage

S = ComplaintState


class ComplaintJourney(JourneyScreen):
    key = "complaint"

    def __init__(
        self,
        desk: ComplaintDesk,
        runner: BackgroundRunner,
        session: Callable[[], Session],
        *,
        landscape: bool = False,
    ) -> None:
        super().__init__(session)
        self._desk = desk
        self._runner = runner
        english = session().locale == "en"
        self.about_page = AboutPage(english=english, landscape=landscape)
        self.about_page.changed.connect(self._about_changed)
        self.about_page.next_button.clicked.connect(self._chosen)
        self.write_page = WritePage()
        self.write_page.back_button.clicked.connect(self._back)
        self.write_page.next_button.clicked.connect(self._written)
        self.contact_page = ContactPage()
        self.contact_page.consent_changed.connect(self._consent)
        self.contact_page.phone_field.textChanged.connect(self._phone_typed)
        self.contact_page.back_button.clicked.connect(self._back)
        self.contact_page.submit_button.clicked.connect(self._submit)
        self.busy_page = Page(self.tr("正在提交，请稍候…"))
        self.busy_page.body.addStretch(1)
        self.sent_page = SentPage()
        self.sent_page.done_button.clicked.connect(self._dismiss)
        self.failed_page = RefusalPage(self.tr("暂时未能提交"), self.tr("重新提交"))
        self.failed_page.retry_button.clicked.connect(self._submit)
        self.change_button = make_button(self.tr("返回修改"))
        self.change_button.clicked.connect(self._back)
        self.failed_page.pin(self.change_button)
        pages = (
            self.about_page,
            self.write_page,
            self.contact_page,
            self.busy_page,
            self.sent_page,
            self.failed_page,
        )
        for page in pages:
            self.addWidget(page)
        self.pages = {
            S.ABOUT: self.about_page,
            S.WRITING: self._show_writing,
            S.CONTACT: self._show_contact,
            S.SENDING: self.busy_page,
            S.SENT: self._show_sent,
            S.FAILED: self._show_failed,
        }
        self._choices_loaded = False
        self.outcome: ComplaintOutcome | None = None
        self._rendered_with()
        self.wipe()

    # -- entering and leaving ------------------------------------------------------------

    def start(self) -> None:
        self.wipe()
        self._render(self.flow.state)
        if not self._choices_loaded:  # the hall's windows and items, once per screen
            self._runner.run(self._prepare, self._choices_ready, lambda _: None)

    def _prepare(self) -> tuple[ComplaintChoices, ItemIndex]:
        """Off the GUI thread: the windows from the hub, the items and their pinyin index."""
        choices = self._desk.choices()
        return choices, ItemIndex(choices.items, self._desk.guide)

    def _choices_ready(self, prepared: tuple[ComplaintChoices, ItemIndex]) -> None:
        choices, index = prepared
        self._choices_loaded = True
        self.about_page.load(choices.windows, choices.items, index)

    def _clear(self) -> None:
        self.flow = self._adopt(ComplaintFlow())
        self.outcome = None
        self.about_page.reset()
        self.about_page.next_button.setEnabled(False)
        self.write_page.text_edit.clear()
        self.write_page.about_label.clear()
        self.contact_page.show_consent(False, chosen=False)
        self.sent_page.clear()
        self.failed_page.problem.clear()
        self.failed_page.advice.clear()

    def prompt(self, page: str) -> str:
        prompts = {
            "about": self.tr("请选择投诉或建议，以及是关于什么"),
            "writing": self.tr("请用屏幕键盘写下您的意见"),
            "contact": self.tr("是否留下手机号码，由您决定"),
            "failed": self.failed_page.problem.text(),
        }
        if page == "sent" and self.flow.receipt is not None:
            return self.tr("提交成功，您的编号是 %1").replace(
                "%1", " ".join(self.flow.receipt.reference)
            )
        return prompts.get(page, "")

    # -- rendering -----------------------------------------------------------------------

    def _entering(self, state: enum.Enum) -> None:
        if state is not S.FAILED:
            self.failed_page.problem.clear()

    def _about_text(self) -> str:
        kind = self.tr("投诉") if self.flow.kind == "complaint" else self.tr("建议")
        return self.tr("%1 · 关于：%2").replace("%1", kind).replace("%2", self.flow.subject_label)

    def _show_writing(self) -> None:
        self.write_page.title.setText(
            self.tr("请写下您的投诉内容")
            if self.flow.kind == "complaint"
            else self.tr("请写下您的建议")
        )
        self.write_page.about_label.setText(self._about_text())
        self._show(self.write_page, S.WRITING.value)

    def _show_contact(self) -> None:
        self._mirror_contact()
        self._show(self.contact_page, S.CONTACT.value)

    def _show_sent(self) -> None:
        receipt, page = self.flow.receipt, self.sent_page
        assert receipt is not None
        page.reference_label.setText(receipt.reference)
        page.follow_label.setText(
            self.tr("可凭此编号在进度查询中查看处理情况。监督投诉热线：%1").replace(
                "%1", self._desk.hotline
            )
        )
        page.about_label.setText(self._about_text())
        outcome = self.outcome
        if outcome is not None and outcome.printed:
            page.print_label.setText(self.tr("请取走下方打印的回执"))
        else:
            page.print_label.setText(self.tr("回执未能打印，请记下编号或用手机拍下此屏幕"))
        if outcome is not None and outcome.paper_png is not None:
            page.paper.show_picture(QPixmap(str(outcome.paper_png)))
        self._show(page, S.SENT.value)

    def _show_failed(self) -> None:
        refusal, page = self.flow.refusal, self.failed_page
        if refusal is ComplaintRefusal.REJECTED:
            page.problem.setText(self.flow.hub_message or self.tr("提交的内容有误"))
            page.advice.setText(self.tr("请返回修改后再提交。"))
        elif refusal is ComplaintRefusal.HUB_UNREACHABLE:
            page.problem.setText(self.tr("网络暂时不通"))
            page.advice.setText(self.tr("您写的内容都还在，请稍后重新提交，不会重复提交。"))
        else:
            page.problem.setText(self.tr("系统暂时出现故障"))
            page.advice.setText(self.tr("请稍后重新提交，或拨打12345热线。"))
        page.retry_button.setVisible(refusal is not ComplaintRefusal.REJECTED)
        self._show(page, S.FAILED.value)

    def _mirror_contact(self) -> None:
        page = self.contact_page
        consent = self.flow.consent
        typed = page.phone_field.text()
        wrong = consent and len(typed) == 11 and not self.flow.phone_ok
        page.phone_error.setText(self.tr("手机号是 1 开头的 11 位数字，请核对。") if wrong else "")
        page.submit_button.setEnabled(not consent or (bool(self.flow.phone) and self.flow.phone_ok))

    # -- what the citizen does -----------------------------------------------------------

    def _about_changed(self) -> None:
        self.about_page.next_button.setEnabled(self.about_page.complete)

    def _chosen(self) -> None:
        page = self.about_page
        pick = page.pick()
        if self.flow.state is not S.ABOUT or not page.kind or pick is None:
            return
        if not self.flow.choose(page.kind, pick.about, pick.subject, pick.label):
            page.hint.setText(self.tr("工号只能是字母和数字，请核对。"))

    def _written(self) -> None:
        if self.flow.state is S.WRITING:
            self.flow.write(self.write_page.text())
            self.flow.written()

    def _consent(self, consent: bool) -> None:
        self.flow.set_consent(consent)
        self.contact_page.show_consent(consent)  # "不留电话": the number typed goes
        self._mirror_contact()

    def _phone_typed(self, text: str) -> None:
        self.flow.set_phone(text)
        self._mirror_contact()

    def _submit(self) -> None:
        if self.flow.state not in (S.CONTACT, S.FAILED) or not self.flow.phone_ok:
            return
        request, key = self.flow.send()  # the same key on every retry of this complaint
        self._runner.run(lambda: self._desk.send_and_print(request, key), self._sent, self._failed)

    def _sent(self, outcome: ComplaintOutcome) -> None:
        if self.flow.state is S.SENDING:
            self.outcome = outcome
            self.flow.sent(outcome.receipt)

    def _failed(self, exc: Exception) -> None:
        if self.flow.state is S.SENDING:
            self.flow.failed(exc)

    def _back(self) -> None:
        if self.flow.state in (S.WRITING, S.CONTACT, S.FAILED):
            if self.flow.state is S.WRITING:
                self.flow.write(self.write_page.text())  # kept for when they come back
            self.flow.back()

    def _dismiss(self) -> None:
        if self.flow.state in (S.SENT, S.FAILED):
            self.flow.dismiss()
