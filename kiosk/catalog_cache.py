"""The terminal's copy of the hub's catalog, and how the kiosk presents its items.

Theory of operation: ``CatalogCache.refresh()`` asks the hub for the catalog with the ETag of the
cached copy (If-None-Match); a 304 answer costs no body and changes nothing. A full answer whose
version equals the cached one changes nothing either; a new one replaces the cache file
atomically (write, fsync, rename), then its ETag is stored beside it the same way. The ETag is
sent only while the cached catalog itself is readable, so a damaged cache is refetched in full;
a crash between the two writes leaves an older ETag, which only costs one full download. When
the hub cannot be reached the cached catalog keeps the terminal working, so a community point
with a flaky line still shows its items and their guides. The cache holds no personal data.

``KioskGuide`` is the terminal-side presentation of items (config/catalog/kiosk_guide.toml):
life events (with their English), aliases, a citizen's summary (with its English) and the
manual-identity fallback. It is kept apart from the hub's contract
on purpose (the contract's items forbid unknown keys); what a form field asks for, and how its
answer is checked, is contract (``FormField``), not presentation.
"""

from __future__ import annotations

import logging
import os
import threading
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from contract import models as m
from kiosk.api.client import HubClient
from kiosk.api.errors import HubFailure, HubUnreachable
from kiosk.errors import ConfigError, KioskError

logger = logging.getLogger(__name__)

CACHE_FILE = "catalog.json"
ETAG_FILE = "catalog.etag"


class CatalogUnavailable(KioskError):
    """No catalog: the hub cannot be reached and nothing was cached yet."""


@dataclass(frozen=True, slots=True)
class RefreshResult:
    version: str
    changed: bool
    from_cache: bool  # the hub could not be reached; the cached catalog is in use
    not_modified: bool = False  # the hub answered 304 to the cached copy's ETag
    downloaded: int = 0  # bytes of catalog body received


class CatalogCache:
    def __init__(self, client: HubClient, folder: Path, *, site: str | None = None) -> None:
        self.client = client
        self.path = Path(folder) / CACHE_FILE
        self.etag_path = Path(folder) / ETAG_FILE
        self.site = site
        self._lock = threading.Lock()
        self._catalog: m.Catalog | None = None

    @property
    def catalog(self) -> m.Catalog:
        """The current catalog: in memory, else from the cache file."""
        with self._lock:
            if self._catalog is None:
                self._catalog = self._read()
            if self._catalog is None:
                raise CatalogUnavailable("事项目录暂不可用，请稍后再试或到窗口办理。")
            return self._catalog

    def refresh(self) -> RefreshResult:
        """Ask the hub whether the cached catalog is current; on network trouble keep (and
        report) the cached one."""
        with self._lock:
            current = self._catalog or self._read()
            etag = self._read_etag() if current is not None else None
        try:
            fetched = self.client.get_catalog(site=self.site, etag=etag)
        except (HubUnreachable, HubFailure) as exc:
            logger.warning("catalog refresh failed, using the cache: %s", exc.message)
            return RefreshResult(self.catalog.version, changed=False, from_cache=True)
        if fetched.catalog is None and current is not None:
            with self._lock:
                self._catalog = self._catalog or current
            return RefreshResult(current.version, False, False, not_modified=True)
        fresh = fetched.catalog
        if fresh is None:  # a 304 without a cached copy: the hub misread our (absent) ETag
            raise CatalogUnavailable("事项目录暂不可用，请稍后再试或到窗口办理。")
        with self._lock:
            current = self._catalog or self._read()
            changed = current is None or current.version != fresh.version
            if changed:
                self._write(fresh)
            self._write_etag(fetched.etag)
            self._catalog = fresh if changed else current
        if changed:
            logger.info("catalog updated to version %s (%d items)", fresh.version, len(fresh.items))
        return RefreshResult(fresh.version, changed, False, downloaded=fetched.size)

    def item(self, code: str) -> m.CatalogItem | None:
        return next((item for item in self.catalog.items if item.code == code), None)

    def self_service_items(self, channel: m.Channel | None = None) -> list[m.CatalogItem]:
        """Items a citizen can submit at this terminal (others get a guide page only), through
        ``channel`` (the kiosk's unless told)."""
        wanted = m.Channel.KIOSK if channel is None else channel
        return [i for i in self.catalog.items if i.self_service and wanted in i.channels]

    def _read(self) -> m.Catalog | None:
        try:
            return m.Catalog.model_validate_json(self.path.read_bytes())
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:  # a damaged cache is refetched, never trusted
            logger.warning("ignoring unreadable catalog cache %s: %s", self.path, exc)
            return None

    def _read_etag(self) -> str | None:
        try:
            return self.etag_path.read_text(encoding="ascii").strip() or None
        except (OSError, UnicodeDecodeError):
            return None

    def _write(self, catalog: m.Catalog) -> None:
        _write_atomically(self.path, catalog.model_dump_json())

    def _write_etag(self, etag: str | None) -> None:
        if etag is None:
            self.etag_path.unlink(missing_ok=True)
        else:
            _write_atomically(self.etag_path, etag)


