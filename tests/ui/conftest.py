"""UI test fixtures: a real terminal over the embedded hub on loopback, and a leak check."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from kiosk.app import Terminal, build_terminal, demo_settings
from kiosk.config import settings_from_dict
from ui.theme import apply_theme


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    # Qt's mock speech engine: prompts are "spoken" (and recorded) without a sound device.
    settings = demo_settings("hall", data_dir=tmp_path / "data", voice="mock")
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
    settings = demo_settings("community", data_dir=tmp_path / "community-data", voice="mock")
    with build_terminal(settings, printed_dir=tmp_path / "community-printed") as built:
        yield built


@pytest.fixture
def hub_outside(tmp_path: Path) -> Iterator[Any]:
    """A hub the test can stop and start again (same port), for a terminal that uses it by URL."""
    from hub.embedded import EmbeddedHub

    hub = EmbeddedHub(tmp_path / "outside-hub")
    hub.start()
    hub.port = int(hub.base_url.rsplit(":", 1)[1])  # a restart listens on the same port
    yield hub
    hub.stop()


@pytest.fixture
def terminal_on_outside_hub(tmp_path: Path, hub_outside: Any) -> Iterator[Terminal]:
    token_file = tmp_path / "token"
    token_file.write_text(hub_outside.register_terminal("HALL-K01"), encoding="utf-8")
    raw = demo_settings("hall", data_dir=tmp_path / "data", voice="mock").model_dump(mode="json")
    raw["api"].update(base_url=hub_outside.base_url, token_file=str(token_file))
    raw["api"].update(connect_timeout=1.0, read_timeout=5.0)
    raw["cases"]["wait_for_number"] = 2.0
    settings = settings_from_dict(raw, source="test (outside hub)", environ={})
    with build_terminal(settings, printed_dir=tmp_path / "printed") as built:
        yield built


@pytest.fixture
def terminal_with_identity_qr(tmp_path: Path, hub_outside: Any) -> Iterator[Terminal]:
    """A terminal whose (simulated) camera shows a citizen's dynamic identity QR from the hub."""
    token_file = tmp_path / "token"
    token_file.write_text(hub_outside.register_terminal("HALL-K02"), encoding="utf-8")
    code = hub_outside.issue_identity_code("王示例", "11010519491231002X", ttl_seconds=600)
    raw = demo_settings("hall", data_dir=tmp_path / "data", voice="mock").model_dump(mode="json")
    raw["api"].update(base_url=hub_outside.base_url, token_file=str(token_file))
    raw["devices"]["camera"] = "sim:" + code
    settings = settings_from_dict(raw, source="test (identity QR)", environ={})
    with build_terminal(settings, printed_dir=tmp_path / "printed") as built:
        yield built
