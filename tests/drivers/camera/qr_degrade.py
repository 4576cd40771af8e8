"""A generated set of degraded QR frames: what a kiosk camera sees, made on demand.

Each sample is a 1280x720 BGR frame of a textured counter-top scene holding one or two QR codes
under one degradation, with the texts that are in it. The same seed always gives the same
frames, so tests and bench/qr.py can share the set without storing files.

This is the tuning set: the cascade's stages are chosen and tuned on it, so the cascade's rate
here is no score; tests/drivers/camera/qr_scoring.py, written apart, gives the score. Kinds:
perspective, blur, noise, low contrast, glare, phone-screen moiré, small modules, inverted
dark-mode screen, dim phone, two codes, and these, sized against the code's module (``module``,
frame pixels per module):

- motion: the whole frame smeared along a line 0.5-1.5 modules (3-24 px) long, at any angle;
- defocus: a disk 0.3-0.85 modules (1.5-8 px) in radius;
- hotspot: a lamp's reflection, an ellipse clipped to white over 1.5-5 % of the symbol, in its
  middle, with a halo; hotspot_finder: the same, 5-7.5 modules across, over one finder pattern;
- screen_grid: the code on an LCD (red, green and blue stripes over a dark row per pixel),
  0.35-0.9 frame pixels per screen pixel, resampled without smoothing so that it beats against
  the frame's pixels;
- far_soft: 1.6-2.6 px per module, softened (Gaussian 0.6-1.0 px) and JPEG-compressed (55-85);
- shadow: a tilted code (130-300 px) under light falling off to 40-70 % across it and a hand's
  soft shadow (30-50 %).

Four more, added when the scoring set showed the cascade short on glare, distance, moiré and
tilt; made here in ways of their own, without looking at how the scoring set makes its frames:

- window_glare: a window or strip light reflected in glossy paper or glass: a soft-edged band
  (1-2 modules wide, any angle) clipped to white across the symbol, over a veil that lifts
  the whole code by 20-45 % of white;
- far_tiny: 1.1-1.6 px per module, a longer payload, a lens blur of 0.4-0.7 px, sensor noise;
- screen_photo: the code on a phone screen photographed: rendered on a pixel grid at 4x the
  frame's resolution (0.8-1.6 frame pixels per screen pixel, rotated), blurred by the lens and
  averaged down to the frame, so the sensor's sampling makes the moiré;
- steep_tilt: the code turned 45-68 degrees out of the image plane about a random axis, seen
  through a 60 degree lens, with vignetting and a coloured light falling off across it.

Two more, added when the scoring set showed the cascade slow on distant codes and short on
glare: the code shown the way a citizen holds it, on a phone (dark body, coloured title bar)
or a printed slip (text lines above and below), in a hall with plain walls and a few flat
coloured objects rather than a textured counter; the device turned any way and tilted a little:

- far_held: 1.5-2.5 px per module, a lens blur of 0.5-0.9 px and JPEG (60-90);
- held_glare: 3-7 px per module, a ceiling light in the glass or the glossy paper: an ellipse
  with a Gaussian fall-off clipped to white on a core over 2-6 % of the symbol, somewhere on it.

And one more for screen moiré, where the cascade had no failure to learn from: screen_fine, a
screen finer than the camera (0.3-0.85 frame pixels per screen pixel), square pixels in a black
matrix or RGB stripes over a dark row, each frame pixel the mean of four point samples; its
beats can be as wide as a module, and the cascade misses a few of those (about 6 %).

And finder_glare, for glare the cascade could not read though error correction could: a held
code (as far_held, 3-7 px per module, tilted more: a phone turned to dodge a lamp) with a
lamp's reflection clipped to white over one finder pattern and the data beside it, 4-8 modules
across, moved or shrunk until every block keeps two check bytes more than the codewords it
touches need as erasures.

And far_webcam, added when the scoring set showed the cascade slow on distant codes although it
read far_held quickly: a held code (as far_held, 1.6-2.5 px per module) seen through what a
cheap webcam does to fine detail: a colour filter mosaic (one colour a pixel, the other two
guessed from the neighbours by OpenCV's bilinear demosaicing), a softer lens (0.4-0.8 px),
sensor grain and JPEG (70-92).

And lamp_glare, for glare that error correction could restore but the cascade did not: a held
code (3-7.5 px per module) with a lamp's reflection anywhere on the symbol, a finder pattern
included: an ellipse (axes 1:0.25-1) clipped to white on a core over 1.5-6 % of the symbol,
with a long fall-off, shrunk until every block keeps two check bytes more than the codewords
with a module it lifts near white need as erasures.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

import cv2
import numpy as np
import qrcode
import qrcode.base
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from contract.payloads import appointment_code, case_tracking_code, identity_code

WIDTH, HEIGHT = 1280, 720
CATEGORIES = (
    "perspective",
    "blur",
    "noise",
    "low_contrast",
    "glare",
    "moire",
    "small_modules",
    "inverted",
    "dim",
    "two_codes",
    "motion",
    "defocus",
    "hotspot",
    "screen_grid",
    "far_soft",
    "hotspot_finder",
    "shadow",
    "window_glare",
    "far_tiny",
    "screen_photo",
    "steep_tilt",
    "far_held",
    "held_glare",
    "screen_fine",
    "finder_glare",
    "far_webcam",
    "lamp_glare",
)


@dataclass(frozen=True, slots=True)
class Sample:
    category: str
    frame: np.ndarray  # BGR uint8, HEIGHT x WIDTH
    texts: tuple[str, ...]


def qr_modules(
    text: str, *, border: int = 4, ec: int = qrcode.constants.ERROR_CORRECT_M
) -> np.ndarray:
    """The code as a 0/255 uint8 array, one pixel per module, quiet zone included."""
    code = qrcode.QRCode(error_correction=ec, border=border)
    code.add_data(text)
    code.make(fit=True)
    return np.where(np.array(code.get_matrix(), dtype=bool), 0, 255).astype(np.uint8)


def qr_image(text: str, module_px: int, *, border: int = 4) -> np.ndarray:
    modules = qr_modules(text, border=border)
    size = modules.shape[0] * module_px
    return cv2.resize(modules, (size, size), interpolation=cv2.INTER_NEAREST)


def background(rng: np.random.Generator, width: int = WIDTH, height: int = HEIGHT) -> np.ndarray:
    """A low-frequency textured scene (desk, sleeve, hall floor) in BGR."""
    small = rng.integers(40, 200, size=(height // 40 + 1, width // 40 + 1, 3), dtype=np.uint8)
    scene = cv2.resize(small, (width, height), interpolation=cv2.INTER_CUBIC)
    grain = rng.normal(0, 6, size=(height, width, 1))
    return np.clip(scene.astype(np.float32) + grain, 0, 255).astype(np.uint8)


def paste(
    scene: np.ndarray,
    patch: np.ndarray,
    corners: np.ndarray,
    *,
    fill: int = 255,
) -> np.ndarray:
    """Warp the grayscale ``patch`` onto ``scene`` at ``corners`` (TL, TR, BR, BL)."""
    h, w = patch.shape[:2]
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    matrix = cv2.getPerspectiveTransform(src, corners.astype(np.float32))
    size = (scene.shape[1], scene.shape[0])
    warped = cv2.warpPerspective(patch, matrix, size, flags=cv2.INTER_LINEAR, borderValue=fill)
    mask = cv2.warpPerspective(np.full((h, w), 255, np.uint8), matrix, size, flags=cv2.INTER_LINEAR)
    alpha = (mask.astype(np.float32) / 255.0)[..., None]
    out = scene.astype(np.float32) * (1 - alpha) + cv2.cvtColor(warped, cv2.COLOR_GRAY2BGR) * alpha
    return out.astype(np.uint8)


def _square(
    rng: np.random.Generator, size: float, *, jitter: float = 0.0, angle=None
) -> np.ndarray:
    cx = rng.uniform(size * 0.8, WIDTH - size * 0.8)
    cy = rng.uniform(size * 0.8, HEIGHT - size * 0.8)
    theta = np.deg2rad(rng.uniform(-180, 180) if angle is None else angle)
    half = size / 2
    base = np.array([[-half, -half], [half, -half], [half, half], [-half, half]])
    rot = np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]])
    pts = base @ rot.T + [cx, cy]
    return pts + rng.uniform(-jitter, jitter, size=pts.shape) * size


def _payloads(rng: random.Random, key: Ed25519PrivateKey) -> Iterator[str]:
    while True:
        pick = rng.randrange(4)
        ref = "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(8))
        if pick == 0:
            yield appointment_code(ref)
        elif pick == 1:
            yield case_tracking_code(f"2026-{rng.randrange(10**6):06d}")
        elif pick == 2:
            subject = rng.randbytes(12)
            yield identity_code(subject, key, now=1_790_000_000 + rng.randrange(10**6), ttl=60)
        else:
            yield f"https://zwfw.example.gov.cn/t/{ref.lower()}"


def _moire(gray: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A phone screen filmed by a camera: sub-pixel grid beating against the sensor grid."""
    h, w = gray.shape
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    period = rng.uniform(2.2, 3.4)
    angle = rng.uniform(0, np.pi)
    wave = np.cos(2 * np.pi * (xx * np.cos(angle) + yy * np.sin(angle)) / period)
    return np.clip(gray.astype(np.float32) * (0.78 + 0.22 * wave), 0, 255).astype(np.uint8)


