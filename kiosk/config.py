"""Terminal configuration: TOML files validated into typed settings.

A terminal has one file (``/etc/yimen/kiosk.toml`` in production, ``config/*.toml`` as examples).
Single values can be overridden with environment variables ``KIOSK_<SECTION>__<KEY>``, e.g.
``KIOSK_TERMINAL__IDLE_TIMEOUT=30``. Every mistake — unknown key, wrong type, value out of range,
unknown override — raises :class:`ConfigError` with one line naming the file, the key and what is
allowed, so the engineer at the kiosk can fix it without reading code.
"""

from __future__ import annotations

import enum
import os
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    ValidationError,
    field_validator,
    model_validator,
)

from kiosk.errors import ConfigError

ENV_PREFIX = "KIOSK_"


class Mode(enum.Enum):
    HALL = "hall"
    COMMUNITY = "community"
    COUNTER = "counter"
    RATING_PAD = "rating-pad"  # a window's 评价器 as a terminal of its own
    DISPLAY = "display"  # the hall's calling display (叫号大屏)


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


class TerminalSettings(_Section):
    # At most 24 characters: the provisional case numbers this terminal prints start with it and
    # must fit a receipt QR's 40-character reference.
    id: Annotated[str, Field(min_length=1, max_length=24, pattern=r"^[A-Za-z0-9_.-]+$")]
    hall_name: Annotated[str, Field(min_length=1, max_length=40)]
    hall_name_en: Annotated[str, Field(max_length=80)] = ""  # shown in English; empty: hall_name
    mode: Mode = Mode.HALL
    locale: Literal["zh_CN", "en"] = "zh_CN"
    orientation: Literal["portrait", "landscape"] = "portrait"
    idle_timeout: Annotated[int, Field(ge=10, le=3600)] = 60
    # A citizen whose card or identity code shows this age or more is offered elder mode (large
    # type, longer timeouts); 0: never offered.
    elder_offer_age: Annotated[int, Field(ge=0, le=120)] = 65
    # Spoken prompts (Qt TextToSpeech): auto picks speech-dispatcher when it has a voice.
    voice: Literal["auto", "speechd", "none", "mock"] = "auto"
    data_dir: str = ""  # empty: /var/lib/yimen when installed, else a per-user directory


class ApiSettings(_Section):
    # "embedded" starts the reference hub in-process on 127.0.0.1 (one terminal out of the box).
    base_url: str = "embedded"
    token_file: str = ""
    ca_bundle: str = ""
    client_cert: str = ""
    connect_timeout: Annotated[float, Field(gt=0, le=60)] = 3.0
    read_timeout: Annotated[float, Field(gt=0, le=300)] = 10.0
    # How often the terminal tells the hub how it is (kiosk.heartbeat): the fleet view marks
    # one silent after three minutes without a word.
    heartbeat_seconds: Annotated[float, Field(ge=5, le=120)] = 60.0
    # The hub's address as citizens' phones reach it (the hub's --public-url): a case receipt's
    # QR becomes a link to the case's progress page. Empty: a code only the kiosk reads.
    public_url: Annotated[str, Field(max_length=200)] = ""

    @field_validator("base_url")
    @classmethod
    def _url(cls, value: str) -> str:
        if value != "embedded" and not value.startswith(("http://", "https://")):
            raise ValueError("must be 'embedded' or an http(s):// URL")
        return value.rstrip("/")

    @field_validator("public_url")
    @classmethod
    def _public_url(cls, value: str) -> str:
        if value and not re.fullmatch(r"https?://[^\s/?#]+(/[^\s?#]*)?", value):
            raise ValueError("must be empty or an http(s):// address without ? or #")
        return value.rstrip("/")


_DEVICE_SCHEMES = {
    "id_reader": ("sim", "none", "serial:", "pcsc"),
    # a device index, /dev/videoN, a video or image file (absolute path), a stream URL, sim:TEXT
    "camera": ("sim", "none", "/", "rtsp://", "http://", "https://", *"0123456789"),
    "printer": ("virtual", "none", "usb:", "serial:", "tcp://", "file:", "preview:"),
}


class DeviceSettings(_Section):
    id_reader: str = "sim"
    camera: str = "sim"
    printer: str = "virtual"

    @field_validator("id_reader", "camera", "printer")
    @classmethod
    def _uri(cls, value: str, info: Any) -> str:
        allowed = _DEVICE_SCHEMES[info.field_name]
        if not value.startswith(allowed):
            raise ValueError("must start with one of " + ", ".join(repr(a) for a in allowed))
        return value


