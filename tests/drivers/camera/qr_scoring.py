"""The scoring set: degraded QR frames made apart from the tuning set, to score decoders.

The cascade in drivers/camera/qr.py is tuned on tests/drivers/camera/qr_degrade.py, so its rate
there says little about frames it has never seen. This module shares no code with that one (a
test checks that it imports nothing from it): the symbols come from zxing-cpp's writer instead of
the qrcode package, the scene is a phone or a printed receipt posed in 3-D in front of a pinhole
camera, rendered at twice the resolution in linear light, passed through a Bayer sensor and JPEG,
and every kind of trouble is made here with its own code. Use it to score, never to tune.

Setting: a citizen holds a phone (or a receipt the kiosk printed) to a kiosk's fixed 1280x720
camera (focal length 1000 px, about 65° across). Every frame is rendered at twice the size and
averaged down, then gets a lens blur of 0.35-0.55 px, mild vignetting, a Bayer sensor's shot and
read noise, OpenCV's demosaicing and JPEG at quality 80-92 (a webcam's MJPG). Symbols are
error correction level M for our own texts (appointment, ticket, receipt and identity codes,
versions 1-6) and L, M or Q for a foreign URL. ``p`` below is the camera pixels per module at
the code's centre. One kind of trouble per frame:

- ``motion_blur``: the phone or receipt moves during the exposure: a linear kernel 5-25 px long
  at any angle (0-180°), on it only (the kiosk's background stays sharp); 0.6-1.5 modules long.
- ``screen_moire``: the code on a phone screen whose pixels are RGB stripe sub-pixels or square
  with a dark matrix between them, 0.3-0.85 camera pixels per screen pixel (4-27 screen pixels
  per module), rolled up to 10° and tilted up to 12°. The screen is point-sampled twice per
  camera pixel, so its grid aliases into moiré, then averaged into camera pixels and blurred
  like every frame; p 3.5-7.
- ``specular_glare``: a ceiling light reflected in the phone's glass: an elliptical highlight
  (axes 1:0.25-0.8) with a Gaussian fall-off, saturated on a core covering 1.5-6 % of the
  symbol (1.5-3 % at level L) and at most one finder pattern's centre; p 3.5-8. A highlight is
  drawn again if a perfect reader could not restore the modules it washes out (lifted to 90 %
  of saturation) with the symbol's error correction.
- ``defocus``: a phone or receipt held too close to a fixed-focus camera: a pillbox (disk)
  kernel of radius 2-7 px over the whole frame, 0.35-0.8 modules.
- ``tilt_uneven_light``: a receipt on thermal paper tilted 25-50° from the camera, lit by a
  gradient falling to 35-70 % across the code and a hand's soft shadow (down to 35-55 %);
  p 3-7.
- ``noise_jpeg``: a dim hall: shot noise at 6-16 times the normal gain, read noise 0.4-1.2 % of
  full scale, then JPEG at quality 22-45; p 3-7.
- ``distant``: the phone or receipt held 0.2-1 m from the camera: p 1.6-2.4.

Tilts are up to 15° and rolls any angle unless given above. The ranges are meant to keep every
frame readable: blur at most 1.5 modules long or a disk of 0.8 module radius, a glare core within
the error correction, modules of at least 1.6 px, noise that leaves the modules plain to see. The
same seed always gives the same frame (one numpy Generator per frame, nothing global).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import cv2
import numpy as np
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from contract.payloads import appointment_code, case_tracking_code, identity_code, ticket_code

WIDTH, HEIGHT = 1280, 720
FOCAL = 1000.0
SUPER = 2  # render at twice the resolution, then average down: what a sensor pixel integrates
KINDS = (
    "motion_blur",
    "screen_moire",
    "specular_glare",
    "defocus",
    "tilt_uneven_light",
    "noise_jpeg",
    "distant",
)
_REF_ALPHABET = list("0123456789ABCDEFGHJKLMNPQRSTUVWXYZ")
_RECEIPT_ALPHABET = list("23456789ABCDEFGHJKLMNPQRSTUVWXYZ")
_TEXTURE_PPM = 4.0  # texture pixels per mm for everything but the code itself
# The camera's tone curve (gamma 2.2) from 16-bit linear sensor values to 8-bit pixels.
_ENCODE = (np.power(np.arange(65536) / 65535, 1 / 2.2) * 255 + 0.5).astype(np.uint8)


@dataclass(frozen=True, slots=True)
class Sample:
    category: str
    frame: np.ndarray  # BGR uint8, HEIGHT x WIDTH
    texts: tuple[str, ...]


# -- what is shown ----------------------------------------------------------------------------


def symbol(text: str, ec_level: str = "M") -> np.ndarray:
    """The symbol from zxing-cpp's writer, True where a module is dark, no quiet zone."""
    import zxingcpp

    barcode = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level=ec_level)
    return np.asarray(barcode.to_image(scale=1, add_quiet_zones=False)) < 128


