"""A private CUPS for the tests and the notice bench: its own cupsd with cups-pdf queues.

The machine's own CUPS (if any) is neither used nor changed: the scheduler reads its
configuration from a temporary folder (``cupsd -f -c cupsd.conf -s cups-files.conf``), keeps its
spool, cache, state, printcap and logs there, and listens on a Unix socket in it (and on
127.0.0.1 at a free port, for clients that name a host and port).

cups-pdf reads its settings from a file compiled into it: /etc/cups/cups-pdf.conf, or, for a
queue whose device is ``cups-pdf:/NAME``, /etc/cups/cups-pdf-NAME.conf alone. Each test queue
gets such a file of its own, named after the temporary folder, that sends its PDFs, spool and
log into that folder; it is the one file written outside it, and it goes with it. (The queue's
PPD cannot do this: libcups replaces a default that names no choice, and a choice cannot hold
a path.) A file left by a killed run names a folder that no longer exists: the next start
removes it.

cups-pdf takes PostScript: CUPS turns the PDF into PostScript and cups-pdf's Ghostscript turns it
back. With CUPS's default renderer (Ghostscript) the CID fonts come back as Type 3 glyphs without
Unicode, which nothing can read back; the queues use pdftocairo instead, as Debian's README for
cups-pdf advises (``pdftops-renderer-default=pdftocairo``), and the text survives the trip.

cups-pdf must run as root (it drops to the job's user for Ghostscript), and cupsd runs a backend
as root only when cupsd itself is root and the backend is not readable by others (Debian
installs it 0700): the tests that need a PDF out of a queue skip when not root.

The scheduler dies with the process that started it (PR_SET_PDEATHSIG), so a killed test run
leaves no cupsd behind; :meth:`PrivateCups.close` ends it and its filters and removes it all,
and the next run removes what a killed one left (folders whose test process is gone).
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

STOCK_PPD = Path("/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd")
BACKEND = Path("/usr/lib/cups/backend/cups-pdf")
CONFIG_DIR = Path("/etc/cups")  # compiled into cups-pdf
PREFIX = "ycups-"
ADMIN_OPERATIONS = (
    "CUPS-Add-Modify-Printer",
    "CUPS-Delete-Printer",
    "Pause-Printer",
    "Resume-Printer",
    "Enable-Printer",
    "Disable-Printer",
    "CUPS-Accept-Jobs",
    "CUPS-Reject-Jobs",
    "Cancel-Jobs",
)


def cups_pdf_missing() -> str:
    """Why the private CUPS with a cups-pdf queue cannot run here ("" when it can)."""
    for program in ("cupsd", "lpadmin", "lp", "lpstat", "cupsenable", "cupsaccept"):
        if shutil.which(program) is None and not Path("/usr/sbin", program).exists():
            return f"{program} is not installed (Debian: cups, cups-client)"
    if not (STOCK_PPD.exists() and BACKEND.exists()):
        return "printer-driver-cups-pdf is not installed"
    if os.geteuid() != 0:
        return "the cups-pdf backend runs only under a cupsd started as root"
    return ""


def _remove_leftovers() -> None:
    """What a killed run left: folders whose test process is gone, and their cups-pdf files."""
    for folder in Path("/tmp").glob(f"{PREFIX}*"):
        try:
            owner = int((folder / "owner.pid").read_text())
            os.kill(owner, 0)
        except PermissionError:
            continue  # another user's live run
        except (OSError, ValueError):  # no owner, or it is gone
            shutil.rmtree(folder, ignore_errors=True)
    for conf in CONFIG_DIR.glob(f"cups-pdf-{PREFIX}*.conf"):
        folder = "-".join(conf.name.removeprefix("cups-pdf-").split("-")[:2])
        if not Path("/tmp", folder).exists():
            conf.unlink(missing_ok=True)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _die_with_parent() -> None:
    """In the child before exec: SIGTERM when the test process goes, however it goes."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


@dataclass(frozen=True)
class Queue:
    name: str
    out: Path  # where cups-pdf writes its PDFs


