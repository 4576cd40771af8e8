"""A TCP printer emulator per test, on an ephemeral port, writing into a temp folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from drivers.printer.emulator import PrinterEmulator
from drivers.printer.profile import PaperWidth


@pytest.fixture
def emulator(tmp_path: Path) -> Iterator[PrinterEmulator]:
    with PrinterEmulator(tmp_path / "jobs", paper=PaperWidth.MM80) as emu:
        yield emu


@pytest.fixture
def emulator58(tmp_path: Path) -> Iterator[PrinterEmulator]:
    with PrinterEmulator(tmp_path / "jobs58", paper=PaperWidth.MM58) as emu:
        yield emu
