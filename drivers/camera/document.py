"""Document capture (高拍仪): find the page in a frame, straighten it, check it, enhance it.

Theory of operation. The page is the largest bright convex quadrilateral in the frame. A mask of
bright pixels (Otsu's threshold on a blurred grayscale, opened to cut thin bridges to bright
clutter) gives candidate contours, with a Canny edge map as a second opinion for pages on light
desks; the largest contour whose polygon approximation has four corners wins. Its corners are
then refined by fitting a straight line to each side's contour points and intersecting
neighbouring lines, which puts them within a pixel or two of the true corner even when the
paper's corners are dog-eared. Quality checks work on the frame and on the straightened page
and each yields a message key telling the citizen what to do.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

import cv2
import numpy as np

from drivers.camera.qr import to_gray

MIN_PAGE_AREA = 0.12  # fraction of the frame; smaller quads are clutter, not a page
MAX_PAGE_AREA = 0.95  # a "page" this large is the desk itself, lit brighter than Otsu expected
WORK_SIDE = 1600  # detection runs at most at this size; corners are scaled back


class QualityIssue(enum.Enum):
    """What is wrong with a capture; ``message_key`` is worded by the UI for the citizen."""

    NO_PAGE = "no_page"  # 请将材料平放在拍摄区域内
    CUT_OFF = "cut_off"  # 材料超出拍摄范围，请移到中间
    BLURRY = "blurry"  # 画面模糊，请保持材料不动
    TOO_DARK = "too_dark"  # 光线太暗
    GLARE = "glare"  # 反光太强，请调整角度

    @property
    def message_key(self) -> str:
        return f"doc.{self.value}"


@dataclass(frozen=True, slots=True)
class QualityThresholds:
    min_sharpness: float = 60.0  # variance of the Laplacian on the page at 1000 px wide
    min_brightness: float = 70.0  # mean gray level of the page
    max_glare: float = 0.04  # fraction of saturated page pixels
    border_margin: int = 4  # pixels: a corner this close to the frame edge is cut off


@dataclass(frozen=True, slots=True)
class PageCapture:
    corners: np.ndarray | None  # 4x2 float32 in frame pixels: TL, TR, BR, BL
    page: np.ndarray | None  # the straightened page, BGR
    enhanced: np.ndarray | None  # the straightened page, flattened for legibility, grayscale
    issues: tuple[QualityIssue, ...]
    sharpness: float = 0.0
    brightness: float = 0.0

    @property
    def ok(self) -> bool:
        return self.page is not None and not self.issues


def order_corners(points: np.ndarray) -> np.ndarray:
    """TL, TR, BR, BL for a page turned less than 45 degrees either way."""
    pts = np.asarray(points, dtype=np.float32).reshape(4, 2)
    centre = pts.mean(axis=0)
    angles = np.arctan2(pts[:, 1] - centre[1], pts[:, 0] - centre[0])
    pts = pts[np.argsort(angles)]  # clockwise on screen, starting anywhere
    start = int(np.argmin(pts.sum(axis=1)))
    return np.roll(pts, -start, axis=0)


def _candidate_masks(gray: np.ndarray) -> list[np.ndarray]:
    blurred = cv2.GaussianBlur(gray, (5, 5), 0)
    _, bright = cv2.threshold(blurred, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (7, 7))
    bright = cv2.morphologyEx(bright, cv2.MORPH_OPEN, kernel)
    bright = cv2.morphologyEx(bright, cv2.MORPH_CLOSE, kernel)
    edges = cv2.Canny(blurred, 40, 120)
    edges = cv2.dilate(edges, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)))
    return [bright, edges]


def _quad_from_contour(contour: np.ndarray) -> np.ndarray | None:
    hull = cv2.convexHull(contour)
    perimeter = cv2.arcLength(hull, True)
    for epsilon in (0.02, 0.03, 0.05):
        approx = cv2.approxPolyDP(hull, epsilon * perimeter, True)
        if len(approx) == 4 and cv2.isContourConvex(approx):
            return approx.reshape(4, 2).astype(np.float32)
    return None


def _refine(quad: np.ndarray, contour: np.ndarray) -> np.ndarray:
    """Fit a line to each side's contour points and intersect neighbours."""
    points = contour.reshape(-1, 2).astype(np.float32)
    lines = []
    for i in range(4):
        a, b = quad[i], quad[(i + 1) % 4]
        side = b - a
        length = float(np.hypot(*side))
        if length < 8:
            return quad
        normal = np.array([-side[1], side[0]]) / length
        rel = points - a
        along = rel @ side / length**2
        dist = np.abs(rel @ normal)
        # Middle 80% of the side, close to it: ignores rounded or dog-eared corners.
        near = points[(along > 0.1) & (along < 0.9) & (dist < max(3.0, 0.02 * length))]
        if len(near) < 5:
            return quad
        vx, vy, x0, y0 = cv2.fitLine(near, cv2.DIST_HUBER, 0, 0.01, 0.01).ravel()
        lines.append((np.array([x0, y0]), np.array([vx, vy])))
    refined = []
    for i in range(4):
        (p1, d1), (p2, d2) = lines[i - 1], lines[i]
        matrix = np.array([d1, -d2]).T
        if abs(np.linalg.det(matrix)) < 1e-6:
            return quad
        t = np.linalg.solve(matrix, p2 - p1)
        refined.append(p1 + t[0] * d1)
    result = np.array(refined, dtype=np.float32)
    # Refinement must only nudge: a big jump means the fit latched onto clutter.
    if np.max(np.linalg.norm(result - quad, axis=1)) > 0.05 * cv2.arcLength(quad, True):
        return quad
    return result


