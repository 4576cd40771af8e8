"""PC/SC readers through pyscard's low-level ``smartcard.scard`` API.

The low-level API is used on purpose: its result codes tell "no card" from "card removed during
the read" from "pcscd went away", which the monitor needs to report health and to reconnect.
Profiles (SAM pseudo-card, social security card, bare contactless card) are in :mod:`apdu`.
"""

from __future__ import annotations

import logging
import time
from dataclasses import replace
from typing import Any, NoReturn

from drivers.idcard import apdu
from drivers.idcard.document import IdDocument
from drivers.idcard.errors import CardReadError, ReaderUnavailableError
from drivers.idcard.photo import decode_photo, load_decoder
from drivers.idcard.reader import PollingReader

logger = logging.getLogger(__name__)


class PcscReader(PollingReader):
    def __init__(self, name_substring: str | None = None, *, stale_timeout: float = 3.0) -> None:
        self.name_substring = name_substring
        self.stale_timeout = stale_timeout
        self.reader_name: str | None = None
        self._context: Any = None
        self.description = f"pcsc {name_substring or '(first reader)'}"

    # --- connection ---------------------------------------------------------------------

    def open(self) -> None:
        from smartcard import scard

        load_decoder()
        if self._context is None:
            result, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
            if result != scard.SCARD_S_SUCCESS:
                raise ReaderUnavailableError(
                    f"the PC/SC service is not available ({_message(result)}); is pcscd running?"
                )
            self._context = context
        result, readers = scard.SCardListReaders(self._context, [])
        if result not in (scard.SCARD_S_SUCCESS, scard.SCARD_E_NO_READERS_AVAILABLE):
            self.close()
            raise ReaderUnavailableError(f"listing PC/SC readers failed ({_message(result)})")
        wanted = (self.name_substring or "").casefold()
        matching = [name for name in readers or [] if wanted in name.casefold()]
        if not matching:
            self.close()
            what = f"matching {self.name_substring!r}" if self.name_substring else "at all"
            raise ReaderUnavailableError(f"there is no PC/SC reader {what}")
        self.reader_name = matching[0]
        self.description = f"pcsc {self.reader_name}"
        logger.info("using %s", self.description)

    def close(self) -> None:
        from smartcard import scard

        if self._context is not None:
            scard.SCardReleaseContext(self._context)
            self._context = None

    def _require_context(self) -> Any:
        if self._context is None or self.reader_name is None:
            raise ReaderUnavailableError("the PC/SC reader is not open")
        return self._context

    # --- the reader interface -----------------------------------------------------------

    def card_present(self) -> bool:
        from smartcard import scard

        context = self._require_context()
        result, states = scard.SCardGetStatusChange(
            context, 0, [(self.reader_name, scard.SCARD_STATE_UNAWARE)]
        )
        if result != scard.SCARD_S_SUCCESS:
            self._unavailable(result)
        _name, state, _atr = states[0]
        if state & (scard.SCARD_STATE_UNKNOWN | scard.SCARD_STATE_UNAVAILABLE):
            self.close()
            raise ReaderUnavailableError(f"the PC/SC reader {self.reader_name} went away")
        return bool(state & scard.SCARD_STATE_PRESENT) and not state & scard.SCARD_STATE_MUTE

    def read_card(self) -> IdDocument:
        # A card swapped faster than pcscd polls the reader gives a stale handle until pcscd
        # has seen the swap: wait for the reader state to change, then connect again.
        deadline = time.monotonic() + self.stale_timeout
        while True:
            try:
                return self._read_once()
            except _StaleCardError as exc:
                if time.monotonic() > deadline:
                    raise CardReadError(exc.message) from None
                logger.info("stale card handle on %s; waiting for pcscd", self.description)
                self._wait_for_change(0.5)

    def _wait_for_change(self, timeout: float) -> None:
        from smartcard import scard

        context = self._require_context()
        result, states = scard.SCardGetStatusChange(
            context, 0, [(self.reader_name, scard.SCARD_STATE_UNAWARE)]
        )
        if result != scard.SCARD_S_SUCCESS:
            self._unavailable(result)
        current = states[0][1] & ~scard.SCARD_STATE_CHANGED
        scard.SCardGetStatusChange(context, int(timeout * 1000), [(self.reader_name, current)])

    def _read_once(self) -> IdDocument:
        from smartcard import scard

        context = self._require_context()
        result, card, protocol = scard.SCardConnect(
            context,
            self.reader_name,
            scard.SCARD_SHARE_SHARED,
            scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1,
        )
        if result != scard.SCARD_S_SUCCESS:
            self._card_failure(result)
        try:
            session = _CardSession(card, protocol, self)
            doc = session.read()
        finally:
            scard.SCardDisconnect(card, scard.SCARD_LEAVE_CARD)
        doc = replace(doc, photo_image=decode_photo(doc.photo_wlt))
        logger.info("read %r on %s", doc, self.description)
        return doc

    # --- errors -------------------------------------------------------------------------

    def _unavailable(self, result: int) -> NoReturn:
        self.close()
        raise ReaderUnavailableError(
            f"the PC/SC reader {self.reader_name} is unavailable ({_message(result)})"
        )

    def _card_failure(self, result: int) -> NoReturn:
        from smartcard import scard

        if result in _service_errors():
            self._unavailable(result)
        if result in (scard.SCARD_W_REMOVED_CARD, scard.SCARD_E_NO_SMARTCARD):
            raise CardReadError("the card was removed before it could be read")
        if result in (scard.SCARD_E_NOT_TRANSACTED, scard.SCARD_W_RESET_CARD):
            raise _StaleCardError(f"the card could not be read ({_message(result)})")
        raise CardReadError(f"the card could not be read ({_message(result)})")


