"""``multipart/form-data`` (RFC 7578) as the case-with-materials request uses it: an encoder for
the terminal and a sans-I/O parser for the hub.

Theory of operation (the parser, in the style of h11): ``feed`` bytes as they arrive (``b""``
means the body ended), then call ``next_event`` until it answers ``NEED_DATA``. Events come in
the order ``PartStarted``, ``PartData``... , ``PartEnded`` for each part, then ``Finished``
once the closing delimiter was read (an epilogue after it is ignored). The parser holds at most
one header block (``max_header_bytes``) and a delimiter's length of body bytes: it never keeps
a part's content, so the caller decides how much of a part it is willing to hold. A body that
breaks the format raises ``MalformedMultipart`` (the peer misbehaved).

States: PREAMBLE (until the first delimiter) -> AFTER_DELIMITER -> HEADERS -> BODY
(-> AFTER_DELIMITER for the next part) ... -> DONE.
"""

from __future__ import annotations

import enum
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

MEDIA_TYPE = "multipart/form-data"
MAX_BOUNDARY = 70  # RFC 2046


class MalformedMultipart(ValueError):
    """The body is not the multipart/form-data it claims to be."""


@dataclass(frozen=True, slots=True)
class Part:
    """One part to encode."""

    name: str
    content: bytes
    content_type: str = "application/octet-stream"
    filename: str | None = None


@dataclass(frozen=True, slots=True)
class PartStarted:
    name: str
    filename: str | None
    content_type: str | None


@dataclass(frozen=True, slots=True)
class PartData:
    data: bytes


@dataclass(frozen=True, slots=True)
class PartEnded:
    pass


@dataclass(frozen=True, slots=True)
class Finished:
    pass


class _Need(enum.Enum):
    NEED_DATA = "need data"


NEED_DATA = _Need.NEED_DATA
Event = PartStarted | PartData | PartEnded | Finished


def _quote(value: str) -> str:
    # RFC 7578 section 4.2 (as browsers do): CR, LF and the quote percent-encoded.
    return value.replace("\r", "%0D").replace("\n", "%0A").replace('"', "%22")


def encode(parts: Iterable[Part]) -> tuple[str, bytes]:
    """The Content-Type header (with its boundary) and the body for ``parts``, in order."""
    parts = list(parts)
    while True:  # a random boundary that no content happens to contain
        boundary = f"yimen-{secrets.token_hex(16)}"
        marker = boundary.encode()
        if not any(marker in part.content for part in parts):
            break
    chunks: list[bytes] = []
    for part in parts:
        disposition = f'form-data; name="{_quote(part.name)}"'
        if part.filename is not None:
            disposition += f'; filename="{_quote(part.filename)}"'
        head = (
            f"--{boundary}\r\nContent-Disposition: {disposition}\r\n"
            f"Content-Type: {part.content_type}\r\n\r\n"
        )
        chunks += [head.encode(), part.content, b"\r\n"]
    chunks.append(f"--{boundary}--\r\n".encode())
    return f"{MEDIA_TYPE}; boundary={boundary}", b"".join(chunks)


def _parameters(value: str) -> tuple[str, dict[str, str]]:
    """``type; key=value; key="quoted"`` -> (type, {key: value}); keys lower-cased."""
    head, _, rest = value.partition(";")
    params: dict[str, str] = {}
    i, n = 0, len(rest)
    while i < n:
        while i < n and rest[i] in " \t;":
            i += 1
        eq = rest.find("=", i)
        if eq < 0:
            break
        key = rest[i:eq].strip().lower()
        i = eq + 1
        if i < n and rest[i] == '"':
            i += 1
            out: list[str] = []
            while i < n and rest[i] != '"':
                if rest[i] == "\\" and i + 1 < n:
                    i += 1
                out.append(rest[i])
                i += 1
            if i >= n:
                raise MalformedMultipart("unterminated quoted parameter")
            i += 1
            params[key] = "".join(out)
        else:
            end = rest.find(";", i)
            end = n if end < 0 else end
            params[key] = rest[i:end].strip()
            i = end
    return head.strip().lower(), params


def boundary_of(content_type: str | None) -> bytes | None:
    """The boundary of a ``multipart/form-data`` Content-Type, or None if it is not one."""
    if not content_type:
        return None
    try:
        kind, params = _parameters(content_type)
    except MalformedMultipart:
        return None
    boundary = params.get("boundary", "")
    if kind != MEDIA_TYPE or not 1 <= len(boundary) <= MAX_BOUNDARY:
        return None
    try:
        return boundary.encode("ascii")
    except UnicodeEncodeError:
        return None


