from __future__ import annotations

import numpy as np
import zxingcpp

from ui.widgets.qr_label import qr_image


def test_qr_on_screen_decodes_to_its_payload(qapp: object) -> None:
    url = "http://127.0.0.1:8700/q/7f3a9c"
    image = qr_image(url, 300)
    width, height = image.width(), image.height()
    assert 150 <= width <= 300 and width == height
    row_bytes = image.bytesPerLine()
    buffer = np.frombuffer(image.constBits(), dtype=np.uint8).reshape(height, row_bytes)
    padded = np.pad(buffer[:, :width], 20, constant_values=255)
    assert [r.text for r in zxingcpp.read_barcodes(padded)] == [url]
