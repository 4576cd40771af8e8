"""Loading queue configuration and the catalog into a hub database (sample data on first start)."""

from __future__ import annotations

import logging
import tomllib
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from sqlalchemy import func, select

from contract.models import CallingPolicy, TicketCategory
from hub import audit
from hub.clerks import load_staff
from hub.context import HubContext
from hub.counters import save_policy
from hub.db import CounterRow, KeyValue, TicketCategoryRow

logger = logging.getLogger(__name__)


def sample_dir() -> Path:
    """``config/catalog`` of the source tree: the sample hall (示例数据)."""
    return Path(__file__).resolve().parent.parent / "config" / "catalog"


class QueuesFileError(ValueError):
    """A queues file is wrong; the message names the file and the entry."""


def load_queues(ctx: HubContext, path: Path) -> int:
    """Upsert ticket categories and counters from a TOML file; return how many categories."""
    try:
        data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise QueuesFileError(f"{path.name} cannot be read: {exc}") from exc
    categories = []
    for number, raw in enumerate(data.get("categories", []), start=1):
        try:
            categories.append(TicketCategory.model_validate(raw))
        except ValidationError as exc:
            first = exc.errors()[0]
            field = ".".join(str(p) for p in first["loc"])
            raise QueuesFileError(
                f"{path.name} category {number}, {field}: {first['msg']}."
            ) from exc
    try:
        calling = CallingPolicy.model_validate(data.get("calling", {}))
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"])
        raise QueuesFileError(f"{path.name} [calling] {field}: {first['msg']}.") from exc
    known = {c.code for c in categories}
    for counter in data.get("counters", []):
        if not isinstance(counter, dict) or not {"code", "name", "categories"} <= set(counter):
            raise QueuesFileError(f"{path.name}: every counter needs code, name and categories.")
        unknown = set(counter["categories"]) - known
        if unknown:
            raise QueuesFileError(
                f"{path.name}: counter {counter['code']} serves unknown categories"
                f" {sorted(unknown)}."
            )
    with ctx.transaction() as session:
        for order, category in enumerate(categories):
            row = session.get(TicketCategoryRow, category.code) or TicketCategoryRow(
                code=category.code
            )
            for name, value in category.model_dump().items():
                setattr(row, name, value)
            row.sort_order = order
            session.add(row)
        for counter in data.get("counters", []):
            counter_row = session.get(CounterRow, counter["code"]) or CounterRow(
                code=counter["code"]
            )
            counter_row.name = counter["name"]
            counter_row.category_codes = list(counter["categories"])
            session.add(counter_row)
        save_policy(session, calling)
        audit.admin(
            session,
            "import-queues",
            "queues",
            ctx.now(),
            categories=len(categories),
            counters=len(data.get("counters", [])),
            file_sha256=audit.digest(path.read_bytes()),
        )
    return len(categories)


SAMPLE_VERSION_KEY = "sample_catalog_version"


def seed_if_empty(ctx: HubContext, directory: Path | None = None) -> bool:
    """Load the sample hall into an empty database; return whether anything was loaded.

    A database seeded earlier follows a newer sample catalog as long as nobody has changed its
    catalog since (its version is still the one the sample import produced): a demo kept across
    an upgrade sees the upgraded sample items, an engineer's own catalog is never touched.
    """
    directory = directory or sample_dir()
    with ctx.sessions() as session:
        seeded = session.execute(select(func.count()).select_from(TicketCategoryRow)).scalar_one()
    queues = directory / "queues.toml"
    if not queues.exists():  # an installed wheel carries no config/: start empty, say why
        if not seeded:
            logger.warning(
                "no sample hall at %s: the hub starts without queues or catalog", directory
            )
        return False
    if seeded:
        _follow_sample_catalog(ctx, directory / "items.toml")
        return False
    load_queues(ctx, queues)
    if (staff := directory / "staff.toml").exists():
        load_staff(ctx, staff)
    _import_sample_catalog(ctx, directory / "items.toml")
    logger.info("hub seeded with the sample hall from %s", directory)
    return True


def _import_sample_catalog(ctx: HubContext, path: Path) -> None:
    if not path.exists():
        return
    from hub.catalog import import_catalog_file

    report = import_catalog_file(ctx, path, replace=True)
    with ctx.transaction() as session:
        mark = session.get(KeyValue, SAMPLE_VERSION_KEY) or KeyValue(key=SAMPLE_VERSION_KEY)
        mark.value = report.version
        session.add(mark)


def _follow_sample_catalog(ctx: HubContext, path: Path) -> None:
    from hub.catalog import catalog_version, current_version, parse_catalog_file

    with ctx.sessions() as session:
        mark = session.get(KeyValue, SAMPLE_VERSION_KEY)
        sample_version = mark.value if mark else None
    if sample_version is None or current_version(ctx) != sample_version or not path.exists():
        return  # never seeded from the sample here, or the catalog has been changed since
    if catalog_version(parse_catalog_file(path)) != sample_version:
        _import_sample_catalog(ctx, path)
        logger.info("sample catalog updated from %s", path)
