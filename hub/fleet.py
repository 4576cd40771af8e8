"""The terminals as the district engineer sees them: which are silent, which devices want a hand,
which outboxes are backing up, which run another version than the rest of their hall.

Each heartbeat updates the terminal's row (its last word) and is kept in terminal_heartbeats for
``HubSettings.heartbeat_days`` (its history). A heartbeat carries nothing about any citizen.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select

from contract import models as m
from hub import audit
from hub.context import HubContext
from hub.db import HeartbeatRow, Terminal

SILENT_AFTER = timedelta(minutes=3)  # three heartbeats missed (terminals send one a minute)
BACKLOG_CASES = 10
BACKLOG_AGE = timedelta(hours=1)
DEVICE_NAMES = {
    "idcard": "身份证阅读器",
    "printer": "凭条打印机",
    "a4": "A4 打印机",
    "camera": "扫码摄像头",
    "voice": "语音",
}
REASONS = {
    "paper_out": "缺纸",
    "paper_near_end": "纸将用完",
    "cover_open": "盖板打开",
    "offline": "离线",
    "unplugged": "未连接",
    "no_reader": "找不到读卡器",
    "queue_paused": "打印队列已暂停",
}


def record(ctx: HubContext, terminal_id: str, beat: m.Heartbeat) -> m.HeartbeatAck:
    """Keep a terminal's heartbeat: its last word on its row, and in the history; the answer
    carries what it was asked to do, until it says it did."""
    now = ctx.now()
    devices = [d.model_dump() for d in beat.devices]
    with ctx.transaction() as session:
        row = session.get(Terminal, terminal_id)
        assert row is not None  # authenticated a moment ago; terminals are never deleted
        row.last_seen_at, row.outbox_depth, row.devices = now, beat.outbox_depth, devices
        row.software_version, row.uptime_seconds = beat.software_version, beat.uptime_seconds
        row.oldest_waiting_at, row.last_error = beat.oldest_waiting_at, beat.last_error
        if row.command is not None and beat.obeyed_command_id == row.command_id:
            row.command = None  # its id stays: the next one asked is numbered after it
        command = _command(row)
        session.add(
            HeartbeatRow(
                terminal_id=terminal_id,
                at=now,
                outbox_depth=beat.outbox_depth,
                devices=devices,
                software_version=beat.software_version,
                uptime_seconds=beat.uptime_seconds,
                last_error=beat.last_error,
            )
        )
    return m.HeartbeatAck(
        terminal_id=terminal_id, received_at=now, server_time=now, command=command
    )


def ask(ctx: HubContext, terminal_id: str, command: m.TerminalCommand) -> m.CommandRequest | None:
    """Ask a terminal to reload or restart when it is next idle on its home screen (a later
    request replaces one not yet obeyed); None for an unknown terminal."""
    with ctx.transaction() as session:
        row = session.get(Terminal, terminal_id)
        if row is None:
            return None
        # Ids grow, and with time: one asked after a terminal's data was wiped (and with it
        # the id it obeyed last) is not taken for one it already obeyed.
        row.command = command.value
        row.command_id = max((row.command_id or 0) + 1, int(ctx.now().timestamp()))
        audit.admin(
            session,
            "ask-terminal",
            terminal_id,
            ctx.now(),
            command=command.value,
            command_id=row.command_id,
        )
        return _command(row)


def _command(row: Terminal) -> m.CommandRequest | None:
    if row.command is None or row.command_id is None:
        return None
    return m.CommandRequest(command_id=row.command_id, command=m.TerminalCommand(row.command))


def prune(ctx: HubContext) -> int:
    """Forget heartbeats older than the history is kept; how many were."""
    before = ctx.now() - timedelta(days=ctx.settings.heartbeat_days)
    with ctx.transaction() as session:
        gone = session.execute(delete(HeartbeatRow).where(HeartbeatRow.at < before))
    return int(getattr(gone, "rowcount", 0) or 0)


@dataclass(frozen=True, slots=True)
class Finding:
    kind: str  # silent, never, device, backlog, version, error
    text: str  # one sentence for the engineer, in Chinese


@dataclass(frozen=True, slots=True)
class TerminalView:
    status: m.TerminalStatus
    findings: tuple[Finding, ...]

    @property
    def healthy(self) -> bool:
        return not self.findings


def status(row: Terminal) -> m.TerminalStatus:
    return m.TerminalStatus(
        terminal_id=row.terminal_id,
        mode=m.TerminalMode(row.mode),
        site_code=row.site_code,
        last_seen_at=row.last_seen_at,
        outbox_depth=row.outbox_depth,
        devices=[m.DeviceHealthReport.model_validate(d) for d in row.devices],
        software_version=row.software_version,
        uptime_seconds=row.uptime_seconds,
        oldest_waiting_at=row.oldest_waiting_at,
        last_error=row.last_error,
        command=_command(row),
    )


def fleet(ctx: HubContext, sites: frozenset[str] | None = None) -> list[TerminalView]:
    """Every terminal (of ``sites``; None: all) with what is wrong with it, the troubled first."""
    with ctx.reading() as session:
        query = select(Terminal).order_by(Terminal.site_code, Terminal.terminal_id)
        if sites is not None:
            query = query.where(Terminal.site_code.in_(sorted(sites)))
        statuses = [status(row) for row in session.execute(query).scalars()]
    now = ctx.now()
    expected = expected_versions(statuses, ctx.settings.expected_version)
    views = [TerminalView(s, tuple(findings(s, now, expected.get(s.site_code)))) for s in statuses]
    return sorted(views, key=lambda v: v.healthy)  # stable: by site and id within each


def expected_versions(statuses: list[m.TerminalStatus], setting: str | None) -> dict[str, str]:
    """The version each site's terminals should run: the hub's setting, else what most of the
    site's terminals run (the newest of equals)."""
    by_site: dict[str, Counter[str]] = {}
    for s in statuses:
        if s.software_version:
            by_site.setdefault(s.site_code, Counter())[s.software_version] += 1
    if setting:
        return dict.fromkeys(by_site, setting)
    return {
        site: max(counts.items(), key=lambda item: (item[1], _version_key(item[0])))[0]
        for site, counts in by_site.items()
    }


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) if part.isdigit() else -1 for part in version.split("."))


