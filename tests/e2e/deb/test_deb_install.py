"""The Debian package for real: ``make deb`` builds it, apt installs it into a fresh Debian 12
root (so its Depends resolve against the mirror), ``kiosk doctor --json`` runs there, and the hub
starts as yimen-hub.service would start it (its ExecStart, its environment, as the user yimen,
with a notify socket standing in for systemd) and serves its OpenAPI document.

Opt-in (it builds a 160 MB package and installs it with its Depends): KIOSK_TEST_DEB=1, as
``make deb-check`` and .ci/run do. Needs root, mmdebstrap and the network to the mirror. Prints
how long each step took.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from debroot import Root, base_tarball, unit_command

from tests.host.notify_listener import NotifyListener

ROOT = Path(__file__).resolve().parents[3]
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not os.environ.get("KIOSK_TEST_DEB"), reason="opt-in: KIOSK_TEST_DEB=1"),
    pytest.mark.timeout(1500),
]
# The Qt modules the terminal imports, and the platforms it runs on: each must find every
# library it needs on the installed system (the package's Depends), not only in the wheel.
QT_MODULES = ("QtCore", "QtGui", "QtWidgets", "QtMultimedia", "QtPdf", "QtQuick",
              "QtQuickWidgets", "QtTextToSpeech")  # fmt: skip
QT_PLUGINS = ("platforms/libqwayland-generic.so", "platforms/libqxcb.so",
              "platforms/libqoffscreen.so", "texttospeech/libqtexttospeech_speechd.so",
              "platforminputcontexts/libqtvirtualkeyboardplugin.so")  # fmt: skip
SITE = "/opt/yimen/lib/python3.11/site-packages"


class Steps:
    """How long each step took, printed at the end."""

    def __init__(self) -> None:
        self.times: list[tuple[str, float]] = []

    def timed(self, name: str, started: float) -> None:
        self.times.append((name, time.monotonic() - started))

    def report(self) -> str:
        return "\n".join(f"  {name:<44} {seconds:7.1f} s" for name, seconds in self.times)


@pytest.fixture(scope="module")
def steps(pytestconfig: pytest.Config) -> Iterator[Steps]:
    taken = Steps()
    yield taken
    capture = pytestconfig.pluginmanager.getplugin("capturemanager")
    with capture.global_and_fixture_disabled():
        print(f"\nDebian package, step by step:\n{taken.report()}")


@pytest.fixture(scope="module")
def deb(steps: Steps) -> Path:
    started = time.monotonic()
    subprocess.run(
        ["make", "--no-print-directory", "deb", "DEB_COMPRESSION=zstd"],
        cwd=ROOT,
        check=True,
        timeout=1200,
        stdout=subprocess.DEVNULL,
    )
    (package,) = (ROOT / "build/deb").glob("yimen_*_amd64.deb")
    steps.timed(f"make deb ({package.stat().st_size / 1e6:.0f} MB, zstd)", started)
    return package


@pytest.fixture(scope="module")
def installed(deb: Path, steps: Steps, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Root]:
    started = time.monotonic()
    tarball, made = base_tarball()
    steps.timed("mmdebstrap bookworm (made)" if made else "mmdebstrap bookworm (cached)", started)
    started = time.monotonic()
    root = Root.unpack(tarball, tmp_path_factory.mktemp("deb") / "root")
    steps.timed("fresh root unpacked", started)
    try:
        started = time.monotonic()
        done = root.run("apt-get", "update", "-qq")
        assert done.returncode == 0, done.stderr
        steps.timed("apt-get update", started)
        root.restore_archives()
        (root.path / "tmp" / deb.name).write_bytes(deb.read_bytes())
        started = time.monotonic()
        done = root.run("apt-get", "install", "-y", "-qq", "--no-install-recommends",
                        f"/tmp/{deb.name}")  # fmt: skip
        assert done.returncode == 0, done.stdout + done.stderr
        steps.timed("apt-get install ./yimen.deb (with Depends)", started)
        assert "Next:" in done.stdout and "kiosk doctor" in done.stdout  # the postinst's advice
        root.keep_archives()
        yield root
    finally:
        root.remove()


def test_the_package_sets_up_its_user_groups_and_data_folder(installed: Root) -> None:
    groups = installed.run("id", "-nG", "yimen").stdout.split()
    assert {"yimen", "dialout", "lp", "video", "plugdev"} <= set(groups)
    data = installed.path / "var/lib/yimen"
    assert oct(data.stat().st_mode & 0o777) == "0o700"
    owner = installed.run("stat", "-c", "%U", "/var/lib/yimen").stdout.strip()
    assert owner == "yimen"
    conffiles = (installed.path / "var/lib/dpkg/info/yimen.conffiles").read_text().split()
    assert {"/etc/yimen/kiosk.toml", "/etc/default/yimen-hub"} <= set(conffiles)
    again = installed.run("dpkg-reconfigure", "yimen")  # the postinst again: idempotent
    assert again.returncode == 0, again.stderr


def test_the_terminals_qt_finds_every_library_it_needs(installed: Root, steps: Steps) -> None:
    started = time.monotonic()
    files = [f"{SITE}/PySide6/{m}.abi3.so" for m in QT_MODULES]
    files += [f"{SITE}/PySide6/Qt/plugins/{p}" for p in QT_PLUGINS]
    done = installed.run("ldd", *files)
    missing = sorted({line.strip() for line in done.stdout.splitlines() if "not found" in line})
    assert missing == [], missing
    imported = installed.run(
        "/opt/yimen/bin/python", "-c",
        "import PySide6.QtWidgets as w; app = w.QApplication(['t']); print(app.platformName())",
        env={"QT_QPA_PLATFORM": "offscreen"},
    )  # fmt: skip
    assert imported.stdout.strip() == "offscreen", imported.stderr
    steps.timed("ldd and a QApplication", started)


def test_every_library_of_the_packages_qt_is_found(installed: Root) -> None:
    # After the trim (packaging/trim_pyside6.py): nothing kept needs what went, nor a system
    # library the Depends leave out.
    done = installed.run("sh", "-c", f"find {SITE}/PySide6 -name '*.so*' -exec ldd {{}} +")
    missing = sorted({line.strip() for line in done.stdout.splitlines() if "not found" in line})
    assert missing == [], missing


def test_the_terminals_keyboard_pdfs_images_and_voice_run(installed: Root, steps: Steps) -> None:
    started = time.monotonic()
    probe = ROOT / "tests/packaging/qt_probe.py"
    (installed.path / "tmp/qt_probe.py").write_bytes(probe.read_bytes())
    done = installed.run(*as_yimen("/opt/yimen/bin/python", "/tmp/qt_probe.py"), timeout=120)
    steps.timed("Qt probe: keyboard, PDF, images, voice", started)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert found["keyboard_errors"] == [] and found["keys"], found
    assert found["typed"].startswith("你"), found
    assert "speechd" in found["speech_engines"], found
    assert {"png", "jpeg", "svg"} <= set(found["image_formats"]), found
    assert found["pdf_pages"] == 1, found


def test_kiosk_doctor_answers_in_json(installed: Root, steps: Steps) -> None:
    started = time.monotonic()
    done = installed.run(*as_yimen("/opt/yimen/bin/kiosk", "doctor", "--json"), timeout=120)
    steps.timed("kiosk doctor --json", started)
    assert done.returncode in (0, 1), done.stderr  # 1: no devices in a chroot
    findings = json.loads(done.stdout)
    checks = {finding["check"] for finding in findings}
    assert {"config", "disk"} <= checks, findings
    assert all(f["status"] in ("ok", "warn", "fail") for f in findings), findings
    assert "Traceback" not in done.stderr


def test_the_hub_starts_as_its_unit_would_and_serves_its_api(installed: Root, steps: Steps) -> None:
    unit = installed.path / "lib/systemd/system/yimen-hub.service"
    port = free_port()
    argv, env = unit_command(unit, installed.path, {"YIMEN_HUB_PORT": str(port)})
    assert argv[:3] == ["/opt/yimen/bin/kiosk", "hub", "serve"]
    assert "WatchdogSec=30" in unit.read_text() and "Type=notify" in unit.read_text()
    systemd = NotifyListener(installed.path / "run/yimen-test-notify")
    (installed.path / "run/yimen-test-notify").chmod(0o777)  # the hub runs as yimen
    started = time.monotonic()
    notify = {"NOTIFY_SOCKET": "/run/yimen-test-notify", "WATCHDOG_USEC": "30000000"}
    hub = installed.popen(*as_yimen(*argv), env={**env, **notify})
    try:
        systemd.wait_for("READY=1", 120)
        steps.timed("hub: ExecStart to READY=1", started)
        answer = requests.get(f"http://127.0.0.1:{port}/api/v1/openapi.json", timeout=30)
        assert answer.status_code == 200
        assert answer.json()["info"]["title"]
        steps.timed("hub: ExecStart to openapi.json 200", started)
        systemd.wait_for("WATCHDOG=1", 20)
    finally:
        hub.kill()  # unshare, and with it its namespace and everything in it
        output = hub.communicate(timeout=30)[0]
        systemd.close()
    assert "Traceback" not in output, output


def test_systemd_finds_nothing_wrong_with_the_units(installed: Root, steps: Steps) -> None:
    # A PC that runs the units has systemd; this minimal root has it only for this check.
    started = time.monotonic()
    done = installed.run("apt-get", "install", "-y", "-qq", "--no-install-recommends", "systemd")
    assert done.returncode == 0, done.stderr
    done = subprocess.run(
        [
            "systemd-analyze",
            "verify",
            f"--root={installed.path}",
            "yimen-hub.service",
            "yimen-kiosk.service",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    steps.timed("systemd (in the root) and systemd-analyze verify", started)
    assert done.returncode == 0, done.stderr
    assert "yimen" not in done.stderr, done.stderr


def as_yimen(*argv: str) -> list[str]:
    """As the units run it: the user yimen with its groups, HOME in its data folder."""
    return ["setpriv", "--reuid=yimen", "--regid=yimen", "--init-groups",
            "env", "HOME=/var/lib/yimen", "USER=yimen", *argv]  # fmt: skip


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