def _glare(
    frame: np.ndarray, rng: np.random.Generator, centre: np.ndarray, size: float
) -> np.ndarray:
    h, w = frame.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    cx, cy = centre + rng.uniform(-0.3, 0.3, 2) * size
    radius = size * rng.uniform(0.25, 0.45)
    blob = np.exp(-(((xx - cx) ** 2 + (yy - cy) ** 2) / (2 * radius**2)))
    lift = (blob * rng.uniform(170, 230))[..., None]
    return np.clip(frame.astype(np.float32) * (1 - 0.5 * blob[..., None]) + lift, 0, 255).astype(
        np.uint8
    )


def _motion(frame: np.ndarray, rng: np.random.Generator, module: float) -> np.ndarray:
    """The whole frame smeared along a line drawn at any angle."""
    length = float(np.clip(module * rng.uniform(0.5, 1.5), 3, 24))
    size = int(length) + 3 | 1
    kernel = np.zeros((size, size), np.float32)
    angle = rng.uniform(0, np.pi)
    dx, dy = np.cos(angle) * length / 2, np.sin(angle) * length / 2
    c = size // 2
    shift = 4  # cv2.line takes fixed-point coordinates: 1/16 px
    start = (round((c - dx) * 16), round((c - dy) * 16))
    end = (round((c + dx) * 16), round((c + dy) * 16))
    cv2.line(kernel, start, end, 1.0, 1, cv2.LINE_AA, shift)
    return cv2.filter2D(frame, -1, kernel / kernel.sum())