def payload(rng: np.random.Generator, medium: str) -> tuple[str, str]:
    """A text a citizen would show on ``medium`` ("phone" or "paper"), and its EC level."""

    def reference(length: int) -> str:
        return "".join(rng.choice(_REF_ALPHABET, length))

    if medium == "paper":
        if rng.random() < 0.5:
            return ticket_code(reference(6)), "M"
        case = f"2026-{int(rng.integers(10**6)):06d}"
        return case_tracking_code(case, "".join(rng.choice(_RECEIPT_ALPHABET, 8))), "M"
    pick = int(rng.integers(4))
    if pick == 0:
        return appointment_code(reference(int(rng.integers(6, 11)))), "M"
    if pick == 1:
        key = Ed25519PrivateKey.from_private_bytes(rng.bytes(32))
        subject = rng.bytes(int(rng.integers(8, 17)))
        now = 1_790_000_000 + int(rng.integers(10**6))
        return identity_code(subject, key, now=now, ttl=60), "M"
    if pick == 2:
        return ticket_code(reference(6)), "M"
    path = "".join(rng.choice(list("abcdefghijkmnpqrstuvwxyz23456789"), 10))
    return f"https://ywtb.example.gov.cn/m/{path}?src=qr", str(rng.choice(["L", "M", "Q"]))


@dataclass(frozen=True, slots=True)
class Shown:
    """A phone or a receipt held out, in millimetres with the code's centre at the origin.

    ``texture`` (linear light, BGR premultiplied by alpha, then alpha) holds everything but the
    symbol, which is drawn point by point in the frame so it stays sharp however close it is."""

    dark: np.ndarray  # the symbol, True where a module is dark
    module_mm: float
    white: float  # linear light of a light module
    black: float  # and of a dark one
    texture: np.ndarray
    texture_origin: tuple[float, float]  # texture pixel of the code's centre

    @property
    def modules(self) -> int:
        return int(self.dark.shape[0])


def _rounded_mask(h: int, w: int, radius: int) -> np.ndarray:
    mask = np.zeros((h, w), np.uint8)
    cv2.rectangle(mask, (radius, 0), (w - 1 - radius, h - 1), 255, -1)
    cv2.rectangle(mask, (0, radius), (w - 1, h - 1 - radius), 255, -1)
    for cx in (radius, w - 1 - radius):
        for cy in (radius, h - 1 - radius):
            cv2.circle(mask, (cx, cy), radius, 255, -1, cv2.LINE_AA)
    return mask.astype(np.float32) / 255


def _text_lines(
    image: np.ndarray, rng: np.random.Generator, box: tuple[int, int, int], count: int, value: float
) -> None:
    x0, y0, width = box
    height = max(2, int(1.7 * _TEXTURE_PPM))
    for i in range(count):
        y = y0 + i * height * 2
        image[y : y + height, x0 : x0 + int(width * rng.uniform(0.35, 1.0))] = value


