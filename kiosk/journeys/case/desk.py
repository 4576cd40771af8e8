"""Everything the case journey needs, built once per terminal by the composition root."""

from __future__ import annotations

import logging
import shutil
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from kiosk.api.client import HubClient
from kiosk.capture import DocumentCamera
from kiosk.catalog_cache import CatalogCache, KioskGuide, default_guide_path, load_guide
from kiosk.config import Mode, Settings
from kiosk.journeys.case.service import CaseService
from kiosk.outbox.store import Outbox
from kiosk.staff import Shift, StaffRegistry, members_from_settings

logger = logging.getLogger(__name__)


@dataclass
class CaseDesk:
    catalog: CatalogCache
    guide: KioskGuide
    service: CaseService
    staff: StaffRegistry  # empty unless the terminal is a community point with workers
    camera: DocumentCamera
    community: bool
    shift: Shift | None = None  # the signed-in community worker; survives sessions


def build_case_desk(
    settings: Settings, folder: Path, client: HubClient, resources: ExitStack
) -> CaseDesk:
    mode = settings.terminal.mode
    outbox = Outbox(
        folder / "outbox.sqlite3", folder / "outbox.key", terminal_id=settings.terminal.id
    )
    resources.callback(outbox.close)
    service = CaseService(
        outbox,
        client,
        mode=mode,
        wait_seconds=settings.cases.wait_for_number,
        public_url=settings.api.public_url,
    )
    service.start()
    resources.callback(service.stop)  # runs before outbox.close (ExitStack is LIFO)
    staff = StaffRegistry(members_from_settings(settings.community.staff))
    removed = delete_leftovers(folder / "captures")
    if removed:  # pages an older version kept on disk, from a session killed mid-capture
        logger.warning("deleted %d captured page files a killed session left behind", removed)
    camera = DocumentCamera(settings.cases.document_camera)
    resources.callback(camera.close)
    return CaseDesk(
        catalog=CatalogCache(client, folder),
        guide=load_guide(default_guide_path()),
        service=service,
        staff=staff,
        camera=camera,
        community=mode is Mode.COMMUNITY,
    )


def delete_leftovers(folder: Path) -> int:
    """Delete ``folder`` and everything in it; returns how many files were there."""
    if not folder.exists():
        return 0
    count = sum(1 for path in folder.rglob("*") if path.is_file())
    shutil.rmtree(folder, ignore_errors=True)
    return count
