"""The QR cascade on the generated degraded set, de-duplication, and image loading."""

from __future__ import annotations

import struct
import zlib
from collections import Counter
from pathlib import Path

import cv2
import numpy as np
import pytest
from qr_degrade import CATEGORIES, background, make_sample, paste, qr_image

from drivers.camera.dedup import Deduplicator
from drivers.camera.errors import ImageError
from drivers.camera.image_io import load_gray
from drivers.camera.qr import OpenCvDecoder, QrCascade, Views, mean_binarised, zxing_decode

SEEDS = range(6)
# Kinds the cascade does not yet read in full, with how many of the six it must read: raise the
# figure when a stage reads more, so that none is lost again.
FRONTIER = {"window_glare": 4}


@pytest.fixture(scope="module")
def cascade() -> QrCascade:
    return QrCascade()


@pytest.fixture(scope="module")
def degraded() -> list:
    return [make_sample(category, 7_000 + seed) for category in CATEGORIES for seed in SEEDS]


def test_generator_is_deterministic_and_degraded() -> None:
    a, b = make_sample("glare", 11), make_sample("glare", 11)
    assert np.array_equal(a.frame, b.frame) and a.texts == b.texts
    assert a.frame.shape == (720, 1280, 3)
    assert not np.array_equal(a.frame, make_sample("glare", 12).frame)
    inverted = cv2.cvtColor(make_sample("inverted", 3).frame, cv2.COLOR_BGR2GRAY)
    low = cv2.cvtColor(make_sample("low_contrast", 3).frame, cv2.COLOR_BGR2GRAY)
    assert int(low.max()) - int(low.min()) < 60  # the contrast really is low
    assert inverted.size and len(make_sample("two_codes", 1).texts) == 2


def test_cascade_decodes_every_category(cascade: QrCascade, degraded: list) -> None:
    decoded = Counter()
    for sample in degraded:
        if set(sample.texts) <= set(cascade.decode(sample.frame).texts):
            decoded[sample.category] += 1
    for category in CATEGORIES:
        assert decoded[category] >= FRONTIER.get(category, len(SEEDS) - 1), (category, decoded)
    assert sum(decoded.values()) >= 0.9 * len(degraded)


def test_cascade_is_never_worse_than_zxing_and_its_fallbacks_matter(
    cascade: QrCascade, degraded: list
) -> None:
    rescued = []
    for sample in degraded:
        gray = cv2.cvtColor(sample.frame, cv2.COLOR_BGR2GRAY)
        alone = {code.text for code in zxing_decode(gray)}
        result = cascade.decode(sample.frame)
        # Every code zxing-cpp alone reads; not what its extra passes make up out of a
        # textured background (one steep_tilt frame gives a five-digit "code").
        assert alone & set(sample.texts) <= set(result.texts), sample.category
        if not set(sample.texts) <= alone and set(sample.texts) <= set(result.texts):
            rescued.append((sample.category, result.codes[0].decoder))
    # The dim and small-module frames are where zxing-cpp alone gives up.
    assert rescued, "no frame needed a fallback: the degraded set is too easy"
    assert all(decoder != "zxing" for _, decoder in rescued)


def test_clean_frames_stay_on_the_fast_path(cascade: QrCascade) -> None:
    scene = background(np.random.default_rng(1))
    frame = paste(
        scene,
        qr_image("YM1:C:2026-000123:7", 4),
        np.array([[500, 200], [700, 200], [700, 400], [500, 400]], dtype=np.float32),
    )
    result = cascade.decode(frame)
    assert result.texts == ("YM1:C:2026-000123:7",)
    assert result.codes[0].decoder == "zxing"


def test_a_finder_pattern_under_a_highlight_is_painted_back(cascade: QrCascade) -> None:
    text = "YM1:C:2026-000123:7:ABCDEFGH"
    patch = qr_image(text, 5)  # 5 px per module, quiet zone of 4 modules
    modules = patch.shape[0] // 5
    angle = np.deg2rad(20)
    rot = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    half = patch.shape[0] / 2
    corners = np.array([[-half, -half], [half, -half], [half, half], [-half, half]]) @ rot.T
    middle = np.array([640.0, 360.0])
    frame = paste(background(np.random.default_rng(4)), patch, corners + middle)
    # The top-right finder pattern's centre, 7.5 modules in from the patch's corner.
    finder = (np.array([modules - 7.5, 7.5]) * 5 - half) @ rot.T + middle
    cv2.circle(frame, tuple(int(v) for v in finder), 5 * 5, (255, 255, 255), -1)
    gray = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
    assert zxing_decode(gray) == [] and OpenCvDecoder(aruco=True)(gray) == []
    result = cascade.decode(frame)
    assert result.texts == (text,)
    assert result.codes[0].decoder == "zxing+finder"


