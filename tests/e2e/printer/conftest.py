"""A TCP printer emulator per test, on an ephemeral port, writing into a temp folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from drivers.printer.emulator import PrinterEmulator
from drivers.printer.profile import PaperWidth


@pytest.fixture
def emulator(tmp_path: Path) -> Iterator[PrinterEmulator]:
    with PrinterEmulator(tmp_path / "jobs", paper=PaperWidth.MM80) as emu:
        yield emu


@pytest.fixture
def emulator58(tmp_path: Path) -> Iterator[PrinterEmulator]:
    with PrinterEmulator(tmp_path / "jobs58", paper=PaperWidth.MM58) as emu:
        yield emu


class PtyPrinter:
    """A serial receipt printer on a pseudo-terminal: pyserial opens ``path`` like /dev/ttyS0."""

    def __init__(self, paper: PaperWidth) -> None:
        import os
        import threading
        import tty

        from drivers.printer.emulator import PrinterSession
        from drivers.printer.render import RenderedJob
        from drivers.printer.status import PrinterStatus

        self.master, self._slave = os.openpty()
        tty.setraw(self._slave)
        self.path = os.ttyname(self._slave)
        self.status = PrinterStatus()
        self.jobs: list[RenderedJob] = []
        self._cond = threading.Condition()
        self.session = PrinterSession(paper, lambda: self.status, self._on_job)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _on_job(self, job: object) -> None:
        with self._cond:
            self.jobs.append(job)  # type: ignore[arg-type]
            self._cond.notify_all()

    def wait_for_jobs(self, count: int, timeout: float) -> list:  # type: ignore[type-arg]
        with self._cond:
            assert self._cond.wait_for(lambda: len(self.jobs) >= count, timeout)
            return list(self.jobs)

    def _run(self) -> None:
        import os
        import select

        while not self._stop.is_set():
            ready, _, _ = select.select([self.master], [], [], 0.1)
            if not ready:
                continue
            try:
                data = os.read(self.master, 65536)
            except OSError:
                continue  # EIO while no client has the port open
            reply = self.session.feed(data)
            if reply:
                os.write(self.master, reply)

    def close(self) -> None:
        import os

        self._stop.set()
        self._thread.join(10)
        os.close(self.master)
        os.close(self._slave)


@pytest.fixture
def pty_printer() -> Iterator[PtyPrinter]:
    printer = PtyPrinter(PaperWidth.MM58)
    yield printer
    printer.close()
