"""Byte pipes to printers, one small class per URI scheme.

``usb:``, ``serial:``, ``tcp://`` and ``file:`` wrap python-escpos's own printer classes (only
their open/_raw/_read/close hooks are used: the bytes are made by :mod:`drivers.printer.encoder`);
``preview:`` renders each job to a PNG through the virtual printer. Every failure leaves here as a
named :class:`~drivers.printer.errors.PrinterError`, never a socket or USB exception.
"""

from __future__ import annotations

import logging
import socket
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drivers.printer.errors import (
    PrinterConfigError,
    PrinterConnectionLost,
    PrinterError,
    PrinterTimeout,
    PrinterUnreachable,
)
from drivers.printer.profile import PaperWidth

logger = logging.getLogger(__name__)

CHUNK = 4096  # bytes per write: small enough for slow serial links to report errors early


@dataclass(frozen=True, slots=True)
class PrinterUri:
    scheme: str  # usb, serial, tcp, file, preview
    target: str  # device path, host, file name
    port: int = 0  # tcp port; usb product id
    options: dict[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        if self.scheme == "tcp":
            return f"tcp://{self.target}:{self.port}"
        if self.scheme == "usb":
            return f"usb:{self.target}:{self.port:04x}"
        return f"{self.scheme}:{self.target}"

    @classmethod
    def parse(cls, uri: str) -> PrinterUri:
        scheme, sep, rest = uri.partition(":")
        scheme = scheme.lower()
        if not sep or not rest:
            raise PrinterConfigError(f"printer URI {uri!r} has no scheme; {USAGE}")
        if scheme == "tcp":
            parsed = urllib.parse.urlsplit(uri)
            if not parsed.hostname:
                raise PrinterConfigError(f"printer URI {uri!r} has no host; {USAGE}")
            try:
                port = parsed.port or 9100
            except ValueError:
                raise PrinterConfigError(f"printer URI {uri!r} has a bad port") from None
            return cls("tcp", parsed.hostname, port)
        if scheme == "usb":
            ids, _, query = rest.partition("?")
            vid, _, pid = ids.partition(":")
            options = dict(urllib.parse.parse_qsl(query))
            try:
                for endpoint in options.values():
                    int(endpoint, 16)
                if set(options) - {"in", "out"}:
                    raise ValueError
                return cls("usb", f"{int(vid, 16):04x}", int(pid, 16), options)
            except ValueError:
                raise PrinterConfigError(
                    f"printer URI {uri!r}: write usb:VID:PID[?in=0x82&out=0x01] in hex, "
                    "e.g. usb:0416:5011"
                ) from None
        if scheme == "serial":
            path, _, query = rest.partition("?")
            options = dict(urllib.parse.parse_qsl(query))
            unknown = set(options) - {"baud", "flow"}
            if unknown or not path:
                raise PrinterConfigError(
                    f"printer URI {uri!r}: write serial:/dev/ttyS0?baud=19200[&flow=rtscts]"
                )
            return cls("serial", path, 0, options)
        if scheme in ("file", "preview"):
            path = rest.removeprefix("//") if rest.startswith("///") else rest
            return cls(scheme, path)
        raise PrinterConfigError(f"unknown printer URI scheme {scheme!r}; {USAGE}")


USAGE = (
    "use usb:VID:PID, serial:/dev/ttyS0?baud=19200, tcp://HOST:9100, file:PATH or preview:OUT.png"
)


class Transport:
    """Base: ``send`` and ``read`` bytes; ``can_read`` says whether status can be asked."""

    can_read = False
    description = "printer"

    def send(self, data: bytes) -> None:
        raise NotImplementedError

    def read(self, timeout: float) -> bytes:
        raise PrinterError(f"{self.description} cannot report its status")

    def end_job(self) -> None:
        """Called after each complete job (the preview writes its PNG here)."""

    def close(self) -> None:
        pass


class EscposTransport(Transport):
    """A python-escpos printer object used as a byte pipe."""

    def __init__(self, device: Any, description: str, *, can_read: bool, stream: bool) -> None:
        self.device = device
        self.description = description
        self.can_read = can_read
        self.stream = stream  # a socket: an empty read means the peer closed

    def send(self, data: bytes) -> None:
        try:
            for start in range(0, len(data), CHUNK):
                self.device._raw(data[start : start + CHUNK])
        except TimeoutError as exc:
            raise PrinterTimeout(f"{self.description} stopped accepting data") from exc
        except OSError as exc:
            raise PrinterConnectionLost(
                f"{self.description} dropped the connection during the job ({exc.strerror or exc})"
            ) from exc
        except Exception as exc:  # pyusb and pyserial have their own exception trees
            raise PrinterConnectionLost(f"{self.description} failed during the job: {exc}") from exc

    def read(self, timeout: float) -> bytes:
        if not self.can_read:
            return super().read(timeout)
        deadline = time.monotonic() + timeout
        try:
            while True:
                data = bytes(self._read_some())
                if data:
                    return data
                if self.stream:
                    raise PrinterConnectionLost(f"{self.description} closed the connection")
                if time.monotonic() >= deadline:  # serial: an empty read is its timeout
                    raise PrinterTimeout(f"{self.description} did not answer a status request")
        except TimeoutError as exc:
            raise PrinterTimeout(f"{self.description} did not answer a status request") from exc
        except PrinterError:
            raise
        except OSError as exc:
            raise PrinterConnectionLost(
                f"{self.description} dropped the connection ({exc.strerror or exc})"
            ) from exc
        except Exception as exc:
            raise PrinterTimeout(f"{self.description} did not answer: {exc}") from exc

    def _read_some(self) -> bytes:
        port: Any = getattr(self.device, "device", None)
        if port is not None and hasattr(port, "in_waiting"):
            # pyserial: python-escpos's read(16) would wait out the whole timeout for 3 bytes.
            first = port.read(1)
            return bytes(first + port.read(port.in_waiting)) if first else b""
        return bytes(self.device._read())

    def close(self) -> None:
        try:
            self.device.close()
        except Exception:  # closing a dead link must not mask the error that killed it
            logger.debug("closing %s failed", self.description, exc_info=True)


class PreviewTransport(Transport):
    """Renders each job with the virtual printer: ``OUT.png`` plus ``OUT.txt`` (transcript)."""

    can_read = False
    description = "preview printer"

    def __init__(self, path: Path, paper: PaperWidth) -> None:
        if path.suffix.lower() != ".png":
            raise PrinterConfigError(f"preview output {path} must end in .png")
        if not path.parent.is_dir():
            raise PrinterUnreachable(f"preview folder {path.parent} does not exist")
        self.path = path
        self.paper = paper
        self.jobs = 0
        self._data = bytearray()

    def send(self, data: bytes) -> None:
        self._data += data

    def end_job(self) -> None:
        from drivers.printer.render import render_escpos

        job = render_escpos(bytes(self._data), self.paper)
        self._data.clear()
        self.jobs += 1
        stem = (
            self.path.with_suffix("")
            if self.jobs == 1
            else self.path.with_name(f"{self.path.stem}-{self.jobs}")
        )
        try:
            job.image.save(stem.with_suffix(".png"))
            stem.with_suffix(".txt").write_text(job.transcript, encoding="utf-8")
        except OSError as exc:
            raise PrinterUnreachable(f"cannot write the preview {stem}.png: {exc}") from exc


def open_transport(uri: PrinterUri, paper: PaperWidth, timeout: float) -> Transport:
    from escpos.exceptions import DeviceNotFoundError

    if uri.scheme == "preview":
        return PreviewTransport(Path(uri.target), paper)
    try:
        if uri.scheme == "tcp":
            from escpos.printer import Network

            device: Any = Network(uri.target, uri.port, timeout=timeout)
            description = f"tcp printer {uri.target}:{uri.port}"
        elif uri.scheme == "file":
            from escpos.printer import File

            device = File(uri.target)
            description = f"file printer {uri.target}"
        elif uri.scheme == "serial":
            device, description = _serial(uri, timeout)
        else:
            device, description = _usb(uri, timeout)
        device.open()
        if uri.scheme == "tcp":
            # Without it, the status request after a job waits for a delayed ACK (~40 ms).
            device.device.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        if uri.scheme == "serial" and uri.options.get("flow") == "rtscts":
            device.device.rtscts = True  # python-escpos's Serial has no such argument
    except PrinterError:
        raise
    except DeviceNotFoundError as exc:
        lines = (getattr(exc, "msg", "") or "").strip().splitlines()
        detail = lines[-1] if lines else "not found"
        raise PrinterUnreachable(f"cannot reach the printer {uri} ({detail})") from None
    except Exception as exc:  # missing optional library, no USB backend, permissions...
        raise PrinterUnreachable(f"cannot open the printer {uri}: {exc}") from exc
    return EscposTransport(
        device, description, can_read=uri.scheme != "file", stream=uri.scheme == "tcp"
    )


def _serial(uri: PrinterUri, timeout: float) -> tuple[Any, str]:
    from escpos.printer import Serial

    try:
        baud = int(uri.options.get("baud", "9600"))
    except ValueError:
        raise PrinterConfigError(f"serial baud rate must be a number, not {uri.options}") from None
    flow = uri.options.get("flow", "none")
    if flow not in ("none", "rtscts", "dsrdtr", "xonxoff"):
        raise PrinterConfigError("serial flow must be none, rtscts, dsrdtr or xonxoff")
    # A status read returns empty after this many seconds: keep it short, read() loops.
    device = Serial(
        uri.target,
        baudrate=baud,
        timeout=min(timeout, 0.5),
        xonxoff=flow == "xonxoff",
        dsrdtr=flow == "dsrdtr",
    )
    return device, f"serial printer {uri.target}"


def _usb(uri: PrinterUri, timeout: float) -> tuple[Any, str]:
    from escpos.printer import Usb

    vid, pid = int(uri.target, 16), uri.port
    # Endpoints differ between models (python-escpos defaults: in 0x82, out 0x01).
    endpoints = {f"{name}_ep": int(value, 16) for name, value in uri.options.items()}
    # pyusb timeouts are milliseconds.
    device = Usb(vid, pid, timeout=int(timeout * 1000), **endpoints)
    return device, f"usb printer {vid:04x}:{pid:04x}"
