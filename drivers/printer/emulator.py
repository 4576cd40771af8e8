"""A network receipt printer on TCP (port 9100 style), built on the virtual printer.

Each connection is decoded as it arrives; ``DLE EOT`` is answered at once with the configured
status (paper out, cover open...), as a real printer answers real-time commands even while
offline. A job ends at a cut or when the connection closes; each job becomes one PNG and one
transcript in the output folder (``job-0001.png``, ``job-0001.txt``). While the paper is out,
printable data is discarded, as a printer with no paper prints nothing.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import struct
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

from drivers.printer import escpos_decoder as ev
from drivers.printer.profile import PaperWidth
from drivers.printer.render import Paper, RenderedJob
from drivers.printer.status import PrinterStatus, status_reply

logger = logging.getLogger(__name__)

_NOT_PRINTING = (
    ev.StatusRequest,
    ev.Ignored,
    ev.Initialize,
    ev.ChineseMode,
    ev.SelectEncoding,
    ev.SetCodePage,
)


@dataclass(frozen=True, slots=True, eq=False)
class EmulatedJob:
    number: int
    rendered: RenderedJob
    png: Path | None
    transcript_path: Path | None


@dataclass(slots=True)
class ConnectionLog:
    received: int = 0  # bytes
    status_requests: list[int] = field(default_factory=list)
    discarded_events: int = 0  # printable commands dropped while out of paper
    dropped: bool = False  # the emulator cut the connection (drop_after)


class PrinterEmulator:
    def __init__(
        self,
        out_dir: Path | None = None,
        *,
        paper: PaperWidth = PaperWidth.MM80,
        host: str = "127.0.0.1",
        port: int = 0,
        status: PrinterStatus | None = None,
        chinese_at_start: bool = True,
        drop_after: int | None = None,
        idle_timeout: float = 60.0,
        on_job: Callable[[EmulatedJob], None] | None = None,
        answers_status: bool = True,
    ) -> None:
        self.out_dir = out_dir
        self.paper = paper
        self.host = host
        self.chinese_at_start = chinese_at_start
        self.drop_after = drop_after  # close the connection after this many bytes (a crash)
        self.idle_timeout = idle_timeout
        self.on_job = on_job  # called on the connection's thread after the files are written
        self.answers_status = answers_status  # False: a printer that ignores DLE EOT
        self._requested_port = port
        self._status = status or PrinterStatus()
        self._jobs: list[EmulatedJob] = []
        self.connections: list[ConnectionLog] = []
        self._cond = threading.Condition()
        self._server: socket.socket | None = None
        self._threads: list[threading.Thread] = []
        self._clients: set[socket.socket] = set()
        self._stopping = threading.Event()
        self._ended = 0  # connections finished

    # -- control ------------------------------------------------------------------------

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("the emulator is not started")
        return int(self._server.getsockname()[1])

    @property
    def status(self) -> PrinterStatus:
        with self._cond:
            return self._status

    @status.setter
    def status(self, value: PrinterStatus) -> None:
        with self._cond:
            self._status = value

    @property
    def jobs(self) -> list[EmulatedJob]:
        with self._cond:
            return list(self._jobs)

    def wait_for_jobs(self, count: int, timeout: float) -> list[EmulatedJob]:
        with self._cond:
            if not self._cond.wait_for(lambda: len(self._jobs) >= count, timeout):
                raise TimeoutError(f"{len(self._jobs)} of {count} print jobs after {timeout} s")
            return list(self._jobs)

    def wait_for_connections(self, count: int, timeout: float) -> list[ConnectionLog]:
        """Wait until ``count`` connections have ended."""
        with self._cond:
            if not self._cond.wait_for(lambda: self._ended >= count, timeout):
                raise TimeoutError(f"{self._ended} of {count} connections ended after {timeout} s")
            return list(self.connections)

    def start(self) -> PrinterEmulator:
        if self.out_dir is not None:
            self.out_dir.mkdir(parents=True, exist_ok=True)
        self._server = socket.create_server((self.host, self._requested_port))
        thread = threading.Thread(target=self._accept_loop, name="printer-emulator", daemon=True)
        thread.start()
        self._threads.append(thread)
        logger.info("printer emulator on %s:%d", self.host, self.port)
        return self

    def stop(self, timeout: float = 10.0) -> None:
        self._stopping.set()
        if self._server is not None:
            # shutdown() wakes the thread blocked in accept(); close() alone does not on Linux.
            with contextlib.suppress(OSError):
                self._server.shutdown(socket.SHUT_RDWR)
            self._server.close()
        with self._cond:
            clients = list(self._clients)
        for client in clients:
            with contextlib.suppress(OSError):
                client.shutdown(socket.SHUT_RDWR)
        for thread in self._threads:
            thread.join(timeout)

    def serve_forever(self) -> None:
        """Block until interrupted (the CLI)."""
        self._stopping.wait()

    def __enter__(self) -> PrinterEmulator:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- serving ------------------------------------------------------------------------

    def _accept_loop(self) -> None:
        assert self._server is not None
        while not self._stopping.is_set():
            try:
                client, _ = self._server.accept()
            except OSError:
                return  # the listening socket was closed by stop()
            thread = threading.Thread(
                target=self._serve, args=(client,), name="printer-emulator-conn", daemon=True
            )
            with self._cond:
                self._clients.add(client)
            self._threads.append(thread)
            thread.start()

    def _serve(self, client: socket.socket) -> None:
        session = PrinterSession(
            self.paper,
            lambda: self.status,
            self._finish_job,
            self.chinese_at_start,
            answers_status=self.answers_status,
        )
        with self._cond:
            self.connections.append(session.log)
        client.settimeout(self.idle_timeout)
        client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        try:
            while True:
                try:
                    data = client.recv(65536)
                except OSError:
                    break
                if not data:
                    break
                if (
                    self.drop_after is not None
                    and session.log.received + len(data) >= self.drop_after
                ):
                    session.log.received += len(data)
                    session.log.dropped = True
                    # SO_LINGER 0: close with RST, as a printer that loses power mid-job.
                    client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    return
                reply = session.feed(data)
                if reply:
                    with contextlib.suppress(OSError):
                        client.sendall(reply)
            session.close()
        finally:
            client.close()
            with self._cond:
                self._clients.discard(client)
                self._ended += 1
                self._cond.notify_all()

    def _finish_job(self, rendered: RenderedJob) -> None:
        with self._cond:
            number = len(self._jobs) + 1
            png = txt = None
            if self.out_dir is not None:
                png = self.out_dir / f"job-{number:04d}.png"
                txt = png.with_suffix(".txt")
                rendered.image.save(png)
                txt.write_text(rendered.transcript, encoding="utf-8")
            job = EmulatedJob(number, rendered, png, txt)
            self._jobs.append(job)
            self._cond.notify_all()
        if self.on_job is not None:
            self.on_job(job)
        logger.info("job %d: %d lines", number, rendered.transcript.count("\n"))


class PrinterSession:
    """One connection to the printer, transport-free: bytes in, status replies out, finished jobs
    to ``on_job``. The TCP emulator and the tests' serial (pty) printer both run on it."""

    def __init__(
        self,
        paper: PaperWidth,
        status: Callable[[], PrinterStatus],
        on_job: Callable[[RenderedJob], None],
        chinese_at_start: bool = True,
        *,
        answers_status: bool = True,
    ) -> None:
        self.log = ConnectionLog()
        self._answers_status = answers_status
        self._status = status
        self._on_job = on_job
        self._dots = paper.dots
        self._decoder = ev.EscPosDecoder(chinese_at_start=chinese_at_start)
        self._paper = Paper(paper.dots)
        self._printed = False

    def feed(self, data: bytes) -> bytes:
        """Take bytes from the host; return the bytes to send back (status replies)."""
        self.log.received += len(data)
        replies = bytearray()
        for event in self._decoder.feed(data):
            if isinstance(event, ev.StatusRequest):
                self.log.status_requests.append(event.kind)
                if self._answers_status:
                    replies += status_reply(event.kind, self._status())
            elif self._status().paper_out and not isinstance(event, _NOT_PRINTING):
                self.log.discarded_events += 1
            else:
                self._apply(event)
        return bytes(replies)

    def close(self) -> None:
        """The host is done: a job without a cut still comes out."""
        for event in self._decoder.close():
            self._paper.apply(event)
        if self._printed:
            self._on_job(self._paper.finish())
            self._printed = False

    def _apply(self, event: ev.Event) -> None:
        self._paper.apply(event)
        self._printed = self._printed or not isinstance(event, _NOT_PRINTING)
        if isinstance(event, ev.Cut):
            self._on_job(self._paper.finish())
            self._paper = Paper(self._dots, style=self._paper.style)
            self._printed = False
