"""The one table shape every report answers with (contract.models.ReportTable)."""

from __future__ import annotations

from contract import models as m


def column(key: str, title: str, title_en: str, kind: m.ColumnKind) -> m.ReportColumn:
    return m.ReportColumn(key=key, title=title, title_en=title_en, kind=kind)


KEY_TITLES: dict[m.Dimension, tuple[str, str]] = {
    m.Dimension.ALL: ("合计", "Total"),
    m.Dimension.SITE: ("大厅或站点", "Hall or site"),
    m.Dimension.TERMINAL: ("终端", "Terminal"),
    m.Dimension.QUEUE: ("队列", "Queue"),
    m.Dimension.WINDOW: ("窗口", "Window"),
    m.Dimension.CLERK: ("工作人员", "Clerk"),
    m.Dimension.ITEM: ("事项", "Item"),
    m.Dimension.DEPARTMENT: ("部门", "Department"),
    m.Dimension.DAY: ("日期", "Day"),
    m.Dimension.HOUR: ("时段（时）", "Hour"),
    m.Dimension.WEEKDAY: ("星期", "Weekday"),
    m.Dimension.APPLICANT_TYPE: ("申请人类型", "Applicant type"),
}


def key_column(by: m.Dimension) -> m.ReportColumn:
    title, title_en = KEY_TITLES[by]
    return column(by.value, title, title_en, m.ColumnKind.KEY)
