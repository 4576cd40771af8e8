"""A fresh Debian 12 root to install the package into: made by mmdebstrap from this machine's
apt sources once and kept as a tarball in ~/.cache/yimen/deb, unpacked anew for every run.

Commands run in it through ``unshare``: a mount namespace of their own (/proc, /dev and /run
mounted there vanish with it, the host sees nothing) and a PID namespace, so that whatever a
command leaves running dies with it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "yimen" / "deb"
SOURCES = Path("/etc/apt/sources.list.d/debian.sources")  # this machine's mirror
BASE_MAX_AGE_DAYS = 30  # then made again: apt-get upgrade would otherwise grow with the gap

# In the namespaces: the kernel's file systems the packages' scripts expect, then chroot. The
# shell stays as the namespace's first process, as root: killed with unshare (--kill-child), it
# takes every process in the namespace with it (a command that changed its user would have lost
# the parent-death signal).
ENTER = (
    'root=$1; shift; mount -t proc proc "$root/proc"; mount --rbind /dev "$root/dev";'
    ' chroot "$root" "$@"'
)
APT_ENV = {
    "DEBIAN_FRONTEND": "noninteractive",
    "PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
    "LANG": "C.UTF-8",
}


def base_tarball() -> tuple[Path, bool]:
    """The cached minimal root (mmdebstrap --variant=apt); True when it was made just now."""
    CACHE.mkdir(parents=True, exist_ok=True)
    tarball = CACHE / "bookworm.tar"
    fresh = tarball.exists() and time.time() - tarball.stat().st_mtime < BASE_MAX_AGE_DAYS * 86400
    if fresh:
        return tarball, False
    partial = CACHE / "bookworm-partial.tar"
    subprocess.run(
        [
            "mmdebstrap",
            "--quiet",
            "--variant=apt",
            "--include=ca-certificates",
            "bookworm",
            str(partial),
            str(SOURCES),
        ],
        check=True,
        timeout=600,
        cwd=CACHE,
    )
    partial.rename(tarball)
    return tarball, True


class Root:
    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def unpack(cls, tarball: Path, path: Path) -> Root:
        path.mkdir()
        subprocess.run(
            ["tar", "--numeric-owner", "-xpf", str(tarball), "-C", str(path)], check=True
        )
        shutil.copy("/etc/resolv.conf", path / "etc/resolv.conf")
        # No daemon of a package (pcscd, cups…) starts in here.
        policy = path / "usr/sbin/policy-rc.d"
        policy.write_text("#!/bin/sh\nexit 101\n")
        policy.chmod(0o755)
        return cls(path)

    def command(self, argv: Sequence[str]) -> list[str]:
        return ["unshare", "--mount", "--pid", "--fork", "--kill-child",
                "sh", "-ec", ENTER, "enter", str(self.path), *argv]  # fmt: skip

    def run(
        self, *argv: str, env: Mapping[str, str] | None = None, timeout: float = 600
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            self.command(argv),
            env={**APT_ENV, **(env or {})},
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def popen(self, *argv: str, env: Mapping[str, str] | None = None) -> subprocess.Popen[str]:
        """Started in the root; ``kill()`` it to end it and all it started (unshare ignores
        SIGTERM)."""
        return subprocess.Popen(
            self.command(argv),
            env={**APT_ENV, **(env or {})},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )

    def restore_archives(self) -> None:
        """The packages downloaded by earlier runs, so that apt fetches only what changed."""
        cached = CACHE / "archives"
        if cached.is_dir():
            target = self.path / "var/cache/apt/archives"
            for deb in cached.glob("*.deb"):
                shutil.copy2(deb, target / deb.name)

    def keep_archives(self) -> None:
        cached = CACHE / "archives"
        cached.mkdir(parents=True, exist_ok=True)
        for old in cached.glob("*.deb"):
            old.unlink()
        for deb in (self.path / "var/cache/apt/archives").glob("*.deb"):
            shutil.copy2(deb, cached / deb.name)

    def remove(self) -> None:
        # Nothing is mounted here from the host's view (the mounts lived in the commands' own
        # namespace); refuse all the same rather than delete through a mount.
        for mount in ("proc", "dev"):
            assert not os.path.ismount(self.path / mount), self.path / mount
        shutil.rmtree(self.path)


def unit_command(unit: Path, root: Path, overrides: Mapping[str, str]) -> tuple[list[str], dict]:
    """ExecStart of a unit as systemd would run it: ``Environment=``, then the
    ``EnvironmentFile=`` (read in ``root``), then ``overrides``; ``${X}`` is one word, ``$X``
    splits on white space (and vanishes when empty), as systemd.service(5) says."""
    env: dict[str, str] = {}
    exec_start = ""
    for line in unit.read_text().splitlines():
        key, _, value = line.partition("=")
        if key == "Environment":
            for assignment in value.split():
                name, _, val = assignment.partition("=")
                env[name] = val
        elif key == "EnvironmentFile":
            path = root / value.lstrip("-").lstrip("/")
            if path.exists():
                for setting in path.read_text().splitlines():
                    if setting.strip() and not setting.lstrip().startswith("#"):
                        name, _, val = setting.partition("=")
                        env[name.strip()] = val.strip().strip('"')
        elif key == "ExecStart":
            exec_start = value
    env.update(overrides)
    argv: list[str] = []
    for word in exec_start.split():
        if word.startswith("${") and word.endswith("}"):
            argv.append(env[word[2:-1]])
        elif word.startswith("$"):
            argv.extend(env[word[1:]].split())
        else:
            argv.append(word)
    return argv, env
