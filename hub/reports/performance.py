"""The monthly performance rating (绩效考评) per site (street or community point) or per department:
a score out of 100 from indicators the district weighs in a TOML file, the rank, and the change
from the month before. The indicators come from the queue, ratings and cases reports of the same
month, by site or by department.

    # performance.toml (kiosk hub import-weights FILE); the weights add up to 100
    [[indicator]]
    key = "on_time_rate"         # 按时办结率, cases
    weight = 30
    [[indicator]]
    key = "wait_p90"             # 等候 P90, queue: full marks at ``best`` min, none at ``worst``
    weight = 20
    best = 10
    worst = 60

An indicator a site has nothing to measure by (no case finished, no bad rating) is left out and
the site's score is scaled to the weights it was measured by: a community point without cases is
neither rewarded nor punished for them. A department is rated by what is its own: its items'
cases, its ratings and their follow-up, its clerks' services rated; not by the hall's calling
(the wait, answering the first call), which a department does not run: those indicators are left
out of the departments' table and their scores scaled to the rest."""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from contract import models as m
from hub.db import KeyValue

WEIGHTS_KEY = "performance_weights"


@dataclass(frozen=True, slots=True)
class Indicator:
    """Where an indicator's value comes from, and which way is better."""

    report: m.ReportName
    column: str
    title: str
    title_en: str
    higher_is_better: bool
    minutes: bool = False  # a time: scored between ``best`` and ``worst`` minutes
    per_department: bool = True  # False: the hall's calling, not a department's doing


INDICATORS = {
    "on_time_rate": Indicator(
        m.ReportName.CASES, "on_time_rate", "按时办结率", "Finished on time", True
    ),
    "second_supplement_rate": Indicator(
        m.ReportName.CASES, "second_supplement_rate", "二次补正率", "Second 补正", False
    ),
    "bad_rate": Indicator(m.ReportName.RATINGS, "bad_rate", "差评率", "Bad ratings", False),
    "follow_up_on_time": Indicator(
        m.ReportName.RATINGS, "on_time_rate", "差评按时整改率", "Bad answered on time", True
    ),
    "good_rate": Indicator(m.ReportName.RATINGS, "good_rate", "好评率", "Good ratings", True),
    "rating_rate": Indicator(m.ReportName.QUEUE, "rating_rate", "评价率", "Rating rate", True),
    "first_call_rate": Indicator(
        m.ReportName.QUEUE,
        "first_call_rate",
        "一次叫应率",
        "Answered at first call",
        True,
        per_department=False,
    ),
    "wait_p90": Indicator(
        m.ReportName.QUEUE,
        "wait_p90",
        "等候P90（分）",
        "Wait p90 (min)",
        False,
        minutes=True,
        per_department=False,
    ),
}


@dataclass(frozen=True, slots=True)
class Weight:
    key: str
    weight: float
    best: float | None = None  # minutes, for a time
    worst: float | None = None

    def score(self, value: float) -> float:
        """0 to 1: how good ``value`` is."""
        indicator = INDICATORS[self.key]
        if indicator.minutes:
            assert self.best is not None and self.worst is not None
            return min(1.0, max(0.0, (self.worst - value) / (self.worst - self.best)))
        return value if indicator.higher_is_better else 1.0 - value


DEFAULT_WEIGHTS = (
    Weight("on_time_rate", 30),
    Weight("bad_rate", 20),
    Weight("follow_up_on_time", 15),
    Weight("wait_p90", 20, best=10, worst=60),
    Weight("second_supplement_rate", 15),
)


class WeightsFileError(ValueError):
    """A weights file is wrong; the message names the file, the entry and what is allowed."""