def _write_atomically(path: Path, text: str) -> None:
    """Write, fsync, rename: a reader sees the old file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


# --------------------------------------------------------------------------- presentation


@dataclass(frozen=True, slots=True)
class ItemGuide:
    events: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    audience: str = "personal"  # personal (个人) | business (法人)
    manual_identity: bool = False  # a citizen without a card may type name and ID number
    summary: str = ""  # what the item is, in a citizen's words (guide page)
    who: str = ""  # who can apply (申请对象)
    summary_en: str = ""  # both in English ("": the Chinese is shown)
    who_en: str = ""
    # Where EMS goes unless the citizen says otherwise: the ID card's address ("card"), or an
    # address they type ("typed": e.g. 居住证, whose applicants live away from it).
    ems_to: str = "card"


@dataclass(frozen=True, slots=True)
class KioskGuide:
    events: tuple[str, ...]
    items: dict[str, ItemGuide]
    events_en: dict[str, str] = field(default_factory=dict)  # event -> its English name

    def for_item(self, code: str) -> ItemGuide:
        return self.items.get(code, ItemGuide())


_ITEM_KEYS = {"events", "aliases", "audience", "manual_identity", "summary", "who", "ems_to"}
_ITEM_KEYS |= {"summary_en", "who_en"}


def load_guide(path: Path) -> KioskGuide:
    """Read the presentation file; a mistake is a ConfigError naming the file and key."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: file not found") from None
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read ({exc})") from None
    events = tuple(str(e) for e in raw.get("events", []))
    events_en = raw.get("events_en", {})
    if not isinstance(events_en, dict):
        raise ConfigError(f'{path}: events_en: a table of event = "English name"')
    for event, english in events_en.items():
        if event not in events:
            raise ConfigError(f"{path}: events_en.{event}: not in events")
        if not isinstance(english, str) or not english.strip():
            raise ConfigError(f"{path}: events_en.{event}: give the English name as text")
    items: dict[str, ItemGuide] = {}
    for code, entry in raw.get("items", {}).items():
        if "fields" in entry:
            raise ConfigError(
                f"{path}: items.{code}.fields: field kinds, options and groups belong in the"
                " catalog's form schema (items.toml), not in the kiosk guide"
            )
        unknown = set(entry) - _ITEM_KEYS
        if unknown:
            raise ConfigError(f"{path}: items.{code}: unknown key '{sorted(unknown)[0]}'")
        stray = [e for e in entry.get("events", []) if e not in events]
        if stray:
            raise ConfigError(f"{path}: items.{code}.events: '{stray[0]}' is not in events")
        if entry.get("audience", "personal") not in ("personal", "business"):
            raise ConfigError(f"{path}: items.{code}.audience: allowed: personal, business")
        if entry.get("ems_to", "card") not in ("card", "typed"):
            raise ConfigError(f"{path}: items.{code}.ems_to: allowed: card, typed")
        items[code] = ItemGuide(
            events=tuple(entry.get("events", [])),
            aliases=tuple(entry.get("aliases", [])),
            audience=entry.get("audience", "personal"),
            manual_identity=bool(entry.get("manual_identity", False)),
            summary=str(entry.get("summary", "")),
            who=str(entry.get("who", "")),
            summary_en=str(entry.get("summary_en", "")),
            who_en=str(entry.get("who_en", "")),
            ems_to=entry.get("ems_to", "card"),
        )
    return KioskGuide(events, items, {e: n.strip() for e, n in events_en.items()})


def default_guide_path() -> Path:
    from kiosk.paths import example_config

    return example_config("hall").parent / "catalog" / "kiosk_guide.toml"