class PrinterSettings(_Section):
    paper_width: Literal[58, 80] = 80
    # How the printer takes Chinese text: GB18030 after FS &, GB18030 already in Chinese mode,
    # or UTF-8 (see docs and REFERENCE §2).
    encoding: Literal["gb18030-fs", "gb18030", "utf-8"] = "gb18030-fs"
    qr: Literal["native", "raster"] = "native"
    cutter: bool = True


class TicketSettings(_Section):
    # Category codes shown on the kiosk, in this order; empty shows every category of the hall.
    categories: list[Annotated[str, Field(min_length=1, max_length=64)]] = []
    return_home_after: Annotated[int, Field(ge=3, le=120)] = 8
    # Real-name 取号 (ID card or identity QR before the number): false = only where the hub
    # itself requires it (its real_name_limit categories, which it refuses without an ID);
    # true = every category; a list of category codes = those (plus the hub's own).
    real_name: StrictBool | list[Annotated[str, Field(min_length=1, max_length=64)]] = False
    # 取号 by item (按事项取号): the citizen may find the 事项 instead of the queue.
    by_item: bool = True
    # On the ticket (paper and screen): where each queue waits (category code -> place, e.g.
    # "二楼 B 区"), how long the number is valid, and the hall's hotline (empty: not printed).
    wait_at: dict[
        Annotated[str, Field(min_length=1, max_length=64)],
        Annotated[str, Field(min_length=1, max_length=40)],
    ] = {}
    wait_at_en: dict[  # the same places in English, for the English screen
        Annotated[str, Field(min_length=1, max_length=64)],
        Annotated[str, Field(min_length=1, max_length=60)],
    ] = {}
    validity: Annotated[str, Field(max_length=60)] = "本号当日有效，过号请重新取号"
    validity_en: Annotated[str, Field(max_length=120)] = (  # on a bilingual (English) slip
        "Valid today only. If your number has passed, please take a new one."
    )
    hotline: Annotated[str, Field(max_length=20, pattern=r"^[0-9+() -]*$")] = ""

    def asks_identity(self, category_code: str, *, hub_requires: bool = False) -> bool:
        if hub_requires or self.real_name is True:
            return True
        return isinstance(self.real_name, list) and category_code in self.real_name

    @property
    def real_name_everywhere(self) -> bool:
        return self.real_name is True


class CasesSettings(_Section):
    # The document camera for materials: like devices.camera, or "sim" (a generated page).
    document_camera: str = "sim"
    # Seconds the receipt screen waits for the hub's case number before printing a provisional
    # receipt (the case is already safe in the outbox).
    wait_for_number: Annotated[float, Field(ge=0, le=60)] = 8.0

    @field_validator("document_camera")
    @classmethod
    def _camera(cls, value: str) -> str:
        if value != "sim" and not value.startswith(_DEVICE_SCHEMES["camera"]):
            raise ValueError("must be 'sim' or a camera like devices.camera")
        return value


class ComplaintsSettings(_Section):
    # 投诉建议 on the home screen of a hall or community kiosk (false: no tile).
    enabled: bool = True
    # The supervision hotline printed on the complaint slip (12345 政务服务便民热线).
    hotline: Annotated[str, Field(min_length=1, max_length=20, pattern=r"^[0-9+() -]+$")] = "12345"


class StaffEntry(_Section):
    number: Annotated[str, Field(pattern=r"^[A-Za-z0-9]{1,16}$")]
    name: Annotated[str, Field(min_length=1, max_length=20)]
    id_number: Annotated[str, Field(pattern=r"^[0-9]{17}[0-9X]$")]
    # Never the PIN itself: the scrypt line `kiosk admin-pin` prints (kiosk.admin.hash_pin).
    pin_hash: Annotated[
        str, Field(pattern=r"^scrypt\$[0-9]+\$[0-9]+\$[0-9]+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$")
    ]
    # An enrolled staff card: the 卡片ID `kiosk idcard read --reader pcsc` prints for it (hex of a
    # 4, 7, 8 or 10 byte UID). The worker's own ID or social security card works without it.
    card_uid: str | None = None

    @field_validator("card_uid")
    @classmethod
    def _card_uid(cls, value: str | None) -> str | None:
        from kiosk.staff import CARD_UID_PATTERN

        if value is None:
            return None
        value = value.strip().upper()
        if not CARD_UID_PATTERN.match(value):
            raise ValueError("must be the card's id in hex: 8, 14, 16 or 20 characters 0-9 A-F")
        return value