def shown(rng: np.random.Generator, medium: str, dark: np.ndarray, module_mm: float) -> Shown:
    """A phone (dark body, lit screen, coloured app header, the code on a white card) or a
    receipt on thermal paper with printed lines above and below the code."""
    ppm = _TEXTURE_PPM
    code_mm = dark.shape[0] * module_mm
    if medium == "phone":
        w_mm, h_mm, code_top = 72.0, 152.0, 40.0
        white = rng.uniform(0.55, 0.95)  # screen brightness against the lit hall
        black = rng.uniform(0.012, 0.04)  # the screen's black plus reflected ambient light
    else:
        w_mm, h_mm, code_top = max(80.0, code_mm + 24), max(130.0, code_mm + 90), 50.0
        white = rng.uniform(0.5, 0.85)  # thermal paper under the hall lights
        black = white * rng.uniform(0.07, 0.14)
    h, w = int(h_mm * ppm), int(w_mm * ppm)
    cx, cy = w / 2, (code_top + code_mm / 2) * ppm
    half = code_mm / 2 * ppm
    colour = np.empty((h, w, 3), np.float32)
    if medium == "phone":
        colour[:] = 0.02
        bezel = int(3 * ppm)
        colour[bezel : h - bezel, bezel : w - bezel] = white * 0.93
        headers = ([0.05, 0.45, 0.15], [0.6, 0.25, 0.05], [0.1, 0.1, 0.7])
        colour[bezel : int(22 * ppm), bezel : w - bezel] = (
            np.float32(headers[int(rng.integers(3))]) * white
        )
        pad = half + 5 * module_mm * ppm
        colour[int(cy - pad) : int(cy + pad), int(cx - pad) : int(cx + pad)] = white
        _text_lines(
            colour, rng, (int(cx - half), int(cy + pad + 3 * ppm), int(2 * half)), 3, 0.3 * white
        )
        alpha = _rounded_mask(h, w, int(8 * ppm))
    else:
        colour[:] = white * np.float32([0.96, 0.98, 1.0])
        _text_lines(colour, rng, (int(8 * ppm), int(8 * ppm), w - int(16 * ppm)), 8, black * 1.5)
        below = (int(8 * ppm), int(cy + half + 8 * ppm), w - int(16 * ppm))
        _text_lines(colour, rng, below, 4, black * 1.5)
        alpha = np.ones((h, w), np.float32)
    texture = np.dstack([colour * alpha[..., None], alpha])
    return Shown(dark, module_mm, float(white), float(black), texture, (cx, cy))


# -- where it is ------------------------------------------------------------------------------


def _rotation(pitch: float, yaw: float, roll: float) -> np.ndarray:
    a, b, c = np.deg2rad([pitch, yaw, roll])
    rx = np.array([[1, 0, 0], [0, np.cos(a), -np.sin(a)], [0, np.sin(a), np.cos(a)]])
    ry = np.array([[np.cos(b), 0, np.sin(b)], [0, 1, 0], [-np.sin(b), 0, np.cos(b)]])
    rz = np.array([[np.cos(c), -np.sin(c), 0], [np.sin(c), np.cos(c), 0], [0, 0, 1]])
    return rz @ rx @ ry


def pose(
    rng: np.random.Generator, thing: Shown, p: float, *, tilt: tuple[float, float], roll: float
) -> np.ndarray | None:
    """The homography from millimetres on ``thing`` to the frame rendered ``SUPER`` times larger,
    with ``p`` camera pixels per module at the code's centre, or None if it did not fit."""
    z = FOCAL * thing.module_mm / p
    tilt_angle = rng.uniform(*tilt)
    direction = rng.uniform(0, 2 * np.pi)
    rot = _rotation(
        tilt_angle * np.cos(direction), tilt_angle * np.sin(direction), rng.uniform(-roll, roll)
    )
    camera = np.array(
        [[FOCAL * SUPER, 0, WIDTH * SUPER / 2], [0, FOCAL * SUPER, HEIGHT * SUPER / 2], [0, 0, 1]]
    )
    half = thing.modules * thing.module_mm / 2 + 2 * thing.module_mm  # two modules of quiet zone
    corners = np.array([[-half, -half, 0], [half, -half, 0], [half, half, 0], [-half, half, 0]])
    size = 2 * half * FOCAL / z * 1.2  # in frame pixels, with room for the tilt
    room = np.maximum([WIDTH - size, HEIGHT - size], 0) / 2
    for _ in range(50):
        t = np.array([*(rng.uniform(-1, 1, 2) * room), FOCAL]) * z / FOCAL
        cam = corners @ rot.T + t
        if (cam[:, 2] <= 1).any():
            continue
        uv = cam[:, :2] / cam[:, 2:] * FOCAL + [WIDTH / 2, HEIGHT / 2]
        if (uv.min(axis=0) >= 8).all() and (uv.max(axis=0) <= [WIDTH - 8, HEIGHT - 8]).all():
            return camera @ np.column_stack([rot[:, 0], rot[:, 1], t])
    return None


