"""Print a PDF on a CUPS queue and learn its fate, over IPP (no CUPS library needed).

:meth:`CupsQueue.print_pdf` asks the queue's state first (a paused or rejecting queue gets no
job: a job left in a paused queue would print when someone resumes it, after the notice was
already reprinted elsewhere), sends the PDF with Print-Job, then follows the job with
Get-Job-Attributes until it is completed. A job that is aborted or cancelled, a queue that stops
while the job waits, or a job still unfinished after ``wait`` seconds is an error; in the last
two cases the job is cancelled first, so the notice either printed or is the caller's to print
again, never both.

The server is what ``lp -h`` takes: ``HOST``, ``HOST:PORT`` or the path of CUPS' Unix socket;
empty means this machine's CUPS (``CUPS_SERVER`` when set, else /run/cups/cups.sock, else
localhost:631). Over the Unix socket CUPS knows the caller (peer credentials), so a job can be
cancelled without a password, as ``cancel`` does.

Every failure is a :class:`CupsError` whose message names the server, queue and reason for the
technician, and whose ``notice`` is a sentence for the clerk.
"""

from __future__ import annotations

import getpass
import http.client
import logging
import os
import re
import socket
import time
from dataclasses import dataclass
from urllib.parse import quote

from drivers.printer import ipp
from drivers.printer.errors import PrinterError
from drivers.printer.ipp import Group, JobState, Op, PrinterState, Tag, attr

logger = logging.getLogger(__name__)

DEFAULT_SOCKET = "/run/cups/cups.sock"
IPP_PORT = 631
# What lpadmin takes for a queue's name: printable, no space, /, #, \ or quotes.
QUEUE_NAME = re.compile(r"[^\s/#\\'\"]{1,127}")


class CupsError(PrinterError):
    reason = "cups"
    notice = "A4 打印失败，告知书已保留，可重新打印。"


class CupsConfigError(CupsError):
    """A queue name or server that cannot be right (bad input: exit code 2)."""

    exit_code = 2
    reason = "config"
    notice = "A4 打印机设置有误，告知书已保留，请联系技术人员。"


class CupsUnavailable(CupsError):
    reason = "cups_unavailable"
    notice = "打印服务（CUPS）未运行或连不上，告知书已保留，请联系技术人员。"


class CupsRefused(CupsError):
    reason = "cups_refused"
    notice = "打印服务（CUPS）拒绝了本机的打印请求，告知书已保留，请联系技术人员。"


class QueueNotFound(CupsError):
    reason = "queue_not_found"
    notice = "找不到配置的 A4 打印机，告知书已保留，请联系技术人员。"


class QueuePaused(CupsError):
    reason = "queue_paused"
    notice = "A4 打印机已暂停，告知书已保留，恢复后可重新打印。"


class QueueRejecting(CupsError):
    reason = "queue_rejecting"
    notice = "A4 打印机不接受打印任务，告知书已保留，请联系技术人员。"


class JobFailed(CupsError):
    reason = "job_failed"
    notice = "告知书没有打印出来，已保留，可重新打印。"


class JobTimeout(CupsError):
    reason = "job_timeout"
    notice = "A4 打印机长时间没有完成打印，已撤销该任务，告知书已保留，可重新打印。"


@dataclass(frozen=True, slots=True)
class QueueStatus:
    queue: str
    state: PrinterState
    accepting: bool
    reasons: tuple[str, ...] = ()
    message: str = ""

    def describe(self) -> str:
        why = self.message or ", ".join(r for r in self.reasons if r != "none")
        return f" ({why})" if why else ""


@dataclass(frozen=True, slots=True)
class JobStatus:
    job_id: int
    state: JobState
    reasons: tuple[str, ...] = ()
    message: str = ""


@dataclass(frozen=True, slots=True)
class PrintedJob:
    queue: str
    job_id: int
    seconds: float  # from sending to completed


def resolve_server(server: str) -> str:
    """The server a client talks to: the given one, else this machine's CUPS."""
    server = server.strip() or os.environ.get("CUPS_SERVER", "").strip()
    if server:
        return server
    return DEFAULT_SOCKET if os.path.exists(DEFAULT_SOCKET) else f"localhost:{IPP_PORT}"


