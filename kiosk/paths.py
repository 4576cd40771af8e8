"""Where a terminal keeps its data: the outbox, the embedded hub's database, printed previews.

Installed terminals use /var/lib/yimen (created by the Debian package); a developer's or demo run
uses the per-user data directory, so nothing needs root.
"""

from __future__ import annotations

import os
from pathlib import Path

CONFIG_FILE = "/etc/yimen/kiosk.toml"  # what `kiosk run` and `kiosk doctor` read by default
SYSTEM_DATA_DIR = Path("/var/lib/yimen")
SYSTEM_LOG_DIR = Path("/var/log/yimen")
APP_NAME = "yimen-kiosk"


def data_dir(configured: str = "") -> Path:
    """The data directory, created if missing (mode 0700: it holds personal data at rest)."""
    path = data_dir_path(configured)
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def data_dir_path(configured: str = "") -> Path:
    """Which directory :func:`data_dir` would use, without creating it (kiosk doctor)."""
    if configured:
        return Path(configured)
    if SYSTEM_DATA_DIR.is_dir() and os.access(SYSTEM_DATA_DIR, os.W_OK):
        return SYSTEM_DATA_DIR
    import platformdirs  # a developer's or demo run only

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    """Where the terminal's log files go: /var/log/yimen when installed, else a user directory."""
    if SYSTEM_LOG_DIR.is_dir() and os.access(SYSTEM_LOG_DIR, os.W_OK):
        path = SYSTEM_LOG_DIR
    else:
        import platformdirs

        path = Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True, mode=0o750)
    return path


def example_config(mode: str) -> Path:
    """The shipped example configuration for ``mode`` (hall, community, counter, rating-pad)."""
    candidates = [
        Path(__file__).resolve().parent.parent / "config",  # source checkout / editable install
        Path("/usr/share/yimen/config"),  # Debian package
    ]
    for folder in candidates:
        path = folder / f"{mode}.toml"
        if path.is_file():
            return path
    return candidates[0] / f"{mode}.toml"
