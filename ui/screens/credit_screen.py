"""信用查询 screens: the citizen's card (or e-ID code), then their own credit record with a
print button, or why it could not be shown.

Renders :class:`~kiosk.journeys.credit.flow.CreditFlow`. The number read goes to the hub and is
dropped with its answer; the record leaves the screen when the session ends (``wipe``).
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout

from contract import models as m
from kiosk.devices import Devices
from kiosk.journeys.credit.desk import CreditDesk
from kiosk.journeys.credit.flow import CreditFlow, CreditRefusal, CreditState
from kiosk.session import Session
from ui.bridge import BackgroundRunner
from ui.widgets import make_button
from ui.widgets.journey_kit import DeviceInputs, JourneyScreen, Page, RefusalPage, wrapped_label
from ui.widgets.placement import Placement, PlacementAnimation

STATUS = {
    m.CreditStatus.BLACK: QT_TRANSLATE_NOOP("CreditJourney", "失信"),
    m.CreditStatus.RED: QT_TRANSLATE_NOOP("CreditJourney", "守信"),
    m.CreditStatus.NOT_LISTED: QT_TRANSLATE_NOOP("CreditJourney", "未见信用名单记录"),
}
LISTS = {
    m.CreditList.BLACK: QT_TRANSLATE_NOOP("CreditJourney", "失信名单"),
    m.CreditList.RED: QT_TRANSLATE_NOOP("CreditJourney", "守信名单"),
}


def words(source: object) -> str:
    return QCoreApplication.translate("CreditJourney", str(source))


class CreditJourney(JourneyScreen):
    key = "credit"

    def __init__(
        self,
        desk: CreditDesk,
        devices: Devices,
        runner: BackgroundRunner,
        session: Callable[[], Session],
    ) -> None:
        super().__init__(session)
        self._desk = desk
        self._runner = runner
        self._english = session().locale == "en"
        self.inputs = DeviceInputs(devices, self)
        self.inputs.card_read.connect(self._card_read)
        self.inputs.qr_scanned.connect(self._scanned)
        self.inputs.card_failed.connect(self._card_failed)

        self.identify_page = Page(self.tr("信用查询"))
        self.identify_page.body.addWidget(
            wrapped_label(
                self.tr("请刷本人身份证或社保卡，或出示电子证照码，查看本人的信用记录。"),
                "Subtitle",
            )
        )
        pictures = QHBoxLayout()
        pictures.addWidget(PlacementAnimation(Placement.CARD))
        pictures.addWidget(PlacementAnimation(Placement.QR))
        self.identify_page.body.addLayout(pictures)
        self.identify_page.body.addWidget(
            wrapped_label(self.tr("只能查询本人的记录；查询结果不会保存在本机。"), "Notice")
        )
        self.read_label = wrapped_label(name="Notice")  # a read that failed: place it again
        self.identify_page.body.addWidget(self.read_label)
        self.identify_page.body.addStretch(1)
        self.back_button = make_button(self.tr("返回"))
        self.back_button.clicked.connect(self._back)
        self.identify_page.pin(self.back_button)

        self.busy_page = Page(self.tr("正在查询，请稍候…"))
        self.busy_page.body.addStretch(1)

        self.record_page = Page(self.tr("本人信用记录"))
        self.subject_label = wrapped_label(name="Subtitle")
        self.status_label = QLabel("")
        self.status_label.setObjectName("CreditStatus")
        self.status_label.setWordWrap(True)
        self.entries_label = wrapped_label(name="Notice")
        self.checked_label = wrapped_label(name="Notice")
        self.print_label = wrapped_label(name="Notice")
        box = QVBoxLayout()
        box.setSpacing(16)
        for label in (
            self.subject_label,
            self.status_label,
            self.entries_label,
            self.checked_label,
            self.print_label,
        ):
            box.addWidget(label)
        self.record_page.body.addLayout(box)
        self.record_page.body.addStretch(1)
        self.print_button = make_button(self.tr("打印查询结果"))
        self.print_button.clicked.connect(self._print)
        self.done_button = make_button(self.tr("完成"), "Primary")
        self.done_button.clicked.connect(self._dismiss)
        self.record_page.pin(self.print_button, self.done_button)

        self.refused_page = RefusalPage(self.tr("未能查询信用记录"), self.tr("重新查询"))
        self.refused_page.retry_button.clicked.connect(self._retry)

        for page in (self.identify_page, self.busy_page, self.record_page, self.refused_page):
            self.addWidget(page)
        self.pages = {
            CreditState.IDENTIFYING: self.identify_page,
            CreditState.LOOKING: self.busy_page,
            CreditState.SHOWING: self._show_record,
            CreditState.REFUSED: self._show_refusal,
        }
        self.listening = {CreditState.IDENTIFYING: (True, True)}
        self._rendered_with(self.inputs)
        self.wipe()

    # -- entering and leaving ------------------------------------------------------------

    def start(self) -> None:
        self.wipe()
        self._render(self.flow.state)

    def _clear(self) -> None:
        self.flow = self._adopt(CreditFlow())
        for label in (
            self.subject_label,
            self.status_label,
            self.entries_label,
            self.checked_label,
            self.print_label,
            self.read_label,
            self.refused_page.problem,
            self.refused_page.advice,
        ):
            label.clear()
        self.status_label.setProperty("kind", "")
        self.print_button.setEnabled(True)

    def prompt(self, page: str) -> str:
        prompts = {
            "identifying": self.tr("请刷本人身份证或社保卡，或出示电子证照码"),
            "showing": self.status_label.text(),
            "refused": self.refused_page.problem.text(),
        }
        return prompts.get(page, "")

    # -- what the citizen does -----------------------------------------------------------

    def _card_read(self, document: Any) -> None:
        if self.flow.state is not CreditState.IDENTIFYING:
            return
        from kiosk.identity import from_card

        self._look_up(self.flow.identified(from_card(document, date.today())))

    def _card_failed(self) -> None:
        if self.flow.state is CreditState.IDENTIFYING:
            self.read_label.setText(self.tr("未能读取证件，请拿起后重新放置。"))

    def _scanned(self, text: str) -> None:
        if self.flow.state is not CreditState.IDENTIFYING:
            return
        self._runner.run(lambda: self._desk.resolve(text), self._resolved, self._not_resolved)

    def _resolved(self, identity: Any) -> None:
        if self.flow.state is CreditState.IDENTIFYING:
            self.person_identified.emit(identity.id_number)
            self._look_up(self.flow.identified(identity))

    def _not_resolved(self, exc: Exception) -> None:
        if self.flow.state is not CreditState.IDENTIFYING:
            return
        from kiosk.identity import IdentityRefused

        if isinstance(exc, IdentityRefused):
            self.flow.refused(CreditRefusal.IDENTITY_CODE)
        else:
            self.flow.failed(exc)

    def _look_up(self, query: m.CreditSelfQuery | None) -> None:
        if query is not None:
            self._runner.run(lambda: self._desk.look_up(query), self._answered, self._failed)

    def _answered(self, record: m.CreditRecord) -> None:
        if self.flow.state is CreditState.LOOKING:
            self.flow.found(record)

    def _failed(self, exc: Exception) -> None:
        if self.flow.state is CreditState.LOOKING:
            self.flow.failed(exc)

    def _print(self) -> None:
        record = self.flow.record
        if record is None:
            return
        self.print_button.setEnabled(False)
        self.print_label.setText(self.tr("正在打印…"))
        english = self._english
        self._runner.run(
            lambda: self._desk.print_record(record, english=english),
            lambda _png: self.print_label.setText(self.tr("已打印，请取走查询结果。")),
            self._print_failed,
        )

    def _print_failed(self, _exc: Exception) -> None:
        self.print_button.setEnabled(True)
        self.print_label.setText(self.tr("打印失败，请在屏幕上查看，或到窗口咨询。"))

    def _retry(self) -> None:
        self.flow.retry()

    def _back(self) -> None:
        if self.flow.state is CreditState.IDENTIFYING:
            self.flow.back()

    def _dismiss(self) -> None:
        if self.flow.state in (CreditState.SHOWING, CreditState.REFUSED):
            self.flow.dismiss()

    # -- rendering -----------------------------------------------------------------------

    def _show_record(self) -> None:
        record = self.flow.record
        assert record is not None
        self.subject_label.setText(self.tr("证件号码：%1").replace("%1", record.subject_masked))
        self.status_label.setText(words(STATUS[record.status]))
        self.status_label.setProperty("kind", record.status.value)
        self.status_label.style().unpolish(self.status_label)
        self.status_label.style().polish(self.status_label)
        lines = []
        for entry in record.entries:
            line = (
                self.tr("%1：%2，%3 列入")
                .replace("%1", words(LISTS[entry.list]))
                .replace("%2", entry.source)
                .replace("%3", f"{entry.listed_on:%Y-%m-%d}")
            )
            if entry.reason:
                line += self.tr("（%1）").replace("%1", entry.reason)
            lines.append(line)
        self.entries_label.setText("\n".join(lines))
        self.checked_label.setText(
            self.tr("查询时间：%1").replace(
                "%1", f"{record.checked_at.astimezone():%Y-%m-%d %H:%M}"
            )
        )
        self.print_label.clear()
        self.print_button.setEnabled(True)
        self._show(self.record_page, CreditState.SHOWING.value)

    def _show_refusal(self) -> None:
        refusal = self.flow.refusal
        if refusal is CreditRefusal.CARD_EXPIRED:
            title, advice = self.tr("证件已过有效期"), self.tr("请使用有效证件，或到窗口咨询。")
        elif refusal is CreditRefusal.CARD_UNREADABLE:
            title = self.tr("未能读取证件信息")
            advice = self.tr("请将本人身份证或社保卡平放在读卡区，再试一次。")
        elif refusal is CreditRefusal.IDENTITY_CODE:
            title = self.tr("电子证照码无效或已过期")
            advice = self.tr("请在手机上刷新后重新出示，或刷身份证。")
        elif refusal is CreditRefusal.HUB_REFUSED:
            title, advice = self.tr("暂时无法查询"), self.flow.hub_message
        elif refusal is CreditRefusal.HUB_UNREACHABLE:
            title, advice = self.tr("网络暂时不通"), self.tr("请稍后重试，或到窗口咨询。")
        else:
            title, advice = self.tr("系统暂时出现故障"), self.tr("请稍后重试，或到窗口咨询。")
        self.refused_page.problem.setText(title)
        self.refused_page.advice.setText(advice)
        self._show(self.refused_page, CreditState.REFUSED.value)

    def _entering(self, state: enum.Enum) -> None:
        self.read_label.clear()
        if state is CreditState.IDENTIFYING:
            self.print_label.clear()
