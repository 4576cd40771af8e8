"""The sample hall: seeded once, and a kept database follows a newer sample catalog unless its
catalog was changed by someone since."""

from __future__ import annotations

import shutil
from pathlib import Path

from hub.app import create_app
from hub.catalog import current_version, import_catalog_file, load_catalog
from hub.context import HubContext
from hub.seed import sample_dir, seed_if_empty


def _sample_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "sample"
    shutil.copytree(sample_dir(), folder)
    return folder


def _rename_first_item(items_toml: Path, new_name: str) -> None:
    text = items_toml.read_text(encoding="utf-8")
    name_line = next(line for line in text.splitlines() if line.startswith("name = "))
    items_toml.write_text(text.replace(name_line, f'name = "{new_name}"', 1), encoding="utf-8")


def _context(tmp_path: Path) -> HubContext:
    ctx: HubContext = create_app(f"sqlite:///{tmp_path / 'hub.db'}").state.hub
    return ctx


def test_an_empty_hub_is_seeded_once(tmp_path: Path) -> None:
    folder = _sample_copy(tmp_path)
    ctx = _context(tmp_path)
    assert seed_if_empty(ctx, folder) is True
    assert load_catalog(ctx).items
    assert seed_if_empty(ctx, folder) is False


def test_a_kept_demo_database_follows_a_newer_sample_catalog(tmp_path: Path) -> None:
    folder = _sample_copy(tmp_path)
    ctx = _context(tmp_path)
    seed_if_empty(ctx, folder)
    before = current_version(ctx)

    _rename_first_item(folder / "items.toml", "样例事项（新版）")
    seed_if_empty(ctx, folder)

    assert current_version(ctx) != before
    assert "样例事项（新版）" in {item.name for item in load_catalog(ctx).items}


def test_a_catalog_changed_by_the_district_is_never_overwritten(tmp_path: Path) -> None:
    folder = _sample_copy(tmp_path)
    ctx = _context(tmp_path)
    seed_if_empty(ctx, folder)
    own = tmp_path / "own.toml"
    shutil.copy(folder / "items.toml", own)
    _rename_first_item(own, "区里自己的事项")
    import_catalog_file(ctx, own, replace=True)
    theirs = current_version(ctx)

    _rename_first_item(folder / "items.toml", "样例事项（新版）")
    seed_if_empty(ctx, folder)

    assert current_version(ctx) == theirs
    names = {item.name for item in load_catalog(ctx).items}
    assert "区里自己的事项" in names
    assert "样例事项（新版）" not in names
