"""packaging/trim_pyside6.py, the Debian package's cut of PySide6, on a copy of this
environment's PySide6 (the same wheels, from constraints.txt): what goes is what the terminal
never uses, and what stays still runs its screens, keyboard, PDFs, images and voice."""

from __future__ import annotations

import ast
import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
APP = ("contract", "kiosk", "drivers", "ui", "hub", "host")


def load_trimmer() -> ModuleType:
    path = ROOT / "packaging/trim_pyside6.py"
    spec = importlib.util.spec_from_file_location("trim_pyside6", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


trim = load_trimmer()


def pyside6_modules_the_app_imports() -> set[str]:
    """Every ``PySide6.QtX`` the application imports: statements, lazy imports inside functions,
    and names handed to importlib as strings."""
    found: set[str] = set()
    for package in APP:
        for source in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(source.read_text(), str(source))):
                names: list[str] = []
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module]
                    if node.module == "PySide6":
                        names = [f"PySide6.{alias.name}" for alias in node.names]
                elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                    names = [node.value]
                found |= {n.split(".")[1] for n in names if n.startswith("PySide6.Qt")}
    return found


def test_every_pyside6_module_the_app_imports_is_kept() -> None:
    used = pyside6_modules_the_app_imports()
    assert {"QtCore", "QtWidgets", "QtPdf", "QtTextToSpeech"} <= used  # the scan sees them
    assert used <= set(trim.BINDINGS), f"add to BINDINGS: {sorted(used - set(trim.BINDINGS))}"


@pytest.fixture(scope="module")
def trimmed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy (hard links where it can) of this environment's PySide6 and shiboken6, trimmed."""
    import PySide6
    import shiboken6

    site = tmp_path_factory.mktemp("site")
    for package in (PySide6, shiboken6):
        assert package.__file__ is not None
        source = Path(package.__file__).parent
        shutil.copytree(source, site / source.name, copy_function=link_or_copy, symlinks=True)
    bin_dir = site / "bin"
    bin_dir.mkdir()
    for tool in ("pyside6-lrelease", "pyside6-designer"):
        (bin_dir / tool).write_text("#!/bin/sh\n")
    assert trim.main([str(site), "--bin", str(bin_dir)]) == 0
    assert [p.name for p in bin_dir.iterdir()] == ["pyside6-lrelease"]
    return site


def link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def test_what_the_terminal_never_runs_is_gone(trimmed: Path) -> None:
    qt = trimmed / "PySide6/Qt"
    for gone in ("lib/libQt6WebEngineCore.so.6", "lib/libQt63DCore.so.6", "lib/libQt6Charts.so.6",
                 "lib/libQt6Designer.so.6", "resources", "libexec", "qml/QtQuick3D",
                 "qml/QtQuick/Controls", "translations/qtwebengine_locales",
                 "plugins/sqldrivers"):  # fmt: skip
        assert not (qt / gone).exists(), gone
    for gone in ("QtWebEngineCore.abi3.so", "Qt3DCore.abi3.so", "designer", "include"):
        assert not (trimmed / "PySide6" / gone).exists(), gone
    # Each of ffmpeg's libraries once, under the name that is loaded (the wheel has three copies).
    assert sorted(p.name for p in (qt / "lib").glob("libavcodec*")) == ["libavcodec.so.61"]
    size = sum(f.stat().st_size for f in (trimmed / "PySide6").rglob("*") if f.is_file())
    assert size < 200e6  # 650 MB untrimmed


def test_what_stays_runs_the_terminals_qt(trimmed: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("qt_probe.py"))],
        env={**os.environ, "PYTHONPATH": f"{trimmed}{os.pathsep}{ROOT}"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert found["keyboard_errors"] == [] and found["keys"], found
    assert found["typed"].startswith("你"), found  # pinyin, with its dictionary
    assert "speechd" in found["speech_engines"], found
    assert {"png", "jpeg", "svg"} <= set(found["image_formats"]), found
    assert found["pdf_pages"] == 1, found


def test_lrelease_stays_and_compiles_the_translation(trimmed: Path, tmp_path: Path) -> None:
    qm = tmp_path / "yimen_en.qm"
    ts = ROOT / "ui/translations/yimen_en.ts"
    done = subprocess.run(
        [str(trimmed / "PySide6/lrelease"), "-silent", str(ts), "-qm", str(qm)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert qm.stat().st_size > 1000


def test_a_library_still_needed_but_gone_is_reported(trimmed: Path, tmp_path: Path) -> None:
    pyside = tmp_path / "PySide6"
    shutil.copytree(trimmed / "PySide6", pyside, copy_function=link_or_copy, symlinks=True)
    shipped = {path.name for path in trim.elves(pyside)}
    assert trim.missing_libraries(pyside, shipped) == []
    (pyside / "Qt/lib/libQt6QmlModels.so.6").unlink()
    missing = trim.missing_libraries(pyside, shipped)
    assert (Path("Qt/lib/libQt6Quick.so.6"), "libQt6QmlModels.so.6") in missing