def _defocus(frame: np.ndarray, rng: np.random.Generator, module: float) -> np.ndarray:
    radius = float(np.clip(module * rng.uniform(0.3, 0.85), 1.5, 8))
    size = 2 * int(np.ceil(radius)) + 1
    big = np.zeros((size * 4, size * 4), np.float32)
    cv2.circle(big, (size * 2, size * 2), round(radius * 4), 1.0, -1, cv2.LINE_AA)
    kernel = cv2.resize(big, (size, size), interpolation=cv2.INTER_AREA)
    return cv2.filter2D(frame, -1, kernel / kernel.sum())


def _hotspot(
    frame: np.ndarray, rng: np.random.Generator, centre: np.ndarray, area: float
) -> np.ndarray:
    """A reflected lamp: an ellipse of ``area`` px² around ``centre`` clipped to white, with a
    halo fading linearly around it."""
    ratio = rng.uniform(0.3, 1.0)
    a = np.sqrt(area / (np.pi * ratio))
    cx, cy = centre
    mask = np.zeros(frame.shape[:2], np.float32)
    axes = (round(a), round(a * ratio))
    cv2.ellipse(mask, (round(cx), round(cy)), axes, rng.uniform(0, 180), 0, 360, 1.0, -1)
    halo = rng.uniform(0.5, 1.5) * a
    distance = cv2.distanceTransform((mask == 0).astype(np.uint8), cv2.DIST_L2, 5)
    light = np.clip(1 - distance / halo, 0, 1) * 255 * rng.uniform(0.9, 1.3)
    return np.clip(frame.astype(np.float32) + light[..., None], 0, 255).astype(np.uint8)


def _screen_grid(
    scene: np.ndarray, text: str, rng: np.random.Generator, corners: np.ndarray, module: float
) -> np.ndarray:
    """The code as an LCD shows it, warped into ``scene`` without smoothing: each screen pixel
    is three vertical stripes (red, green, blue) over a dark row, 0.35-0.9 frame pixels wide."""
    per_module = max(3, round(module / rng.uniform(0.35, 0.9)))  # screen pixels per module
    modules = qr_modules(text)
    pixels = np.kron(modules.astype(np.float32), np.ones((per_module, per_module), np.float32))
    texels = np.kron(pixels, np.ones((3, 3), np.float32))
    stripes = np.zeros((*texels.shape, 3), np.float32)
    for column, channel in enumerate((2, 1, 0)):
        stripes[:, column::3, channel] = texels[:, column::3]
    stripes[2::3] *= 0.15  # the black matrix between pixel rows
    patch = np.clip(stripes * 3.0, 0, 255).astype(np.uint8)
    h, w = patch.shape[:2]
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    matrix = cv2.getPerspectiveTransform(src, corners.astype(np.float32))
    size = (scene.shape[1], scene.shape[0])
    warped = cv2.warpPerspective(patch, matrix, size, flags=cv2.INTER_NEAREST)
    inside = cv2.warpPerspective(np.ones((h, w), np.uint8), matrix, size, flags=cv2.INTER_NEAREST)
    return np.where(inside[..., None] > 0, warped, scene)


def _finder_centre(corners: np.ndarray, modules: int, which: int) -> np.ndarray:
    """Where finder pattern ``which`` (0 top left, 1 top right, 2 bottom left) of a code
    pasted at ``corners`` (quiet zone of 4 modules included, ``modules`` across) lands."""
    src = np.float32([[0, 0], [modules, 0], [modules, modules], [0, modules]])
    matrix = cv2.getPerspectiveTransform(src, corners.astype(np.float32))
    near, far = 4 + 3.5, modules - 4 - 3.5
    point = [(near, near), (far, near), (near, far)][which]
    return cv2.perspectiveTransform(np.float32([[point]]), matrix)[0, 0]


def _shadow(frame: np.ndarray, rng: np.random.Generator, centre: np.ndarray, size: float):
    """Light from one side falling off across the code, and the soft shadow of a hand."""
    h, w = frame.shape[:2]
    angle = rng.uniform(0, 2 * np.pi)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    along = ((xx - centre[0]) * np.cos(angle) + (yy - centre[1]) * np.sin(angle)) / size
    light = np.clip(1 - rng.uniform(0.3, 0.6) * (along + 0.5), 0.3, 1)
    hand = np.ones((h, w), np.float32)
    reach = rng.uniform(0.1, 0.45) * size
    edge = rng.uniform(0, 2 * np.pi)
    normal = np.array([np.cos(edge), np.sin(edge)])
    base = centre + normal * reach
    tangent = np.array([-normal[1], normal[0]]) * 3 * size
    polygon = np.array(
        [
            base - tangent,
            base + tangent,
            base + tangent + normal * 3 * size,
            base - tangent + normal * 3 * size,
        ],
        np.int32,
    )
    cv2.fillPoly(hand, [polygon], float(rng.uniform(0.3, 0.5)))
    hand = cv2.GaussianBlur(hand, (0, 0), rng.uniform(3, 15))
    lit = frame.astype(np.float32) * (light * hand)[..., None]
    return np.clip(lit, 0, 255).astype(np.uint8)


