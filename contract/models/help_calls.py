"""Calls for help (求助): a citizen at a kiosk asks for staff, a window answers.

A call names the terminal and where it stands (its site, its registered place), never the
citizen: the screen it came from is a short key such as ``home`` or ``case`` — letters only, so
it cannot carry a name, an ID number or a phone number. While a terminal has an open call, asking
again answers that call (no second call for a double tap). A call ends answered (a window went)
or closed: the kiosk's citizen left (their session ended), or nobody answered in time.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Annotated

from pydantic import Field, StringConstraints

from contract.models.common import MAX_INT, Code, ContractModel

# The journey or screen the citizen was on ("home", "ticket", "case"...): a key, no digits.
ScreenKey = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z_.-]{0,31}$")]
MAX_HELP_CALLS = 200  # a list answers at most this many calls


class HelpCallState(enum.StrEnum):
    OPEN = "open"
    ANSWERED = "answered"  # a window said it is going to help
    CLOSED = "closed"  # unanswered and over: the citizen's session ended, or it waited too long


class HelpCallCreate(ContractModel):
    """``POST /help-calls`` from a kiosk (hall or community terminal)."""

    screen: ScreenKey = "home"


class HelpCallAnswer(ContractModel):
    """``POST /help-calls/{id}/answer`` from a counter terminal: the window whose clerk goes
    (signed in at that terminal)."""

    counter_code: Code


class HelpCall(ContractModel):
    id: int = Field(ge=1, le=MAX_INT)
    terminal_id: Code
    site_code: Code
    place: str = Field(default="", max_length=200)  # the terminal's registered description
    screen: ScreenKey
    state: HelpCallState
    created_at: datetime
    answered_by: Code | None = None  # the window (counter code) that answered
    answered_by_name: str | None = Field(default=None, max_length=100)  # its name: "3号窗口"
    answered_at: datetime | None = None
    closed_at: datetime | None = None
