"""The font the bulletin is set in: a file with Chinese characters, found once per process.

Where the hub's setting (``bulletin_font``) names none: Noto Sans CJK where Debian's
fonts-noto-cjk and other distributions put it, then what fontconfig's ``fc-match`` offers for
simplified Chinese. In a collection (.ttc) the simplified Chinese face is taken (Noto Sans CJK
holds JP, KR, SC, TC and HK faces of the same glyphs, with different forms for some)."""

from __future__ import annotations

import functools
import logging
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from contract import models as m
from hub.problems import HubProblem

logger = logging.getLogger(__name__)

CANDIDATES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",  # Debian, Ubuntu: fonts-noto-cjk
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",  # Fedora, Arch
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
)
SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")
COLLECTIONS = (".ttc", ".otc")
PROBE = "政务通报"  # characters every Chinese font has and a Latin one does not
FC_MATCH_SECONDS = 5.0


@dataclass(frozen=True, slots=True)
class Face:
    """A font file and the face in it (0 unless a collection)."""

    path: Path
    number: int = 0


@dataclass(frozen=True, slots=True)
class Faces:
    regular: Face
    bold: Face  # the regular face again where no bold one is installed beside it


def no_font(why: str, *, setting: bool = False) -> HubProblem:
    """What to install or to set, as one problem (a CLI prints its title)."""
    todo = (
        "name a .ttf, .otf or .ttc font with Chinese characters there, or leave the setting out"
        " to use Noto CJK (the Debian package fonts-noto-cjk)"
        if setting
        else "install the Debian package fonts-noto-cjk, or name a .ttf, .otf or .ttc font with"
        " Chinese characters in the hub's bulletin_font setting (--bulletin-font FILE)"
    )
    return HubProblem(
        503,
        m.ProblemCode.INTERNAL_ERROR,
        f"{why}: {todo}",
        "服务器缺少中文字体，无法生成通报，请联系管理员安装 fonts-noto-cjk。",
    )


def chinese_font(setting: str | None) -> Faces:
    """The faces to set the bulletin in, or a problem naming what to install or to set."""
    if setting:
        path = Path(setting).expanduser()
        if not path.is_file():
            raise no_font(f"The bulletin font {setting} does not exist", setting=True)
        regular = face_with_chinese(path)
        if regular is None:
            raise no_font(f"The bulletin font {setting} has no Chinese characters", setting=True)
        return Faces(regular, _bold_beside(regular))
    for candidate in (*CANDIDATES, _fontconfig_choice()):
        if candidate and (regular := face_with_chinese(Path(candidate))) is not None:
            return Faces(regular, _bold_beside(regular))
    raise no_font("No font with Chinese characters was found for the bulletin")


def _bold_beside(regular: Face) -> Face:
    """NotoSansCJK-Bold.ttc beside NotoSansCJK-Regular.ttc, and the like."""
    name = regular.path.name
    if "Regular" in name:
        bold = face_with_chinese(regular.path.with_name(name.replace("Regular", "Bold")))
        if bold is not None:
            return bold
    return regular


@functools.lru_cache(maxsize=1)
def _fontconfig_choice() -> str | None:
    """The file fontconfig would use for simplified Chinese text (it may be a Latin font)."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return None
    try:
        done = subprocess.run(
            [fc_match, "--format=%{file}", "sans-serif:lang=zh-cn"],
            capture_output=True,
            text=True,
            timeout=FC_MATCH_SECONDS,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        logger.warning("fc-match failed: %s", exc)
        return None
    return done.stdout.strip() or None


@functools.lru_cache(maxsize=16)
def face_with_chinese(path: Path) -> Face | None:
    """The face of ``path`` that has Chinese characters (in a collection, a simplified Chinese
    one first), or None: not there, not a font, or no Chinese in it."""
    if path.suffix.lower() not in SUFFIXES or not path.is_file():
        return None
    from fontTools.ttLib import TTCollection, TTFont, TTLibError

    try:
        if path.suffix.lower() in COLLECTIONS:
            fonts: list[Any] = list(TTCollection(path, lazy=True).fonts)
        else:
            fonts = [TTFont(path, lazy=True)]
        # Only the likeliest faces' character maps are read: a CJK one is large.
        for number in sorted(range(len(fonts)), key=lambda n: not _simplified(fonts[n])):
            cmap = fonts[number].getBestCmap() or {}
            if all(ord(ch) in cmap for ch in PROBE):
                return Face(path, number)
    except (OSError, TTLibError, KeyError, AssertionError) as exc:
        logger.warning("%s cannot be read as a font: %s", path, exc)
    return None


def _simplified(font: Any) -> bool:
    family = str(font["name"].getDebugName(1) or "")
    return family.endswith((" SC", " GB")) or "Simplified" in family
