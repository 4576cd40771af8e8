"""Uses each part of Qt the terminal needs and prints what it found, as JSON: run by
tests/packaging with a trimmed copy of PySide6, and inside the installed Debian package by
tests/e2e/deb (so it imports only PySide6 and ``ui``, never the tests).

Run: python qt_probe.py (offscreen; exit 0 when it could run at all, the findings say the rest).
"""

from __future__ import annotations

import importlib
import json
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# The smallest PDF of one page (a material the counter's viewer shows).
ONE_PAGE_PDF = b"""%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj
trailer << /Root 1 0 R >>
%%EOF
"""


def probe() -> dict[str, object]:
    from ui.widgets.virtual_keyboard import prepare_environment

    prepare_environment()
    from PySide6.QtCore import QEventLoop, QPointF, Qt, QTimer
    from PySide6.QtGui import QImageReader, QMouseEvent
    from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

    app = QApplication(["qt_probe"])
    found: dict[str, object] = {}
    modules = ("QtMultimedia", "QtPdf", "QtQuick", "QtQuickWidgets", "QtSvg", "QtTextToSpeech")
    for name in modules:
        importlib.import_module(f"PySide6.{name}")
    found["modules"] = list(modules)
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtTextToSpeech import QTextToSpeech

    found["speech_engines"] = QTextToSpeech.availableEngines()
    formats = QImageReader.supportedImageFormats()
    found["image_formats"] = sorted(bytes(f.data()).decode() for f in formats)
    with tempfile.TemporaryDirectory() as work:
        pdf = Path(work) / "one.pdf"
        pdf.write_bytes(ONE_PAGE_PDF)
        document = QPdfDocument()
        document.load(str(pdf))
        found["pdf_pages"] = document.pageCount()

    from ui.widgets.keyboard_panel import KeyboardPanel

    window = QWidget()
    layout = QVBoxLayout(window)
    field = QLineEdit()
    panel = KeyboardPanel()
    layout.addWidget(field)
    layout.addWidget(panel)
    window.resize(1080, 900)
    window.show()
    found["keyboard_errors"] = [error.toString() for error in panel.errors()]
    field.setFocus()

    def settle(seconds: float) -> None:
        loop = QEventLoop()
        QTimer.singleShot(int(seconds * 1000), loop.quit)
        loop.exec()

    def tap(label: str) -> bool:
        for _ in range(50):  # the keyboard's QML loads on its own thread
            point = panel.key_center(label)
            if point is not None:
                break
            settle(0.2)
        else:
            return False
        for kind in (QMouseEvent.Type.MouseButtonPress, QMouseEvent.Type.MouseButtonRelease):
            event = QMouseEvent(kind, QPointF(point), QPointF(panel.mapToGlobal(point)),
                                Qt.MouseButton.LeftButton, Qt.MouseButton.LeftButton,
                                Qt.KeyboardModifier.NoModifier)  # fmt: skip
            QApplication.sendEvent(panel, event)
            settle(0.05)
        return True

    found["keys"] = all(tap(key) for key in ("n", "i", "简体中文"))  # the space bar commits
    for _ in range(25):
        if field.text():
            break
        settle(0.2)
    found["typed"] = field.text()
    window.close()
    del app
    return found


if __name__ == "__main__":
    print(json.dumps(probe(), ensure_ascii=False))
    sys.stdout.flush()
    os._exit(0)  # no Qt teardown: the findings are out
