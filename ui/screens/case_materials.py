"""办件 materials: one row per material; capture pages with the document camera or bring it.

The capture panel shows the live preview (a frame every ``PREVIEW_MS``, grabbed off the GUI
thread), the quality guidance for the last attempt, the page count, and 重拍 (drop the last
page). The camera is only read while the panel is open.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QBoxLayout,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from contract.models import MaterialSpec
from kiosk import catalog_words as words
from kiosk.capture import CaptureResult, DocumentCamera
from kiosk.journeys.case.service import CapturedMaterial, CaseDraft
from ui.bridge import BackgroundRunner
from ui.screens.case_pages import Page, list_of
from ui.widgets import make_button, make_label
from ui.widgets.placement import Placement, PlacementAnimation

if TYPE_CHECKING:  # numpy and OpenCV load when the camera is first used
    import numpy as np

    from drivers.camera.document import QualityIssue

logger = logging.getLogger(__name__)

PREVIEW_MS = 400
PREVIEW_WIDTH = 480


def _pixmap(frame: np.ndarray, width: int) -> QPixmap:
    import numpy as np

    rgb = np.ascontiguousarray(frame[:, :, ::-1]) if frame.ndim == 3 else frame
    h, w = rgb.shape[:2]
    fmt = QImage.Format.Format_RGB888 if rgb.ndim == 3 else QImage.Format.Format_Grayscale8
    image = QImage(rgb.data, w, h, rgb.strides[0], fmt).copy()
    return QPixmap.fromImage(image).scaledToWidth(width, Qt.TransformationMode.FastTransformation)


class MaterialsPage(Page):
    changed = Signal()
    say = Signal(str)  # the guidance of the capture panel, for the voice

    def __init__(
        self, camera: DocumentCamera, runner: BackgroundRunner, *, english: bool = False
    ) -> None:
        super().__init__(self.tr("请提交申请材料"))
        self.english = english
        self.camera = camera
        self.runner = runner
        self.draft: CaseDraft | None = None
        # The list of materials; while one is being photographed the capture panel takes the
        # page (list and way on hidden), so that its preview and buttons fit any screen.
        self.list_box = QWidget()
        self.rows = QGridLayout(self.list_box)
        self.rows.setContentsMargins(0, 0, 0, 0)
        self.rows.setSpacing(12)
        self.body.addWidget(self.list_box)
        self.capture_buttons: dict[str, QPushButton] = {}
        self.bring_buttons: dict[str, QPushButton] = {}
        self.states: dict[str, object] = {}

        self.panel = QWidget()
        panel = QVBoxLayout(self.panel)
        self.panel_title = make_label("", "FieldLabel")
        self.preview = make_label("", "Preview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumHeight(300)
        self.paper_picture = PlacementAnimation(Placement.PAPER)  # how to lay the page down
        self.guidance = make_label("", "Notice")
        self.guidance.setWordWrap(True)
        self.page_count = make_label("", "Notice")
        # 拍这一页 across the page, the other two under it: three in a row do not fit a
        # portrait page in English.
        buttons = QGridLayout()
        buttons.setSpacing(16)
        self.shoot = make_button(self.tr("拍这一页"), "Primary")
        self.retake = make_button(self.tr("重拍上一页"), "Secondary")
        self.done = make_button(self.tr("这份材料拍完了"), "Primary")
        buttons.addWidget(self.shoot, 0, 0, 1, 2)
        buttons.addWidget(self.retake, 1, 0)
        buttons.addWidget(self.done, 1, 1)
        # The preview beside what to do on a wide (landscape) page, above it on a tall one.
        self.panel_row = self.wide_rows.add(QBoxLayout(QBoxLayout.Direction.TopToBottom))
        self.panel_row.setSpacing(32)
        steps = QVBoxLayout()
        told = QHBoxLayout()  # the picture beside the words: no height taken from the buttons
        told.setSpacing(24)
        told.addWidget(self.paper_picture)
        words = QVBoxLayout()
        for widget in (self.guidance, self.page_count):
            words.addWidget(widget)
        words.addStretch(1)
        told.addLayout(words, 1)
        steps.addLayout(told)
        steps.addStretch(1)
        steps.addLayout(buttons)
        self.panel_row.addWidget(self.preview, 1)
        self.panel_row.addLayout(steps, 1)
        panel.addWidget(self.panel_title)
        panel.addLayout(self.panel_row)
        self.body.addWidget(self.panel)
        self.missing = make_label("", "FieldError")
        self.missing.setWordWrap(True)
        self.body.addWidget(self.missing)
        self.body.addStretch(1)
        self.back, self.next = self.nav(self.tr("上一步"), self.tr("下一步"))
        self.shoot.clicked.connect(self._shoot)
        self.retake.clicked.connect(self._retake)
        self.done.clicked.connect(self._finish_material)
        self._current: MaterialSpec | None = None
        self._pages = 0
        self._timer = QTimer(self, interval=PREVIEW_MS)
        self._timer.timeout.connect(self._grab_preview)
        self._grabbing = False

    # -- set-up

    def show_draft(self, draft: CaseDraft) -> None:
        self.draft = draft
        self.close_panel()
        while (entry := self.rows.takeAt(0)) is not None:
            if (widget := entry.widget()) is not None:
                widget.hide()  # a child until deleted: never a window of its own
                widget.deleteLater()
        self.capture_buttons.clear()
        self.bring_buttons.clear()
        self.states.clear()
        for row, spec in enumerate(draft.item.materials):
            name = words.material_name(spec, self.english)
            needed = draft.needs(spec)  # a company's case needs its authorisation letter
            name += "" if needed else self.tr("（选交）")
            label = make_label(name, "FieldLabel")
            label.setWordWrap(True)
            state = make_label("", "Notice")
            state.setWordWrap(True)  # the buttons beside it keep their width (English)
            capture = make_button(self.tr("拍摄"), "Secondary")
            capture.clicked.connect(lambda _=False, s=spec: self.open_panel(s))
            self.rows.addWidget(label, row, 0)
            self.rows.addWidget(state, row, 1)
            self.rows.addWidget(capture, row, 2)
            self.capture_buttons[spec.code] = capture
            self.states[spec.code] = state
            if not needed:  # the hub needs every needed one with the case
                bring = make_button(self.tr("到窗口提交"), "Secondary")
                bring.setCheckable(True)
                bring.clicked.connect(lambda _=False, s=spec: self._toggle_bring(s))
                self.rows.addWidget(bring, row, 3)
                self.bring_buttons[spec.code] = bring
        self._update_states()

    def _update_states(self) -> None:
        assert self.draft is not None
        for spec in self.draft.item.materials:
            label = self.states[spec.code]
            captured = self.draft.materials.get(spec.code)
            if captured is not None:
                text = self.tr("已拍摄 %n 页", "", captured.pages)
            elif spec.code in self.draft.bring:
                text = self.tr("到窗口提交")
            else:
                text = self.tr("未提交")
            label.setText(text)  # type: ignore[attr-defined]
            if spec.code in self.bring_buttons:
                self.bring_buttons[spec.code].setChecked(spec.code in self.draft.bring)
        self.missing.clear()
        self.missing.hide()

    def _toggle_bring(self, spec: MaterialSpec) -> None:
        assert self.draft is not None
        if spec.code in self.draft.bring:
            self.draft.bring.discard(spec.code)
        else:
            self.draft.bring.add(spec.code)
            self.draft.materials.pop(spec.code, None)
        self._update_states()

    def check(self) -> bool:
        assert self.draft is not None
        missing = self.draft.missing_materials()
        names = [
            words.material_name(m, self.english)
            for m in self.draft.item.materials
            if m.code in missing
        ]
        if names:
            self.missing.setText(self.tr("还缺：%1").replace("%1", list_of(names)))
            self.missing.show()
        return not names

    # -- the capture panel

    def open_panel(self, spec: MaterialSpec) -> None:
        self._current = spec
        self._pages = 0
        self.camera.begin(spec.code)
        self.panel_title.setText(
            self.tr("正在拍摄：%1").replace("%1", words.material_name(spec, self.english))
        )
        self._update_count()
        self._show_list(False)
        self.panel.show()
        self._timer.start()
        self._grab_preview()
        first = self.tr("请将材料平放在拍摄区内，一次拍一页。")
        self.guidance.setText(first)
        self.say.emit(self.tr("%1。%2").replace("%1", self.panel_title.text()).replace("%2", first))

    def _guide(self, text: str) -> None:
        """What to do now, shown under the preview and said aloud."""
        self.guidance.setText(text)
        self.say.emit(text)

    def close_panel(self) -> None:
        self._timer.stop()
        self.camera.drop()  # pages of a material left half-captured go with it
        self._current = None
        self.panel.hide()
        self._show_list(True)
        self.preview.clear()

    def _show_list(self, shown: bool) -> None:
        for widget in (self.list_box, self.footer):
            widget.setVisible(shown)
        self.missing.setVisible(shown and bool(self.missing.text()))  # no room kept for none

    def _grab_preview(self) -> None:
        if self._grabbing:
            return
        self._grabbing = True
        self._run(self.camera.frame, self._show_preview)

    def _show_preview(self, frame: object) -> None:
        self._grabbing = False
        if frame is not None and self.panel.isVisible():  # an image from DocumentCamera.frame
            self.preview.setPixmap(_pixmap(cast("np.ndarray", frame), PREVIEW_WIDTH))

    def _shoot(self) -> None:
        self.shoot.setEnabled(False)
        self._run(self.camera.capture, self._shot)

    def _shot(self, result: object) -> None:
        self.shoot.setEnabled(True)
        assert isinstance(result, CaptureResult)
        self._pages = result.pages
        if result.issues:
            self._guide(self._issue_text(result.issues[0]))
        else:
            self._guide(self.tr("拍好了。还有下一页就继续拍，没有了就点“这份材料拍完了”。"))
        self._update_count()

    def _retake(self) -> None:
        self._pages = self.camera.retake()
        self._guide(self.tr("已删除上一页，请重新拍摄。"))
        self._update_count()

    def _update_count(self) -> None:
        self.page_count.setText(self.tr("已拍 %n 页", "", self._pages))
        self.done.setEnabled(self._pages > 0)
        self.retake.setEnabled(self._pages > 0)

    def _finish_material(self) -> None:
        spec = self._current
        assert spec is not None and self.draft is not None
        draft = self.draft

        def finished(material: object) -> None:
            from drivers.camera.material import Material

            assert isinstance(material, Material)
            draft.materials[spec.code] = CapturedMaterial(
                spec.code,
                spec.name,
                material.pdf,
                material.sha256,
                material.size,
                len(material.pages),
            )
            draft.bring.discard(spec.code)
            self.close_panel()
            self._update_states()
            self.changed.emit()

        self._run(self.camera.finish, finished)

    def _run(self, fn: Callable[[], object], done: Callable[[object], None]) -> None:
        def failed(exc: Exception) -> None:
            logger.warning("document camera: %s", exc)
            self._grabbing = False
            self.shoot.setEnabled(True)
            self._guide(self.tr("拍摄设备暂时不可用，请到窗口提交材料。"))

        self.runner.run(fn, done, failed)

    def _issue_text(self, issue: QualityIssue) -> str:
        from drivers.camera.document import QualityIssue  # OpenCV loads with the first page

        return {
            QualityIssue.NO_PAGE: self.tr("没有找到材料，请将材料平放在拍摄区域内。"),
            QualityIssue.CUT_OFF: self.tr("材料超出拍摄范围，请移到中间。"),
            QualityIssue.BLURRY: self.tr("画面模糊，请保持材料不动再拍。"),
            QualityIssue.TOO_DARK: self.tr("光线太暗，请把材料移到灯下。"),
            QualityIssue.GLARE: self.tr("反光太强，请稍微调整材料角度。"),
        }[issue]
