"""What a report's keys are called: a window's, queue's, item's or clerk's name beside its code,
a weekday's and an hour's words. One read per table, whatever its number of rows."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select

from contract import models as m
from hub.context import HubContext
from hub.db import CatalogItemRow, CounterRow, StaffRow, TicketCategoryRow

D = m.Dimension
WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
# What an empty key means: a ticket never called has no window and no clerk, and so on.
EMPTY = {
    D.WINDOW: "（未到窗口）",
    D.QUEUE: "（无队列）",
    D.ITEM: "（未选事项）",
    D.CLERK: "（未经办理）",
    D.SITE: "（未登记站点）",
}
_NAMED: dict[m.Dimension, Any] = {
    D.WINDOW: (CounterRow.code, CounterRow.name),
    D.QUEUE: (TicketCategoryRow.code, TicketCategoryRow.name),
    D.ITEM: (CatalogItemRow.code, CatalogItemRow.name),
    D.CLERK: (StaffRow.staff_no, StaffRow.name),
}


def key_labels(ctx: HubContext, by: m.Dimension, keys: Iterable[m.Cell]) -> dict[str, str]:
    """Each key as the console shows it; a key the hub has no name for is shown as it is."""
    texts = [str(k) for k in keys if k is not None]
    if by in _NAMED:
        code, name = _NAMED[by]
        with ctx.reading() as session:
            found = session.execute(select(code, name).where(code.in_(texts)))
            names = {str(key): str(value) for key, value in found}
        return {k: f"{names[k]}（{k}）" if k in names else k or EMPTY[by] for k in texts}
    if by is D.WEEKDAY:
        return {k: WEEKDAYS[int(k) - 1] if k.isdigit() and 1 <= int(k) <= 7 else k for k in texts}
    if by is D.HOUR:
        return {k: f"{int(k)}–{int(k) + 1}时" if k.isdigit() else k for k in texts}
    if by is D.ALL:
        return {k: "合计" for k in texts}
    return {k: k or EMPTY.get(by, "（空）") for k in texts}