def test_inverted_dark_mode_screen(cascade: QrCascade) -> None:
    sample = make_sample("inverted", 5)
    assert set(cascade.decode(sample.frame).texts) == set(sample.texts)


def test_several_codes_in_one_frame(cascade: QrCascade) -> None:
    sample = make_sample("two_codes", 4)
    result = cascade.decode(sample.frame)
    assert sorted(result.texts) == sorted(sample.texts)
    lefts = sorted(min(x for x, _ in code.corners) for code in result.codes)
    assert lefts[1] - lefts[0] > 300  # two distinct places, not one code twice


def test_large_frames_are_downscaled_with_corners_in_original_pixels(cascade: QrCascade) -> None:
    big = np.full((3000, 4000), 200, np.uint8)
    patch = qr_image("hello kiosk", 20)  # 29 modules with the quiet zone: 580 px
    big[1000 : 1000 + patch.shape[0], 2000 : 2000 + patch.shape[1]] = patch
    result = cascade.decode(big)
    assert result.texts == ("hello kiosk",)
    xs = [x for x, _ in result.codes[0].corners]
    # The symbol proper spans 2080..2500 px (the quiet zone is 4 modules of 20 px).
    assert abs(min(xs) - 2080) < 8 and abs(max(xs) - 2500) < 8


def test_opencv_detectors_alone_return_codes_or_nothing() -> None:
    frame = make_sample("noise", 2)
    for decoder in (OpenCvDecoder(aruco=True), OpenCvDecoder(aruco=False)):
        codes = decoder(cv2.cvtColor(frame.frame, cv2.COLOR_BGR2GRAY))
        assert {code.text for code in codes} <= set(frame.texts)
    assert OpenCvDecoder(aruco=False)(np.zeros((720, 1280), np.uint8)) == []


def test_cascade_on_an_empty_or_odd_image(cascade: QrCascade) -> None:
    assert cascade.decode(np.zeros((720, 1280, 3), np.uint8)).codes == ()
    assert cascade.decode(np.zeros((1, 1), np.uint8)).codes == ()
    with pytest.raises(ValueError):
        cascade.decode(np.zeros((4, 4, 2), np.uint8))


def test_deduplicator_reports_once_while_in_view_and_again_after_a_pause() -> None:
    dedup = Deduplicator(3.0)
    sightings = [0.0, 0.1, 1.0, 2.5, 4.0, 5.9]  # held in view, each gap < 3 s
    assert [dedup.is_new("A", t) for t in sightings] == [True] + [False] * 5
    assert dedup.is_new("B", 6.0) is True  # another code is independent
    assert dedup.is_new("A", 9.0) is True  # away for 3.1 s, shown again
    with pytest.raises(ValueError):
        Deduplicator(-1)


def test_deduplicator_memory_is_bounded() -> None:
    dedup = Deduplicator(3.0, capacity=10)
    for i in range(1000):
        assert dedup.is_new(f"code-{i}", float(i)) is True
    assert len(dedup._last_seen) <= 11


# -- image files ------------------------------------------------------------------------------


