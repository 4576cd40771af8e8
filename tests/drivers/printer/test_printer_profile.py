"""Printer profiles from the kiosk config, and errors that name the key and what is allowed."""

from __future__ import annotations

import pytest

from drivers.printer.errors import PrinterConfigError
from drivers.printer.profile import ChineseEncoding, PaperWidth, PrinterProfile, QrMode


def test_default_is_fs_gb18030_native_qr_80mm() -> None:
    profile = PrinterProfile.from_dict({})
    assert profile == PrinterProfile()
    assert profile.encoding is ChineseEncoding.GB18030_FS
    assert profile.qr is QrMode.NATIVE
    assert profile.paper is PaperWidth.MM80 and profile.cutter


def test_full_profile_round_trips() -> None:
    data = {"paper": "58mm", "encoding": "utf-8", "qr": "raster", "cutter": False, "timeout": 3}
    profile = PrinterProfile.from_dict(data)
    assert profile == PrinterProfile(
        PaperWidth.MM58, ChineseEncoding.UTF8, QrMode.RASTER, cutter=False, timeout=3.0
    )
    assert PrinterProfile.from_dict(profile.to_dict()) == profile
    assert PrinterProfile.from_dict({"paper": 58}).paper is PaperWidth.MM58


def test_paper_geometry() -> None:
    assert (PaperWidth.MM58.columns, PaperWidth.MM58.dots) == (32, 384)
    assert (PaperWidth.MM80.columns, PaperWidth.MM80.dots) == (48, 576)


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ({"paper": "76mm"}, "58mm or 80mm"),
        ({"encoding": "gbk"}, "gb18030-fs"),
        ({"qr": "image"}, "native or raster"),
        ({"cutter": "yes"}, "true or false"),
        ({"timeout": 0}, "seconds > 0"),
        ({"timeout": True}, "seconds > 0"),
        ({"status": "no"}, "printer status must be true or false"),
        ({"papr": "58mm"}, "unknown printer profile key(s) papr"),
    ],
)
def test_bad_profiles_say_what_is_allowed(data: dict[str, object], words: str) -> None:
    with pytest.raises(PrinterConfigError) as caught:
        PrinterProfile.from_dict(data)
    assert words in caught.value.message
    assert caught.value.exit_code == 2
