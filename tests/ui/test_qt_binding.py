"""Guards against Qt binding releases that would crash a kiosk after hours of use."""

from __future__ import annotations

import sys

from PySide6.QtGui import QImage


def test_void_methods_keep_none_alive() -> None:
    # PySide6 6.12.0 decremented None's reference count on every void call; on Python 3.11 a
    # long-running kiosk then dies deallocating None. A thousand calls must leave it unchanged.
    image = QImage(8, 8, QImage.Format.Format_Mono)
    before = sys.getrefcount(None)
    for _ in range(1000):
        image.fill(0)
    assert abs(sys.getrefcount(None) - before) < 50