class _State(enum.Enum):
    PREAMBLE = "preamble"
    AFTER_DELIMITER = "after delimiter"
    HEADERS = "headers"
    BODY = "body"
    DONE = "done"


class MultipartParser:
    def __init__(self, boundary: bytes, *, max_header_bytes: int = 8192) -> None:
        if not 1 <= len(boundary) <= MAX_BOUNDARY:
            raise ValueError("a boundary has 1 to 70 characters")
        self._delimiter = b"\r\n--" + boundary
        self._max_header_bytes = max_header_bytes
        # The first delimiter may open the body without a line break before it.
        self._buffer = bytearray(b"\r\n")
        self._state = _State.PREAMBLE
        self._eof = False
        self._finished_sent = False

    def feed(self, data: bytes) -> None:
        """Bytes of the body as they come; ``b""`` once it has ended."""
        if self._eof and data:
            raise RuntimeError("data fed after the end of the body")
        if data:
            if self._state is not _State.DONE:  # an epilogue is dropped as it comes
                self._buffer += data
        else:
            self._eof = True

    def next_event(self) -> Event | _Need:
        buf = self._buffer
        delimiter = self._delimiter
        if self._state is _State.PREAMBLE:
            at = buf.find(delimiter)
            if at < 0:
                # Keep only what may be the start of the delimiter: a preamble is dropped.
                del buf[: max(0, len(buf) - len(delimiter) + 1)]
                return self._need("no boundary in the body")
            del buf[: at + len(delimiter)]
            self._state = _State.AFTER_DELIMITER
        if self._state is _State.AFTER_DELIMITER:
            if len(buf) < 2:
                return self._need("body ends after a boundary")
            if buf[:2] == b"--":
                self._state = _State.DONE
                buf.clear()
            else:
                end = buf.find(b"\r\n")
                if end < 0:
                    if len(buf) > 256:
                        raise MalformedMultipart("no line break after a boundary")
                    return self._need("body ends after a boundary")
                if buf[:end].strip(b" \t"):  # only transport padding may follow a delimiter
                    raise MalformedMultipart("text after a boundary")
                del buf[: end + 2]
                self._state = _State.HEADERS
        if self._state is _State.HEADERS:
            if buf[:2] == b"\r\n":
                block, size = b"", 2  # a part without headers (and so without a name)
            else:
                end = buf.find(b"\r\n\r\n")
                if end < 0:
                    if len(buf) > self._max_header_bytes:
                        raise MalformedMultipart("part headers too long")
                    return self._need("body ends in part headers")
                block, size = bytes(buf[:end]), end + 4
            if size > self._max_header_bytes:
                raise MalformedMultipart("part headers too long")
            del buf[:size]
            self._state = _State.BODY
            return _part_started(block)
        if self._state is _State.BODY:
            at = buf.find(delimiter)
            if at == 0:
                del buf[: len(delimiter)]
                self._state = _State.AFTER_DELIMITER
                return PartEnded()
            keep = len(delimiter) - 1  # the tail may be the start of a delimiter
            upto = at if at > 0 else len(buf) - keep
            if upto <= 0:
                return self._need("body ends inside a part")
            data = bytes(buf[:upto])
            del buf[:upto]
            return PartData(data)
        if not self._finished_sent:
            self._finished_sent = True
            return Finished()
        return NEED_DATA

    def _need(self, why: str) -> _Need:
        if self._eof:
            raise MalformedMultipart(why)
        return NEED_DATA


def _part_started(block: bytes) -> PartStarted:
    try:
        text = block.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise MalformedMultipart("part headers are not UTF-8") from exc
    headers: dict[str, str] = {}
    for line in text.split("\r\n"):
        name, colon, value = line.partition(":")
        if not colon or not name.strip():
            raise MalformedMultipart("a part header line without a name")
        headers[name.strip().lower()] = value.strip()
    kind, params = _parameters(headers.get("content-disposition", ""))
    if kind != "form-data" or not params.get("name"):
        raise MalformedMultipart("a part without a form-data name")
    return PartStarted(params["name"], params.get("filename"), headers.get("content-type"))
