"""The root of every hardware error.

Each driver package subclasses :class:`DeviceError`; the message is one sentence a technician
(or, through the kiosk's own wording, a citizen) can act on.
"""


class DeviceError(Exception):
    """A device could not do what was asked. ``exit_code`` is what the CLI returns for it."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
