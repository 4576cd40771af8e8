"""IPP/1.1 messages (RFC 8010 §3), without I/O: a request to bytes, bytes to a response.

Only what a print client needs: operation, job and printer attribute groups with integer,
boolean, enum, text, name, keyword, URI, charset, language and MIME values (anything else is
kept as raw bytes), and document data after the attributes. The transport (HTTP POST with
``Content-Type: application/ipp``) is :mod:`drivers.printer.cups`'s business.

Errors are split as h11 splits them: :class:`IppEncodeError` when we build a message wrong,
:class:`IppDecodeError` when the peer sent bytes that are not IPP.
"""

from __future__ import annotations

import enum
import struct
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

VERSION = (1, 1)


class Op(enum.IntEnum):
    PRINT_JOB = 0x0002
    VALIDATE_JOB = 0x0004
    CANCEL_JOB = 0x0008
    GET_JOB_ATTRIBUTES = 0x0009
    GET_PRINTER_ATTRIBUTES = 0x000B


class Group(enum.IntEnum):
    OPERATION = 0x01
    JOB = 0x02
    END = 0x03
    PRINTER = 0x04
    UNSUPPORTED = 0x05


class Tag(enum.IntEnum):
    UNSUPPORTED = 0x10
    UNKNOWN = 0x12
    NO_VALUE = 0x13
    INTEGER = 0x21
    BOOLEAN = 0x22
    ENUM = 0x23
    OCTET_STRING = 0x30
    TEXT_WITH_LANGUAGE = 0x35
    NAME_WITH_LANGUAGE = 0x36
    TEXT = 0x41
    NAME = 0x42
    KEYWORD = 0x44
    URI = 0x45
    CHARSET = 0x47
    LANGUAGE = 0x48
    MIME_TYPE = 0x49


class JobState(enum.IntEnum):
    PENDING = 3
    HELD = 4
    PROCESSING = 5
    STOPPED = 6
    CANCELED = 7
    ABORTED = 8
    COMPLETED = 9

    @property
    def finished(self) -> bool:
        return self >= JobState.CANCELED


class PrinterState(enum.IntEnum):
    IDLE = 3
    PROCESSING = 4
    STOPPED = 5


# Status codes a print client acts on (RFC 8011 §4.1.6, CUPS' ipp.h).
OK = 0x0000
OK_IGNORED_OR_SUBSTITUTED = 0x0001
OK_CONFLICTING = 0x0002
NOT_AUTHORIZED = 0x0403
NOT_FOUND = 0x0406
NOT_ACCEPTING_JOBS = 0x0506
STATUS_NAMES = {
    0x0400: "client-error-bad-request",
    0x0401: "client-error-forbidden",
    0x0402: "client-error-not-authenticated",
    NOT_AUTHORIZED: "client-error-not-authorized",
    0x0404: "client-error-not-possible",
    0x0405: "client-error-timeout",
    NOT_FOUND: "client-error-not-found",
    0x0407: "client-error-gone",
    0x040A: "client-error-document-format-not-supported",
    0x0500: "server-error-internal-error",
    0x0501: "server-error-operation-not-supported",
    0x0503: "server-error-version-not-supported",
    0x0504: "server-error-device-error",
    0x0505: "server-error-temporary-error",
    NOT_ACCEPTING_JOBS: "server-error-not-accepting-jobs",
    0x0507: "server-error-busy",
}

Value = int | bool | str | bytes
_STRINGS = {
    Tag.TEXT,
    Tag.NAME,
    Tag.KEYWORD,
    Tag.URI,
    Tag.CHARSET,
    Tag.LANGUAGE,
    Tag.MIME_TYPE,
}


class IppEncodeError(ValueError):
    """We asked for a message IPP cannot carry."""


class IppDecodeError(ValueError):
    """The peer's bytes are not an IPP message."""


@dataclass(frozen=True, slots=True)
class Attribute:
    name: str
    tag: int
    values: tuple[Value, ...]

    @property
    def value(self) -> Value:
        return self.values[0]


@dataclass(frozen=True, slots=True)
class Request:
    operation: Op
    request_id: int
    operation_attributes: tuple[Attribute, ...]
    data: bytes = b""


@dataclass(frozen=True, slots=True)
class Response:
    status: int
    request_id: int
    groups: tuple[tuple[int, tuple[Attribute, ...]], ...] = ()

    @property
    def ok(self) -> bool:
        return self.status < 0x0100

    @property
    def status_name(self) -> str:
        if self.ok:
            return "successful-ok"
        return STATUS_NAMES.get(self.status, f"status 0x{self.status:04x}")

    def attributes(self, group: Group | None = None) -> dict[str, Attribute]:
        """Attributes by name: those of one group (every group when None; first one wins)."""
        found: dict[str, Attribute] = {}
        for tag, attributes in self.groups:
            if group is None or tag == group:
                for attribute in attributes:
                    found.setdefault(attribute.name, attribute)
        return found


def attr(name: str, tag: Tag, *values: Value) -> Attribute:
    return Attribute(name, tag, values)


def operation_attributes(
    printer_uri: str, user: str, extra: Iterable[Attribute] = ()
) -> tuple[Attribute, ...]:
    """The attributes every request starts with, in the order RFC 8011 §4.1.4 requires."""
    return (
        attr("attributes-charset", Tag.CHARSET, "utf-8"),
        attr("attributes-natural-language", Tag.LANGUAGE, "zh-cn"),
        attr("printer-uri", Tag.URI, printer_uri),
        attr("requesting-user-name", Tag.NAME, user),
        *extra,
    )


# -- encoding


