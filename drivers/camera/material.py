"""One material (证明材料) as captured pages: JPEG per page, one PDF, and its SHA-256 for upload.

Everything stays in memory: a citizen's ID card or household register page is never written to
disk in the clear. The pages become a PDF in memory too; the first time they reach a disk is in
the terminal's encrypted outbox, and a crash or power cut mid-capture leaves nothing behind.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from drivers.camera.errors import CameraError

if TYPE_CHECKING:
    import numpy as np

JPEG_QUALITY = 85
A4_WIDTH_INCHES = 8.27  # pages are scaled so that the first one is A4 wide in the PDF


@dataclass(frozen=True, slots=True, repr=False)
class Material:
    pdf: bytes
    sha256: str  # hex digest of the PDF's bytes: the upload key
    size: int  # bytes
    pages: tuple[bytes, ...] = field(default=())  # each page as JPEG

    def __repr__(self) -> str:  # the bytes are a citizen's document
        return f"Material({len(self.pages)} pages, {self.size} bytes)"


class MaterialWriter:
    """Collects the pages of one material in memory and assembles them into a PDF."""

    def __init__(self, name: str = "material") -> None:
        if not name or any(c in name for c in "/\\\0") or name.startswith("."):
            raise ValueError(f"not a usable material name: {name!r}")
        self.name = name
        self._pages: list[bytes] = []

    @property
    def pages(self) -> tuple[bytes, ...]:
        return tuple(self._pages)

    def add_page(self, image: np.ndarray) -> int:
        """Keep one straightened (and usually enhanced) page as JPEG; returns the page count."""
        import cv2

        ok, encoded = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, JPEG_QUALITY])
        if not ok:
            raise CameraError("the captured page could not be encoded as JPEG.")
        self._pages.append(encoded.tobytes())
        return len(self._pages)

    def remove_last_page(self) -> None:
        """The citizen chose to retake the last page."""
        if self._pages:
            self._pages.pop()

    def finish(self) -> Material:
        """Assemble the pages, in order, into one PDF; returns it with its SHA-256."""
        from PIL import Image

        if not self._pages:
            raise CameraError("a material needs at least one captured page.")
        images = [Image.open(io.BytesIO(page)) for page in self._pages]
        out = io.BytesIO()
        try:
            # Pillow embeds JPEG pages in the PDF as they are (DCTDecode): no second loss.
            images[0].save(
                out,
                format="PDF",
                save_all=True,
                append_images=images[1:],
                resolution=max(72.0, images[0].width / A4_WIDTH_INCHES),
                title=self.name,
            )
        except (OSError, ValueError) as exc:
            raise CameraError(f"cannot assemble the material PDF: {exc}") from exc
        finally:
            for image in images:
                image.close()
        data = out.getvalue()
        return Material(data, hashlib.sha256(data).hexdigest(), len(data), self.pages)
