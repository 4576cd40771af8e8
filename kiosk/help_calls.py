"""求助: the hub work of a citizen's call for help (blocking: the UI runs it off the GUI thread).

The call names this terminal and the screen it shows — a key such as ``home`` or ``case`` —
never the citizen. It leaves the citizen's session alone: asking for help ends nothing. The other
way round, the end of the session withdraws the call (staff need not come for someone who has
gone), except an end by the idle timeout: a citizen told to wait for staff stands waiting
without touching the screen, and is no less there for it (the hub closes a call nobody answers).
"""

from __future__ import annotations

import logging
import re

from contract import models as m
from kiosk.api.client import HubClient

logger = logging.getLogger(__name__)

_SCREEN = re.compile(r"^[a-z][a-z_.-]{0,31}$")  # contract.models.ScreenKey
KEEPS_CALL = frozenset({"idle"})  # session ends (the window's ``why``) that leave the call open


def withdraws(why: str) -> bool:
    """Whether a session that ended for ``why`` withdraws its open call."""
    return why not in KEEPS_CALL


def screen_key(key: str) -> str:
    """``key`` when the contract takes it as a screen key, else ``other``."""
    return key if _SCREEN.match(key) else "other"


class HelpDesk:
    def __init__(self, client: HubClient) -> None:
        self._client = client

    def call(self, screen: str) -> m.HelpCall:
        """Tell the hall's staff; a repeat while the call is open gets the same call back.
        Raises a ``kiosk.api.errors.HubError`` when the hub cannot be told."""
        # Imported with the first call: the home screen needs none of the contract models.
        from contract.models import HelpCallCreate

        call = self._client.call_for_help(HelpCallCreate(screen=screen_key(screen)))
        logger.info("help call %d open (screen %s)", call.id, call.screen)
        return call

    def status(self, call_id: int) -> m.HelpCall:
        """The call as the hub has it now: still open, answered (``answered_by_name``: which
        window's staff are coming), or closed. Raises a ``HubError`` as ``call`` does."""
        return self._client.help_call(call_id)

    def withdraw(self, call_id: int) -> m.HelpCall:
        """The citizen needs the help no more: an open call is closed; an answered one stays
        answered (its staff are on their way). Safe to repeat."""
        call = self._client.close_help_call(call_id)
        logger.info("help call %d withdrawn (%s)", call.id, call.state.value)
        return call
