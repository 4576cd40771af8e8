"""The terminal of the doctor's tests: a config file over real parts, and a hub whose clock is
off (its Date header)."""

from __future__ import annotations

import time
from email.utils import formatdate
from pathlib import Path
from typing import Any

from tests.drivers.camera.camera_media import blank_frame, write_video

TERMINAL = "HALL-K01"


class Terminal:
    """The parts and a config file pointing at them; ``write(**changes)`` writes it again with
    some keys changed (``{"api": {"base_url": ...}}``)."""

    def __init__(self, folder: Path, hub_url: str, token: str, printer: str, reader: str) -> None:
        self.folder = folder
        self.config = folder / "kiosk.toml"
        self.token_file = folder / "token"
        self.token_file.write_text(token + "\n", encoding="utf-8")
        video = write_video(folder / "camera.avi", [blank_frame(v) for v in (80, 90, 100)])
        photo = folder / "desk.png"
        import cv2

        cv2.imwrite(str(photo), blank_frame(200))
        self.sections: dict[str, dict[str, Any]] = {
            "terminal": {
                "id": TERMINAL,
                "hall_name": "示例区政务服务中心",
                "mode": "hall",
                "voice": "none",
                "data_dir": str(folder / "data"),
            },
            "api": {"base_url": hub_url, "token_file": str(self.token_file)},
            "devices": {"id_reader": reader, "camera": str(video), "printer": printer},
            "cases": {"document_camera": str(photo)},
        }
        self.write()

    def write(self, **changes: dict[str, Any]) -> Path:
        lines = []
        for section, values in self.sections.items():
            merged = {**values, **changes.get(section, {})}
            lines.append(f"[{section}]")
            lines += [f"{key} = {_toml(value)}" for key, value in merged.items()]
        for section in set(changes) - set(self.sections):
            lines.append(f"[{section}]")
            lines += [f"{key} = {_toml(value)}" for key, value in changes[section].items()]
        self.config.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return self.config


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


class SkewedDate:
    """ASGI middleware: every answer's Date header ``skew`` seconds off (the hub's clock)."""

    def __init__(self, app: Any, skew: float) -> None:
        self.app = app
        self.skew = skew

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        async def skewed(message: Any) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"date"]
                date = formatdate(time.time() + self.skew, usegmt=True)
                message = {**message, "headers": [*headers, (b"date", date.encode())]}
            await send(message)

        await self.app(scope, receive, skewed if scope["type"] == "http" else send)
