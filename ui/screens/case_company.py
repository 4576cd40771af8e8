"""办件 company step (法人): which company applies; the person at the kiosk, identified by their
own card before, is its agent (经办人).

Up to three screens, one at a time: for an item serving people too, whom the application is
for (本人 or a company); the company's unified social credit code, read from the QR on its
business licence or typed, checked as it is typed (kiosk.journeys.case.company); its name and
legal representative, typed on a form whose screens fit above the keyboard (FormView).
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from contract.licence import LicenceProblem
from contract.models import ApplicantType, CatalogItem, FormField
from contract.privacy import mask_id, mask_name
from drivers.camera.scanner import scan_once
from kiosk.forms import FieldSpec
from kiosk.identity import Identity
from kiosk.journeys.case.company import CodeCheck, CompanyEntry
from ui.bridge import BackgroundRunner
from ui.screens.case_pages import Page
from ui.widgets import make_button, make_label
from ui.widgets.form_view import FormView
from ui.widgets.keyboard_room import KeyboardRoom
from ui.widgets.placement import Placement, PlacementAnimation
from ui.widgets.virtual_keyboard import WANTS_KEYBOARD

if TYPE_CHECKING:  # a type only: the camera comes from kiosk.devices
    from drivers.camera.camera import CameraWorker

LICENCE_TIMEOUT = 20.0  # seconds the camera looks for the licence's QR
NAME_FIELD, REPRESENTATIVE_FIELD = "company_name", "legal_representative"


class CompanyScreen(enum.Enum):
    WHOM = "whom"  # for oneself or for a company (items serving both)
    CODE = "code"
    NAMES = "names"


class CompanyPage(Page):
    """Emits ``entered`` with the Company, or None when the person applies for themselves."""

    entered = Signal(object)
    say = Signal(str)  # what to do on the screen now shown, for the voice

    def __init__(
        self, runner: BackgroundRunner, qr_camera: Callable[[], CameraWorker | None]
    ) -> None:
        super().__init__(self.tr("请填写申请单位信息"))
        self.runner = runner
        self.qr_camera = qr_camera
        self.entry = CompanyEntry()
        self.item: CatalogItem | None = None
        self.shown_screen = CompanyScreen.CODE
        self._scanning = False
        self.whom = QWidget()
        whom = QVBoxLayout(self.whom)
        whom.setContentsMargins(0, 0, 0, 0)
        whom.setSpacing(24)
        question = make_label(
            self.tr("您是为本人办理，还是作为经办人为企业（单位）办理？"), "Notice"
        )
        question.setWordWrap(True)
        self.for_self = make_button(self.tr("为本人办理"), "Category")
        self.for_company = make_button(self.tr("为企业（单位）办理"), "Category")
        for widget in (question, self.for_self, self.for_company):
            whom.addWidget(widget)
        whom.addStretch(1)
        self.body.addWidget(self.whom, 1)
        self.code_part = QWidget()
        code = QVBoxLayout(self.code_part)
        code.setContentsMargins(0, 0, 0, 0)
        code.setSpacing(16)
        self.code_hint = make_label(
            self.tr("请将营业执照上的二维码对准摄像头，或输入 18 位统一社会信用代码。"), "Notice"
        )
        self.code_hint.setWordWrap(True)
        code.addWidget(self.code_hint)
        # Where the licence goes, beside the button that reads it (a short landscape screen).
        self.licence_picture = PlacementAnimation(Placement.QR)
        self.scan_button = make_button(self.tr("扫描营业执照二维码"), "Secondary")
        scan_row = QHBoxLayout()
        scan_row.setSpacing(24)
        scan_row.addWidget(self.licence_picture)
        scan_row.addWidget(self.scan_button, 1)
        code.addLayout(scan_row)
        code.addWidget(make_label(self.tr("统一社会信用代码"), "FieldLabel"))
        self.code_edit = QLineEdit()
        self.code_edit.setMaxLength(18)
        self.code_edit.setMinimumHeight(80)
        self.code_edit.setPlaceholderText(self.tr("18 位，数字和大写字母"))
        self.code_edit.setProperty(WANTS_KEYBOARD, True)
        # Letters and digits, not pinyin: the keyboard opens in its Latin layout.
        self.code_edit.setInputMethodHints(
            Qt.InputMethodHint.ImhPreferUppercase
            | Qt.InputMethodHint.ImhLatinOnly
            | Qt.InputMethodHint.ImhNoPredictiveText
        )
        code.addWidget(self.code_edit)
        self.code_check = make_label("", "FieldError")
        self.code_check.setWordWrap(True)
        code.addWidget(self.code_check)
        # While the code is typed, only the field and what it is for stay above the keyboard.
        self.keyboard_room = KeyboardRoom(
            self.code_edit, aside=[self.code_hint, self.licence_picture, self.scan_button]
        )
        code.addStretch(1)
        self.body.addWidget(self.code_part, 1)
        self.names_slot = QVBoxLayout()
        self.body.addLayout(self.names_slot, 1)
        self.names: FormView | None = None
        self.status = make_label("", "ErrorText")
        self.status.setWordWrap(True)
        self.status.hide()
        self.body.addWidget(self.status)
        self.back = make_button(self.tr("上一步"), "Secondary")
        self.next = make_button(self.tr("下一步"), "Primary")
        self.pin(self.nav_row(self.back, self.next))
        self.for_self.clicked.connect(lambda: self.entered.emit(None))
        self.for_company.clicked.connect(lambda: self._show(CompanyScreen.CODE))
        self.scan_button.clicked.connect(self._scan)
        self.code_edit.textEdited.connect(self._code_typed)
        self.next.clicked.connect(self.go_on)

    # -- showing ---------------------------------------------------------------------------

    def begin(self, item: CatalogItem, agent: Identity, *, returning: bool) -> None:
        """The step for ``item`` and its agent: from its first screen, or (``returning`` from
        the form) at its last, as the citizen left it."""
        self.item = item
        if self.names is None:
            self._build_names(agent)
        first = CompanyScreen.WHOM if self._both else CompanyScreen.CODE
        # Said by the journey as the page opens (its prompt is this page's): not twice.
        self._show(CompanyScreen.NAMES if returning and self.entry.complete else first, say=False)

    @property
    def _both(self) -> bool:
        return self.item is not None and ApplicantType.PERSON in self.item.applicant_types

    def _build_names(self, agent: Identity) -> None:
        specs = [
            FieldSpec(FormField(name=NAME_FIELD, label=self.tr("单位名称"), max_length=100)),
            FieldSpec(
                FormField(name=REPRESENTATIVE_FIELD, label=self.tr("法定代表人"), max_length=50)
            ),
        ]
        rows = [(self.tr("经办人"), f"{mask_name(agent.name)}（{mask_id(agent.id_number)}）")]
        self.names = FormView(specs, rows)
        self.names_slot.addWidget(self.names)

    def clear(self) -> None:
        """Forget the company (the session ends, or another person identified)."""
        self.entry.forget()
        self.code_edit.clear()
        self.code_check.clear()
        self._tell("")
        self._scanning = False
        if self.names is not None:
            self.names_slot.removeWidget(self.names)
            self.names.deleteLater()
            self.names = None

    def _show(self, screen: CompanyScreen, *, say: bool = True) -> None:
        self.shown_screen = screen
        self._tell("")
        self.whom.setVisible(screen is CompanyScreen.WHOM)
        self.code_part.setVisible(screen is CompanyScreen.CODE)
        scans = self.qr_camera() is not None
        self.scan_button.setVisible(scans)
        self.licence_picture.setVisible(scans)
        if self.names is not None:
            self.names.setVisible(screen is CompanyScreen.NAMES)
        self.next.setVisible(screen is not CompanyScreen.WHOM)
        if say:
            self.say.emit(self.prompt())

    def _tell(self, text: str) -> None:
        """A word under the field (scanning, a QR not read); no room kept for none."""
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def prompt(self) -> str:
        if self.shown_screen is CompanyScreen.WHOM:
            return self.tr("请选择为本人办理，还是为企业办理")
        if self.shown_screen is CompanyScreen.CODE:
            return self.tr("请扫描营业执照上的二维码，或输入统一社会信用代码，然后点下一步")
        return self.tr("请填写单位名称和法定代表人，然后点下一步")

    # -- the code --------------------------------------------------------------------------

    def _code_typed(self, text: str) -> None:
        if text != text.upper():  # codes are upper case, whatever the keyboard's shift
            at = self.code_edit.cursorPosition()
            self.code_edit.setText(text.upper())
            self.code_edit.setCursorPosition(at)
        self.code_check.setText(self._check_text(self.entry.typed(text), final=False))
        self._tell("")

    def _check_text(self, check: CodeCheck, *, final: bool) -> str:
        """What the line under the field says; while typing, a short code is no fault yet."""
        texts = {
            CodeCheck.EMPTY: self.tr("请输入统一社会信用代码。") if final else "",
            CodeCheck.SHORT: self.tr("代码应为 18 位，还差 %1 位。"),
            CodeCheck.TOO_LONG: self.tr("代码应为 18 位。"),
            CodeCheck.BAD_CHARACTER: self.tr(
                "代码只含数字和大写字母（不含 I、O、S、V、Z），请核对营业执照。"
            ),
            CodeCheck.BAD_CHECK: self.tr("代码校验位不对，请逐位核对营业执照。"),
            CodeCheck.OK: "",
        }
        text = texts[check]
        if check is CodeCheck.SHORT:
            if not final:
                return ""
            text = text.replace("%1", str(18 - len(self.entry.uscc)))
        return text

    def _scan(self) -> None:
        camera = self.qr_camera()
        if camera is None or self._scanning:
            return
        self._scanning = True
        self._tell(self.tr("请将营业执照上的二维码对准摄像头…"))
        self.runner.run(
            lambda: scan_once(camera, LICENCE_TIMEOUT), self._scanned, self._scan_failed
        )

    def _scanned(self, text: object) -> None:
        self._scanning = False
        if self.shown_screen is not CompanyScreen.CODE:
            return  # the citizen moved on (or back) meanwhile
        if not isinstance(text, str):
            self._tell(self.tr("没有识别到二维码，请再试一次，或输入代码。"))
            return
        problem = self.entry.scanned(text)
        messages = {
            LicenceProblem.NOT_A_LICENCE: self.tr(
                "这不是营业执照上的二维码，请扫描营业执照右上角的二维码，或输入代码。"
            ),
            LicenceProblem.NO_CODE: self.tr("二维码中没有读到代码，请输入统一社会信用代码。"),
            LicenceProblem.BAD_CODE: self.tr("二维码中的代码校验不对，请核对后手动输入。"),
        }
        if problem is not None:
            self._tell(messages[problem])
            return
        self.code_edit.setText(self.entry.uscc)
        self.code_check.clear()
        self._tell("")
        self._show(CompanyScreen.NAMES)

    def _scan_failed(self, _exc: Exception) -> None:
        self._scanning = False
        self._tell(self.tr("摄像头暂不可用，请输入统一社会信用代码。"))

    # -- on and back -----------------------------------------------------------------------

    def go_on(self) -> None:
        if self.shown_screen is CompanyScreen.CODE:
            check = self.entry.typed(self.code_edit.text())
            if check is not CodeCheck.OK:
                self.code_check.setText(self._check_text(check, final=True))
                return
            self._show(CompanyScreen.NAMES)
        elif self.shown_screen is CompanyScreen.NAMES and self.names is not None:
            if not self.names.go_on():
                return
            values = self.names.values()
            self.entry.name = str(values.get(NAME_FIELD) or "")
            self.entry.legal_representative = str(values.get(REPRESENTATIVE_FIELD) or "")
            if self.entry.complete:
                self.entered.emit(self.entry.company())

    def go_back(self) -> bool:
        """The screen before; True when the journey's step before is next."""
        if self.shown_screen is CompanyScreen.NAMES:
            if self.names is not None and not self.names.go_back():
                return False
            self._show(CompanyScreen.CODE)
            return False
        if self.shown_screen is CompanyScreen.CODE and self._both:
            self._show(CompanyScreen.WHOM)
            return False
        return True
