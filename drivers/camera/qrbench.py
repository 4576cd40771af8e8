"""Measuring QR decoders side by side: decode rate and time per frame, on the same frames.

Used by ``bench/qr.py`` (two generated sets, per kind of trouble) and ``kiosk qr bench DIR``
(your own photos).
A frame counts as decoded when every expected text was found; without expected texts (a
directory of photos with no ``NAME.txt`` beside them) when any code was found.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import numpy as np

from drivers.camera.qr import DecodeResult

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp", ".webp", ".tif", ".tiff")


class Decoder(Protocol):
    name: str

    def decode(self, image: np.ndarray) -> DecodeResult: ...


@dataclass(frozen=True, slots=True)
class BenchSample:
    name: str
    image: np.ndarray
    expected: tuple[str, ...] | None = None


@dataclass(slots=True)
class DecoderStats:
    name: str
    frames: int = 0
    decoded: int = 0
    times_ms: list[float] = field(default_factory=list)
    by_stage: Counter[str] = field(default_factory=Counter)

    @property
    def rate(self) -> float:
        return self.decoded / self.frames if self.frames else 0.0

    @property
    def median_ms(self) -> float:
        return statistics.median(self.times_ms) if self.times_ms else 0.0

    @property
    def p95_ms(self) -> float:
        return float(np.percentile(self.times_ms, 95)) if self.times_ms else 0.0

    @property
    def mean_ms(self) -> float:
        return statistics.fmean(self.times_ms) if self.times_ms else 0.0


def run_bench(samples: Iterable[BenchSample], decoders: Sequence[Decoder]) -> list[DecoderStats]:
    """Every decoder on every sample, interleaved so that all see the same machine load.

    Each decoder gets its own fresh copy of the image: otherwise the first to run reads it
    from memory and the later ones from the CPU cache, a few tenths of a millisecond that
    favour whichever runs last."""
    stats = [DecoderStats(decoder.name) for decoder in decoders]
    for sample in samples:
        for decoder, stat in zip(decoders, stats, strict=True):
            result = decoder.decode(sample.image.copy())
            stat.frames += 1
            stat.times_ms.append(result.ms)
            found = set(result.texts)
            ok = set(sample.expected) <= found if sample.expected is not None else bool(found)
            if ok:
                stat.decoded += 1
                stat.by_stage.update({result.codes[0].decoder} if result.codes else set())
    return stats


def run_grouped(
    samples: Iterable[tuple[str, BenchSample]], decoders: Sequence[Decoder]
) -> dict[str, list[DecoderStats]]:
    """:func:`run_bench` with the figures kept apart per group (a kind of trouble, say),
    in the order the groups first appear."""
    groups: dict[str, list[DecoderStats]] = {}
    for group, sample in samples:
        stats = groups.setdefault(group, [DecoderStats(decoder.name) for decoder in decoders])
        for stat, one in zip(stats, run_bench([sample], decoders), strict=True):
            stat.frames += one.frames
            stat.decoded += one.decoded
            stat.times_ms += one.times_ms
            stat.by_stage += one.by_stage
    return groups


def combined(groups: dict[str, list[DecoderStats]]) -> list[DecoderStats]:
    """Every group's figures together, one row per decoder."""
    rows: list[DecoderStats] = []
    for stats in groups.values():
        if not rows:
            rows = [DecoderStats(stat.name) for stat in stats]
        for row, stat in zip(rows, stats, strict=True):
            row.frames += stat.frames
            row.decoded += stat.decoded
            row.times_ms += stat.times_ms
            row.by_stage += stat.by_stage
    return rows


def format_table(stats: Sequence[DecoderStats]) -> str:
    width = max(len(s.name) for s in stats)
    lines = [f"{'decoder':<{width}}  decoded        rate  median ms  p95 ms  mean ms"]
    for s in stats:
        lines.append(
            f"{s.name:<{width}}  {s.decoded:>4}/{s.frames:<4}  {s.rate:>6.1%}  {s.median_ms:>9.2f}"
            f"  {s.p95_ms:>6.2f}  {s.mean_ms:>7.2f}"
        )
    return "\n".join(lines)


def load_dir(directory: Path) -> Iterator[BenchSample]:
    """Images in ``directory`` (sorted), each with expected texts from ``NAME.txt`` if present."""
    from drivers.camera.image_io import load_gray

    for path in sorted(directory.iterdir()):
        if path.suffix.lower() not in IMAGE_SUFFIXES:
            continue
        sidecar = path.with_suffix(".txt")
        expected = None
        if sidecar.is_file():
            expected = tuple(line for line in sidecar.read_text("utf-8").splitlines() if line)
        yield BenchSample(path.name, load_gray(path), expected)
