"""PySide6 cut down to what the terminal uses, for the Debian package (debian/rules runs it on
the package's environment after pip install).

PySide6's two wheels bring all of Qt: WebEngine alone is a 200 MB library, 25 MB of resources
and 44 MB of translations, and Qt 3D, Quick 3D, Charts, Graphs, Designer, Location… come with it.
The terminal imports a few modules (BINDINGS), loads one QML file (QML_IMPORTS: the virtual
keyboard) and needs Qt's plugins for its screens, images, sound and voice (PLUGINS). What they
need, library by library (ELF NEEDED) and QML module by QML module (qmldir and its QML's
imports), is kept; everything else of Qt goes, with Qt's build tools, headers and type stubs.

Run: python3 trim_pyside6.py SITE_PACKAGES [--bin VENV_BIN] [--dry-run]. It ends by checking
that every library a kept file needs from the wheels is still there, and fails if one is not.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

# The PySide6 modules the application imports (tests/packaging checks this against the code),
# QtSvg for SVG images and icons.
BINDINGS = ("QtCore", "QtGui", "QtWidgets", "QtMultimedia", "QtPdf", "QtQuick",
            "QtQuickWidgets", "QtTextToSpeech", "QtSvg")  # fmt: skip
# What ui/widgets/keyboard_panel.qml imports.
QML_IMPORTS = ("QtQml", "QtQuick", "QtQuick.VirtualKeyboard", "QtQuick.VirtualKeyboard.Settings")
# Qt's plugin folders the terminal loads from: its displays (Wayland under cage, X11, offscreen;
# not EGLFS straight on the GPU, whose KMS plugin needs a library the wheel lacks), the virtual
# keyboard as input context, images and icons, sound (QSoundEffect), the voice
# (speech-dispatcher), TLS and network state for QtNetwork. No desktop themes: the GTK one would
# need GTK, and under cage there is no desktop.
PLUGINS = ("platforms", "platforminputcontexts", "xcbglintegrations",
           "wayland-decoration-client", "wayland-graphics-integration-client",
           "wayland-shell-integration", "generic", "imageformats", "iconengines", "multimedia",
           "texttospeech", "tls", "networkinformation")  # fmt: skip
# ui.i18n compiles a translation with it when the built one is missing or older.
TOOLS = ("lrelease",)
# Qt's own catalogues for the terminal's two languages (nothing loads the others).
TRANSLATIONS = re.compile(r"qt(base|multimedia|declarative|virtualkeyboard)?_(zh_CN|en)\.qm")
# For building with Qt, not for running: headers, code generator input, type stubs, tools.
BUILD_ONLY = ("include", "typesystems", "glue", "doc", "Qt/libexec", "Qt/metatypes")
# Of PySide6's scripts, what bin/pyside6-lrelease runs (the others: deploy, project, qml…).
SCRIPTS = ("__init__.py", "pyside_tool.py", "__pycache__")

QMLDIR_IMPORT = re.compile(r"^\s*(?:optional\s+)?(?:import|depends)\s+([A-Za-z_][\w.]*)", re.M)
QML_IMPORT = re.compile(r"^\s*import\s+([A-Za-z_][\w.]*)", re.M)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site_packages", type=Path)
    parser.add_argument("--bin", type=Path, help="the environment's bin: its pyside6-* scripts")
    parser.add_argument("--dry-run", action="store_true", help="list what would go, remove none")
    args = parser.parse_args(argv)
    pyside = args.site_packages / "PySide6"
    if not (pyside / "Qt" / "lib").is_dir():
        print(f"trim_pyside6: no PySide6 with its Qt in {args.site_packages}", file=sys.stderr)
        return 2
    shipped = {path.name for path in elves(pyside)}
    doomed = sorted(unused(pyside, args.bin))
    freed = sum(size(path) for path in doomed)
    if args.dry_run:
        print("\n".join(str(path) for path in doomed))
    else:
        for path in doomed:
            remove(path)
        prune_empty(pyside / "Qt")
    print(f"trim_pyside6: {len(doomed)} files and folders, {freed / 1e6:.0f} MB", file=sys.stderr)
    if args.dry_run:
        return 0
    missing = missing_libraries(pyside, shipped)
    for file, library in missing:
        print(f"trim_pyside6: {file} needs {library}, which is gone", file=sys.stderr)
    return 1 if missing else 0


def unused(pyside: Path, bin_dir: Path | None = None) -> Iterator[Path]:
    """Every file and folder of PySide6 (and pyside6-* script in bin_dir) the terminal does not
    need."""
    qt = pyside / "Qt"
    modules = qml_modules(qt / "qml")
    kept_qml = qml_closure(modules, QML_IMPORTS)
    seeds = [pyside / f"{name}.abi3.so" for name in BINDINGS]
    seeds += [pyside / tool for tool in TOOLS]
    seeds += [f for name in PLUGINS if (qt / "plugins" / name).is_dir()
              for f in elves(qt / "plugins" / name)]  # fmt: skip
    seeds += [f for name in kept_qml for f in elves_of_module(modules[name])]
    libraries = library_closure(seeds, [qt / "lib", pyside])
    # The bindings of the libraries kept (libQt6Qml.so.6: QtQml.abi3.so): QtQuick's imports QtQml.
    kept_bindings = {f"{name}.abi3.so" for name in BINDINGS}
    kept_bindings |= {f"Qt{lib.name[6:].split('.')[0]}.abi3.so" for lib in libraries}

    for path in pyside.iterdir():
        if path.name.endswith(".abi3.so") and path.name.startswith("Qt"):
            if path.name not in kept_bindings:
                yield path
        elif path.suffix == ".pyi":
            yield path
        elif path.is_file() and is_elf(path) and path.name not in TOOLS and path not in libraries:
            yield path  # designer, qmlls… (not the libpyside6 libraries)
    for name in BUILD_ONLY:
        if (pyside / name).exists():
            yield pyside / name
    for path in (pyside / "scripts").iterdir():
        if path.name not in SCRIPTS:
            yield path
    for path in (qt / "lib").iterdir():
        if path not in libraries:
            yield path
    for path in (qt / "plugins").iterdir():
        if path.name not in PLUGINS:
            yield path
    for name, folder in modules.items():
        if name not in kept_qml:
            yield from module_files(folder)
    if (qt / "resources").exists():
        yield qt / "resources"  # WebEngine's
    for path in (qt / "translations").iterdir():
        if not TRANSLATIONS.fullmatch(path.name):
            yield path
    if bin_dir is not None:
        for script in bin_dir.glob("pyside6-*"):
            if script.name.removeprefix("pyside6-") not in TOOLS:
                yield script


def qml_modules(qml: Path) -> dict[str, Path]:
    """Each QML module (a folder with a qmldir) by its dotted name."""
    return {
        ".".join(qmldir.parent.relative_to(qml).parts): qmldir.parent
        for qmldir in qml.rglob("qmldir")
    }


def qml_closure(modules: dict[str, Path], roots: Iterable[str]) -> set[str]:
    """The modules ``roots`` import, and those they import, as their qmldir and QML files say."""
    kept: set[str] = set()
    todo = [name for name in roots if name in modules]
    while todo:
        name = todo.pop()
        if name in kept:
            continue
        kept.add(name)
        text = (modules[name] / "qmldir").read_text()
        found = QMLDIR_IMPORT.findall(text)
        for qml_file in module_files(modules[name]):
            if qml_file.suffix == ".qml":
                found += QML_IMPORT.findall(qml_file.read_text(errors="replace"))
        todo += [other for other in found if other in modules and other not in kept]
    return kept


def module_files(folder: Path) -> Iterator[Path]:
    """The files of the QML module in ``folder``: not those of modules in its sub-folders."""
    for path in folder.iterdir():
        if path.is_dir():
            if not any(path.rglob("qmldir")):
                yield from (f for f in path.rglob("*") if f.is_file())
        else:
            yield path


def elves_of_module(folder: Path) -> list[Path]:
    return [f for f in module_files(folder) if f.suffix == ".so" or ".so." in f.name]


def elves(folder: Path) -> list[Path]:
    return [f for f in folder.rglob("*") if f.is_file() and is_elf(f)]


def is_elf(path: Path) -> bool:
    with path.open("rb") as file:
        return file.read(4) == b"\x7fELF"


def needed(path: Path) -> list[str]:
    """The shared libraries ``path`` names as NEEDED."""
    out = subprocess.run(
        ["readelf", "--dynamic", "--wide", str(path)],
        capture_output=True,
        text=True,
        check=True,
        env={"LC_ALL": "C"},
    ).stdout
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out)


def library_closure(seeds: Iterable[Path], folders: list[Path]) -> set[Path]:
    """The wheels' libraries (in ``folders``) the ``seeds`` need, directly or not."""
    kept: set[Path] = set()
    todo = list(seeds)
    seen: set[Path] = set()
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        for name in needed(path):
            for folder in folders:
                if (folder / name).exists():
                    kept.add(folder / name)
                    todo.append(folder / name)
                    break
    return kept


def missing_libraries(pyside: Path, shipped: set[str]) -> list[tuple[Path, str]]:
    """(file, library) for each library the wheels shipped (``shipped``: their file names) that
    a remaining file needs and that is gone. (One plugin of the wheels needs a library they never
    had; the system has none either: that is not ours to report.)"""
    present = {path.name for path in elves(pyside)}
    return [
        (file.relative_to(pyside), name)
        for file in elves(pyside)
        for name in needed(file)
        if name in shipped and name not in present
    ]


def size(path: Path) -> int:
    if path.is_dir() and not path.is_symlink():
        return sum(f.lstat().st_size for f in path.rglob("*") if not f.is_dir())
    return path.lstat().st_size


def remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


def prune_empty(top: Path) -> None:
    for folder in sorted((p for p in top.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()


if __name__ == "__main__":
    sys.exit(main())
