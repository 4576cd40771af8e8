"""A label that shows a QR code, drawn crisp at any size (module-exact scaling)."""

from __future__ import annotations

import qrcode
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QLabel, QWidget


def qr_image(text: str, size: int) -> QImage:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2)
    code.add_data(text)
    code.make(fit=True)
    matrix = code.get_matrix()
    n = len(matrix)
    pixels = bytes(0 if dark else 255 for row in matrix for dark in row)
    # QImage does not own the buffer: copy() before `pixels` goes away.
    image = QImage(pixels, n, n, n, QImage.Format.Format_Grayscale8).copy()
    scale = max(1, size // n)
    return image.scaled(n * scale, n * scale, mode=Qt.TransformationMode.FastTransformation)


class QrLabel(QLabel):
    def __init__(self, size: int = 320, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._size = size
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setFixedSize(size, size)
        self.text_value = ""

    def set_payload(self, text: str) -> None:
        self.text_value = text
        if text:
            self.setPixmap(QPixmap.fromImage(qr_image(text, self._size)))
        else:
            self.clear()