def find_page(image: np.ndarray) -> np.ndarray | None:
    """The page's corners (TL, TR, BR, BL) in ``image`` pixels, or None if there is no page."""
    gray = to_gray(image)
    scale = min(1.0, WORK_SIDE / max(gray.shape))
    work = (
        gray
        if scale == 1.0
        else cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    )
    frame_area = work.shape[0] * work.shape[1]
    best: tuple[float, np.ndarray] | None = None
    for mask in _candidate_masks(work):
        contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
        for contour in sorted(contours, key=cv2.contourArea, reverse=True)[:5]:
            area = cv2.contourArea(contour)
            if area < MIN_PAGE_AREA * frame_area:
                break
            if area > MAX_PAGE_AREA * frame_area:
                continue  # the mask took the whole desk: not a page outline, try the next mask
            quad = _quad_from_contour(contour)
            if quad is None:
                continue
            quad = _refine(order_corners(quad), contour)
            quad_area = cv2.contourArea(quad)
            # A page fills its quad; a bright blob that merely has a 4-sided hull does not.
            if area / max(quad_area, 1.0) > 0.9 and (best is None or quad_area > best[0]):
                best = (quad_area, quad)
            break
        if best is not None:
            break  # the brightness mask is the more precise one; edges only when it fails
    if best is None:
        return None
    return order_corners(best[1] / scale)


def straighten(image: np.ndarray, corners: np.ndarray) -> np.ndarray:
    """The page warped to a rectangle as large as its longer measured sides."""
    tl, tr, br, bl = corners.astype(np.float32)
    width = round(max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl)))
    height = round(max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr)))
    target = np.array(
        [[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]], dtype=np.float32
    )
    matrix = cv2.getPerspectiveTransform(corners.astype(np.float32), target)
    return cv2.warpPerspective(
        image, matrix, (width, height), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE
    )


def enhance(page: np.ndarray) -> np.ndarray:
    """Flatten uneven lighting and stretch contrast: dark text on white, like a scanner."""
    gray = to_gray(page)
    size = max(15, (min(gray.shape) // 20) | 1)
    background = cv2.medianBlur(cv2.dilate(gray, np.ones((7, 7), np.uint8)), size)
    flat = cv2.divide(gray, np.maximum(background, 1), scale=255)
    return cv2.normalize(flat, np.empty_like(flat), 0, 255, cv2.NORM_MINMAX)


def sharpness(gray: np.ndarray) -> float:
    """Variance of the Laplacian at a fixed 1000 px width, so it does not depend on zoom."""
    scale = 1000 / gray.shape[1]
    sample = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    # Stretch contrast first: a dim page is not a blurred one (that is TOO_DARK's job).
    low, high = np.percentile(sample, (1, 99))
    stretched = (sample.astype(np.float32) - low) * (255.0 / max(float(high - low), 8.0))
    stretched = np.clip(stretched, 0, 255).astype(np.float32)
    return float(cv2.Laplacian(stretched, cv2.CV_32F).var())


def capture_page(image: np.ndarray, thresholds: QualityThresholds | None = None) -> PageCapture:
    """Find, check and straighten the page in one camera frame."""
    limits = thresholds or QualityThresholds()
    gray = to_gray(image)
    corners = find_page(image)
    if corners is None:
        issues = [QualityIssue.NO_PAGE]
        if float(gray.mean()) < limits.min_brightness:
            issues.append(QualityIssue.TOO_DARK)
        return PageCapture(None, None, None, tuple(issues), brightness=float(gray.mean()))
    issues = []
    height, width = gray.shape
    margin = limits.border_margin
    if (
        np.any(corners[:, 0] < margin)
        or np.any(corners[:, 0] > width - 1 - margin)
        or np.any(corners[:, 1] < margin)
        or np.any(corners[:, 1] > height - 1 - margin)
    ):
        issues.append(QualityIssue.CUT_OFF)
    page = straighten(image, corners)
    page_gray = to_gray(page)
    sharp = sharpness(page_gray)
    bright = float(page_gray.mean())
    if sharp < limits.min_sharpness:
        issues.append(QualityIssue.BLURRY)
    if bright < limits.min_brightness:
        issues.append(QualityIssue.TOO_DARK)
    if float(np.mean(page_gray >= 250)) > limits.max_glare:
        issues.append(QualityIssue.GLARE)
    return PageCapture(corners, page, enhance(page), tuple(issues), sharp, bright)