def findings(s: m.TerminalStatus, now: datetime, expected: str | None) -> list[Finding]:
    if s.last_seen_at is None:
        return [Finding("never", "登记后从未连接：请检查终端是否开机、配置的 hub 地址和令牌。")]
    found = []
    silent = now - s.last_seen_at
    if silent > SILENT_AFTER:
        found.append(
            Finding("silent", f"已 {_duration(silent)}没有消息：请检查终端是否开机、网络是否通。")
        )
    for device in s.devices:
        if device.state in ("down", "degraded"):
            name = DEVICE_NAMES.get(device.device, device.device)
            reason = REASONS.get(device.reason, device.reason or "故障")
            found.append(Finding("device", f"{name}：{reason}。"))
    waiting = s.outbox_depth or 0
    oldest = now - s.oldest_waiting_at if s.oldest_waiting_at else timedelta()
    if waiting >= BACKLOG_CASES or (waiting and oldest > BACKLOG_AGE):
        since = f"，最早的已等 {_duration(oldest)}" if s.oldest_waiting_at else ""
        found.append(Finding("backlog", f"{waiting} 件办件待上传{since}：请检查与 hub 的连接。"))
    if expected and s.software_version and s.software_version != expected:
        found.append(
            Finding("version", f"版本 {s.software_version}，本站应为 {expected}：请升级。")
        )
    if s.last_error:
        found.append(Finding("error", f"最近的错误：{s.last_error}"))
    return found


def _duration(span: timedelta) -> str:
    minutes = int(span.total_seconds() // 60)
    if minutes < 60:
        return f"{minutes} 分钟"
    if minutes < 48 * 60:
        return f"{minutes // 60} 小时"
    return f"{minutes // 1440} 天"
