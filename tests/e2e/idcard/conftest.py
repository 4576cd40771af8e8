"""Fixtures for the PC/SC tests: one pcscd for the session (started here if none runs) and a
vpcd slot that inserts the project's own virtual cards."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from idcard_vpcd import Pcscd, VpcdSlot, wait_until_empty

from drivers.idcard.emulator import ReaderEmulator


@pytest.fixture(scope="session")
def pcscd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pcscd]:
    daemon = Pcscd(Path(tmp_path_factory.mktemp("pcscd")))
    daemon.start()
    yield daemon
    daemon.stop()


@pytest.fixture
def vpcd(pcscd: Pcscd) -> Iterator[VpcdSlot]:
    wait_until_empty()  # a card left by an earlier test must not be read as this test's card
    slot = VpcdSlot()
    yield slot
    slot.remove()
    wait_until_empty()


@pytest.fixture
def emulator(tmp_path: Path) -> Iterator[ReaderEmulator]:
    """A GA 467 reader emulator on a pty, behind a stable symlink (unplug/replug keep the path)."""
    emu = ReaderEmulator(link=tmp_path / "ttyIDCARD").start()
    yield emu
    emu.stop()