def _modules_to_mm(thing: Shown) -> np.ndarray:
    m, half = thing.module_mm, thing.modules * thing.module_mm / 2
    return np.array([[m, 0, -half], [0, m, -half], [0, 0, 1]])


def code_quad(thing: Shown, mm_to_big: np.ndarray) -> np.ndarray:
    """The symbol's corners (TL, TR, BR, BL) in frame pixels."""
    n = thing.modules
    src = np.float32([[[0, 0], [n, 0], [n, n], [0, n]]])
    return cv2.perspectiveTransform(src, mm_to_big @ _modules_to_mm(thing))[0] / SUPER


def hall(rng: np.random.Generator, width: int = WIDTH, height: int = HEIGHT) -> np.ndarray:
    """The kiosk's scan window in linear light: a lit panel, with sleeves, a hand, a bag; out of
    focus behind the code, so drawn at a quarter of the size and enlarged."""
    w, h = width // 4, height // 4
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32) / max(w, h)
    angle = rng.uniform(0, 2 * np.pi)
    base = rng.uniform(0.08, 0.3) * (1 + 0.5 * (np.cos(angle) * xx + np.sin(angle) * yy))
    scene = np.repeat(base[..., None], 3, axis=2) * np.float32(rng.uniform(0.8, 1.1, 3))
    for _ in range(int(rng.integers(2, 5))):
        tone = rng.uniform(0.02, 0.45, 3)
        centre = (int(rng.uniform(0, w)), int(rng.uniform(0, h)))
        axes = (int(rng.uniform(0.05, 0.3) * w), int(rng.uniform(0.05, 0.3) * h))
        cv2.ellipse(
            scene, centre, axes, rng.uniform(0, 180), 0, 360, tone.tolist(), -1, cv2.LINE_AA
        )
    return cv2.resize(scene, (width, height), interpolation=cv2.INTER_LINEAR)


# -- drawing ----------------------------------------------------------------------------------


def _sample_grid(
    frame_to_plane: np.ndarray, corners: np.ndarray, shape: tuple[int, int], offset: float
) -> tuple[slice, slice, np.ndarray, np.ndarray]:
    """Plane coordinates of the frame pixels (shifted by ``offset``) around ``corners``."""
    x0, y0 = np.maximum(np.floor(corners.min(axis=0)).astype(int) - 1, 0)
    x1 = min(int(np.ceil(corners[:, 0].max())) + 2, shape[1])
    y1 = min(int(np.ceil(corners[:, 1].max())) + 2, shape[0])
    yy, xx = np.mgrid[y0:y1, x0:x1].astype(np.float64) + offset
    m = frame_to_plane
    w = m[2, 0] * xx + m[2, 1] * yy + m[2, 2]
    u = (m[0, 0] * xx + m[0, 1] * yy + m[0, 2]) / w
    v = (m[1, 0] * xx + m[1, 1] * yy + m[1, 2]) / w
    return slice(y0, y1), slice(x0, x1), u, v


def draw_symbol(layer: np.ndarray, thing: Shown, mm_to_big: np.ndarray, p: float) -> None:
    """Draw the symbol into ``layer`` from a texture with at least four pixels per frame pixel."""
    n = thing.modules
    k = max(2, int(np.ceil(2 * SUPER * p)))  # texture pixels per module
    cells = np.where(thing.dark, thing.black, thing.white).astype(np.float32)
    texture = cv2.resize(cells, (n * k, n * k), interpolation=cv2.INTER_NEAREST)
    to_big = mm_to_big @ _modules_to_mm(thing)
    corners = cv2.perspectiveTransform(np.float32([[[0, 0], [n, 0], [n, n], [0, n]]]), to_big)[0]
    x0, y0 = np.maximum(np.floor(corners.min(axis=0)).astype(int) - 1, 0)
    x1 = min(int(np.ceil(corners[:, 0].max())) + 2, layer.shape[1])
    y1 = min(int(np.ceil(corners[:, 1].max())) + 2, layer.shape[0])
    shift = np.array([[1, 0, -x0], [0, 1, -y0], [0, 0, 1]])
    texture_to_box = shift @ to_big @ np.diag([1 / k, 1 / k, 1])
    size = (x1 - x0, y1 - y0)
    drawn = cv2.warpPerspective(texture, texture_to_box, size, flags=cv2.INTER_LINEAR)
    cover = cv2.warpPerspective(np.ones_like(texture), texture_to_box, size, flags=cv2.INTER_LINEAR)
    box = layer[y0:y1, x0:x1, :3]
    box[:] = box * (1 - cover[..., None]) + drawn[..., None]


