"""A material's pages at the workbench: the PDF captured at the kiosk or community point, page by
page, with zoom. The file stays in memory (never written to the counter's disk)."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from ui.widgets import make_button

ZOOMS = (0.5, 0.75, 1.0, 1.5, 2.0, 3.0)


class MaterialViewer(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.document = QPdfDocument(self)
        self._buffer: QBuffer | None = None
        self.page = 0
        self.zoom = 2  # ZOOMS[2] = 1.0: the page as wide as the view
        self.title = QLabel("")
        self.title.setObjectName("PanelTitle")
        self.image = QLabel(self.tr("请在右侧选择一份材料"))
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pane = QScrollArea()
        self.pane.setWidget(self.image)
        self.pane.setWidgetResizable(True)
        self.where = QLabel("")
        self.previous = make_button(self.tr("上一页"))
        self.next = make_button(self.tr("下一页"))
        self.smaller = make_button(self.tr("缩小"))
        self.larger = make_button(self.tr("放大"))
        self.previous.clicked.connect(lambda: self.turn(-1))
        self.next.clicked.connect(lambda: self.turn(1))
        self.smaller.clicked.connect(lambda: self.set_zoom(self.zoom - 1))
        self.larger.clicked.connect(lambda: self.set_zoom(self.zoom + 1))
        bar = QHBoxLayout()
        for widget in (self.previous, self.where, self.next, self.smaller, self.larger):
            bar.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.pane, 1)
        layout.addLayout(bar)
        self._update_buttons()

    @property
    def pages(self) -> int:
        return max(0, self.document.pageCount())

    def show_pdf(self, name: str, data: bytes) -> bool:
        """Show a material's first page; False when the file is not a PDF Qt can read."""
        self.clear()
        self.title.setText(name)
        buffer = QBuffer(self)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(buffer)
        self._buffer = buffer  # the document reads from it while it is shown
        if self.document.status() != QPdfDocument.Status.Ready or not self.pages:
            self.image.setText(self.tr("该材料无法显示（文件不是可读的 PDF）。"))
            return False
        self.page = 0
        self._render()
        return True

    def clear(self) -> None:
        """Forget the file (a finished case's pages leave the screen and the memory)."""
        self.document.close()
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.setData(QByteArray())
            self._buffer = None
        self.image.setPixmap(QPixmap())
        self.image.setText(self.tr("请在右侧选择一份材料"))
        self.title.setText("")
        self.where.setText("")
        self._update_buttons()

    def turn(self, step: int) -> None:
        if self.pages and 0 <= self.page + step < self.pages:
            self.page += step
            self._render()

    def set_zoom(self, index: int) -> None:
        self.zoom = min(max(index, 0), len(ZOOMS) - 1)
        if self.pages:
            self._render()

    def _render(self) -> None:
        size = self.document.pagePointSize(self.page)
        width = max(200, self.pane.viewport().width() - 20) * ZOOMS[self.zoom]
        scale = width / max(1.0, size.width())
        image = self.document.render(
            self.page, QSize(int(size.width() * scale), int(size.height() * scale))
        )
        self.image.setPixmap(QPixmap.fromImage(image))
        self.where.setText(
            self.tr("第 %1 / %2 页")
            .replace("%1", str(self.page + 1))
            .replace("%2", str(self.pages))
        )
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.previous.setEnabled(self.page > 0)
        self.next.setEnabled(self.page + 1 < self.pages)
        self.smaller.setEnabled(bool(self.pages) and self.zoom > 0)
        self.larger.setEnabled(bool(self.pages) and self.zoom < len(ZOOMS) - 1)