class PrivateCups:
    """One private scheduler. ``server`` is what ``lp -h`` and ``CUPS_SERVER`` take."""

    def __init__(self) -> None:
        _remove_leftovers()
        self.root = Path(tempfile.mkdtemp(prefix=PREFIX, dir="/tmp"))  # short: a socket path
        (self.root / "owner.pid").write_text(str(os.getpid()))
        self.socket = self.root / "cups.sock"
        self.port = _free_port()
        self.process: subprocess.Popen[bytes] | None = None
        self.queues: dict[str, Path] = {}
        self._configs: dict[str, Path] = {}
        self._write_config()

    @property
    def server(self) -> str:
        return str(self.socket)

    @property
    def tcp_server(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def log(self) -> Path:
        return self.root / "log" / "error_log"

    def _write_config(self) -> None:
        for sub in ("etc", "etc/ppd", "spool", "spool/tmp", "cache", "state", "log", "pdf"):
            (self.root / sub).mkdir(mode=0o755, exist_ok=True)
        os.chmod(self.root, 0o755)  # filters run as lp and read the spool through it
        os.chmod(self.root / "spool" / "tmp", 0o1777)
        (self.root / "etc" / "cups-files.conf").write_text(
            "\n".join(
                [
                    f"ServerRoot {self.root / 'etc'}",
                    f"RequestRoot {self.root / 'spool'}",
                    f"TempDir {self.root / 'spool' / 'tmp'}",
                    f"CacheDir {self.root / 'cache'}",
                    f"StateDir {self.root / 'state'}",
                    f"AccessLog {self.root / 'log' / 'access_log'}",
                    f"ErrorLog {self.log}",
                    f"PageLog {self.root / 'log' / 'page_log'}",
                    "SystemGroup root",
                    f"Printcap {self.root / 'etc' / 'printcap'}",
                    "FileDevice No",
                    "",
                ]
            )
        )
        # Debian's stock access rules: anyone local may print and read states; cancelling a
        # job takes its owner (over the socket CUPS knows the caller), the admin operations
        # the system group (root, who runs the tests).
        (self.root / "etc" / "cupsd.conf").write_text(
            f"""LogLevel info
Listen {self.socket}
Listen 127.0.0.1:{self.port}
Browsing No
WebInterface No
DefaultAuthType Basic
JobRetryLimit 0
PreserveJobHistory Yes
<Location />
  Order allow,deny
</Location>
<Policy default>
  JobPrivateAccess default
  JobPrivateValues default
  <Limit Create-Job Print-Job Print-URI Validate-Job>
    Order deny,allow
  </Limit>
  <Limit Cancel-Job Cancel-My-Jobs Hold-Job Release-Job Restart-Job Set-Job-Attributes>
    Require user @OWNER @SYSTEM
    Order deny,allow
  </Limit>
  <Limit CUPS-Add-Modify-Printer CUPS-Delete-Printer Pause-Printer Resume-Printer \
Enable-Printer Disable-Printer CUPS-Accept-Jobs CUPS-Reject-Jobs Cancel-Jobs>
    AuthType Default
    Require user @SYSTEM
    Order deny,allow
  </Limit>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
"""
        )

    # -- the scheduler

    def start(self, timeout: float = 20.0) -> None:
        if self.process is not None:
            return
        cupsd = shutil.which("cupsd") or "/usr/sbin/cupsd"
        etc = self.root / "etc"
        log = (self.root / "log" / "cupsd.out").open("ab")
        try:
            self.process = subprocess.Popen(
                [cupsd, "-f", "-c", str(etc / "cupsd.conf"), "-s", str(etc / "cups-files.conf")],
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,  # its filters and backends are stopped with it
                preexec_fn=_die_with_parent,
            )
        finally:
            log.close()
        deadline = time.monotonic() + timeout
        while not self._answers():
            if self.process.poll() is not None:
                raise RuntimeError(f"cupsd exited at start: {self._tail()}")
            if time.monotonic() > deadline:
                self.stop()
                raise TimeoutError(f"cupsd did not answer within {timeout:g} s: {self._tail()}")
            time.sleep(0.05)

    def _answers(self) -> bool:
        result = self.run("lpstat", "-r", check=False)
        return result.returncode == 0 and "is running" in result.stdout

    def _tail(self) -> str:
        texts = []
        for path in (self.root / "log" / "cupsd.out", self.log):
            with contextlib.suppress(OSError):
                texts.append(path.read_text(errors="replace")[-2000:])
        return "\n".join(texts)

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the scheduler and everything it started (its process group); keep the folder."""
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=timeout)

    def close(self) -> None:
        """Stop the scheduler and remove every file it and its queues wrote."""
        try:
            self.stop()
        finally:
            for conf in self._configs.values():
                conf.unlink(missing_ok=True)
            shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> PrivateCups:
        try:
            self.start()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- clients

    def run(self, *command: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        """A CUPS client command against this scheduler only."""
        env = {**os.environ, "CUPS_SERVER": self.server, "LC_ALL": "C"}
        result = subprocess.run(
            list(command), env=env, capture_output=True, text=True, timeout=30, check=False
        )
        if check and result.returncode != 0:
            raise RuntimeError(f"{' '.join(command)}: {result.stderr.strip()}")
        return result

    def add_pdf_queue(self, name: str) -> Path:
        """A cups-pdf queue writing into its own folder; returns that folder."""
        out = self.root / "pdf" / name
        out.mkdir(mode=0o755, parents=True, exist_ok=True)
        instance = f"{self.root.name}-{name}"
        self._configs[name] = CONFIG_DIR / f"cups-pdf-{instance}.conf"
        self.set_output(name, out)
        self.run(
            "lpadmin",
            *("-p", name, "-v", f"cups-pdf:/{instance}", "-P", str(STOCK_PPD), "-E"),
            *("-o", "pdftops-renderer-default=pdftocairo"),
        )
        self.queues[name] = out
        return out

    def set_output(self, name: str, folder: Path) -> None:
        """Where the queue's PDFs go (cups-pdf reads this for each job): a folder it cannot
        create makes its jobs fail."""
        self._configs[name].write_text(
            "\n".join(
                [
                    f"# a test queue of {self.root} (removed with it)",
                    f"Out {folder}",
                    f"Spool {self.root / 'pdf' / '.spool'}",
                    f"Log {self.root / 'log'}",
                    f"GSTmp {self.root / 'spool' / 'tmp'}",
                    "Grp lp",
                    "LogType 3",
                    "",
                ]
            )
        )

    def set_device(self, name: str, uri: str) -> None:
        self.run("lpadmin", "-p", name, "-v", uri)

    def restore_device(self, name: str) -> None:
        self.set_device(name, f"cups-pdf:/{self.root.name}-{name}")
        self.set_output(name, self.queues[name])

    def remove_queue(self, name: str) -> None:
        self.run("lpadmin", "-x", name)
        self.queues.pop(name, None)
        conf = self._configs.pop(name, None)
        if conf is not None:
            conf.unlink(missing_ok=True)

    def disable(self, name: str, reason: str = "paused by the test") -> None:
        self.run("cupsdisable", "-r", reason, name)

    def enable(self, name: str) -> None:
        self.run("cupsenable", name)

    def reject(self, name: str, reason: str = "rejecting by the test") -> None:
        self.run("cupsreject", "-r", reason, name)

    def accept(self, name: str) -> None:
        self.run("cupsaccept", name)

    def wait_for_pdf(self, queue: str, count: int = 1, timeout: float = 60.0) -> list[Path]:
        """Wait until the queue's folder holds ``count`` finished PDFs (oldest first)."""
        out = self.queues[queue]
        deadline = time.monotonic() + timeout
        while True:
            done = sorted(
                (p for p in out.glob("*.pdf") if _complete(p)), key=lambda p: p.stat().st_mtime
            )
            if len(done) >= count:
                return done
            if time.monotonic() > deadline:
                raise TimeoutError(f"{len(done)} of {count} PDFs in {out}: {self._tail()}")
            time.sleep(0.02)


def _complete(path: Path) -> bool:
    """Ghostscript writes the file in place: it is done when it ends with %%EOF."""
    try:
        with path.open("rb") as fh:
            fh.seek(max(0, path.stat().st_size - 32))
            return b"%%EOF" in fh.read()
    except OSError:
        return False