def _encode_value(tag: int, value: Value) -> bytes:
    if tag in (Tag.INTEGER, Tag.ENUM):
        if isinstance(value, bool) or not isinstance(value, int):
            raise IppEncodeError(f"tag 0x{tag:02x} takes an integer, not {value!r}")
        return struct.pack(">i", value)
    if tag == Tag.BOOLEAN:
        if not isinstance(value, bool):
            raise IppEncodeError(f"a boolean takes True or False, not {value!r}")
        return b"\x01" if value else b"\x00"
    if tag in (Tag.UNSUPPORTED, Tag.UNKNOWN, Tag.NO_VALUE):
        return b""
    if isinstance(value, str):
        return value.encode("utf-8")
    if isinstance(value, bytes):
        return value
    raise IppEncodeError(f"tag 0x{tag:02x} takes text or bytes, not {value!r}")


def _encode_attribute(attribute: Attribute) -> bytes:
    if not attribute.values:
        raise IppEncodeError(f"attribute {attribute.name!r} has no value")
    out = bytearray()
    name = attribute.name.encode("ascii")
    for n, value in enumerate(attribute.values):
        raw = _encode_value(attribute.tag, value)
        key = name if n == 0 else b""
        if len(raw) > 0x7FFF or len(key) > 0x7FFF:
            raise IppEncodeError(f"attribute {attribute.name!r} is too long")
        out += struct.pack(">BH", attribute.tag, len(key)) + key
        out += struct.pack(">H", len(raw)) + raw
    return bytes(out)


def encode_request(request: Request) -> bytes:
    out = bytearray(struct.pack(">BBHI", *VERSION, request.operation, request.request_id))
    out.append(Group.OPERATION)
    for attribute in request.operation_attributes:
        out += _encode_attribute(attribute)
    out.append(Group.END)
    return bytes(out) + request.data


def encode_response(response: Response) -> bytes:
    """A response's bytes (the tests' printer side, and the tables both ways)."""
    out = bytearray(struct.pack(">BBHI", *VERSION, response.status, response.request_id))
    for tag, attributes in response.groups:
        out.append(tag)
        for attribute in attributes:
            out += _encode_attribute(attribute)
    out.append(Group.END)
    return bytes(out)


# -- decoding


def _decode_value(tag: int, raw: bytes) -> Value:
    if tag in (Tag.INTEGER, Tag.ENUM):
        if len(raw) != 4:
            raise IppDecodeError(f"an integer of {len(raw)} bytes")
        return int(struct.unpack(">i", raw)[0])
    if tag == Tag.BOOLEAN:
        if len(raw) != 1:
            raise IppDecodeError(f"a boolean of {len(raw)} bytes")
        return raw != b"\x00"
    if tag in _STRINGS:
        return raw.decode("utf-8", errors="replace")
    return raw  # text/name with language, dates, collections...: kept as they came


def decode_response(data: bytes) -> Response:
    """A whole IPP response (document data after it, if any, is ignored)."""
    if len(data) < 9:
        raise IppDecodeError(f"{len(data)} bytes are too few for an IPP message")
    major, _minor, status, request_id = struct.unpack(">BBHI", data[:8])
    if major not in (1, 2):
        raise IppDecodeError(f"IPP version {major} (not an IPP message?)")
    groups: list[tuple[int, tuple[Attribute, ...]]] = []
    pos = 8
    group: int | None = None
    current: list[Attribute] = []
    pending: tuple[str, int, list[Value]] | None = None

    def close_attribute() -> None:
        nonlocal pending
        if pending is not None:
            current.append(Attribute(pending[0], pending[1], tuple(pending[2])))
            pending = None

    def close_group() -> None:
        nonlocal current
        close_attribute()
        if group is not None:
            groups.append((group, tuple(current)))
        current = []

    while True:
        if pos >= len(data):
            raise IppDecodeError("the message ends before its end-of-attributes tag")
        tag = data[pos]
        pos += 1
        if tag == Group.END:
            close_group()
            return Response(status, request_id, tuple(groups))
        if tag < 0x10:  # a delimiter: a new group
            close_group()
            group = tag
            continue
        if group is None:
            raise IppDecodeError(f"value tag 0x{tag:02x} outside any group")
        if pos + 2 > len(data):
            raise IppDecodeError("truncated attribute name length")
        (name_length,) = struct.unpack(">H", data[pos : pos + 2])
        pos += 2
        name = data[pos : pos + name_length]
        pos += name_length
        if pos + 2 > len(data):
            raise IppDecodeError("truncated attribute value length")
        (value_length,) = struct.unpack(">H", data[pos : pos + 2])
        pos += 2
        raw = data[pos : pos + value_length]
        if len(raw) != value_length:
            raise IppDecodeError("truncated attribute value")
        pos += value_length
        value = _decode_value(tag, raw)
        if name_length:
            close_attribute()
            pending = (name.decode("utf-8", errors="replace"), tag, [value])
        elif pending is not None:
            pending[2].append(value)  # an additional value of the attribute before
        else:
            raise IppDecodeError("an additional value without an attribute")


def integer(attributes: Mapping[str, Attribute], name: str) -> int | None:
    """An integer or enum attribute's first value (None when absent or not a number)."""
    found = attributes.get(name)
    if found is None or isinstance(found.value, bool) or not isinstance(found.value, int):
        return None
    return found.value


def keywords(attributes: Mapping[str, Attribute], name: str) -> tuple[str, ...]:
    """A keyword or text attribute's values as strings (empty when absent)."""
    found = attributes.get(name)
    if found is None:
        return ()
    return tuple(v for v in found.values if isinstance(v, str))


@dataclass(slots=True)
class RequestIds:
    """Request ids for one connection's requests: 1, 2, 3, ..."""

    last: int = field(default=0)

    def next(self) -> int:
        self.last = self.last % 0x7FFFFFFF + 1
        return self.last
