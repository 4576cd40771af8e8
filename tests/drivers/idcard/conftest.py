"""A GA 467 reader emulator on a pty, behind a stable symlink (so it can be unplugged/replugged)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from drivers.idcard.emulator import ReaderEmulator


@pytest.fixture
def emulator(tmp_path: Path) -> Iterator[ReaderEmulator]:
    emu = ReaderEmulator(link=tmp_path / "ttyIDCARD").start()
    yield emu
    emu.stop()
