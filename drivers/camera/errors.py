"""Camera errors: one sentence a technician (or the CLI user) can act on."""

from __future__ import annotations

from drivers.errors import DeviceError


class CameraError(DeviceError):
    """The camera could not be opened or stopped delivering frames."""


class ImageError(CameraError):
    """An image file cannot be used: missing, not an image, corrupt or far too large."""

    exit_code = 2  # bad input, not a failed device


class SpecError(CameraError):
    """A camera spec names nothing that could be a camera (a missing file, a bad scheme)."""

    exit_code = 2
