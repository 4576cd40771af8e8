"""Decode saved reader output: what ``kiosk idcard decode FILE`` accepts."""

from __future__ import annotations

from drivers.idcard import ga467
from drivers.idcard.document import TEXT_BLOCK_LEN, IdDocument, parse_text_block
from drivers.idcard.errors import ProtocolError, TextBlockError


def decode_saved(raw: bytes) -> IdDocument:
    """A whole GA 467 read reply (30 01 or 30 10), or a bare 256-byte text block."""
    if raw.startswith(ga467.PREAMBLE):
        parser = ga467.FrameParser()
        parser.feed(raw)
        frame = parser.next_frame()
        if not isinstance(frame, ga467.Frame):
            raise ProtocolError("the GA 467 frame is cut short")
        response = ga467.Response.from_frame(frame)
        if not response.ok:
            raise ProtocolError(
                f"the frame is a reader error reply: {ga467.describe_sw3(response.sw3)}"
            )
        payload = ga467.parse_read_data(response.data)
        return parse_text_block(payload.text, payload.photo)
    if len(raw) == TEXT_BLOCK_LEN:
        return parse_text_block(raw)
    raise TextBlockError(
        f"it is neither a GA 467 read reply nor a {TEXT_BLOCK_LEN}-byte text block "
        f"({len(raw)} bytes)"
    )
