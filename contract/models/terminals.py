"""Terminals: registration, credentials, heartbeats with device health."""

from __future__ import annotations

import enum
from datetime import datetime

from pydantic import Field

from contract.models.common import MAX_INT, Code, ContractModel


class TerminalMode(enum.StrEnum):
    HALL = "hall"
    COMMUNITY = "community"
    COUNTER = "counter"
    RATING_PAD = "rating-pad"  # a window's 评价器 as a terminal of its own, paired with it
    DISPLAY = "display"  # the hall's calling display (叫号大屏) or a window's screen (窗口屏)


class TerminalRegistration(ContractModel):
    terminal_id: Code
    mode: TerminalMode = TerminalMode.HALL
    site_code: Code = "district"
    description: str = Field(default="", max_length=200)


class TerminalCredentials(ContractModel):
    terminal_id: str
    token: str
    issued_at: datetime


class DeviceHealthReport(ContractModel):
    device: str = Field(max_length=64)
    state: str = Field(max_length=32)
    reason: str = Field(default="", max_length=200)


class TerminalCommand(enum.StrEnum):
    """What a district engineer can ask of a terminal through the hub; it obeys when idle on its
    home screen, never in a citizen's or a clerk's way."""

    RELOAD = "reload"  # fetch the item catalog again now
    RESTART = "restart"  # end the program, for its service to start it again (configuration)


class CommandRequest(ContractModel):
    command_id: int = Field(ge=1, le=MAX_INT)  # the terminal reports it back once obeyed
    command: TerminalCommand


class Heartbeat(ContractModel):
    """What a terminal tells the hub every minute or so (nothing about any citizen)."""

    devices: list[DeviceHealthReport] = Field(default_factory=list, max_length=32)
    outbox_depth: int = Field(ge=0, le=MAX_INT)
    software_version: str = Field(default="", max_length=32)
    uptime_seconds: int = Field(default=0, ge=0, le=MAX_INT)  # since the program started
    oldest_waiting_at: datetime | None = None  # the outbox's oldest case still to upload
    last_error: str = Field(default="", max_length=200)  # a technician's words, no personal data
    obeyed_command_id: int | None = Field(default=None, ge=1, le=MAX_INT)  # the last carried out


class HeartbeatAck(ContractModel):
    terminal_id: str
    received_at: datetime
    server_time: datetime
    command: CommandRequest | None = None  # asked by the district engineer, not yet obeyed


class TerminalStatus(ContractModel):
    terminal_id: str
    mode: TerminalMode
    site_code: str
    last_seen_at: datetime | None
    outbox_depth: int | None
    devices: list[DeviceHealthReport]
    software_version: str = ""
    uptime_seconds: int | None = None
    oldest_waiting_at: datetime | None = None
    last_error: str = ""
    command: CommandRequest | None = None  # asked, not yet obeyed