def parse_weights(path: Path) -> tuple[Weight, ...]:
    try:
        data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise WeightsFileError(f"{path.name} cannot be read: {exc}") from exc
    unknown = set(data) - {"indicator"}
    if unknown:
        first = sorted(unknown)[0]
        raise WeightsFileError(f"{path.name}: unknown key {first!r}; only [[indicator]] tables.")
    weights = [_weight(path, n, raw) for n, raw in enumerate(data.get("indicator", []), start=1)]
    if not weights:
        raise WeightsFileError(f"{path.name}: no [[indicator]] tables.")
    keys = [w.key for w in weights]
    if len(set(keys)) != len(keys):
        raise WeightsFileError(f"{path.name}: an indicator is listed twice.")
    total = sum(w.weight for w in weights)
    if abs(total - 100) > 1e-9:
        raise WeightsFileError(
            f"{path.name}: the weights add up to {total:g}; they must add up to 100."
        )
    return tuple(weights)


def _weight(path: Path, number: int, raw: Any) -> Weight:
    where = f"{path.name} indicator {number}"
    if not isinstance(raw, dict):
        raise WeightsFileError(f"{where}: not a table.")
    extra = set(raw) - {"key", "weight", "best", "worst"}
    if extra:
        first = sorted(extra)[0]
        raise WeightsFileError(f"{where}: unknown key {first!r} (key, weight, best, worst).")
    key = raw.get("key")
    if key not in INDICATORS:
        raise WeightsFileError(f"{where}, key: {key!r} is not one of {', '.join(INDICATORS)}.")
    weight = raw.get("weight")
    if not isinstance(weight, int | float) or isinstance(weight, bool) or weight <= 0:
        raise WeightsFileError(f"{where}, weight: a number above 0.")
    if not INDICATORS[key].minutes:
        if "best" in raw or "worst" in raw:
            raise WeightsFileError(f"{where}: best and worst are for times (wait_p90) only.")
        return Weight(key, float(weight))
    best, worst = raw.get("best"), raw.get("worst")
    if not all(_minutes(v) for v in (best, worst)):
        raise WeightsFileError(f"{where}: a time needs best and worst, in minutes.")
    assert isinstance(best, int | float) and isinstance(worst, int | float)
    if best >= worst:
        raise WeightsFileError(f"{where}: best ({best:g} min) must be under worst ({worst:g} min).")
    return Weight(key, float(weight), float(best), float(worst))


def _minutes(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value >= 0


def store_weights(session: Any, weights: tuple[Weight, ...]) -> None:
    row = session.get(KeyValue, WEIGHTS_KEY) or KeyValue(key=WEIGHTS_KEY)
    row.value = json.dumps([_as_dict(w) for w in weights])
    session.add(row)


def _as_dict(weight: Weight) -> dict[str, Any]:
    return {"key": weight.key, "weight": weight.weight, "best": weight.best, "worst": weight.worst}


def stored_weights(session: Any) -> tuple[Weight, ...]:
    row = session.get(KeyValue, WEIGHTS_KEY)
    if row is None:
        return DEFAULT_WEIGHTS
    return tuple(Weight(**entry) for entry in json.loads(row.value))


def whole_month(first: date, last: date) -> date:
    """The first day of the month before (for the change), or a problem: a rating is monthly."""
    one_month = (first.year, first.month) == (last.year, last.month)
    if first.day != 1 or (last + timedelta(days=1)).day != 1 or not one_month:
        raise ValueError("the performance rating covers one month, from its 1st to its last day")
    return (first - timedelta(days=1)).replace(day=1)


def scores(
    weights: tuple[Weight, ...], values: dict[str, dict[str, Any]]
) -> dict[str, float | None]:
    """Per site (or department): the score out of 100 over the indicators it was measured by
    (None: none)."""
    result: dict[str, float | None] = {}
    for site, measured in values.items():
        earned = possible = 0.0
        for weight in weights:
            value = measured.get(weight.key)
            if value is None:
                continue
            earned += weight.weight * weight.score(float(value))
            possible += weight.weight
        result[site] = round(100 * earned / possible, 1) if possible else None
    return result


def ranks(by_site: dict[str, float | None]) -> dict[str, int | None]:
    """1 for the best score; equal scores share a rank (1, 1, 3); no score, no rank."""
    ordered = sorted((s for s in by_site.values() if s is not None), reverse=True)
    return {site: None if s is None else 1 + ordered.index(s) for site, s in by_site.items()}
