"""The kiosk core's exceptions. ``exit_code`` follows the CLI convention: 1 failed, 2 bad input."""


class KioskError(Exception):
    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ConfigError(KioskError):
    """A config file or override is wrong; the message names file, key and what is allowed."""

    exit_code = 2


class UsageError(KioskError):
    """The command line or an input file is wrong."""

    exit_code = 2