def test_corrupt_and_non_image_files_are_clear_errors(tmp_path: Path) -> None:
    photo = tmp_path / "photo.jpg"
    cv2.imwrite(str(photo), make_sample("noise", 1).frame)
    truncated = tmp_path / "truncated.jpg"
    truncated.write_bytes(photo.read_bytes()[: photo.stat().st_size // 2])
    text = tmp_path / "notes.png"
    text.write_text("this is not a picture\n")
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    cases = {
        truncated: "damaged or truncated",
        text: "not an image",
        empty: "not an image",
        tmp_path / "missing.png": "no such image",
        tmp_path: "no such image",
    }
    for path, message in cases.items():
        with pytest.raises(ImageError, match=message) as info:
            load_gray(path)
        assert info.value.exit_code == 2


def test_huge_images_are_reduced_or_refused(tmp_path: Path) -> None:
    from PIL import Image

    huge = Image.new("L", (10_000, 10_000), 255)
    huge.paste(Image.fromarray(qr_image("big photo", 60)), (4000, 4000))
    path = tmp_path / "huge.jpg"
    huge.save(path, quality=90)
    gray = load_gray(path)
    assert max(gray.shape) <= 4096
    assert QrCascade().decode(gray).texts == ("big photo",)
    # Headers claiming 12 000 x 12 000 and 30 000 x 30 000 pixels are refused before decoding.
    for side in (12_000, 30_000):
        bomb = tmp_path / f"bomb{side}.png"
        bomb.write_bytes(png_header_only(side, side))
        with pytest.raises(ImageError, match="megapixels"):
            load_gray(bomb)


def png_header_only(width: int, height: int) -> bytes:
    """A PNG whose header claims the size but whose data is a few bytes: a decompression bomb."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b""))
        + chunk(b"IEND", b"")
    )


def test_huge_png_decodes_in_bounded_time(tmp_path: Path) -> None:
    from PIL import Image

    huge = Image.new("L", (10_000, 10_000), 230)
    huge.paste(Image.fromarray(qr_image("huge png", 50)), (6000, 2000))
    path = tmp_path / "huge.png"
    huge.save(path, compress_level=1)
    del huge
    gray = load_gray(path)  # PNG has no reduced decoding: full decode, then a box reduction
    assert max(gray.shape) == 4096
    assert QrCascade().decode(gray).texts == ("huge png",)


def test_dark_mode_screens_are_read_on_the_fast_path_and_by_the_fallbacks(
    cascade: QrCascade,
) -> None:
    # The cascade's first pass skips zxing-cpp's inverted pass to reach the fallbacks sooner;
    # a dark-mode screen must still be read, by a fallback, and by the live scanner's fast path.
    scene = background(np.random.default_rng(2))
    frame = paste(
        scene,
        255 - qr_image("YM1:C:2026-000777:3", 4),
        np.array([[500, 200], [700, 200], [700, 400], [500, 400]], dtype=np.float32),
        fill=0,
    )
    assert cascade.decode(frame, fallbacks=False).texts == ("YM1:C:2026-000777:3",)
    result = cascade.decode(frame)
    assert result.texts == ("YM1:C:2026-000777:3",)
    assert result.codes[0].decoder != "zxing"


@pytest.mark.parametrize("squeeze, shear", [(0.7, 0.5), (0.55, 1.2), (0.4, 0.8)])
def test_a_code_turned_far_from_the_camera_is_set_upright_by_its_finders(
    cascade: QrCascade, squeeze: float, shear: float
) -> None:
    # Squeezed across and sheared, as a code turned far out of the image plane looks.
    text = "YM1:C:2026-000123:7:ABCDEFGH"
    patch = qr_image(text, 4)  # 4 px per module, quiet zone of 4 modules
    side = patch.shape[0] * 1.5
    along, across = np.array([side, 0.0]), np.array([shear, 1.0]) * side * squeeze
    top_left = np.array([500.0, 250.0])
    quad = np.array([top_left, top_left + along, top_left + along + across, top_left + across])
    frame = paste(background(np.random.default_rng(5)), patch, quad)
    assert zxing_decode(cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)) == []
    result = cascade.decode(frame)
    assert result.texts == (text,)
    assert result.codes[0].decoder == "zxing+rectify"
    # The corners come back in the frame's pixels: the symbol's, 4 modules inside the quad.
    inset = 4 / (patch.shape[0] / 4)
    near, far = inset, 1 - inset
    expected = [top_left + a * along + b * across for a, b in ((near, near), (far, near))]
    expected += [top_left + a * along + b * across for a, b in ((far, far), (near, far))]
    module = side / (patch.shape[0] / 4)
    for corner, want in zip(result.codes[0].corners, expected, strict=True):
        assert np.hypot(*(np.array(corner) - want)) < 1.5 * module


@pytest.mark.parametrize("seed", [11, 13])
def test_modules_near_one_pixel_are_read_by_the_small_code_stage(
    cascade: QrCascade, seed: int
) -> None:
    # 1.1-1.6 px per module: only the small-code crop, enlarged with Lanczos (the cubic
    # enlargement smears neighbouring modules together), reads these two, before the
    # binarisation and the zoom stages pay for a frame zxing-cpp alone misses.
    sample = make_sample("far_tiny", seed)
    result = cascade.decode(sample.frame)
    assert set(result.texts) == set(sample.texts)
    assert result.codes[0].decoder == "zxing+small"


def test_the_small_code_stage_skips_codes_of_ordinary_size() -> None:
    # Its crop is found only where the busy region is small and its detail fine: a code
    # zxing-cpp could read at its size but for some other trouble costs the stage almost
    # nothing. A glare or a shadow breaks a larger code's busy region into small pieces; that
    # their detail is coarse tells them apart.
    def small(category: str, seed: int) -> bool:
        frame = cv2.cvtColor(make_sample(category, seed).frame, cv2.COLOR_BGR2GRAY)
        return Views(frame).small_code is not None

    for category in ("far_soft", "far_tiny", "small_modules", "far_held"):
        assert small(category, 3), category
    for category in ("perspective", "moire", "hotspot", "window_glare", "screen_photo"):
        assert not small(category, 3), category
    for category in ("glare", "shadow", "held_glare"):
        assert not any(small(category, seed) for seed in (0, 1, 2)), category


def test_dark_mode_screens_are_read_by_the_binarised_inverse(cascade: QrCascade) -> None:
    # The binarisation's inverse is a stage of its own, so that a frame the binarisation reads
    # does not pay for it; it must still come before the full-size invert stage.
    for seed in (1, 2):
        result = cascade.decode(make_sample("inverted", seed).frame)
        assert [code.decoder for code in result.codes] == ["zxing+binarise"]


def test_the_half_size_binarisation_is_opencvs_adaptive_threshold() -> None:
    for category in ("dim", "inverted", "glare", "held_glare"):
        views = Views(cv2.cvtColor(make_sample(category, 2).frame, cv2.COLOR_BGR2GRAY))
        expected = cv2.adaptiveThreshold(
            views.half, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, 15, 2
        )
        assert np.array_equal(views.half_binary, expected), category
    black = Views(np.zeros((64, 64), np.uint8))  # a mean under 2: every pixel is above it
    assert (black.half_binary == 255).all()


def test_a_symbol_found_but_not_read_skips_the_search_for_a_small_code() -> None:
    # zxing-cpp located a symbol with modules of ordinary size and failed its error
    # correction (a highlight over it): the code is not too far, and the small stage must not
    # spend its search on the frame.
    sample = make_sample("hotspot", 1)
    views = Views(cv2.cvtColor(sample.frame, cv2.COLOR_BGR2GRAY))
    assert zxing_decode(views.gray, thorough=False, unread=views.unread) == []
    assert views.unread and max(symbol.module for symbol in views.unread) >= 3
    assert views.small_code is None
    assert "edges" not in views.__dict__  # nothing computed for it


@pytest.mark.parametrize("seed", [8_108, 8_139])
def test_a_screen_finer_than_the_camera_is_softened_before_binarising(
    cascade: QrCascade, seed: int
) -> None:
    # Beats a few pixels apart across the light modules: the binarisation keeps them, at half
    # size (8108) and at full size (8139) once softened it does not.
    sample = make_sample("screen_fine", seed)
    result = cascade.decode(sample.frame)
    assert result.texts == sample.texts
    assert result.codes[0].decoder == "zxing+soften"


def test_a_binarised_image_is_read_without_zxing_cpps_own_thresholds() -> None:
    # Grey modules on white: zxing-cpp's local thresholds read them, a fixed threshold at
    # mid-grey sees only white; binarised first, they are read either way.
    code = qr_image("YM1:A:7KQ2M9PX", 6)
    grey = cv2.copyMakeBorder(
        np.where(code < 128, 170, 250).astype(np.uint8), *[40] * 4, cv2.BORDER_CONSTANT, value=250
    )
    assert zxing_decode(grey, thorough=False)
    assert not zxing_decode(grey, thorough=False, binary=True)
    assert zxing_decode(mean_binarised(grey, 31), thorough=False, binary=True)


@pytest.mark.parametrize("category, seed", [("hotspot", 0), ("hotspot", 8), ("screen_fine", 7)])
def test_one_threshold_for_the_frame_reads_what_local_ones_miss(category: str, seed: int) -> None:
    # A lamp's halo lifts the dark modules around it, and zxing-cpp's local averages rise with
    # them; a screen's beats bias them. One threshold for the whole frame does neither.
    sample = make_sample(category, seed)
    gray = cv2.cvtColor(sample.frame, cv2.COLOR_BGR2GRAY)
    assert not zxing_decode(gray, thorough=False)
    read = zxing_decode(gray, thorough=False, global_threshold=True)
    assert {code.text for code in read} == set(sample.texts)
