"""A generated set of degraded QR frames: what a kiosk camera sees, made on demand.

Each sample is a 1280x720 BGR frame of a textured counter-top scene holding one or two QR codes
under one degradation (perspective, blur, noise, low contrast, glare, phone-screen moiré, small
modules, inverted dark-mode screen, dim phone), with the texts that are in it. The same seed
always gives the same frames, so tests and bench/qr.py can share the set without storing files.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

import cv2
import numpy as np
import qrcode
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


def make_sample(category: str, seed: int) -> Sample:
    """One degraded frame; ``seed`` fixes everything about it."""
    rng = np.random.default_rng(seed)
    texts_rng = random.Random(seed)
    key = Ed25519PrivateKey.from_private_bytes(texts_rng.randbytes(32))
    texts_iter = _payloads(texts_rng, key)
    scene = background(rng)
    count = 2 if category == "two_codes" else 1
    texts = tuple(next(texts_iter) for _ in range(count))
    centres = []
    for index, text in enumerate(texts):
        module_px = 3 if category != "small_modules" else 1
        patch = qr_image(text, module_px)
        if category == "small_modules":
            size = patch.shape[0] * rng.uniform(1.5, 2.0)
        else:
            size = float(rng.uniform(170, 330))
        if count == 2:
            # Two receipts side by side: keep them apart.
            cx = WIDTH * (0.27 + 0.46 * index)
            corners = _square(rng, size, jitter=0.03)
            corners += [cx - corners[:, 0].mean(), HEIGHT / 2 - corners[:, 1].mean()]
        else:
            jitter = 0.14 if category == "perspective" else 0.03
            corners = _square(rng, size, jitter=jitter)
        if category == "inverted":
            patch = 255 - patch
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
    return Sample(category, frame, texts)


def degraded_set(count: int, *, seed: int = 2026) -> Iterator[Sample]:
    """``count`` samples cycling through every category."""
    for index in range(count):
        yield make_sample(CATEGORIES[index % len(CATEGORIES)], seed * 100_003 + index)
