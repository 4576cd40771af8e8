"""Reed-Solomon decoding over GF(256) as QR codes use it, with erasures.

A QR block is ``data + ec`` bytes, the first the highest power, with the generator's roots
2**0 .. 2**(ec - 1) in GF(256) modulo x^8 + x^4 + x^3 + x^2 + 1. A decoder that is told which
bytes are unreadable (erasures) corrects ``f`` of those and ``e`` unknown errors as long as
2e + f <= ec: twice as many as when it must find them itself, which is what a glare over part of
a symbol needs. Syndromes, the Forney syndromes that set the erasures aside, Berlekamp-Massey for
the errors, a Chien search and Forney's formula, after "Reed-Solomon codes for coders"
(Wikiversity). Pure Python: a block is at most 153 bytes, and only a symbol zxing-cpp located
but could not correct comes here.
"""

from __future__ import annotations

from collections.abc import Sequence

_EXP = [0] * 512
_LOG = [0] * 256
_value = 1
for _power in range(255):
    _EXP[_power] = _value
    _LOG[_value] = _power
    _value <<= 1
    if _value & 0x100:
        _value ^= 0x11D
for _power in range(255, 512):
    _EXP[_power] = _EXP[_power - 255]


def _mul(a: int, b: int) -> int:
    return 0 if a == 0 or b == 0 else _EXP[_LOG[a] + _LOG[b]]


def _inverse(a: int) -> int:
    return _EXP[255 - _LOG[a]]


def _pow2(power: int) -> int:
    return _EXP[power % 255]


def _eval(poly: Sequence[int], x: int) -> int:
    """``poly`` (highest power first) at ``x``."""
    y = poly[0]
    for coefficient in poly[1:]:
        y = _mul(y, x) ^ coefficient
    return y


def _poly_mul(p: Sequence[int], q: Sequence[int]) -> list[int]:
    out = [0] * (len(p) + len(q) - 1)
    for j, b in enumerate(q):
        for i, a in enumerate(p):
            out[i + j] ^= _mul(a, b)
    return out


def _poly_add(p: Sequence[int], q: Sequence[int]) -> list[int]:
    out = [0] * max(len(p), len(q))
    out[len(out) - len(p) :] = p
    for i, b in enumerate(q):
        out[len(out) - len(q) + i] ^= b
    return out


def _scale(p: Sequence[int], x: int) -> list[int]:
    return [_mul(a, x) for a in p]


def ec_bytes(data: Sequence[int], ec: int) -> list[int]:
    """The ``ec`` error correction bytes QR appends to ``data``."""
    generator = [1]
    for i in range(ec):
        generator = _poly_mul(generator, [1, _pow2(i)])
    remainder = list(data) + [0] * ec
    for i in range(len(data)):
        factor = remainder[i]
        if factor:
            for j in range(1, len(generator)):
                remainder[i + j] ^= _mul(generator[j], factor)
    return remainder[len(data) :]


def correct(
    block: Sequence[int], ec: int, erasures: Sequence[int] = (), *, spare: int = 0
) -> list[int] | None:
    """``block`` corrected, or None if it cannot be with ``spare`` check bytes left unused
    (2e + f + spare <= ec): with none to spare, a block whose erasures use up every check byte
    is "corrected" to whatever fills them, right or not."""
    message = list(block)
    for position in erasures:
        message[position] = 0
    n = len(message)
    if len(erasures) + spare > ec:
        return None
    syndromes = [_eval(message, _pow2(i)) for i in range(ec)]
    if not any(syndromes):
        return message
    # Forney syndromes: the syndromes with the erasures' contribution taken out.
    forney = list(syndromes)
    for position in erasures:
        x = _pow2(n - 1 - position)
        for j in range(len(forney) - 1):
            forney[j] = _mul(forney[j], x) ^ forney[j + 1]
    locator, old = [1], [1]
    for i in range(ec - len(erasures)):
        delta = forney[i]
        for j in range(1, len(locator)):
            delta ^= _mul(locator[-(j + 1)], forney[i - j])
        old = [*old, 0]
        if delta:
            if len(old) > len(locator):
                locator, old = _scale(old, delta), _scale(locator, _inverse(delta))
            locator = _poly_add(locator, _scale(old, delta))
    while locator and locator[0] == 0:
        locator.pop(0)
    errors = len(locator) - 1
    if 2 * errors + len(erasures) + spare > ec:
        return None
    reversed_locator = locator[::-1]
    found = [n - 1 - i for i in range(n) if _eval(reversed_locator, _pow2(i)) == 0]
    if len(found) != errors:
        return None
    positions = list(erasures) + found
    fixed = _corrected(message, syndromes, positions)
    if fixed is None or any(_eval(fixed, _pow2(i)) for i in range(ec)):
        return None
    return fixed


def _corrected(message: list[int], syndromes: list[int], positions: list[int]) -> list[int] | None:
    """Forney's formula: the values to add at ``positions`` (all errata known)."""
    n = len(message)
    powers = [n - 1 - p for p in positions]
    locator = [1]
    for power in powers:
        locator = _poly_mul(locator, [_pow2(power), 1])
    # The evaluator: the syndrome polynomial S_0 x + S_1 x^2 + ... times the locator, modulo
    # x^(number of errata + 1).
    product = _poly_mul([*syndromes[::-1], 0], locator)
    evaluator = product[len(product) - len(locator) :]
    xs = [_pow2(power) for power in powers]
    out = list(message)
    for i, x in enumerate(xs):
        x_inverse = _inverse(x)
        derivative = 1
        for j, other in enumerate(xs):
            if j != i:
                derivative = _mul(derivative, 1 ^ _mul(x_inverse, other))
        if derivative == 0:
            return None
        y = _mul(x, _eval(evaluator, x_inverse))
        out[positions[i]] ^= _mul(y, _inverse(derivative))
    return out
