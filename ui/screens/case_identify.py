"""办件 identity: the resident ID card or the social security card (read automatically), a
dynamic identity QR resolved at the hub, or name and ID number typed where the item allows it.
Data from a card or QR is shown, never editable, on the pages that follow.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

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
    say = Signal(str)  # what to type on a typed screen, for the voice

    def __init__(
        self,
        runner: BackgroundRunner,
        client: HubClient,
        id_monitor: CardMonitor | None,
        qr_camera: Callable[[], CameraWorker | None],
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
        self._manual_allowed = False
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
        # Typed instead (where the item allows): two screens, each fitting above its keyboard:
        # the name with the on-screen keyboard, then the ID number with its keypad.
        self.manual = QWidget()
        box = QVBoxLayout(self.manual)
        box.setContentsMargins(0, 0, 0, 0)
        self.name_part = QWidget()
        name_box = QVBoxLayout(self.name_part)
        name_box.setContentsMargins(0, 0, 0, 0)
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("姓名"))
        self.name_edit.setProperty(WANTS_KEYBOARD, True)
        self.name_edit.setMinimumHeight(80)
        name_box.addWidget(make_label(self.tr("姓名（与身份证上一致）"), "FieldLabel"))
        name_box.addWidget(self.name_edit)
        self.id_part = QWidget()
        # Landscape: the keypad beside the number, not under it.
        beside = self.wide_rows.add(QBoxLayout(QBoxLayout.Direction.TopToBottom, self.id_part))
        beside.setContentsMargins(0, 0, 0, 0)
        beside.setSpacing(24)
        id_box = QVBoxLayout()
        beside.addLayout(id_box, 1)
        self.id_edit = QLineEdit()
        self.id_edit.setPlaceholderText(self.tr("身份证号码"))
        self.id_edit.setMaxLength(18)
        self.id_edit.setMinimumHeight(80)
        id_box.addWidget(make_label(self.tr("18 位身份证号码"), "FieldLabel"))
        id_box.addWidget(self.id_edit)
        id_box.addStretch(1)
        beside.addWidget(NumericKeypad(self.id_edit, allow_x=True), 1)
        box.addWidget(self.name_part)
        box.addWidget(self.id_part)
        self.body.addWidget(self.manual)
        self.manual_button.clicked.connect(self._type_instead)
        self.qr_button.clicked.connect(self._scan_qr)
        self.body.addStretch(1)
        # The ways on while typing sit in the row of 上一步, where they take no height from
        # the typed screens (above the keyboard, beside the keypad): one at a time.
        self.back = make_button(self.tr("上一步"), "Secondary")
        self.name_next = make_button(self.tr("下一步"), "Primary")
        self.name_next.clicked.connect(self._name_done)
        self.manual_ok = make_button(self.tr("确认身份信息"), "Primary")
        self.manual_ok.clicked.connect(self._manual)
        row = self.nav_row(self.back, self.name_next)
        row.addWidget(self.manual_ok, 1)
        self.pin(row)

    def begin(self, manual_allowed: bool) -> None:
        """Show the page fresh and listen to the card reader until ``stop``."""
        self._manual_allowed = manual_allowed
        self.clear()
        self.qr_picture.setVisible(self.qr_camera() is not None)
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
        self._show_ways(True)

    @property
    def typing(self) -> bool:
        """Whether the citizen is typing their name and number instead of showing a card."""
        return self.manual.isVisible()

    def _show_ways(self, shown: bool) -> None:
        """The card, the code and 手动填写; or, while typing, the typed screens instead."""
        for widget in (self.hint, self.pictures):
            widget.setVisible(shown)
        self.qr_button.setVisible(shown and self.qr_camera() is not None)
        self.manual_button.setVisible(shown and self._manual_allowed)
        self.manual.setVisible(not shown)
        if shown:
            self.name_next.hide()
            self.manual_ok.hide()

    def _type_instead(self) -> None:
        self.status.clear()
        self._show_ways(False)
        self._show_manual(name=True)

    def _show_manual(self, *, name: bool) -> None:
        for widget in (self.name_part, self.name_next):
            widget.setVisible(name)
        for widget in (self.id_part, self.manual_ok):
            widget.setVisible(not name)
        (self.name_edit if name else self.id_edit).setFocus()
        self.say.emit(
            self.tr("请填写您的姓名，与身份证上一致，然后点下一步")
            if name
            else self.tr("请输入18位身份证号码，然后点确认身份信息")
        )

    def _name_done(self) -> None:
        if not self.name_edit.text().strip():
            self.status.setText(self.tr("请填写姓名。"))
            return
        self.status.clear()
        self._show_manual(name=False)

    def go_back(self) -> bool:
        """上一步: the typed screen before (the name, then the card and code); True when the
        journey's step before is next."""
        if not self.typing:
            return True
        self.status.clear()
        if self.id_part.isVisible():
            self._show_manual(name=True)
        else:
            self._show_ways(True)
        return False

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
        camera, client = self.qr_camera(), self.client
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
