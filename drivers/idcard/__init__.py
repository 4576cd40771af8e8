"""Identity documents: resident ID cards (GA 467 SAM readers, PC/SC), permits, social security.

Public API (everything below is importable from ``drivers.idcard``; pyserial and pyscard are
imported only when a serial or PC/SC reader is opened):

Readers
    ``open_reader(uri) -> IdCardReader`` builds and opens a reader; ``make_reader(uri)`` builds it
    unopened (what :class:`CardMonitor` wants, since it opens and reopens the reader itself).
    URIs: ``serial:/dev/ttyUSB0?baud=115200`` (``baud=auto``: 115200 then 9600),
    ``pcsc`` / ``pcsc:NAME-SUBSTRING``, ``sim`` (simulated, fictional sample card placed),
    ``sim:empty``. A bad URI raises :class:`ReaderUriError` (exit code 2).

    ``IdCardReader`` (a Protocol; all calls block, none is thread-safe)::

        open(); close()                 # context manager too
        card_present() -> bool          # quick probe
        read_card() -> IdDocument       # read the card that is there now
        read(timeout, cancel=None) -> IdDocument   # wait up to timeout s for a card, read it

    Errors (all :class:`IdCardError`, a ``drivers.errors.DeviceError``): :class:`NoCardError`
    (timeout), :class:`CardReadError` / :class:`ReaderStatusError` (card or SAM failed),
    :class:`ReaderUnavailableError` (unplugged, pcscd down), :class:`ProtocolError` subclasses
    :class:`FrameChecksumError`, :class:`FrameLengthError`, :class:`TextBlockError` (bad bytes).

    :class:`SimulatedReader` (the demo): ``place_card(doc_or_256_byte_block)``, ``remove_card()``,
    ``fail_next_read(error)``, ``unplug()`` / ``plug()``; samples in :mod:`drivers.idcard.samples`
    (``sample_resident()`` is 张示例, 11010519491231002X, clearly fictional).

The document
    :class:`IdDocument` is a frozen dataclass whose fields match the JSON keys of
    ``kiosk idcard read --json``; ``to_json_dict()`` gives exactly those keys. Its ``repr`` is
    masked (card type, ``1101**********002X``, has_photo): never a name or a full number.
    ``photo_wlt`` holds the raw WLT photo; ``photo_image`` a BMP only if a vendor decoder library
    is installed (see :mod:`drivers.idcard.photo`), else None: show a neutral placeholder.
    ``note`` carries remarks such as "this reader has no SAM" for ``card_type == CARD_UID``.

The monitor
    ``CardMonitor(reader, poll_interval=0.1, reconnect_interval=1.0)``: ``start()``, ``stop()``
    (prompt), context manager; ``subscribe(callback) -> unsubscribe`` delivers, on the monitor's
    thread, the current :class:`ReaderHealth` and card state first, then every event:
    :class:`CardPlaced`, :class:`CardRead` (``.document``), :class:`CardReadFailed` (``.reason``),
    :class:`CardRemoved`, :class:`ReaderHealth` (``.health``: ``drivers.health.DeviceHealth``).
    All are frozen dataclasses; hand them to Qt through queued signals (ui/bridge.py).

Protocol code is sans-I/O: :mod:`drivers.idcard.ga467` (frames, SW3 codes),
:mod:`drivers.idcard.document` (text blocks), :mod:`drivers.idcard.apdu` (PC/SC profiles).
:mod:`drivers.idcard.emulator` is a GA 467 reader emulator on a pty (tests, benchmarks).
"""

from drivers.idcard.document import CardType, IdDocument, parse_text_block
from drivers.idcard.errors import (
    CardReadError,
    FrameChecksumError,
    FrameLengthError,
    IdCardError,
    NoCardError,
    ProtocolError,
    ReaderError,
    ReaderStatusError,
    ReaderUnavailableError,
    ReaderUriError,
    TextBlockError,
)
from drivers.idcard.monitor import (
    CardEvent,
    CardMonitor,
    CardPlaced,
    CardRead,
    CardReadFailed,
    CardRemoved,
    MonitorEvent,
    ReaderHealth,
)
from drivers.idcard.reader import IdCardReader, make_reader, open_reader
from drivers.idcard.sim import SimulatedReader

__all__ = [
    "CardEvent",
    "CardMonitor",
    "CardPlaced",
    "CardRead",
    "CardReadError",
    "CardReadFailed",
    "CardRemoved",
    "CardType",
    "FrameChecksumError",
    "FrameLengthError",
    "IdCardError",
    "IdCardReader",
    "IdDocument",
    "MonitorEvent",
    "NoCardError",
    "ProtocolError",
    "ReaderError",
    "ReaderHealth",
    "ReaderStatusError",
    "ReaderUnavailableError",
    "ReaderUriError",
    "SimulatedReader",
    "TextBlockError",
    "make_reader",
    "open_reader",
    "parse_text_block",
]
