"""Loading queue configuration and the catalog into a hub database (sample data on first start)."""

from __future__ import annotations

import logging
import tomllib
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from hub.context import HubContext
from hub.db import CounterRow, TicketCategoryRow
from kiosk.api.models import TicketCategory

logger = logging.getLogger(__name__)


def sample_dir() -> Path:
    """``config/catalog`` of the source tree: the sample hall (示例数据)."""
    return Path(__file__).resolve().parent.parent / "config" / "catalog"


def load_queues(ctx: HubContext, path: Path) -> int:
    """Upsert ticket categories and counters from a TOML file; return how many categories."""
    data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    categories = [TicketCategory.model_validate(c) for c in data.get("categories", [])]
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
    load_queues(ctx, directory / "queues.toml")
    catalog = directory / "items.toml"
    if catalog.exists():
        from hub.catalog import import_catalog_file

        import_catalog_file(ctx, catalog)
    logger.info("hub seeded with the sample hall from %s", directory)
    return True
