"""The card photo: WLT bytes in, a BMP out only if a vendor decoder library is installed.

WLT is a proprietary compression; only vendor libraries (libwlt2bmp, WltRS...) decode it into a
102x126 24-bit bitmap. We never fake a photo: without a decoder ``decode_photo`` returns None and
the UI shows a neutral placeholder. A decoder is any callable ``bytes -> bytes | None``; install
one with :func:`set_photo_decoder`, or let :func:`find_vendor_decoder` load a shared library named
in ``$KIOSK_WLT_LIBRARY`` or found by the dynamic linker as ``libwlt2bmp.so`` / ``libwlt.so``.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import ctypes

logger = logging.getLogger(__name__)

PhotoDecoder = Callable[[bytes], bytes | None]

WLT_LEN = 1024
# 102 x 126 pixels, 24 bit, rows padded to 4 bytes (308), plus the 54-byte BMP header.
BMP_LEN = 54 + 308 * 126

_lock = threading.Lock()
_decoder: PhotoDecoder | None = None
_searched = False


def set_photo_decoder(decoder: PhotoDecoder | None) -> None:
    """Use ``decoder`` from now on (None: search for a vendor library again on next use)."""
    global _decoder, _searched
    with _lock:
        _decoder = decoder
        _searched = decoder is not None


def find_vendor_decoder(names: tuple[str, ...] = ("wlt2bmp", "wlt")) -> PhotoDecoder | None:
    """Load a libwlt2bmp-style library: ``int unpack(char *wlt, char *bmp, int save)`` (1 = ok).

    The one named in ``$KIOSK_WLT_LIBRARY``, else the first ``lib<name>.so`` the dynamic linker
    finds (its cache, ``LD_LIBRARY_PATH``); a library installed only under a versioned name is
    named in the variable. Asking the linker runs nothing, where ``ctypes.util.find_library``
    would run ldconfig, then gcc and ld, at every start of a kiosk without the library.
    """
    import ctypes

    explicit = os.environ.get("KIOSK_WLT_LIBRARY", "")
    candidates = [explicit] if explicit else []
    candidates += [f"lib{name}.so" for name in names]
    for path in candidates:
        try:
            library = ctypes.CDLL(path)
            unpack = library.unpack
        except OSError:
            if path == explicit:  # a library the linker does not find is simply not installed
                logger.info("WLT decoder %s not usable", path)
            continue
        except AttributeError:
            logger.info("WLT decoder %s not usable", path)
            continue
        unpack.argtypes = (ctypes.c_char_p, ctypes.c_char_p, ctypes.c_int)
        unpack.restype = ctypes.c_int
        logger.info("WLT photo decoder loaded from %s", path)
        return _wrap(unpack)
    return None


def _wrap(unpack: Callable[[bytes, ctypes.Array[ctypes.c_char], int], int]) -> PhotoDecoder:
    import ctypes

    def decode(wlt: bytes) -> bytes | None:
        if len(wlt) != WLT_LEN:
            return None
        out = ctypes.create_string_buffer(BMP_LEN)
        return out.raw if unpack(wlt, out, 0) == 1 else None

    return decode


def load_decoder() -> PhotoDecoder | None:
    """Search for a vendor library once per process (readers call this when they open).

    Loading a vendor library takes a moment, so it belongs to opening a reader, not to the
    first citizen's read.
    """
    global _decoder, _searched
    with _lock:
        if not _searched:
            _decoder = find_vendor_decoder()
            _searched = True
        return _decoder


def decode_photo(wlt: bytes | None) -> bytes | None:
    """A BMP image of the photo, or None (no photo, no decoder, or the decoder refused it)."""
    if not wlt:
        return None
    decoder = load_decoder()
    if decoder is None:
        return None
    try:
        return decoder(wlt)
    except Exception:  # a vendor library must not take the read down with it
        logger.exception("WLT photo decoder failed")
        return None
