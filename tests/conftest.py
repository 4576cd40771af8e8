"""Test-wide settings: Qt offscreen, no personal data in logs, a private data directory."""

from __future__ import annotations

import os

# Must be set before any Qt import anywhere in the test session.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_ACCESSIBILITY", "0")

from ui.widgets.virtual_keyboard import prepare_environment

prepare_environment()
