"""Generated photos of paper materials on a desk, with the true page corners."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

PAGE_W, PAGE_H = 840, 1188  # A4 proportions
# Four solid marks printed on the page at known positions: after straightening they must land
# where they were printed.
MARKS = ((60, 60), (PAGE_W - 60, 60), (PAGE_W - 60, PAGE_H - 60), (60, PAGE_H - 60))


@dataclass(frozen=True, slots=True)
class PagePhoto:
    frame: np.ndarray  # BGR
    corners: np.ndarray  # 4x2 true page corners in frame pixels: TL, TR, BR, BL


def page_image(rng: np.random.Generator) -> np.ndarray:
    page = np.full((PAGE_H, PAGE_W), 245, np.uint8)
    y = 140
    while y < PAGE_H - 140:
        x = 90
        while x < PAGE_W - 160:
            word = int(rng.integers(30, 110))
            cv2.rectangle(page, (x, y), (x + word, y + 14), 30, -1)
            x += word + int(rng.integers(12, 24))
        y += int(rng.integers(30, 44))
    for cx, cy in MARKS:
        cv2.circle(page, (cx, cy), 18, 0, -1)
    return cv2.cvtColor(page, cv2.COLOR_GRAY2BGR)


def desk(rng: np.random.Generator, width: int, height: int) -> np.ndarray:
    """Wood grain: stripes with a wobble, brown, with grain noise."""
    yy, xx = np.mgrid[0:height, 0:width].astype(np.float32)
    wobble = 12 * np.sin(yy / rng.uniform(60, 120)) + 6 * np.sin(xx / rng.uniform(25, 50))
    stripes = 0.5 + 0.5 * np.sin((xx + wobble) / rng.uniform(6, 14))
    base = np.array([40, 75, 120], np.float32)  # BGR brown
    texture = base * (0.7 + 0.5 * stripes[..., None])
    texture += rng.normal(0, 8, (height, width, 1))
    return np.clip(texture, 0, 255).astype(np.uint8)


def page_photo(
    seed: int,
    *,
    width: int = 1600,
    height: int = 1200,
    angle: float | None = None,
    scale: float = 0.8,
    offset: tuple[float, float] = (0.0, 0.0),
    light: float = 1.0,
    blur: float = 0.0,
    desk_gray: int | None = None,
) -> PagePhoto:
    rng = np.random.default_rng(seed)
    page = page_image(rng)
    theta = np.deg2rad(rng.uniform(-25, 25) if angle is None else angle)
    h = scale * height
    w = h * PAGE_W / PAGE_H
    base = np.array([[-w / 2, -h / 2], [w / 2, -h / 2], [w / 2, h / 2], [-w / 2, h / 2]])
    rot = np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]])
    corners = base @ rot.T + [width / 2 + offset[0], height / 2 + offset[1]]
    corners += rng.uniform(-0.02, 0.02, (4, 2)) * h  # the camera is not quite overhead
    corners = corners.astype(np.float32)
    src = np.float32([[0, 0], [PAGE_W, 0], [PAGE_W, PAGE_H], [0, PAGE_H]])
    matrix = cv2.getPerspectiveTransform(src, corners)
    warped = cv2.warpPerspective(page, matrix, (width, height), flags=cv2.INTER_LINEAR)
    mask = cv2.warpPerspective(np.full((PAGE_H, PAGE_W), 255, np.uint8), matrix, (width, height))
    alpha = (mask.astype(np.float32) / 255)[..., None]
    if desk_gray is None:
        surface = desk(rng, width, height).astype(np.float32)
    else:  # a plain light counter top, nearly as bright as the paper
        surface = np.full((height, width, 3), desk_gray, np.float32)
        surface += rng.normal(0, 8, (height, width, 1))
    frame = surface * (1 - alpha) + warped * alpha
    # Lamp light falling off across the desk.
    yy, xx = np.mgrid[0:height, 0:width].astype(np.float32)
    falloff = 1.0 - 0.25 * ((xx / width - rng.uniform(0, 1)) ** 2 + (yy / height) ** 2)
    frame = frame * falloff[..., None] * light + rng.normal(0, 3, (height, width, 1))
    frame = np.clip(frame, 0, 255).astype(np.uint8)
    if blur:
        frame = cv2.GaussianBlur(frame, (0, 0), blur)
    return PagePhoto(frame, corners)
