"""Finding an item the way citizens ask for it: Chinese names, aliases and pinyin initials, or
the item's English name.

Each item is indexed under its name and aliases, each in three spellings: the characters, the
full pinyin without tones (juzhuzheng) and the initials (jzz). A query matches a spelling when it
is a substring of it (居住 finds 居住证申领, jzz finds it through its initials). Results are
ranked: a match at the start of the name beats one inside it, the name beats an alias, and ties
keep the catalog's order. The English name (``name_en``) counts as a name, in letters only
(residencepermit: "residence permit" finds 居住证申领). No fuzzy matching: a citizen sees only
items that contain what they typed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from contract.models import CatalogItem
from kiosk.catalog_cache import KioskGuide


@dataclass(frozen=True, slots=True)
class _Spelling:
    text: str
    from_name: bool
    # Where a match may begin (None: anywhere): an English name's words run together, and
    # "db" must not find "fooD Business".
    starts: frozenset[int] | None = None

    def find(self, needle: str) -> int:
        at = self.text.find(needle)
        while self.starts is not None and at >= 0 and at not in self.starts:
            at = self.text.find(needle, at + 1)
        return at


def spellings(phrase: str) -> tuple[str, str, str]:
    """(characters, full pinyin, initials), lower case, without spaces or punctuation."""
    from pypinyin import Style, lazy_pinyin

    clean = _letters(phrase)
    full = "".join(lazy_pinyin(clean, errors="default"))
    initials = "".join(
        syllable[0] for syllable in lazy_pinyin(clean, style=Style.NORMAL, errors="default")
    )
    return clean, full.lower(), initials.lower()


def _letters(phrase: str) -> str:
    return "".join(ch for ch in phrase.lower() if ch.isalnum())


def _english(name: str) -> _Spelling:
    """An English name in letters only, a match beginning at one of its words."""
    words = [_letters(word) for word in name.split()]
    starts, at = set(), 0
    for word in words:
        starts.add(at)
        at += len(word)
    return _Spelling("".join(words), True, frozenset(starts))


class ItemIndex:
    def __init__(self, items: Iterable[CatalogItem], guide: KioskGuide) -> None:
        self._items = list(items)
        self._entries: list[tuple[CatalogItem, list[_Spelling]]] = []
        for item in self._items:
            words: list[_Spelling] = []
            for phrase, from_name in [
                (item.name, True),
                *((a, False) for a in guide.for_item(item.code).aliases),
            ]:
                words.extend(_Spelling(s, from_name) for s in spellings(phrase) if s)
            if item.name_en:
                words.append(_english(item.name_en))
            self._entries.append((item, words))

    def search(self, query: str, limit: int = 20) -> list[CatalogItem]:
        needle = _letters(query)
        if not needle:
            return []
        ranked: list[tuple[int, int, CatalogItem]] = []
        for order, (item, words) in enumerate(self._entries):
            best: int | None = None
            for word in words:
                at = word.find(needle)
                if at < 0:
                    continue
                score = (0 if at == 0 else 2) + (0 if word.from_name else 1)
                best = score if best is None else min(best, score)
            if best is not None:
                ranked.append((best, order, item))
        ranked.sort(key=lambda entry: (entry[0], entry[1]))
        return [item for _, _, item in ranked[:limit]]

    def by_event(self, event: str, guide: KioskGuide) -> list[CatalogItem]:
        return [i for i in self._items if event in guide.for_item(i.code).events]

    def by_audience(self, audience: str, guide: KioskGuide) -> list[CatalogItem]:
        return [i for i in self._items if guide.for_item(i.code).audience == audience]
