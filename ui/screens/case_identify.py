"""办件 identity: the resident ID card or the social security card (read automatically), a
dynamic identity QR resolved at the hub, or name and ID number typed where the item allows it.
Data from a card or QR is shown, never editable, on the pages that follow.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from contract.models import IdentitySource
from drivers.idcard.monitor import CardMonitor, CardRead, CardReadFailed
from kiosk.api.client import HubClient
from kiosk.api.errors import HubRejected
from kiosk.card_guard import LeftCardGuard, LeftCardSeen
from kiosk.forms import id_number_problem
from kiosk.identity import CardRefusal, Identity, IdentityRefused, IdentityResolver, from_card
from ui.bridge import BackgroundRunner, EventRelay
from ui.screens.case_pages import Page
from ui.widgets import make_button, make_label
from ui.widgets.journey_kit import left_card_text
from ui.widgets.keypad import NumericKeypad
from ui.widgets.placement import Placement, PlacementAnimation
from ui.widgets.virtual_keyboard import WANTS_KEYBOARD

if TYPE_CHECKING:  # a type only: the camera comes from kiosk.devices
    from drivers.camera.camera import CameraWorker

QR_TIMEOUT = 20.0  # seconds the camera looks for an identity code


class IdentifyPage(Page):
    """Card (automatic), identity QR, or typed where the item allows."""

    identified = Signal(object)  # Applicant

    def __init__(
        self,
        runner: BackgroundRunner,
        client: HubClient,
        id_monitor: CardMonitor | None,
        qr_camera: CameraWorker | None,
        card_guard: LeftCardGuard | None = None,
    ) -> None:
        super().__init__(self.tr("请验证身份"))
        self.card_guard = card_guard
        self.runner = runner
        self.client = client
        self.id_monitor = id_monitor
        self.qr_camera = qr_camera
        self._unsubscribe_card: Callable[[], None] | None = None
        self._active = False
        self.card_relay = EventRelay(self)
        self.card_relay.received.connect(self._card_event)
        self.hint = make_label(
            self.tr(
                "请将居民身份证或社会保障卡（社保卡）放在读卡区；没有带证件，"
                "可以出示手机上的身份码。"
            ),
            "Notice",
        )
        self.hint.setWordWrap(True)
        self.body.addWidget(self.hint)
        # Where the card goes, and the phone's code beside it when the camera can read one;
        # gone while the citizen types instead.
        self.pictures = QWidget()
        pictures = QHBoxLayout(self.pictures)
        pictures.setContentsMargins(0, 0, 0, 0)
        pictures.setSpacing(24)
        self.card_picture = PlacementAnimation(Placement.CARD)
        self.qr_picture = PlacementAnimation(Placement.QR)
        pictures.addWidget(self.card_picture)
        pictures.addWidget(self.qr_picture)
        self.body.addWidget(self.pictures)
        self.status = make_label("", "ErrorText")
        self.status.setWordWrap(True)
        self.body.addWidget(self.status)
        self.qr_button = make_button(self.tr("扫描身份码"), "Secondary")
        self.body.addWidget(self.qr_button)
        self.manual_button = make_button(self.tr("没有证件，手动填写"), "Secondary")
        self.body.addWidget(self.manual_button)
        self.manual = QWidget()
        box = QVBoxLayout(self.manual)
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("姓名"))
        self.name_edit.setProperty(WANTS_KEYBOARD, True)
        self.name_edit.setMinimumHeight(80)
        self.id_edit = QLineEdit()
        self.id_edit.setPlaceholderText(self.tr("身份证号码"))
        self.id_edit.setMaxLength(18)
        self.id_edit.setMinimumHeight(80)
        box.addWidget(self.name_edit)
        box.addWidget(self.id_edit)
        box.addWidget(NumericKeypad(self.id_edit, allow_x=True))
        self.manual_ok = make_button(self.tr("确认身份信息"), "Primary")
        self.manual_ok.clicked.connect(self._manual)
        box.addWidget(self.manual_ok)
        self.body.addWidget(self.manual)
        self.manual_button.clicked.connect(self._type_instead)
        self.qr_button.clicked.connect(self._scan_qr)
        self.body.addStretch(1)
        self.back, _ = self.nav(self.tr("上一步"))

    def begin(self, manual_allowed: bool) -> None:
        """Show the page fresh and listen to the card reader until ``stop``."""
        self.clear()
        self.manual_button.setVisible(manual_allowed)
        self.qr_button.setVisible(self.qr_camera is not None)
        self.qr_picture.setVisible(self.qr_camera is not None)
        self._active = True
        if self.id_monitor is not None and self._unsubscribe_card is None:
            cards = self.card_guard or self.id_monitor  # the guard turns a left card aside
            # A card already on the reader is replayed at once: it identifies immediately.
            self._unsubscribe_card = cards.subscribe(self.card_relay.publish)

    def stop(self) -> None:
        self._active = False
        if self._unsubscribe_card is not None:
            self._unsubscribe_card()
            self._unsubscribe_card = None

    def clear(self) -> None:
        self.status.clear()
        self.name_edit.clear()
        self.id_edit.clear()
        self.manual.hide()
        self.pictures.show()

    def _type_instead(self) -> None:
        self.pictures.hide()  # the fields and keypad take its place
        self.manual.show()

    def _done(self, applicant: Identity) -> None:
        if self._active:
            self.stop()
            self.identified.emit(applicant)

    def _card_event(self, event: object) -> None:
        if not self._active:
            return
        if isinstance(event, CardReadFailed):
            self.status.setText(self.tr("没能读出这张卡，请取下后重新放置。"))
            return
        if isinstance(event, LeftCardSeen):
            self.status.setText(left_card_text())
            return
        if not isinstance(event, CardRead):
            return
        found = from_card(event.document, date.today())
        if isinstance(found, Identity):
            self._done(found)
            return
        messages = {
            CardRefusal.NO_IDENTITY: self.tr(
                "这张卡读不到身份信息。请放居民身份证或社保卡，也可以出示身份码。"
            ),
            CardRefusal.INCOMPLETE: self.tr("证件信息不完整，请重新放置证件。"),
            CardRefusal.EXPIRED: self.tr("这张证件已过有效期，请使用其他证件或身份码。"),
        }
        self.status.setText(messages[found])

    def _manual(self) -> None:
        name, id_number = self.name_edit.text().strip(), self.id_edit.text().strip().upper()
        if not name or id_number_problem(id_number) is not None:
            self.status.setText(self.tr("请填写姓名和正确的 18 位身份证号码。"))
            return
        self._done(Identity(name, id_number, IdentitySource.MANUAL))

    def _scan_qr(self) -> None:
        camera, client = self.qr_camera, self.client
        self.status.setText(self.tr("请将手机上的身份码对准摄像头…"))

        def scan() -> Identity | None:
            assert camera is not None
            return IdentityResolver(client).scan(camera, QR_TIMEOUT)

        self.runner.run(scan, self._qr_done, self._qr_failed)

    def _qr_done(self, applicant: object) -> None:
        if isinstance(applicant, Identity):
            self._done(applicant)
        else:
            self.status.setText(self.tr("没有识别到身份码，请再试一次。"))

    def _qr_failed(self, exc: Exception) -> None:
        if isinstance(exc, IdentityRefused):
            self.status.setText(
                exc.hub_message or self.tr("这不是有效的身份码，请出示手机上的身份码。")
            )
        elif isinstance(exc, HubRejected):
            self.status.setText(exc.citizen_message)
        else:
            self.status.setText(self.tr("身份码暂时无法核验，请使用身份证。"))
