"""A business licence's QR (营业执照二维码): the unified social credit code it carries.

Qt-free and I/O-free. A licence issued since the 2015 reform carries a QR whose text is a link
to the national enterprise credit publicity system (国家企业信用信息公示系统, gsxt.gov.cn, or a
province's subdomain of it); where the link names the company openly, the USCC is one of its
query values (``uniscid=``, ``creditCode=``...) or a path segment. Some provinces print an
opaque token instead: such a licence is read, but its code must be typed.

:func:`read_licence_qr` never raises: any text (another country's register, a shop's link, a
bare number, garbage from the scanner) becomes a :class:`LicenceRead` with a ``problem`` the UI
words for the citizen.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, unquote, urlsplit

from contract import idnumber

# The national system and its provincial mirrors (e.g. js.gsxt.gov.cn), and its old name.
_HOSTS = ("gsxt.gov.cn", "gsxt.saic.gov.cn")
_CANDIDATE = re.compile(r"(?<![0-9A-Za-z])[0-9A-Za-z]{18}(?![0-9A-Za-z])")
MAX_QR_TEXT = 2000  # a licence link is short; longer text is not one


class LicenceProblem(enum.Enum):
    NOT_A_LICENCE = "not_a_licence"  # not a link of the publicity system (another format)
    NO_CODE = "no_code"  # the system's link, but with no readable code in it: type it
    BAD_CODE = "bad_code"  # a code whose check character is wrong (a damaged or forged QR)


@dataclass(frozen=True, slots=True)
class LicenceRead:
    uscc: str = ""  # upper-cased and checked (GB 32100); "" when there is a problem
    problem: LicenceProblem | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None


def _publicity_host(host: str) -> bool:
    host = host.lower().rstrip(".")
    return any(host == known or host.endswith("." + known) for known in _HOSTS)


def read_licence_qr(text: str) -> LicenceRead:
    """The USCC in a scanned licence QR, or why there is none."""
    text = text.strip()
    if not text or len(text) > MAX_QR_TEXT:
        return LicenceRead(problem=LicenceProblem.NOT_A_LICENCE)
    try:
        parts = urlsplit(text)
        host = parts.hostname or ""
    except ValueError:  # e.g. a malformed IPv6 literal or port
        return LicenceRead(problem=LicenceProblem.NOT_A_LICENCE)
    if parts.scheme.lower() not in ("http", "https") or not _publicity_host(host):
        return LicenceRead(problem=LicenceProblem.NOT_A_LICENCE)
    values = [value for _, value in parse_qsl(parts.query)] + unquote(parts.path).split("/")
    candidates = [found for value in values for found in _CANDIDATE.findall(value)]
    for candidate in candidates:
        if idnumber.credit_code_valid(candidate):
            return LicenceRead(uscc=candidate.upper())
    shaped = [c for c in candidates if c[2:8].isdigit()]  # a region code: meant as a USCC
    return LicenceRead(problem=LicenceProblem.BAD_CODE if shaped else LicenceProblem.NO_CODE)
