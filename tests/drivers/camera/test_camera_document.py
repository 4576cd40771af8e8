"""Document capture on generated photos of pages on a wooden desk."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import cv2
import numpy as np
import pytest
from page_photos import MARKS, PAGE_H, PAGE_W, desk, page_photo

from drivers.camera.document import QualityIssue, capture_page, find_page, order_corners
from drivers.camera.errors import CameraError
from drivers.camera.material import MaterialWriter


@pytest.mark.parametrize(
    ("seed", "angle"), [(0, -24.0), (1, -12.0), (2, -3.0), (3, 0.0), (4, 7.5), (5, 18.0), (6, 25.0)]
)
def test_page_corners_within_a_few_pixels(seed: int, angle: float) -> None:
    photo = page_photo(seed, angle=angle)
    corners = find_page(photo.frame)
    assert corners is not None
    error = np.linalg.norm(corners - photo.corners, axis=1)
    assert error.max() < 3.0, error


@pytest.mark.parametrize("desk_gray", [160, 200, 215])
def test_page_on_a_light_counter_top(desk_gray: int) -> None:
    photo = page_photo(30 + desk_gray, desk_gray=desk_gray)
    corners = find_page(photo.frame)
    assert corners is not None
    assert np.linalg.norm(corners - photo.corners, axis=1).max() < 3.0


def test_straightened_page_puts_printed_marks_back_in_place() -> None:
    photo = page_photo(21, angle=14.0)
    capture = capture_page(photo.frame)
    assert capture.ok, capture.issues
    assert capture.page is not None and capture.enhanced is not None
    height, width = capture.page.shape[:2]
    assert abs(width / height - PAGE_W / PAGE_H) < 0.02
    gray = cv2.cvtColor(capture.page, cv2.COLOR_BGR2GRAY)
    _, dark = cv2.threshold(gray, 80, 255, cv2.THRESH_BINARY_INV)
    count, _, _stats, centres = cv2.connectedComponentsWithStats(dark)
    sx, sy = width / PAGE_W, height / PAGE_H
    for mx, my in MARKS:
        expected = np.array([mx * sx, my * sy])
        nearest = min(np.linalg.norm(c - expected) for c in centres[1:count])
        assert nearest < 4.0, (mx, my, nearest)


def test_enhanced_page_is_flat_and_high_contrast() -> None:
    capture = capture_page(page_photo(5).frame)
    assert capture.enhanced is not None and capture.enhanced.ndim == 2
    paper = np.percentile(capture.enhanced, 90)
    ink = np.percentile(capture.enhanced, 2)
    assert paper > 230 and ink < 60
    # Lamp falloff is gone: the paper is as white in the left half as in the right.
    _h, w = capture.enhanced.shape
    left = np.percentile(capture.enhanced[:, : w // 2], 80)
    right = np.percentile(capture.enhanced[:, w // 2 :], 80)
    assert abs(float(left) - float(right)) < 10


@pytest.mark.parametrize(
    ("kwargs", "issue"),
    [
        ({"blur": 4.0}, QualityIssue.BLURRY),
        ({"light": 0.25}, QualityIssue.TOO_DARK),
        ({"offset": (500.0, 0.0)}, QualityIssue.CUT_OFF),
        ({"scale": 1.1}, QualityIssue.CUT_OFF),
    ],
)
def test_quality_problems_are_named(kwargs: dict, issue: QualityIssue) -> None:
    capture = capture_page(page_photo(8, **kwargs).frame)
    assert issue in capture.issues
    assert not capture.ok
    assert issue.message_key == f"doc.{issue.value}"


def test_dim_page_is_too_dark_but_not_called_blurry() -> None:
    capture = capture_page(page_photo(8, light=0.3).frame)
    assert capture.issues == (QualityIssue.TOO_DARK,)


def test_glare_on_the_page() -> None:
    photo = page_photo(9, angle=5.0)
    frame = photo.frame.copy()
    cx, cy = photo.corners.mean(axis=0).astype(int)
    cv2.circle(frame, (int(cx), int(cy)), 160, (255, 255, 255), -1)
    capture = capture_page(frame)
    assert QualityIssue.GLARE in capture.issues


def test_empty_desk_has_no_page() -> None:
    frame = desk(np.random.default_rng(3), 1600, 1200)
    capture = capture_page(frame)
    assert capture.issues[0] is QualityIssue.NO_PAGE and capture.page is None
    dark = capture_page((frame * 0.2).astype(np.uint8))
    assert dark.issues == (QualityIssue.NO_PAGE, QualityIssue.TOO_DARK)


def test_order_corners_from_any_start() -> None:
    square = np.array([[10, 10], [110, 12], [108, 150], [8, 148]], dtype=np.float32)
    for shift in range(4):
        assert np.array_equal(order_corners(np.roll(square, shift, axis=0)), square)
    assert np.array_equal(order_corners(square[::-1]), square)


def test_material_pages_jpeg_and_one_pdf_with_sha256_in_memory(tmp_path: Path) -> None:
    writer = MaterialWriter("household-register")
    for seed in (11, 12):
        capture = capture_page(page_photo(seed).frame)
        assert capture.enhanced is not None
        writer.add_page(capture.enhanced)
    retaken = writer.pages[-1]
    writer.remove_last_page()  # the citizen retook page 2
    assert writer.add_page(capture_page(page_photo(14).frame).enhanced) == 2
    assert writer.pages[-1] != retaken
    material = writer.finish()
    assert len(material.pages) == 2
    for page in material.pages:
        image = cv2.imdecode(np.frombuffer(page, np.uint8), cv2.IMREAD_GRAYSCALE)
        assert image is not None and image.shape[0] > image.shape[1]
    data = material.pdf
    assert data.startswith(b"%PDF-")
    assert material.sha256 == hashlib.sha256(data).hexdigest() and material.size == len(data)
    assert len(re.findall(rb"/Type\s*/Page\b", data)) == 2
    assert data.count(b"/DCTDecode") == 2  # the JPEG pages are embedded as they are
    box = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)", data)
    assert box is not None and abs(float(box.group(1)) - 595.3) < 2  # A4 wide, in points
    assert "household" not in repr(material) and "%PDF" not in repr(material)


def test_material_errors_are_clear() -> None:
    with pytest.raises(CameraError, match="at least one"):
        MaterialWriter().finish()
    with pytest.raises(ValueError):
        MaterialWriter("../escape")