class _StaleCardError(CardReadError):
    pass


class _CardSession:
    """One connection to one card: transmit with T=0 follow-ups, then the profiles in order."""

    def __init__(self, card: Any, protocol: int, owner: PcscReader) -> None:
        self.card = card
        self.protocol = protocol
        self.owner = owner

    def transmit(self, command: bytes) -> apdu.RApdu:
        from smartcard import scard

        for _ in range(4):  # 61xx/6Cxx chains are short; a loop bound keeps a bad card finite
            result, raw = scard.SCardTransmit(self.card, self.protocol, list(command))
            if result != scard.SCARD_S_SUCCESS:
                self.owner._card_failure(result)
            if len(raw) < 2:
                # What a card pulled away mid-exchange looks like through some drivers (vpcd).
                raise CardReadError("the card stopped answering: it was removed during the read")
            response = apdu.RApdu.parse(bytes(raw))
            follow = apdu.follow_up(command, response)
            if follow is None:
                return response
            command = follow
        return response

    def atr(self) -> bytes:
        from smartcard import scard

        result, _reader, _state, _protocol, atr = scard.SCardStatus(self.card)
        if result != scard.SCARD_S_SUCCESS:
            self.owner._card_failure(result)
        return bytes(atr)

    def read(self) -> IdDocument:
        # The ATR hint decides whether the pseudo-card goes first; it is tried last otherwise,
        # since which readers present one (and with which ATR) is not documented.
        pseudo_first = apdu.looks_like_pseudo_card(self.atr())
        if pseudo_first and (doc := self._read_pseudo_card()) is not None:
            return doc
        if (doc := self._read_social_security()) is not None:
            return doc
        response = self.transmit(apdu.GET_CARD_UID)
        if response.ok and len(response.data) == 8:
            logger.info("%s: %s", self.owner.description, apdu.NO_SAM_NOTE)
            return apdu.card_uid_document(response.data)
        if not pseudo_first and (doc := self._read_pseudo_card()) is not None:
            return doc
        raise CardReadError(
            "the card is neither a resident ID card nor a social security card this reader can read"
        )

    def _read_pseudo_card(self) -> IdDocument | None:
        pages = []
        for page in range(apdu.PSEUDO_PAGES):
            response = self.transmit(apdu.pseudo_read(page))
            if not response.ok:
                if page == 0:
                    return None  # not a pseudo-card after all: try the next profile
                raise CardReadError(f"the reader's SAM stopped answering at page {page}")
            pages.append(response.data)
        return apdu.parse_pseudo_stream(pages)

    def _read_social_security(self) -> IdDocument | None:
        if not self.transmit(apdu.SELECT_SSC).ok:
            return None
        records: dict[int, bytes] = {}
        for fid, numbers in ((apdu.EF05, apdu.EF05_RECORDS), (apdu.EF06, apdu.EF06_RECORDS)):
            if not self.transmit(apdu.select_file(fid)).ok:
                raise CardReadError(f"the social security card has no file {fid:04X}")
            for number in numbers:
                response = self.transmit(apdu.read_record(number))
                if response.sw == apdu.SW_SECURITY_NOT_SATISFIED:
                    raise CardReadError("this social security card needs its PIN to be read")
                if not response.ok:
                    raise CardReadError(
                        f"the social security card refused record {number:02X} "
                        f"(SW {response.sw:04X})"
                    )
                records[number] = apdu.parse_record(response.data, number)
        return apdu.social_security_document(records)


def _service_errors() -> set[int]:
    from smartcard import scard

    return {
        scard.SCARD_E_NO_SERVICE,
        scard.SCARD_E_SERVICE_STOPPED,
        scard.SCARD_E_INVALID_HANDLE,
        scard.SCARD_E_UNKNOWN_READER,
        scard.SCARD_E_READER_UNAVAILABLE,
        scard.SCARD_E_NO_READERS_AVAILABLE,
    }


def _message(result: int) -> str:
    from smartcard import scard

    try:
        return str(scard.SCardGetErrorMessage(result)).strip()
    except Exception:  # an unknown code must not hide the real failure
        return f"0x{result & 0xFFFFFFFF:08X}"


def list_pcsc_readers() -> list[str]:
    """Names of the PC/SC readers pcscd knows now (empty if pcscd is not running)."""
    from smartcard import scard

    result, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    if result != scard.SCARD_S_SUCCESS:
        return []
    try:
        result, readers = scard.SCardListReaders(context, [])
        return list(readers or []) if result == scard.SCARD_S_SUCCESS else []
    finally:
        scard.SCardReleaseContext(context)
