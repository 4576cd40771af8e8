"""Search: Chinese names, aliases, pinyin (full and initials), partials; and the guide file."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from contract.models import CatalogItem
from kiosk.catalog_cache import default_guide_path, load_guide
from kiosk.errors import ConfigError
from kiosk.search import ItemIndex

ITEMS = Path(__file__).resolve().parents[2] / "config" / "catalog" / "items.toml"


@pytest.fixture(scope="module")
def index() -> ItemIndex:
    raw = tomllib.loads(ITEMS.read_text(encoding="utf-8"))
    items = [CatalogItem.model_validate(i) for i in raw["items"]]
    return ItemIndex(items, load_guide(default_guide_path()))


@pytest.mark.parametrize(
    ("query", "first", "also"),
    [
        ("居住证", "居住证申领", ()),
        ("jzz", "居住证申领", ()),
        ("JZZ", "居住证申领", ()),
        ("juzhuzheng", "居住证申领", ()),
        ("暂住证", "居住证申领", ()),  # alias
        ("准生证", "生育登记服务", ()),  # alias
        ("zsz", "生育登记服务", ()),  # alias initials
        ("低保", "最低生活保障审核确认", ()),
        ("生育", "生育登记服务", ()),
        ("灵活就业", "灵活就业人员社会保险参保登记", ()),
        ("就业", "就业创业证申领", ("灵活就业人员社会保险参保登记",)),
        ("参保登记", "城乡居民基本养老保险参保登记", ("城乡居民基本医疗保险参保登记",)),
        ("ydz", "老年人优待证办理", ()),  # a partial of the initials
        ("jlk", "老年人优待证办理", ()),  # alias 敬老卡
        ("个体", "个体工商户设立登记", ()),
        ("residence permit", "居住证申领", ()),  # the English name
        ("Residence Perm", "居住证申领", ()),
        ("pension", "城乡居民基本养老保险参保登记", ()),
        ("dibao", "最低生活保障审核确认", ()),
    ],
)
def test_search_table(index: ItemIndex, query: str, first: str, also: tuple[str, ...]) -> None:
    names = [item.name for item in index.search(query)]
    assert names and names[0] == first
    for name in also:
        assert name in names


# "ermit" is inside "permit", "db" across "fooD Business": an English name matches from the
# start of one of its words.
@pytest.mark.parametrize("query", ["", "   ", "xyzq", "护照", "！！", "ermit", "dbusiness"])
def test_no_match_is_empty(index: ItemIndex, query: str) -> None:
    assert index.search(query) == []


def test_guide_rejects_unknown_keys_and_events(tmp_path: Path) -> None:
    bad = tmp_path / "guide.toml"
    bad.write_text('events = ["生育"]\n[items.X]\nalias = ["a"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown key 'alias'"):
        load_guide(bad)
    bad.write_text('events = ["生育"]\n[items.X]\nevents = ["旅游"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="'旅游' is not in events"):
        load_guide(bad)
    # Field kinds are contract now: a guide that still sets them is told where they went.
    bad.write_text('[items.X.fields.family]\nkind = "group"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"items\.X\.fields: .*catalog's form schema"):
        load_guide(bad)
    bad.write_text('[items.X]\nems_to = "home"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"items\.X\.ems_to: allowed: card, typed"):
        load_guide(bad)


def test_where_ems_goes_by_default_is_the_items_choice() -> None:
    guide = load_guide(default_guide_path())
    assert guide.for_item("QR00240001-990101-GA").ems_to == "typed"  # 居住证
    assert guide.for_item("GG00124003-990101-RS").ems_to == "card"  # the default


def test_the_sample_guide_has_english_for_every_event_and_guide() -> None:
    guide = load_guide(default_guide_path())
    assert set(guide.events_en) == set(guide.events)
    for code, entry in guide.items.items():
        assert bool(entry.summary_en) == bool(entry.summary), code
        assert bool(entry.who_en) == bool(entry.who), code


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[events_en]\n"养老" = "Old age"\n', "events_en.养老: not in events"),
        ('[events_en]\n"生育" = ""\n', "events_en.生育: give the English name as text"),
        ('[events_en]\n"生育" = 3\n', "events_en.生育: give the English name as text"),
        ('events_en = ["Birth"]\n', "events_en: a table"),
        ('[items.X]\nsummary_english = "x"\n', "unknown key 'summary_english'"),
    ],
)
def test_the_guide_s_english_is_checked(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "guide.toml"
    path.write_text('events = ["生育"]\n' + text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_guide(path)


def test_an_event_without_english_is_allowed(tmp_path: Path) -> None:
    path = tmp_path / "guide.toml"
    path.write_text(
        'events = ["生育", "居住"]\n[events_en]\n"居住" = " Housing "\n'
        '[items.X]\nevents = ["生育"]\nsummary_en = "About it"\nwho_en = "Anyone"\n',
        encoding="utf-8",
    )
    guide = load_guide(path)
    assert guide.events_en == {"居住": "Housing"}
    assert guide.for_item("X").summary_en == "About it" and guide.for_item("X").who_en == "Anyone"