def draw_screen(
    rng: np.random.Generator, layer: np.ndarray, thing: Shown, mm_to_big: np.ndarray, p: float
) -> None:
    """Draw the code's white card as a phone screen's pixels, one point sample per pixel.

    Each screen pixel is three by three cells: RGB stripe sub-pixels (red, green and blue
    columns) or a square pixel, with a dark matrix between pixels. Sampling that grid at twice
    the camera's resolution, below its own frequency, aliases it into moiré."""
    ratio = rng.uniform(0.3, 0.85)  # camera pixels per screen pixel
    q = max(3, round(p / ratio))  # screen pixels per module
    n, margin = thing.modules, 5
    cell = np.full((3, 3, 3), 0.04, np.float32)  # rows, columns, BGR
    if rng.random() < 0.5:
        for column, channel in enumerate((2, 1, 0)):
            cell[:2, column, channel] = 1.0
    else:
        cell[:2, :2] = 1.0
    cell /= cell.reshape(-1, 3).mean(axis=0)  # each channel averages to the pixel's value
    extent = (n + 2 * margin) * q
    screen_to_modules = np.array([[1 / q, 0, -margin], [0, 1 / q, -margin], [0, 0, 1]])
    to_big = mm_to_big @ _modules_to_mm(thing) @ screen_to_modules
    square = np.float32([[[0, 0], [extent, 0], [extent, extent], [0, extent]]])
    corners = cv2.perspectiveTransform(square, to_big)[0]
    rows, cols, u, v = _sample_grid(np.linalg.inv(to_big), corners, layer.shape[:2], 0.0)
    inside = (u >= 0) & (u < extent) & (v >= 0) & (v < extent)
    grid = np.pad(thing.dark, margin, constant_values=False)
    dark = grid[
        np.clip(v // q, 0, n + 2 * margin - 1).astype(int),
        np.clip(u // q, 0, n + 2 * margin - 1).astype(int),
    ]
    level = np.where(dark, thing.black, thing.white).astype(np.float32)
    cells = cell[np.clip((v % 1) * 3, 0, 2).astype(int), np.clip((u % 1) * 3, 0, 2).astype(int)]
    patch = layer[rows, cols]
    patch[inside, :3] = (level[..., None] * cells)[inside]
    patch[inside, 3] = 1.0


def line_kernel(length: float, angle_deg: float) -> np.ndarray:
    """A linear motion-blur kernel: points along the path splatted bilinearly, summing to 1."""
    size = int(np.ceil(length)) + 3
    size += 1 - size % 2
    kernel = np.zeros((size, size), np.float64)
    c = size // 2
    theta = np.deg2rad(angle_deg)
    for s in np.linspace(-length / 2, length / 2, int(length * 6) + 1):
        x, y = c + s * np.cos(theta), c + s * np.sin(theta)
        x0, y0 = int(np.floor(x)), int(np.floor(y))
        fx, fy = x - x0, y - y0
        kernel[y0, x0] += (1 - fx) * (1 - fy)
        kernel[y0, x0 + 1] += fx * (1 - fy)
        kernel[y0 + 1, x0] += (1 - fx) * fy
        kernel[y0 + 1, x0 + 1] += fx * fy
    return (kernel / kernel.sum()).astype(np.float32)


def disk_kernel(radius: float) -> np.ndarray:
    """A pillbox: the disk of ``radius`` px, edge pixels weighted by the area they cover."""
    size = int(np.ceil(radius)) * 2 + 3
    fine = 8
    yy, xx = (np.mgrid[0 : size * fine, 0 : size * fine] + 0.5) / fine - size / 2
    inside = (xx**2 + yy**2 <= radius**2).astype(np.float32)
    kernel = inside.reshape(size, fine, size, fine).mean(axis=(1, 3))
    return kernel / kernel.sum()


def _module_centres(quad: np.ndarray, modules: int) -> np.ndarray:
    """The frame position of every module's centre, row by row (modules x modules x 2)."""
    src = np.float32([[0, 0], [modules, 0], [modules, modules], [0, modules]])
    matrix = cv2.getPerspectiveTransform(src, quad.astype(np.float32))
    rows, cols = np.mgrid[0:modules, 0:modules].astype(np.float32) + 0.5
    points = np.dstack([cols, rows]).reshape(1, -1, 2)
    return cv2.perspectiveTransform(points, matrix)[0].reshape(modules, modules, 2)


def readable_without(dark: np.ndarray, lost: np.ndarray) -> bool:
    """Whether the symbol still decodes, perfectly sampled, with the ``lost`` modules light:
    whether the error correction can restore what a highlight hides. The finder patterns
    carry no data (a reader can place the symbol from the other two), so they are kept."""
    import zxingcpp

    data = lost.copy()
    n = dark.shape[0]
    for rows, cols in (
        (slice(0, 8), slice(0, 8)),
        (slice(0, 8), slice(n - 8, n)),
        (slice(n - 8, n), slice(0, 8)),
    ):
        data[rows, cols] = False
    seen = np.pad(np.where(dark & ~data, 0, 255).astype(np.uint8), 4, constant_values=255)
    image = cv2.resize(seen, None, fx=4, fy=4, interpolation=cv2.INTER_NEAREST)
    formats = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
    return any(code.valid for code in zxingcpp.read_barcodes(image, formats=formats, is_pure=True))


def specular(
    rng: np.random.Generator, quad: np.ndarray, dark: np.ndarray, ec_level: str, peak: float
) -> np.ndarray:
    """A highlight in frame pixels that reaches ``peak`` (saturation) on an elliptical core.

    The core covers 1.5-6 % of the symbol (1.5-3 % at level L) and at most one finder pattern's
    centre. A highlight is drawn again if a perfect reader could not restore the modules it
    washes out (those lifted to 90 % of saturation or more) with the symbol's error correction."""
    n = dark.shape[0]
    side = float(np.linalg.norm(quad[1] - quad[0]) + np.linalg.norm(quad[2] - quad[1])) / 2
    top = 0.03 if ec_level == "L" else 0.06
    centres = _module_centres(quad, n)
    finders = np.array([centres[3, 3], centres[3, n - 4], centres[n - 4, 3]])
    yy, xx = np.mgrid[0:HEIGHT, 0:WIDTH].astype(np.float32)
    middle = quad.mean(axis=0)
    for _ in range(100):
        fraction = rng.uniform(0.015, top)
        ratio = rng.uniform(0.25, 0.8)  # ceiling tubes give long thin highlights
        a = np.sqrt(fraction * side * side / (np.pi * ratio))
        b = a * ratio
        centre = middle + rng.uniform(-0.4, 0.4, 2) * side
        angle = rng.uniform(0, np.pi)
        cos, sin = np.cos(angle), np.sin(angle)

        def r2(
            points: np.ndarray,
            a: float = a,
            b: float = b,
            centre: np.ndarray = centre,
            cos: float = cos,
            sin: float = sin,
        ) -> np.ndarray:
            dx, dy = points[..., 0] - centre[0], points[..., 1] - centre[1]
            return ((dx * cos + dy * sin) / a) ** 2 + ((-dx * sin + dy * cos) / b) ** 2

        # Gaussian fall-off, exactly ``peak`` at the core's edge (r2 == 1): the halo beyond it
        # lifts the dark modules without saturating them.
        spread = rng.uniform(0.6, 1.5)
        washed = np.exp((1 - r2(centres)) / (2 * spread**2)) >= 0.9  # under 5 % contrast left
        if (r2(finders) <= 1).sum() > 1 or not readable_without(dark, washed):
            continue
        frame_r2 = r2(np.dstack([xx, yy]))
        return (peak * np.exp((1 - frame_r2) / (2 * spread**2))).astype(np.float32)
    raise RuntimeError("could not place a highlight")


def _uneven_light(rng: np.random.Generator, quad: np.ndarray) -> np.ndarray:
    """Light falling on a receipt: a gradient across it and a hand's soft shadow over the code."""
    yy, xx = np.mgrid[0:HEIGHT, 0:WIDTH].astype(np.float32)
    centre = quad.mean(axis=0)
    side = float(np.linalg.norm(quad[1] - quad[0]))
    angle = rng.uniform(0, 2 * np.pi)
    along = ((xx - centre[0]) * np.cos(angle) + (yy - centre[1]) * np.sin(angle)) / side
    low = rng.uniform(0.35, 0.7)
    light = np.clip(1 - (1 - low) * (along + 0.5), low, 1.0)
    shadow_angle = rng.uniform(0, 2 * np.pi)
    edge = (xx - centre[0]) * np.cos(shadow_angle) + (yy - centre[1]) * np.sin(shadow_angle)
    offset = rng.uniform(0.1, 0.4) * side
    softness = rng.uniform(0.05, 0.2) * side
    depth = rng.uniform(0.35, 0.55)
    shade = 1 - (1 - depth) / (1 + np.exp(-(edge - offset) / softness))
    return (light * shade).astype(np.float32)


def sensor(
    rng: np.random.Generator, linear: np.ndarray, *, gain: float, read: float, quality: int
) -> np.ndarray:
    """A Bayer sensor (each pixel sees one colour, with shot and read noise), demosaiced by
    OpenCV, the camera's tone curve, then JPEG."""
    mosaic = np.empty(linear.shape[:2], np.float32)
    mosaic[0::2, 0::2] = linear[0::2, 0::2, 2]  # R G / G B
    mosaic[0::2, 1::2] = linear[0::2, 1::2, 1]
    mosaic[1::2, 0::2] = linear[1::2, 0::2, 1]
    mosaic[1::2, 1::2] = linear[1::2, 1::2, 0]
    np.clip(mosaic, 0, None, out=mosaic)
    sigma = np.sqrt(gain * mosaic + read**2)
    mosaic += rng.standard_normal(mosaic.shape, np.float32) * sigma
    raw = (np.clip(mosaic, 0, 1) * 65535).astype(np.uint16)
    frame = _ENCODE[cv2.cvtColor(raw, cv2.COLOR_BayerRGGB2BGR)]
    ok, data = cv2.imencode(".jpg", frame, [cv2.IMWRITE_JPEG_QUALITY, quality])
    if not ok:
        raise RuntimeError("OpenCV could not encode a JPEG")
    return cv2.imdecode(data, cv2.IMREAD_COLOR)


# -- one frame --------------------------------------------------------------------------------

# Camera pixels per module at the code's centre, for the kinds that do not derive it.
_PITCH = {
    "screen_moire": (3.5, 7.0),
    "specular_glare": (3.5, 8.0),
    "tilt_uneven_light": (3.0, 7.0),
    "noise_jpeg": (3.0, 7.0),
    "distant": (1.6, 2.4),
}


def make_frame(kind: str, seed: int) -> Sample:
    """One frame of ``kind`` (one of KINDS); ``seed`` fixes everything about it."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind of trouble {kind!r}")
    rng = np.random.default_rng([seed, KINDS.index(kind)])
    medium = "phone"
    if kind == "tilt_uneven_light" or (
        kind in ("motion_blur", "defocus", "noise_jpeg", "distant") and rng.random() < 0.3
    ):
        medium = "paper"
    text, ec_level = payload(rng, medium)
    dark = symbol(text, ec_level)
    largest = 450 / (dark.shape[0] + 4)  # the symbol fits the frame's height at any roll
    blur = 0.0
    if kind == "motion_blur":
        blur = rng.uniform(5, min(25, 1.5 * largest))
        p = rng.uniform(max(3.0, blur / 1.5), min(largest, max(3.0, blur / 0.6)))
    elif kind == "defocus":
        blur = rng.uniform(2, min(7, 0.8 * largest))
        p = rng.uniform(max(3.0, blur / 0.8), min(largest, max(3.0, blur / 0.35)))
    else:
        low, high = _PITCH[kind]
        p = rng.uniform(low, min(high, largest))
    module_mm = rng.uniform(0.8, 1.6) if medium == "phone" else rng.uniform(0.5, 0.9)
    thing = shown(rng, medium, dark, module_mm)
    tilt = {"tilt_uneven_light": (25.0, 50.0), "screen_moire": (0.0, 12.0)}.get(kind, (0.0, 15.0))
    roll = 10.0 if kind == "screen_moire" else 180.0
    mm_to_big = pose(rng, thing, p, tilt=tilt, roll=roll)
    while mm_to_big is None:  # too close to fit at that tilt: a little further away
        p *= 0.95
        mm_to_big = pose(rng, thing, p, tilt=tilt, roll=roll)
    texture_to_mm = np.array(
        [
            [1 / _TEXTURE_PPM, 0, -thing.texture_origin[0] / _TEXTURE_PPM],
            [0, 1 / _TEXTURE_PPM, -thing.texture_origin[1] / _TEXTURE_PPM],
            [0, 0, 1],
        ]
    )
    layer = cv2.warpPerspective(
        thing.texture,
        mm_to_big @ texture_to_mm,
        (WIDTH * SUPER, HEIGHT * SUPER),
        flags=cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=(0, 0, 0, 0),
    )
    if kind == "screen_moire":
        draw_screen(rng, layer, thing, mm_to_big, p)
    else:
        draw_symbol(layer, thing, mm_to_big, p)
    layer = cv2.resize(layer, (WIDTH, HEIGHT), interpolation=cv2.INTER_AREA)  # the sensor's pixels
    layer = cv2.GaussianBlur(layer, (0, 0), rng.uniform(0.35, 0.55))  # and the lens
    colour, alpha = layer[..., :3], layer[..., 3:]
    quad = code_quad(thing, mm_to_big)

    if kind == "motion_blur":  # the phone moves, the kiosk does not
        kernel = line_kernel(blur, rng.uniform(0, 180))
        colour = cv2.filter2D(colour, -1, kernel, borderType=cv2.BORDER_CONSTANT)
        alpha = cv2.filter2D(alpha, -1, kernel, borderType=cv2.BORDER_CONSTANT)[..., None]
    elif kind == "specular_glare":
        glare = specular(rng, quad, dark, ec_level, peak=1.0)
        colour = colour + glare[..., None] * alpha * np.float32(rng.uniform(0.95, 1.0, 3))
    elif kind == "tilt_uneven_light":
        colour = colour * _uneven_light(rng, quad)[..., None]
    linear = colour + hall(rng) * (1 - alpha)
    if kind == "defocus":
        linear = cv2.filter2D(linear, -1, disk_kernel(blur), borderType=cv2.BORDER_REFLECT)
    linear *= _vignette()[..., None]
    if kind == "noise_jpeg":
        gain, read, quality = rng.uniform(6, 16) * 6e-4, rng.uniform(0.004, 0.012), (22, 46)
    else:
        gain, read, quality = 6e-4, 0.002, (80, 93)
    frame = sensor(rng, linear, gain=gain, read=read, quality=int(rng.integers(*quality)))
    return Sample(kind, frame, (text,))


@lru_cache(maxsize=1)
def _vignette() -> np.ndarray:
    """The lens's fall-off: 80 % of the light at the frame's left and right edges."""
    yy, xx = np.mgrid[0:HEIGHT, 0:WIDTH].astype(np.float32)
    return 1 - 0.2 * ((xx - WIDTH / 2) ** 2 + (yy - HEIGHT / 2) ** 2) / (WIDTH**2 / 4)


def scoring_set(count: int, *, seed: int = 4242) -> Iterator[Sample]:
    """``count`` frames cycling through every kind of trouble."""
    for index in range(count):
        yield make_frame(KINDS[index % len(KINDS)], seed * 1_000_003 + index)


def empty_frame(seed: int) -> np.ndarray:
    """The scan window with no code in it (a phone showing a blank card), for idle timing."""
    rng = np.random.default_rng([seed, len(KINDS)])
    linear = hall(rng)
    cv2.rectangle(linear, (500, 150), (760, 700), (0.5, 0.5, 0.5), -1)
    return sensor(rng, linear, gain=6e-4, read=0.002, quality=88)