class CommunitySettings(_Section):
    staff: list[StaffEntry] = []  # community workers who may submit on a citizen's behalf

    @field_validator("staff")
    @classmethod
    def _unique(cls, staff: list[StaffEntry]) -> list[StaffEntry]:
        # A number, ID number or card that names two workers would sign in the wrong one.
        for what in ("number", "id_number", "card_uid"):
            seen = [getattr(entry, what) for entry in staff if getattr(entry, what)]
            if len(seen) != len(set(seen)):
                raise ValueError(f"two workers have the same {what}")
        return staff


class CounterSettings(_Section):
    """A window terminal (mode = "counter"): the window it works and its rating pad; a rating
    pad terminal (mode = "rating-pad"): the window it is paired with."""

    window: Annotated[str, Field(max_length=64, pattern=r"^[A-Za-z0-9_.-]*$")] = ""  # e.g. W01
    rating_pad: Literal["second-screen", "none"] = "second-screen"
    # The A4 printer for the notices a decision prints (受理通知书, 一次性告知书, 不予受理告知书):
    # a CUPS queue as `lpstat -p` names it. Empty: a short slip on [devices] printer instead.
    notice_printer: str = ""
    # The CUPS server holding that queue: empty = this machine's CUPS; HOST, HOST:PORT, or the
    # path of a CUPS socket.
    cups_server: str = ""

    @field_validator("notice_printer")
    @classmethod
    def _queue(cls, value: str) -> str:
        from drivers.printer.cups import QUEUE_NAME

        value = value.strip()
        if value and not QUEUE_NAME.fullmatch(value):
            raise ValueError(
                "must be empty or a CUPS queue name as `lpstat -p` lists it (up to 127"
                " characters, no spaces, /, #, \\ or quotes)"
            )
        return value

    @field_validator("cups_server")
    @classmethod
    def _cups_server(cls, value: str) -> str:
        from drivers.printer.cups import CupsError, split_server

        value = value.strip()
        if value and not value.startswith("/"):
            try:
                split_server(value)
            except CupsError:
                raise ValueError(
                    "must be empty (this machine's CUPS), HOST, HOST:PORT or a socket path"
                ) from None
        return value


# Letters, spaces and light punctuation only: each stretch becomes a clip named by what it says.
_WORDS = r"[A-Za-z ,.'!?-]*"
_ENGLISH_TEMPLATE = re.compile(rf"{_WORDS}\{{number\}}{_WORDS}(\{{window\}}{_WORDS})?")


class DisplaySettings(_Section):
    """The hall's calling display (mode = "display")."""

    notice: Annotated[str, Field(max_length=500)] = ""  # the scrolling line at the bottom
    # A window's own screen (窗口屏) instead of the hall's wall: that window's code, e.g. W03.
    window: Annotated[str, Field(max_length=64, pattern=r"^[A-Za-z0-9_.-]*$")] = ""
    # Voice calling: "clips" (a WAV clip pack, made with espeak-ng, replaceable by a recorded
    # voice in clips_dir), "tts" (the speech service), or "none".
    voice: Literal["clips", "tts", "none"] = "clips"
    voice_template: Annotated[
        str,
        Field(min_length=3, max_length=60, pattern=r"^[^{}]*\{number\}[^{}]*(\{window\}[^{}]*)?$"),
    ] = "请{number}号到{window}号窗口办理"
    number_reading: Literal["digits", "integer"] = "digits"  # A零零一 or A一
    voice_repeat: Annotated[int, Field(ge=1, le=3)] = 2
    clips_dir: str = ""  # empty: voice-clips in the data directory
    # English after Chinese: each call said again by voice_template_en, the number letter by
    # letter and digit by digit ("A zero zero one"), the window as a number.
    voice_english: StrictBool = False
    voice_template_en: Annotated[str, Field(max_length=80)] = (
        "Number {number}, please go to window {window}"
    )

    @field_validator("voice_template_en")
    @classmethod
    def _english_template(cls, value: str) -> str:
        if not _ENGLISH_TEMPLATE.fullmatch(value):
            raise ValueError(
                "must hold {number}, and may hold {window} after it, in English letters, spaces"
                " and , . ' ! ? - (e.g. 'Number {number}, please go to window {window}')"
            )
        return value

    @property
    def english_template(self) -> str:
        """The English template said after the Chinese; "" when English is off."""
        return self.voice_template_en if self.voice_english else ""


class AdminSettings(_Section):
    # scrypt hash of the maintenance PIN, made by `kiosk admin-pin`; empty: no maintenance screen
    pin_hash: str = ""

    @field_validator("pin_hash")
    @classmethod
    def _pin_hash(cls, value: str) -> str:
        from kiosk.admin import check_pin_hash

        return check_pin_hash(value)


