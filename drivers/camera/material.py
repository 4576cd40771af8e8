"""One material (证明材料) as captured pages: JPEG per page, one PDF, and its SHA-256 for upload.

Files are written to a temporary name and renamed, so a crash never leaves a half-written page
or PDF where the uploader would pick it up.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from drivers.camera.errors import CameraError

JPEG_QUALITY = 85
A4_WIDTH_INCHES = 8.27  # pages are scaled so that the first one is A4 wide in the PDF


@dataclass(frozen=True, slots=True)
class Material:
    pdf: Path
    sha256: str  # hex digest of the PDF's bytes: the upload key
    size: int  # bytes
    pages: tuple[Path, ...]


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


class MaterialWriter:
    """Collects the pages of one material in ``directory`` and assembles them into a PDF."""

    def __init__(self, directory: str | Path, name: str = "material") -> None:
        if not name or any(c in name for c in "/\\\0") or name.startswith("."):
            raise ValueError(f"not a usable material name: {name!r}")
        self.directory = Path(directory)
        self.name = name
        self._pages: list[Path] = []

    @property
    def pages(self) -> tuple[Path, ...]:
        return tuple(self._pages)

    def add_page(self, image: np.ndarray) -> Path:
        """Save one straightened (and usually enhanced) page as JPEG; returns its path."""
        import cv2

        ok, encoded = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, JPEG_QUALITY])
        if not ok:
            raise CameraError("the captured page could not be encoded as JPEG.")
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            path = self.directory / f"{self.name}-p{len(self._pages) + 1:02d}.jpg"
            _atomic_write(path, encoded.tobytes())
        except OSError as exc:
            raise CameraError(f"cannot save the captured page in {self.directory}: {exc}") from exc
        self._pages.append(path)
        return path

    def remove_last_page(self) -> None:
        """The citizen chose to retake the last page."""
        if self._pages:
            self._pages.pop().unlink(missing_ok=True)

    def finish(self) -> Material:
        """Assemble the pages, in order, into ``<name>.pdf``; returns it with its SHA-256."""
        from PIL import Image

        if not self._pages:
            raise CameraError("a material needs at least one captured page.")
        images = [Image.open(path) for path in self._pages]
        try:
            # Pillow embeds JPEG pages in the PDF as they are (DCTDecode): no second loss.
            pdf = self.directory / f"{self.name}.pdf"
            tmp = pdf.with_name(f".{pdf.name}.tmp")
            images[0].save(
                tmp,
                format="PDF",
                save_all=True,
                append_images=images[1:],
                resolution=max(72.0, images[0].width / A4_WIDTH_INCHES),
                title=self.name,
            )
            os.replace(tmp, pdf)
        except OSError as exc:
            raise CameraError(f"cannot write the material PDF in {self.directory}: {exc}") from exc
        finally:
            for image in images:
                image.close()
        data = pdf.read_bytes()
        return Material(pdf, hashlib.sha256(data).hexdigest(), len(data), self.pages)