def _window_glare(
    frame: np.ndarray, rng: np.random.Generator, centre: np.ndarray, size: float, module: float
) -> np.ndarray:
    h, w = frame.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    cx, cy = centre + rng.uniform(-0.25, 0.25, 2) * size
    veil = np.exp(-(((xx - cx) ** 2 + (yy - cy) ** 2) / (2 * (size * 0.6) ** 2)))
    lifted = frame.astype(np.float32) * (1 - 0.3 * veil[..., None])
    lifted += (veil * 255 * rng.uniform(0.2, 0.45))[..., None]
    angle = rng.uniform(0, np.pi)
    across = (xx - cx) * np.cos(angle) + (yy - cy) * np.sin(angle)
    half_width = module * rng.uniform(0.4, 1.0)
    band = np.clip(1.6 - np.abs(across) / half_width, 0, 1)  # clipped core, soft flanks
    lifted += (band * 320)[..., None]
    return np.clip(lifted, 0, 255).astype(np.uint8)


def _far_tiny(frame: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    soft = cv2.GaussianBlur(frame, (0, 0), rng.uniform(0.4, 0.7)).astype(np.float32)
    noisy = soft + rng.normal(0, rng.uniform(3, 7), soft.shape[:2])[..., None]
    return np.clip(noisy, 0, 255).astype(np.uint8)


def _screen_photo(
    scene: np.ndarray, text: str, rng: np.random.Generator, corners: np.ndarray, module: float
) -> np.ndarray:
    """The code on an LCD with square pixels, drawn at 4x and averaged down like a sensor."""
    over = 4
    pitch = rng.uniform(0.8, 1.6)  # frame pixels per screen pixel
    per_module = max(2, round(module / pitch))
    modules = qr_modules(text).astype(np.float32) / 255
    pixels = np.kron(modules, np.ones((per_module, per_module), np.float32))
    # Each screen pixel as 4x4 texels: a lit 2x3 with a dark gap (the black matrix).
    cell = np.zeros((4, 4), np.float32)
    cell[:3, 1:3] = 1.0
    texels = np.kron(pixels * 0.85 + 0.08, cell)
    h, w = texels.shape
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    matrix = cv2.getPerspectiveTransform(src, (corners * over).astype(np.float32))
    size = (scene.shape[1] * over, scene.shape[0] * over)
    warped = cv2.warpPerspective(texels * 255, matrix, size, flags=cv2.INTER_LINEAR)
    inside = cv2.warpPerspective(np.ones((h, w), np.float32), matrix, size, flags=cv2.INTER_LINEAR)
    warped = cv2.GaussianBlur(warped, (0, 0), over * rng.uniform(0.15, 0.35))
    shown = cv2.resize(warped, scene.shape[1::-1], interpolation=cv2.INTER_AREA)
    alpha = cv2.resize(inside, scene.shape[1::-1], interpolation=cv2.INTER_AREA)[..., None]
    out = scene.astype(np.float32) * (1 - alpha) + shown[..., None] * alpha
    return np.clip(out, 0, 255).astype(np.uint8)


def _screen_fine(
    scene: np.ndarray, text: str, rng: np.random.Generator, corners: np.ndarray, module: float
) -> np.ndarray:
    """The code on a phone screen finer than the camera: 0.3-0.85 frame pixels per screen
    pixel, square pixels with a black matrix 20-40 % wide between them or RGB stripes (dark in
    gray where blue is) over a dark row; each frame pixel the mean of four point samples."""
    over = 2
    pitch = rng.uniform(0.3, 0.85)  # frame pixels per screen pixel
    per_module = max(3, round(module / pitch))  # screen pixels per module
    modules = qr_modules(text) > 0
    n = modules.shape[0]
    square = np.float32([[0, 0], [n, 0], [n, n], [0, n]])
    to_code = cv2.getPerspectiveTransform((corners * over).astype(np.float32), square)
    yy, xx = np.mgrid[0 : scene.shape[0] * over, 0 : scene.shape[1] * over].astype(np.float32)
    points = np.stack([xx + 0.5, yy + 0.5], axis=-1).reshape(-1, 1, 2)
    code = cv2.perspectiveTransform(points, to_code).reshape(*xx.shape, 2)
    inside = (code >= 0).all(axis=-1) & (code < n).all(axis=-1)
    u, v = (np.clip(code[..., i], 0, n - 1e-3) for i in (0, 1))
    light = modules[v.astype(int), u.astype(int)]
    sx, sy = (np.modf(c * per_module)[0] for c in (u, v))  # where in its screen pixel
    if rng.random() < 0.5:
        gap = rng.uniform(0.2, 0.4) / 2
        lit = ((sx > gap) & (sx < 1 - gap) & (sy > gap) & (sy < 1 - gap)).astype(np.float32)
    else:  # red, green and blue stripes as gray sees them, over a dark row
        stripe = np.array([0.9, 1.0, 0.35], np.float32)[np.minimum(sx * 3, 2).astype(int)]
        lit = stripe * (sy < rng.uniform(0.65, 0.8))
    shown = np.where(light, lit * rng.uniform(200, 250), 12.0).astype(np.float32)
    small = (scene.shape[1], scene.shape[0])
    shown = cv2.resize(shown, small, interpolation=cv2.INTER_AREA)
    alpha = cv2.resize(inside.astype(np.float32), small, interpolation=cv2.INTER_AREA)[..., None]
    out = scene.astype(np.float32) * (1 - alpha) + shown[..., None] * alpha
    out = cv2.GaussianBlur(out, (0, 0), rng.uniform(0.4, 0.7))
    return np.clip(out, 0, 255).astype(np.uint8)


def _steep_corners(rng: np.random.Generator, size: float) -> np.ndarray:
    """A square of ``size`` px turned 45-68 degrees out of the image plane, through a 60 degree
    lens, centred somewhere in the frame."""
    focal = WIDTH / (2 * np.tan(np.deg2rad(30)))
    distance = focal  # at this distance the square would be ``size`` px seen face on
    half = size / 2
    square = np.array([[-half, -half, 0], [half, -half, 0], [half, half, 0], [-half, half, 0]])
    spin = np.deg2rad(rng.uniform(0, 360))
    square[:, :2] = (
        square[:, :2] @ np.array([[np.cos(spin), -np.sin(spin)], [np.sin(spin), np.cos(spin)]]).T
    )
    axis = rng.uniform(0, np.pi)
    tilt = np.deg2rad(rng.uniform(45, 68))
    k = np.array([np.cos(axis), np.sin(axis), 0.0])
    kx = np.array([[0, -k[2], k[1]], [k[2], 0, -k[0]], [-k[1], k[0], 0]])
    turn = np.eye(3) + np.sin(tilt) * kx + (1 - np.cos(tilt)) * kx @ kx
    points = square @ turn.T + [0, 0, distance]
    image = points[:, :2] * focal / points[:, 2:3]
    span = image.max(axis=0) - image.min(axis=0)
    cx = rng.uniform(span[0] * 0.6, WIDTH - span[0] * 0.6)
    cy = rng.uniform(span[1] * 0.6, HEIGHT - span[1] * 0.6)
    return image - image.mean(axis=0) + [cx, cy]


def _steep_light(frame: np.ndarray, rng: np.random.Generator, centre: np.ndarray) -> np.ndarray:
    h, w = frame.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    corner_distance = np.hypot(w / 2, h / 2)
    vignette = 1 - 0.45 * ((xx - w / 2) ** 2 + (yy - h / 2) ** 2) / corner_distance**2
    angle = rng.uniform(0, 2 * np.pi)
    along = ((xx - centre[0]) * np.cos(angle) + (yy - centre[1]) * np.sin(angle)) / 300
    fall = np.clip(0.7 - rng.uniform(0.3, 0.6) * along, 0.12, 1.2)
    tint = rng.uniform(0.75, 1.0, 3).astype(np.float32)
    lit = cv2.GaussianBlur(frame, (0, 0), 0.8).astype(np.float32) * (vignette * fall)[..., None]
    return np.clip(lit * tint, 0, 255).astype(np.uint8)


def _hall(rng: np.random.Generator) -> np.ndarray:
    """A plain wall lit unevenly, with a few flat coloured objects in front of it."""
    yy, xx = np.mgrid[0:HEIGHT, 0:WIDTH].astype(np.float32)
    angle = rng.uniform(0, 2 * np.pi)
    light = 0.75 + 0.25 * ((xx * np.cos(angle) + yy * np.sin(angle)) / WIDTH)
    wall = rng.uniform(90, 170, 3).astype(np.float32)
    scene = (light[..., None] * wall).astype(np.uint8)
    for _ in range(int(rng.integers(2, 6))):
        centre = (int(rng.integers(0, WIDTH)), int(rng.integers(0, HEIGHT)))
        axes = (int(rng.integers(40, 200)), int(rng.integers(40, 200)))
        colour = tuple(int(c) for c in rng.integers(30, 230, 3))
        cv2.ellipse(scene, centre, axes, float(rng.uniform(0, 180)), 0, 360, colour, -1)
    grain = rng.normal(0, 3, (HEIGHT, WIDTH, 1))
    return np.clip(scene + grain, 0, 255).astype(np.uint8)


def _held(
    text: str, rng: np.random.Generator, module: float
) -> tuple[np.ndarray, np.ndarray, float]:
    """The code on a phone or a printed slip, at ``module`` px per module, drawn upright at 4x:
    the device (BGR), the symbol's centre in it and the symbol's side (quiet zone included)."""
    over = 4
    modules = qr_modules(text)
    side = round(modules.shape[0] * module * over)
    code = cv2.resize(modules, (side, side), interpolation=cv2.INTER_NEAREST)
    width = round(side * rng.uniform(1.3, 1.8))
    height = round(width * rng.uniform(1.6, 2.1))
    paper = int(rng.integers(215, 250))
    device = np.full((height, width, 3), paper, np.uint8)
    top = round(height * rng.uniform(0.25, 0.4))
    left = (width - side) // 2
    device[top : top + side, left : left + side] = np.minimum(code, paper)[..., None]
    line = max(2, round(module * over * rng.uniform(0.6, 1.2)))
    above = range(top // 3, top - line, line * 3)
    below = range(top + side + line * 2, height - line * 2, line * 3)
    for y in [*above, *below]:
        length = int(rng.integers(width // 4, width - width // 6))
        cv2.rectangle(device, (width // 12, y), (width // 12 + length, y + line), (60, 60, 60), -1)
    centre = np.array([left + side / 2, top + side / 2])
    if rng.random() < 0.5:  # a phone: a coloured title bar and a dark body around the screen
        device[: top // 4] = rng.integers(40, 220, 3).astype(np.uint8)
        body = round(width * rng.uniform(0.04, 0.08))
        dark = (35, 35, 35)
        device = cv2.copyMakeBorder(device, body, body, body, body, cv2.BORDER_CONSTANT, value=dark)
        centre += body
    return device, centre, float(side)


def _held_sample(category: str, text: str, rng: np.random.Generator) -> np.ndarray:
    far = category in ("far_held", "far_webcam")
    module = (
        rng.uniform(1.6 if category == "far_webcam" else 1.5, 2.5)
        if far
        else rng.uniform(3.0, 7.5 if category == "lamp_glare" else 7.0)
    )
    device, symbol_centre, symbol_side = _held(text, rng, module)
    if category == "finder_glare":
        device = _glare_on_finder(device, text, rng, symbol_centre, symbol_side)
    elif category == "lamp_glare":
        device = _glare_anywhere(device, text, rng, symbol_centre, symbol_side)
    h, w = device.shape[:2]
    angle = np.deg2rad(rng.uniform(0, 360))
    rot = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    corners = (np.array([[0, 0], [w, 0], [w, h], [0, h]]) - [w / 2, h / 2]) / 4 @ rot.T
    # A slight tilt out of the image plane; more for a phone turned to dodge a lamp.
    tilt = 0.15 if category == "finder_glare" else 0.06
    corners *= 1 + rng.uniform(-tilt, tilt, (4, 1))
    reach = np.abs(corners).max(axis=0)
    centre = [
        rng.uniform(min(reach[0], WIDTH / 2), max(WIDTH / 2, WIDTH - reach[0])),
        rng.uniform(min(reach[1], HEIGHT / 2), max(HEIGHT / 2, HEIGHT - reach[1])),
    ]
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    matrix = cv2.getPerspectiveTransform(src, (corners + centre).astype(np.float32))
    warped = cv2.warpPerspective(device, matrix, (WIDTH, HEIGHT), flags=cv2.INTER_AREA)
    inside = np.full((h, w), 255, np.uint8)
    alpha = cv2.warpPerspective(inside, matrix, (WIDTH, HEIGHT), flags=cv2.INTER_AREA)
    alpha = (alpha.astype(np.float32) / 255)[..., None]
    frame = _hall(rng).astype(np.float32) * (1 - alpha) + warped.astype(np.float32) * alpha
    if category == "held_glare":
        where = cv2.perspectiveTransform(np.float32([[symbol_centre]]), matrix)[0, 0]
        frame = _ceiling_light(frame, rng, where, symbol_side / 4, module)
    if category == "far_webcam":
        return _webcam(np.clip(frame, 0, 255).astype(np.uint8), rng)
    frame = cv2.GaussianBlur(np.clip(frame, 0, 255).astype(np.uint8), (0, 0), rng.uniform(0.5, 0.9))
    quality = int(rng.integers(60, 91))
    return cv2.imdecode(cv2.imencode(".jpg", frame, [cv2.IMWRITE_JPEG_QUALITY, quality])[1], 1)


def _webcam(frame: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """``frame`` as a cheap webcam gives it: a softer lens, one colour a pixel through a red,
    green and blue filter mosaic (green on alternate pixels of every row), the missing two
    interpolated from the neighbours, grain, then JPEG."""
    soft = cv2.GaussianBlur(frame, (0, 0), rng.uniform(0.4, 0.8))
    mosaic = np.empty(soft.shape[:2], np.uint8)
    mosaic[0::2, 0::2] = soft[0::2, 0::2, 2]  # red
    mosaic[0::2, 1::2] = soft[0::2, 1::2, 1]  # green
    mosaic[1::2, 0::2] = soft[1::2, 0::2, 1]  # green
    mosaic[1::2, 1::2] = soft[1::2, 1::2, 0]  # blue
    grain = rng.normal(0, rng.uniform(1.5, 4.0), mosaic.shape)
    mosaic = np.clip(mosaic + grain, 0, 255).astype(np.uint8)
    colour = cv2.cvtColor(mosaic, cv2.COLOR_BayerRG2BGR)
    quality = int(rng.integers(70, 93))
    return cv2.imdecode(cv2.imencode(".jpg", colour, [cv2.IMWRITE_JPEG_QUALITY, quality])[1], 1)


def _ceiling_light(
    frame: np.ndarray, rng: np.random.Generator, centre: np.ndarray, side: float, module: float
) -> np.ndarray:
    """A lamp reflected on the symbol (``side`` px, centred at ``centre``): an ellipse with a
    Gaussian fall-off, clipped to white on a core over 2-6 % of the symbol."""
    symbol = (side - 8 * module) ** 2
    core = symbol * rng.uniform(0.02, 0.06)
    ratio = rng.uniform(0.3, 1.0)
    a = np.sqrt(core / (np.pi * ratio))  # the core's semi-axes: a and a * ratio
    spot = centre + rng.uniform(-0.3, 0.3, 2) * (side - 8 * module)
    yy, xx = np.mgrid[0:HEIGHT, 0:WIDTH].astype(np.float32)
    turn = rng.uniform(0, np.pi)
    u = (xx - spot[0]) * np.cos(turn) + (yy - spot[1]) * np.sin(turn)
    v = -(xx - spot[0]) * np.sin(turn) + (yy - spot[1]) * np.cos(turn)
    r2 = (u / a) ** 2 + (v / (a * ratio)) ** 2  # 1 on the core's edge
    # Clipped where the light adds a full white; fading out over about the core's size again.
    light = np.exp(-(r2 - 1).clip(0) * rng.uniform(0.5, 1.5)) * 300
    return frame + light[..., None]


def _glare_on_finder(
    device: np.ndarray, text: str, rng: np.random.Generator, centre: np.ndarray, side: float
) -> np.ndarray:
    """A lamp in the glass over one finder pattern and the data beside it, on ``device`` (the
    symbol ``side`` px, quiet zone included, centred at ``centre``): an ellipse clipped to
    white on a core 3-6 modules across, fading out over as much again. Moved or shrunk until
    every block keeps two check bytes more than the codewords it touches need, so that the
    symbol stays readable to a reader told where the glare is."""
    modules = qr_modules(text)
    n = modules.shape[0]
    pitch = side / n
    corner = centre - side / 2
    finders = np.array([(7.5, 7.5), (n - 7.5, 7.5), (7.5, n - 7.5)])
    yy, xx = np.mgrid[0 : device.shape[0], 0 : device.shape[1]].astype(np.float32)
    grid = (np.arange(n) + 0.5) * pitch
    radius = rng.uniform(2.0, 4.0)  # modules: the core's larger semi-axis
    for _ in range(20):
        finder = finders[rng.integers(3)]
        # On the finder or up to a few modules in from it, over the data.
        where = finder + rng.uniform(-1.5, 2.5, 2) * np.sign(n / 2 - finder)
        spot = corner + where * pitch
        axes = radius * pitch * np.array([1.0, rng.uniform(0.5, 1.0)])
        turn, fall = rng.uniform(0, np.pi), rng.uniform(0.6, 1.5)
        gx, gy = np.meshgrid(corner[0] + grid, corner[1] + grid)
        if _readable_under(text, _lamp(gx, gy, spot, axes, turn, fall) > 60):
            lit = device.astype(np.float32) + _lamp(xx, yy, spot, axes, turn, fall)[..., None]
            return np.clip(lit, 0, 255).astype(np.uint8)
        radius *= 0.85
    return device


def _glare_anywhere(
    device: np.ndarray, text: str, rng: np.random.Generator, centre: np.ndarray, side: float
) -> np.ndarray:
    """A lamp in the glass anywhere on the symbol (``side`` px, quiet zone included, centred at
    ``centre`` on ``device``): an ellipse clipped to white on a core over 1.5-6 % of the symbol,
    shrunk until every block keeps two check bytes more than the codewords with a module it
    lifts near white (by 200 of 255) need as erasures."""
    n = qr_modules(text).shape[0]
    pitch = side / n
    corner = centre - side / 2
    inner = n - 8  # the symbol's own side, in modules
    grid = (np.arange(n) + 0.5) * pitch
    gx, gy = np.meshgrid(corner[0] + grid, corner[1] + grid)
    spot = corner + (4 + rng.uniform(0, inner, 2)) * pitch
    share, ratio = rng.uniform(0.015, 0.06), rng.uniform(0.25, 1.0)
    turn, fall = rng.uniform(0, np.pi), rng.uniform(0.3, 1.0)
    for _ in range(20):
        a = np.sqrt(share * inner**2 / (np.pi * ratio)) * pitch
        axes = np.array([a, a * ratio])
        if _readable_under(text, _lamp(gx, gy, spot, axes, turn, fall) > 200):
            yy, xx = np.mgrid[0 : device.shape[0], 0 : device.shape[1]].astype(np.float32)
            lit = device.astype(np.float32) + _lamp(xx, yy, spot, axes, turn, fall)[..., None]
            return np.clip(lit, 0, 255).astype(np.uint8)
        share *= 0.8
    return device


def _lamp(
    x: np.ndarray, y: np.ndarray, spot: np.ndarray, axes: np.ndarray, turn: float, fall: float
) -> np.ndarray:
    """A lamp's reflection at points ``x``, ``y``: 300 (clipped to white) on the ellipse of
    ``axes`` turned ``turn`` around ``spot``, falling off outside it."""
    u = (x - spot[0]) * np.cos(turn) + (y - spot[1]) * np.sin(turn)
    v = -(x - spot[0]) * np.sin(turn) + (y - spot[1]) * np.cos(turn)
    r2 = (u / axes[0]) ** 2 + (v / axes[1]) ** 2
    return np.exp(-(r2 - 1).clip(0) * fall) * 300


def _readable_under(text: str, lost: np.ndarray) -> bool:
    """Whether every block of ``text``'s symbol keeps two check bytes more than the codewords
    with a module in ``lost`` (n x n modules, quiet zone included) need as erasures."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    code.add_data(text)
    code.make(fit=True)
    plain = np.array(code.get_matrix(), dtype=bool)
    mask = code.best_mask_pattern()
    words = list(code.data_cache)
    blocks = qrcode.base.rs_blocks(code.version, code.error_correction)
    # Which block each interleaved codeword belongs to: data bytes first, then check bytes.
    owner = [
        k
        for i in range(max(b.data_count for b in blocks))
        for k, b in enumerate(blocks)
        if i < b.data_count
    ]
    owner += [
        k
        for i in range(max(b.total_count - b.data_count for b in blocks))
        for k, b in enumerate(blocks)
        if i < b.total_count - b.data_count
    ]
    hit = [0] * len(blocks)
    for index, word in enumerate(words):
        code.data_cache = [*words[:index], word ^ 0xFF, *words[index + 1 :]]
        code.makeImpl(False, mask)
        changed = np.array(code.get_matrix(), dtype=bool) != plain
        hit[owner[index]] += bool((changed & lost).any())
    return all(h + 2 <= b.total_count - b.data_count for h, b in zip(hit, blocks, strict=True))


def make_sample(category: str, seed: int) -> Sample:
    """One degraded frame; ``seed`` fixes everything about it."""
    rng = np.random.default_rng(seed)
    texts_rng = random.Random(seed)
    key = Ed25519PrivateKey.from_private_bytes(texts_rng.randbytes(32))
    texts_iter = _payloads(texts_rng, key)
    if category in ("far_held", "held_glare", "finder_glare", "far_webcam", "lamp_glare"):
        text = next(texts_iter)
        return Sample(category, _held_sample(category, text, rng), (text,))
    scene = background(rng)
    count = 2 if category == "two_codes" else 1
    texts = tuple(next(texts_iter) for _ in range(count))
    if category == "far_tiny":  # a longer payload: more, smaller modules in the same space
        texts = (texts[0] + "#" + "".join(texts_rng.choice("0123456789ABCDEF") for _ in range(24)),)
    centres = []
    module = 0.0  # frame pixels per module of the last code
    for index, text in enumerate(texts):
        module_px = 1 if category in ("small_modules", "far_soft", "far_tiny") else 3
        patch = qr_image(text, module_px)
        if category == "small_modules":
            size = patch.shape[0] * rng.uniform(1.5, 2.0)
        elif category == "far_soft":
            size = patch.shape[0] * rng.uniform(1.6, 2.6)
        elif category == "far_tiny":
            size = patch.shape[0] * rng.uniform(1.1, 1.6)
        elif category == "shadow":
            size = float(rng.uniform(130, 300))
        else:
            size = float(rng.uniform(170, 330))
        module = size / (patch.shape[0] / module_px)
        if count == 2:
            # Two receipts side by side: keep them apart.
            cx = WIDTH * (0.27 + 0.46 * index)
            corners = _square(rng, size, jitter=0.03)
            corners += [cx - corners[:, 0].mean(), HEIGHT / 2 - corners[:, 1].mean()]
        else:
            jitter = 0.14 if category in ("perspective", "shadow") else 0.03
            corners = _square(rng, size, jitter=jitter)
        if category == "steep_tilt":
            corners = _steep_corners(rng, size)
        if category == "inverted":
            patch = 255 - patch
        if category == "screen_grid":
            scene = _screen_grid(scene, text, rng, corners, module)
        elif category == "screen_photo":
            scene = _screen_photo(scene, text, rng, corners, module)
        elif category == "screen_fine":
            scene = _screen_fine(scene, text, rng, corners, module)
        else:
            scene = paste(scene, patch, corners, fill=0 if category == "inverted" else 255)
        centres.append((corners.mean(axis=0), size))
    gray_ops = {
        "blur": lambda f: cv2.GaussianBlur(f, (0, 0), rng.uniform(1.6, 2.6)),
        "noise": lambda f: np.clip(f + rng.normal(0, rng.uniform(28, 45), f.shape), 0, 255),
        "low_contrast": lambda f: 110 + f.astype(np.float32) * rng.uniform(0.10, 0.16),
        "dim": lambda f: f.astype(np.float32) * rng.uniform(0.07, 0.12),
    }
    frame = scene
    if category in gray_ops:
        frame = np.clip(gray_ops[category](frame), 0, 255).astype(np.uint8)
    elif category == "moire":
        gray = _moire(cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY), rng)
        frame = cv2.cvtColor(cv2.GaussianBlur(gray, (0, 0), 0.8), cv2.COLOR_GRAY2BGR)
    elif category == "glare":
        frame = _glare(frame, rng, *centres[0])
    elif category == "perspective":
        frame = cv2.GaussianBlur(frame, (0, 0), 0.7)
    elif category == "motion":
        frame = _motion(frame, rng, module)
    elif category == "defocus":
        frame = _defocus(frame, rng, module)
    elif category == "hotspot":  # within the symbol's middle, over 1.5-5 % of it
        centre, size = centres[0]
        side = size - 8 * module
        spot = centre + rng.uniform(-0.2, 0.2, 2) * side
        frame = _hotspot(frame, rng, spot, side * side * rng.uniform(0.015, 0.05))
    elif category == "hotspot_finder":  # over one finder pattern: 5-7.5 modules across
        spot = _finder_centre(corners, round(size / module), int(rng.integers(3)))
        spot = spot + rng.uniform(-1, 1, 2) * module
        frame = _hotspot(frame, rng, spot, np.pi / 4 * (rng.uniform(5, 7.5) * module) ** 2)
    elif category == "screen_grid":
        frame = cv2.GaussianBlur(frame, (0, 0), 0.6)
    elif category == "far_soft":  # a webcam's lens and MJPG soften what is far and small
        soft = cv2.GaussianBlur(frame, (0, 0), rng.uniform(0.6, 1.0))
        quality = int(rng.integers(55, 86))
        frame = cv2.imdecode(cv2.imencode(".jpg", soft, [cv2.IMWRITE_JPEG_QUALITY, quality])[1], 1)
    elif category == "shadow":
        frame = _shadow(cv2.GaussianBlur(frame, (0, 0), 0.7), rng, *centres[0])
    elif category == "window_glare":
        frame = _window_glare(frame, rng, *centres[0], module)
    elif category == "far_tiny":
        frame = _far_tiny(frame, rng)
    elif category == "steep_tilt":
        frame = _steep_light(frame, rng, centres[0][0])
    return Sample(category, frame, texts)


def degraded_set(count: int, *, seed: int = 2026) -> Iterator[Sample]:
    """``count`` samples cycling through every category."""
    for index in range(count):
        yield make_sample(CATEGORIES[index % len(CATEGORIES)], seed * 100_003 + index)