class Settings(_Section):
    terminal: TerminalSettings
    api: ApiSettings = ApiSettings()
    devices: DeviceSettings = DeviceSettings()
    printer: PrinterSettings = PrinterSettings()
    ticket: TicketSettings = TicketSettings()
    cases: CasesSettings = CasesSettings()
    complaints: ComplaintsSettings = ComplaintsSettings()
    community: CommunitySettings = CommunitySettings()
    counter: CounterSettings = CounterSettings()
    display: DisplaySettings = DisplaySettings()
    admin: AdminSettings = AdminSettings()
    source: str = Field(default="", exclude=True)  # the file the settings came from

    @model_validator(mode="after")
    def _window_of_a_counter(self) -> Settings:
        if self.terminal.mode in (Mode.COUNTER, Mode.RATING_PAD) and not self.counter.window:
            raise ValueError(
                f"counter.window: required when terminal.mode is {self.terminal.mode.value}"
                " (the window's code at the hub, e.g. W01)"
            )
        return self


def load_settings(path: str | Path, environ: Mapping[str, str] | None = None) -> Settings:
    """Read, override from the environment and validate one terminal configuration file."""
    path = Path(path)
    try:
        with path.open("rb") as fh:
            raw = tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError(f"{path}: file not found") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    return settings_from_dict(raw, source=str(path), environ=environ)


def settings_from_dict(
    raw: dict[str, Any], *, source: str, environ: Mapping[str, str] | None = None
) -> Settings:
    if "source" in raw:  # reserved for where the settings came from
        raise ConfigError(f"{source}: unknown key 'source'")
    data = _apply_env_overrides(raw, os.environ if environ is None else environ, source)
    try:
        settings = Settings.model_validate({**data, "source": source})
    except ValidationError as exc:
        raise ConfigError(_describe(exc, source)) from None
    return settings


def _apply_env_overrides(
    raw: dict[str, Any], environ: Mapping[str, str], source: str
) -> dict[str, Any]:
    data = {
        section: dict(values) if isinstance(values, dict) else values
        for section, values in raw.items()
    }
    sections = {name for name in Settings.model_fields if name != "source"}
    for var, text in sorted(environ.items()):
        if not var.startswith(ENV_PREFIX) or "__" not in var:
            continue
        section, _, key = var[len(ENV_PREFIX) :].lower().partition("__")
        if section not in sections:
            raise ConfigError(
                f"{var}: no section [{section}] (allowed: {', '.join(sorted(sections))})"
            )
        fields = _section_model(section).model_fields
        if key not in fields:
            raise ConfigError(
                f"{var}: no key '{key}' in [{section}] (allowed: {', '.join(sorted(fields))})"
            )
        target = data.setdefault(section, {})
        if not isinstance(target, dict):
            raise ConfigError(f"{source}: [{section}] must be a table")
        target[key] = _parse_env_value(text)
    return data


def _section_model(section: str) -> type[BaseModel]:
    annotation = Settings.model_fields[section].annotation
    assert isinstance(annotation, type) and issubclass(annotation, BaseModel)
    return annotation


def _parse_env_value(text: str) -> Any:
    """Environment values are TOML literals when they parse as one (30, true, ["A"]), else text."""
    try:
        return tomllib.loads(f"v = {text}")["v"]
    except tomllib.TOMLDecodeError:
        return text


def _describe(exc: ValidationError, source: str) -> str:
    error = exc.errors()[0]
    location = ".".join(str(part) for part in error["loc"])
    kind = error["type"]
    if kind == "extra_forbidden":
        return f"{source}: unknown key '{location}'{_allowed_keys(error['loc'])}"
    if kind == "missing":
        return f"{source}: missing key '{location}'"
    message = error["msg"]
    if kind == "value_error":
        message = message.removeprefix("Value error, ")
    if kind in ("enum", "literal_error"):
        message = message.replace("Input should be", "allowed:")
    if not location:  # a rule across sections: its message names the key
        return f"{source}: {message}"
    got = error.get("input")
    if isinstance(got, dict | list):  # a whole section (e.g. every worker): too much to repeat
        return f"{source}: {location}: {message}"
    return f"{source}: {location}: {message} (got {got!r})"


def _allowed_keys(loc: tuple[Any, ...]) -> str:
    if len(loc) == 1:
        names = sorted(name for name in Settings.model_fields if name != "source")
        return f" (allowed sections: {', '.join(names)})"
    if len(loc) == 2 and loc[0] in Settings.model_fields:
        return f" (allowed in [{loc[0]}]: {', '.join(sorted(_section_model(loc[0]).model_fields))})"
    return ""
