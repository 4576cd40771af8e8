"""UI test fixtures: a real terminal over the embedded hub on loopback, and a leak check."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from kiosk.app import Terminal, build_terminal, demo_settings
from ui.theme import apply_theme


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    settings = demo_settings("hall", data_dir=tmp_path / "data")
    with build_terminal(settings, printed_dir=tmp_path / "printed") as built:
        yield built


@pytest.fixture
def themed(qapp: QApplication) -> QApplication:
    apply_theme(qapp)
    return qapp


@pytest.fixture(autouse=True)
def no_leaked_windows(qapp: QApplication) -> Iterator[None]:
    """Fail a test that leaves top-level widgets behind (napari's make_napari_viewer habit)."""
    before = set(qapp.topLevelWidgets())
    yield
    qapp.processEvents()
    leaked = [w for w in qapp.topLevelWidgets() if w not in before and w.isVisible()]
    for widget in leaked:
        widget.close()
    assert not leaked, f"top-level widgets left open: {leaked}"


@pytest.fixture
def community_terminal(tmp_path: Path) -> Iterator[Terminal]:
    """A community service point (代办 workers configured) over its own embedded hub."""
    settings = demo_settings("community", data_dir=tmp_path / "community-data")
    with build_terminal(settings, printed_dir=tmp_path / "community-printed") as built:
        yield built
