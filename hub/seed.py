"""Loading queue configuration and the catalog into a hub database (sample data on first start)."""

from __future__ import annotations

import logging
import tomllib
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from sqlalchemy import func, select

from hub.context import HubContext
from hub.db import CounterRow, TicketCategoryRow
from kiosk.api.models import TicketCategory

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
    return len(categories)


def seed_if_empty(ctx: HubContext, directory: Path | None = None) -> bool:
    """Load the sample hall into an empty database; return whether anything was loaded."""
    directory = directory or sample_dir()
    with ctx.sessions() as session:
        if session.execute(select(func.count()).select_from(TicketCategoryRow)).scalar_one():
            return False
    queues = directory / "queues.toml"
    if not queues.exists():  # an installed wheel carries no config/: start empty, say why
        logger.warning("no sample hall at %s: the hub starts without queues or catalog", directory)
        return False
    load_queues(ctx, queues)
    catalog = directory / "items.toml"
    if catalog.exists():
        from hub.catalog import import_catalog_file

        import_catalog_file(ctx, catalog)
    logger.info("hub seeded with the sample hall from %s", directory)
    return True
