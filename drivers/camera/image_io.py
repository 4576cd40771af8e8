"""Loading still images safely: clear errors for bad files, bounded work for huge ones."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np

from drivers.camera.errors import ImageError

MAX_PIXELS = 120_000_000  # beyond this a file is refused outright (a 10000x10000 photo passes)
MAX_SIDE = 4096  # larger images are reduced on load: QR modules survive, time stays bounded


def load_gray(path: str | Path, *, max_side: int = MAX_SIDE) -> np.ndarray:
    """Read an image file as 8-bit grayscale, its longer side at most ``max_side`` pixels."""
    from PIL import Image, UnidentifiedImageError

    path = Path(path)
    if not path.is_file():
        raise ImageError(f"{path}: no such image file.")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            with Image.open(path) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise ImageError(
                        f"{path}: the image is {width}x{height} pixels, more than "
                        f"{MAX_PIXELS // 1_000_000} megapixels; take a smaller picture."
                    )
                # JPEG decodes straight to a reduced size (DCT scaling): big photos stay cheap.
                image.draft("L", (max_side, max_side))
                gray = image.convert("L")
                if max(gray.size) > max_side:
                    gray.thumbnail((max_side, max_side), Image.Resampling.BOX)
                return np.asarray(gray, dtype=np.uint8).copy()
        except Image.DecompressionBombError as exc:  # Pillow's own, far larger, limit
            raise ImageError(
                f"{path}: the image is more than {MAX_PIXELS // 1_000_000} megapixels; "
                "take a smaller picture."
            ) from exc
        except UnidentifiedImageError as exc:
            raise ImageError(f"{path}: not an image file (JPEG, PNG, BMP, ...).") from exc
        except (OSError, SyntaxError, ValueError) as exc:
            raise ImageError(f"{path}: the image file is damaged or truncated ({exc}).") from exc
