"""The virtual printer on output of other software (python-escpos directly) and edge cases."""

from __future__ import annotations

import contextlib
import io

import qrcode
import zxingcpp
from PIL import Image

from drivers.printer.profile import PaperWidth
from drivers.printer.render import render_escpos


def _python_escpos_job() -> bytes:
    from escpos.printer import Dummy

    p = Dummy()
    with contextlib.redirect_stdout(io.StringIO()):  # python-escpos print()s hints
        p.set(double_height=True, bold=True)
        p.text("Grüße café 5€\n")  # code pages chosen by python-escpos (ESC t)
        p.set(normal_textsize=True, align="right")
        p.textln("Ω right")
        qr = qrcode.make("graphics-qr", box_size=4, border=0).get_image().convert("L")
        p.set(align="left")
        p.image(qr, impl="graphics")  # GS ( L
        p.image(Image.new("L", (40, 24), 0), impl="bitImageColumn")  # ESC *
        p.barcode("12345670", "EAN8")
        p.cut()
    return p.output


def test_python_escpos_output_is_understood() -> None:
    job = render_escpos(_python_escpos_job(), PaperWidth.MM80, chinese_at_start=False)
    lines = job.transcript.splitlines()
    assert lines[:5] == [
        "Grüße café 5€",
        "Ω right",
        "[QR] graphics-qr",
        "[IMAGE 40x24]",
        "[BARCODE EAN8] 12345670",
    ]
    assert lines[-1] == "[CUT]" and set(lines[5:-1]) == {""}  # cut(feed=True): ESC d 6
    assert job.unknown == ()
    assert job.qr_payloads == ["graphics-qr"]
    barcodes = zxingcpp.read_barcodes(job.image)
    assert {(b.format.name, b.text) for b in barcodes} >= {("EAN8", "12345670")}


def test_overflowing_text_wraps_on_paper_and_is_counted() -> None:
    job = render_escpos(b"\x1b@" + b"x" * 40 + b"\n", PaperWidth.MM58)
    assert job.transcript == "x" * 32 + "\n" + "x" * 8 + "\n"
    assert job.wrapped_lines == 1


def test_alignment_places_text() -> None:
    import numpy as np

    def ink_columns(data: bytes) -> tuple[int, int]:
        pixels = np.asarray(render_escpos(data, PaperWidth.MM58).image)
        cols = np.where(pixels.min(axis=0) < 128)[0]
        return int(cols.min()), int(cols.max())

    left = ink_columns(b"\x1ba\x00AB\n")
    centre = ink_columns(b"\x1ba\x01AB\n")
    right = ink_columns(b"\x1ba\x02AB\n")
    assert left[0] < 16 + 12 and right[1] > 16 + 384 - 12
    assert abs((centre[0] + centre[1]) / 2 - (16 + 192)) < 6


def test_unknown_commands_are_reported() -> None:
    job = render_escpos(b"A\x1b\xee\n\x1dvX", PaperWidth.MM80)
    assert job.transcript == "A\n"
    assert job.unknown == (b"\x1b\xee", b"\x1dvX")
