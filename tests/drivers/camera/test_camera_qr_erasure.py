"""Reed-Solomon with erasures, the QR module layout, and the erasure stage on glare frames."""

from __future__ import annotations

import random

import numpy as np
import pytest
import qrcode
from qr_degrade import make_sample

from drivers.camera import reedsolomon
from drivers.camera.qr import QrCascade
from drivers.camera.qrerasure import LEVELS, Located, _corrected, _glare_guesses, _mask, data_order


def test_check_bytes_are_the_ones_qr_writers_append() -> None:
    # Version 1-M: one block of 16 data bytes and 10 check bytes.
    code = qrcode.QRCode(version=1, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data("YM1:C:2026-000123:7")
    code.make(fit=False)
    block = list(code.data_cache)
    assert reedsolomon.ec_bytes(block[:16], 10) == block[16:]


@pytest.mark.parametrize("ec", [7, 10, 18, 30])
def test_errors_and_erasures_within_the_check_bytes_are_corrected(ec: int) -> None:
    rng = random.Random(ec)
    for _ in range(200):
        data = [rng.randrange(256) for _ in range(rng.randrange(5, 60))]
        block = data + reedsolomon.ec_bytes(data, ec)
        erasures = rng.randrange(ec + 1)
        errors = rng.randrange((ec - erasures) // 2 + 1)
        where = rng.sample(range(len(block)), erasures + errors)
        damaged = list(block)
        for position in where:
            damaged[position] ^= rng.randrange(1, 256)
        assert reedsolomon.correct(damaged, ec, where[:erasures]) == block


def test_a_block_past_its_check_bytes_or_its_spare_is_refused() -> None:
    rng = random.Random(3)
    data = [rng.randrange(256) for _ in range(16)]
    block = data + reedsolomon.ec_bytes(data, 10)
    damaged = list(block)
    for position in range(6):  # six unknown errors: two more than 10 check bytes correct
        damaged[position] ^= 0x5A
    assert reedsolomon.correct(damaged, 10) is None
    # Ten erasures use every check byte: correctable, but nothing is left to catch a wrong
    # correction, so a spare byte asked for refuses it.
    erased = list(range(10))
    assert reedsolomon.correct(block, 10, erased) == block
    assert reedsolomon.correct(block, 10, erased, spare=1) is None


@pytest.mark.parametrize("version", [1, 2, 6, 7, 10, 25])
def test_modules_are_read_in_the_order_qr_writers_place_them(version: int) -> None:
    for level, mask in (("M", 0), ("L", 3), ("Q", 5), ("H", 7)):
        code = qrcode.QRCode(
            version=version, error_correction=LEVELS[level], border=0, mask_pattern=mask
        )
        code.add_data("kiosk")
        code.make(fit=False)
        modules = np.array(code.get_matrix(), dtype=bool)
        order = data_order(version)
        bits = (
            modules[order[:, 0], order[:, 1]]
            ^ _mask(mask, modules.shape[0])[order[:, 0], order[:, 1]]
        )
        words = np.packbits(bits[: len(bits) // 8 * 8]).tolist()
        assert words == list(code.data_cache), (level, mask)
        assert _corrected(words, [[False] * len(words)], version, level) == words


def test_a_symbol_has_its_module_size() -> None:
    corners = np.float32([[100, 100], [310, 100], [310, 310], [100, 310]])
    assert Located(corners, 1, "M", 0).module == pytest.approx(10.0)


@pytest.mark.parametrize("seed", [21, 34])
def test_a_ceiling_light_over_the_data_is_read_as_erasures(seed: int) -> None:
    # zxing-cpp places these symbols and reads their format, but the highlight costs more
    # check bytes than it has as errors; told which bytes the light hides, they suffice.
    # The erasure stage after the ones that place symbols for it (the first pass, the
    # finder stage): another fallback may read such a frame first.
    sample = make_sample("held_glare", seed)
    assert QrCascade().decode(sample.frame).texts == sample.texts
    cascade = QrCascade()
    placing = ("zxing", "zxing+finder", "zxing+erasure")
    cascade.stages = [stage for stage in cascade.stages if stage[0] in placing]
    result = cascade.decode(sample.frame)
    assert result.texts == sample.texts
    assert result.codes[0].decoder == "zxing+erasure"


def test_the_most_doubtful_codewords_are_erased_where_no_guess_covers_the_damage() -> None:
    # Version 1-M: 26 codewords, 10 of them check bytes, one kept spare.
    code = qrcode.QRCode(version=1, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data("YM1:C:2026-000123:7")
    code.make(fit=False)
    words = list(code.data_cache)
    hit = range(3, 11)  # eight codewords under a highlight
    damaged = [word ^ 0xA5 if i in hit else word for i, word in enumerate(words)]
    guess = [i in (3, 4, 5, 6) for i in range(len(words))]  # the guess misses half of them
    assert _corrected(damaged, [guess], 1, "M") is None  # four erasures and four errors
    doubt = [0.9 if i in hit else 0.1 * (i % 3) for i in range(len(words))]
    assert _corrected(damaged, [guess], 1, "M", doubt=doubt) == words


def test_a_band_of_glare_too_narrow_for_three_modules_is_guessed() -> None:
    size, px = 21, 4
    rng = np.random.default_rng(2)
    values = np.where(rng.random((size, size)) < 0.5, 30.0, 200.0).astype(np.float32)
    values[10] = 255.0  # a strip light's reflection, one module wide
    crop = np.kron(values, np.ones((px, px))).astype(np.uint8)
    corners = np.float32([[0, 0], [size * px, 0], [size * px, size * px], [0, size * px]])
    guesses, doubt = _glare_guesses(crop, values, corners, size, float(px))
    band = np.zeros((size, size), np.uint8)
    band[10] = 1
    assert any(np.array_equal(guess, band) for guess in guesses)
    assert doubt[10].min() >= 250 > doubt[5].max()
