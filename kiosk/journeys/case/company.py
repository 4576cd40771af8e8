"""The company step of a company's case (法人), Qt-free: who applies, as its business licence says.

The agent (经办人) has been identified by their own card already. The company's unified social
credit code comes from the licence's QR (contract.licence) or is typed on the on-screen keyboard,
checked as it is typed: the screen says at once whether the code is still short, too long, holds
a character a code never has, or has a wrong check character (GB 32100) — a mistyped code is
caught at the kiosk, not at the window days later. Name and legal representative are typed.
Nothing here is logged; the draft holding the result is wiped with the session.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from contract import idnumber
from contract.licence import LicenceProblem, read_licence_qr

if TYPE_CHECKING:
    from contract.models import Company

USCC_LENGTH = 18
# GB 32100's characters: digits and upper-case letters but I, O, S, V and Z.
USCC_ALPHABET = frozenset("0123456789ABCDEFGHJKLMNPQRTUWXY")


class CodeCheck(enum.Enum):
    EMPTY = "empty"
    SHORT = "short"  # fewer than 18 characters so far
    TOO_LONG = "too_long"
    BAD_CHARACTER = "bad_character"  # a character no code holds (I, O, S, V, Z, punctuation)
    BAD_CHECK = "bad_check"  # 18 characters, but the check character does not match
    OK = "ok"


def check_code(text: str) -> CodeCheck:
    """How far a typed code is from a valid one (what the screen shows beside the field)."""
    code = text.strip().upper()
    if not code:
        return CodeCheck.EMPTY
    if any(ch not in USCC_ALPHABET for ch in code):
        return CodeCheck.BAD_CHARACTER
    if len(code) < USCC_LENGTH:
        return CodeCheck.SHORT
    if len(code) > USCC_LENGTH:
        return CodeCheck.TOO_LONG
    return CodeCheck.OK if idnumber.credit_code_valid(code) else CodeCheck.BAD_CHECK


@dataclass
class CompanyEntry:
    uscc: str = field(default="", repr=False)
    name: str = ""
    legal_representative: str = field(default="", repr=False)
    from_licence: bool = False  # the code came from the licence's QR (not typed)

    def scanned(self, text: str) -> LicenceProblem | None:
        """A QR held to the camera: a licence's code fills the field; else why not."""
        read = read_licence_qr(text)
        if read.ok:
            self.uscc, self.from_licence = read.uscc, True
        return read.problem

    def typed(self, code: str) -> CodeCheck:
        self.uscc, self.from_licence = code.strip().upper(), False
        return check_code(self.uscc)

    @property
    def complete(self) -> bool:
        return (
            check_code(self.uscc) is CodeCheck.OK
            and bool(self.name.strip())
            and bool(self.legal_representative.strip())
        )

    def company(self) -> Company:
        from contract.models import Company

        if not self.complete:
            raise ValueError("the company's code, name and legal representative are needed")
        return Company(
            uscc=self.uscc,
            name=self.name.strip(),
            legal_representative=self.legal_representative.strip(),
        )

    def forget(self) -> None:
        self.uscc = self.name = self.legal_representative = ""
        self.from_licence = False
