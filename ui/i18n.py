"""Chinese first, English through Qt Linguist.

Sources are Chinese (``self.tr("结束办理")``); ``ui/translations/yimen_en.ts`` holds the English,
edited with Qt Linguist and refreshed with ``make translations`` (pyside6-lupdate). The build
compiles it to ``.qm`` (pyside6-lrelease); a checkout that has not been built compiles it on first
use into the user cache, so a fresh clone shows English too.
"""

from __future__ import annotations

import logging
import shutil
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

from kiosk.children import run_bounded

logger = logging.getLogger(__name__)

TS_DIR = Path(__file__).resolve().parent / "translations"
LANGUAGES = {"zh_CN": None, "en": "yimen_en"}


def compiled(name: str) -> Path | None:
    """The .qm for ``name``: beside the .ts when built, else compiled into the user cache."""
    ts = TS_DIR / f"{name}.ts"
    qm = TS_DIR / f"{name}.qm"
    if qm.exists() and (not ts.exists() or qm.stat().st_mtime >= ts.stat().st_mtime):
        return qm
    if not ts.exists():
        return None
    # A checkout that has not been built: compiled once into the user cache.
    cache = cache_dir() / f"{name}.qm"
    if cache.exists() and cache.stat().st_mtime >= ts.stat().st_mtime:
        return cache
    return cache if lrelease(ts, cache) else None


def cache_dir() -> Path:
    """Where translations compiled at run time are kept (the user's cache)."""
    import platformdirs

    return Path(platformdirs.user_cache_dir("yimen-kiosk", appauthor=False))


def lrelease(ts: Path, qm: Path) -> bool:
    """Compile ``ts`` into ``qm`` with pyside6-lrelease; False (logged) if it cannot. The .qm
    appears whole or not at all: another process may be reading it."""
    import subprocess
    import tempfile

    qm.parent.mkdir(parents=True, exist_ok=True)
    tool = shutil.which("pyside6-lrelease") or str(
        Path(sys.executable).with_name("pyside6-lrelease")
    )
    with tempfile.TemporaryDirectory(dir=qm.parent) as work:
        made = Path(work) / qm.name
        try:
            done = run_bounded([tool, "-silent", str(ts), "-qm", str(made)], 60, capture=True)
            if done.returncode != 0:
                raise subprocess.CalledProcessError(done.returncode, tool, done.stdout, done.stderr)
        except (OSError, subprocess.SubprocessError) as exc:
            logger.error("cannot compile %s: %s", ts.name, exc)
            return False
        made.replace(qm)
    return True


class Languages:
    """Installs the translator for the current language on the application."""

    def __init__(self, initial: str) -> None:
        self.current = "zh_CN"
        self._translator: QTranslator | None = None
        self.switch(initial)

    def switch(self, locale: str) -> None:
        app = QCoreApplication.instance()
        if self._translator is not None and app is not None:
            app.removeTranslator(self._translator)
            self._translator = None
        self.current = locale
        name = LANGUAGES.get(locale)
        if name is None or app is None:
            return
        path = compiled(name)
        translator = QTranslator(app)
        if path is None or not translator.load(str(path)):
            logger.error("no %s translation available; showing Chinese", locale)
            return
        app.installTranslator(translator)
        self._translator = translator