def split_server(server: str) -> tuple[str, int]:
    """``HOST``, ``HOST:PORT``, ``[V6]`` or ``[V6]:PORT`` -> host and port."""
    if server.startswith("["):
        host, _, rest = server[1:].partition("]")
        colon, port = rest[:1], rest[1:]
    elif server.count(":") == 1:
        host, colon, port = server.partition(":")
    else:
        host, colon, port = server, "", ""
    if not host or (colon and not (port.isdigit() and 0 < int(port) < 65536)):
        raise CupsConfigError(f"{server!r} is not a CUPS server (HOST, HOST:PORT or a socket path)")
    return host, int(port) if port else IPP_PORT


class _UnixConnection(http.client.HTTPConnection):
    def __init__(self, path: str, timeout: float) -> None:
        super().__init__("localhost", timeout=timeout)
        self.path = path

    def connect(self) -> None:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(self.timeout)
        try:
            sock.connect(self.path)
        except OSError:
            sock.close()
            raise
        self.sock = sock


class CupsQueue:
    """One CUPS queue. ``timeout`` bounds each request to the server, in seconds."""

    def __init__(
        self, queue: str, server: str = "", *, timeout: float = 10.0, user: str = ""
    ) -> None:
        if not QUEUE_NAME.fullmatch(queue):
            raise CupsConfigError(f"{queue!r} is not a CUPS queue name")
        self.queue = queue
        self.server = resolve_server(server)
        self.timeout = timeout
        self.user = user or _user()
        self._ids = ipp.RequestIds()
        self._unix = self.server.startswith("/")
        host = "localhost" if self._unix else self.server
        self.printer_uri = f"ipp://{host}/printers/{quote(queue)}"

    @property
    def where(self) -> str:
        return f"CUPS queue {self.queue!r} on {self.server}"

    # -- transport

    def _connection(self) -> http.client.HTTPConnection:
        if self._unix:
            return _UnixConnection(self.server, self.timeout)
        host, port = split_server(self.server)
        return http.client.HTTPConnection(host, port, timeout=self.timeout)

    def _call(
        self, op: Op, extra: tuple[ipp.Attribute, ...] = (), data: bytes = b""
    ) -> ipp.Response:
        request = ipp.Request(
            op,
            self._ids.next(),
            ipp.operation_attributes(self.printer_uri, self.user, extra),
            data,
        )
        body = ipp.encode_request(request)
        path = f"/printers/{quote(self.queue)}"
        headers = {"Content-Type": "application/ipp"}
        status, payload = self._post(path, body, headers)
        if status == 401 and self._unix:  # the socket tells CUPS who we are
            headers["Authorization"] = f"PeerCred {self.user}"
            status, payload = self._post(path, body, headers)
        if status in (401, 403):
            raise CupsRefused(f"{self.where} refused {op.name} (HTTP {status})")
        if status != 200:
            raise CupsError(f"{self.where} answered {op.name} with HTTP {status}")
        try:
            return ipp.decode_response(payload)
        except ipp.IppDecodeError as exc:
            raise CupsError(f"{self.where} sent a bad IPP answer to {op.name}: {exc}") from None

    def _post(self, path: str, body: bytes, headers: dict[str, str]) -> tuple[int, bytes]:
        connection = self._connection()
        try:
            connection.request("POST", path, body, headers)
            answer = connection.getresponse()
            return answer.status, answer.read()
        except (OSError, http.client.HTTPException) as exc:
            raise CupsUnavailable(
                f"CUPS on {self.server} does not answer ({_why(exc)}): is cupsd running?"
            ) from None
        finally:
            connection.close()

    # -- operations

    def status(self) -> QueueStatus:
        """The queue's state; :class:`QueueNotFound` when the server has no such queue."""
        names = ("printer-state", "printer-state-reasons", "printer-state-message")
        answer = self._call(
            Op.GET_PRINTER_ATTRIBUTES,
            (attr("requested-attributes", Tag.KEYWORD, *names, "printer-is-accepting-jobs"),),
        )
        if answer.status == ipp.NOT_FOUND:
            raise QueueNotFound(f"{self.where}: no such queue (lpstat -p lists the queues)")
        if not answer.ok:
            raise CupsError(f"{self.where}: {answer.status_name}")
        found = answer.attributes(Group.PRINTER)
        state = ipp.integer(found, "printer-state")
        accepting = found.get("printer-is-accepting-jobs")
        message = ipp.keywords(found, "printer-state-message")
        return QueueStatus(
            self.queue,
            PrinterState(state) if state in set(PrinterState) else PrinterState.IDLE,
            accepting is None or accepting.value is not False,
            ipp.keywords(found, "printer-state-reasons"),
            message[0] if message else "",
        )

    def check_ready(self) -> QueueStatus:
        """The queue's state, or the error that says why it takes no job now."""
        status = self.status()
        if status.state is PrinterState.STOPPED:
            raise QueuePaused(f"{self.where} is paused{status.describe()} (cupsenable resumes it)")
        if not status.accepting:
            raise QueueRejecting(
                f"{self.where} is rejecting jobs{status.describe()} (cupsaccept lets them in)"
            )
        return status

    def submit(self, pdf: bytes, title: str) -> int:
        """Send one PDF job; its job id."""
        answer = self._call(
            Op.PRINT_JOB,
            (
                attr("job-name", Tag.NAME, title[:200] or "notice"),
                attr("document-format", Tag.MIME_TYPE, "application/pdf"),
            ),
            pdf,
        )
        if answer.status == ipp.NOT_FOUND:
            raise QueueNotFound(f"{self.where}: no such queue (lpstat -p lists the queues)")
        if answer.status == ipp.NOT_ACCEPTING_JOBS:
            raise QueueRejecting(f"{self.where} is rejecting jobs (cupsaccept lets them in)")
        if not answer.ok:
            raise CupsError(f"{self.where} did not take the job: {answer.status_name}")
        job_id = ipp.integer(answer.attributes(Group.JOB), "job-id")
        if job_id is None:
            raise CupsError(f"{self.where} took the job but gave no job id")
        return job_id

    def job(self, job_id: int) -> JobStatus:
        answer = self._call(
            Op.GET_JOB_ATTRIBUTES,
            (
                attr("job-id", Tag.INTEGER, job_id),
                attr(
                    "requested-attributes",
                    Tag.KEYWORD,
                    "job-state",
                    "job-state-reasons",
                    "job-printer-state-message",
                ),
            ),
        )
        if not answer.ok:
            raise CupsError(f"{self.where}: job {job_id}: {answer.status_name}")
        found = answer.attributes(Group.JOB)
        state = ipp.integer(found, "job-state")
        if state not in set(JobState):
            raise CupsError(f"{self.where}: job {job_id} has no known state ({state})")
        message = ipp.keywords(found, "job-printer-state-message")
        return JobStatus(
            job_id,
            JobState(state),
            ipp.keywords(found, "job-state-reasons"),
            message[0] if message else "",
        )

    def cancel(self, job_id: int) -> bool:
        """Cancel a job; False when CUPS would not (it may still print)."""
        try:
            answer = self._call(Op.CANCEL_JOB, (attr("job-id", Tag.INTEGER, job_id),))
        except CupsError as exc:
            logger.warning("could not cancel job %d: %s", job_id, exc.message)
            return False
        if not answer.ok:
            logger.warning(
                "could not cancel job %d on %s: %s", job_id, self.where, answer.status_name
            )
        return answer.ok

    def print_pdf(
        self, pdf: bytes, title: str, *, wait: float = 60.0, poll: float = 0.05
    ) -> PrintedJob:
        """Print and wait until CUPS has completed the job (``wait`` seconds at most)."""
        self.check_ready()
        start = time.monotonic()
        job_id = self.submit(pdf, title)
        logger.info("job %d sent to %s", job_id, self.where)
        deadline = start + wait
        while True:
            job = self.job(job_id)
            if job.state is JobState.COMPLETED:
                return PrintedJob(self.queue, job_id, time.monotonic() - start)
            if job.state.finished or job.state is JobState.STOPPED:
                detail = job.message or ", ".join(job.reasons) or job.state.name.lower()
                raise JobFailed(f"{self.where}: job {job_id} {job.state.name.lower()} ({detail})")
            if time.monotonic() > deadline:
                undone = "" if self.cancel(job_id) else " and could not be cancelled"
                raise JobTimeout(f"{self.where}: job {job_id} unfinished after {wait:g} s{undone}")
            status = self.status()
            if status.state is PrinterState.STOPPED:
                undone = "" if self.cancel(job_id) else " (the job could not be cancelled)"
                raise QueuePaused(
                    f"{self.where} stopped{status.describe()} before job {job_id} printed{undone}"
                )
            time.sleep(poll)


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "kiosk"


def _why(exc: BaseException) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no socket"
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    if isinstance(exc, TimeoutError | socket.timeout):
        return "timed out"
    return type(exc).__name__ if not str(exc) else str(exc)
