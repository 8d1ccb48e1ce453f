"""Install the default faces listed in `fonts/manifest.yaml`.

Each face comes from a package of the npm registry, fetched by name with `npm pack` (the
ordinary client; no download address is written here), then built with fontTools:

* a single plain `.ttf`/`.otf` member is copied as published;
* a single web font is unwrapped, several members (web-font slices) are merged back into one
  TrueType face.

Nothing is baked in: the Simplified-Chinese forms (`locl`, e.g. the full-width 破折号 of
GB/T 15834-2011 5.1.4: two cells) come from shaping the text with language zh-Hans (`faces`).

A built face is saved without a new timestamp, so the same sources always give the same bytes;
every face is checked against the manifest's sha256 before it is put in place.
"""

from __future__ import annotations

import fnmatch
import hashlib
import io
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml
from fontTools.merge import Merger, Options
from fontTools.ttLib import TTFont, getTableClass
from fontTools.ttLib.tables._g_l_y_f import Glyph
from fontTools.ttLib.tables.DefaultTable import DefaultTable  # given its `merge` by fontTools.merge

from ..errors import FontError
from ..messages import Message


@dataclass(frozen=True)
class FaceSource:
    """One manifest entry: where a default face comes from and what it must hash to."""

    file: str
    package: str
    version: str
    members: tuple[str, ...]
    sha256: str | None


def read_manifest(fonts_dir: Path) -> list[FaceSource]:
    data = yaml.safe_load((fonts_dir / "manifest.yaml").read_text(encoding="utf-8"))
    return [FaceSource(f["file"], f["package"], str(f["version"]), tuple(f["members"]), f.get("sha256"))
            for f in data["faces"]]


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def npm_tarball(package: str, version: str, cache: Path) -> Path:
    """The package's tarball, fetched once with `npm pack` into `cache`."""
    cache.mkdir(parents=True, exist_ok=True)
    name = package.lstrip("@").replace("/", "-") + f"-{version}.tgz"
    target = cache / name
    if target.exists():
        return target
    npm = shutil.which("npm")
    if npm is None:
        raise FontError(Message("install.npm"))
    done = subprocess.run([npm, "pack", f"{package}@{version}", "--silent", "--pack-destination", str(cache)],
                          capture_output=True, text=True)
    if done.returncode != 0 or not target.exists():
        raise FontError(Message("install.pack_failed", package=f"{package}@{version}", problem=done.stderr.strip()[-400:]))
    return target


def extract_members(tarball: Path, patterns: tuple[str, ...]) -> list[bytes]:
    with tarfile.open(tarball) as tar:
        names = sorted((m.name for m in tar.getmembers() if m.isfile()
                        and any(fnmatch.fnmatch(m.name, p) for p in patterns)), key=_natural)
        if not names:
            raise FontError(Message("install.no_member", tarball=tarball.name, patterns=", ".join(patterns)))
        return [tar.extractfile(n).read() for n in names]


def _natural(name: str) -> tuple:
    digits = "".join(c for c in name if c.isdigit())
    return (len(digits), digits, name)


# Tables never carried into a merged face: the slices' layout tables are not merged (the face as
# installed since the manifest's sha256 was recorded has none).
_MERGE_DROPS = ("GSUB", "GPOS", "GDEF")


def _merged_tags(tags) -> list[str]:
    """The tables of a slice that fontTools' merger carries into the merged face.

    The merger keeps a table only when its class knows how to merge (a `mergeMap` or its own
    `merge`); every other table (AAT `morx`, `feat`, `prop`, `bsln`, `FFTM` in LXGW WenKai's
    slices) is decompiled in every slice and then dropped; `morx`, ~110 KB a slice, is most of
    them. Leaving them out before the merge gives the same merged bytes (checked by the
    manifest's sha256) and took the merge's peak from 1.27 GB to 140 MB.
    """
    kept = []
    for tag in tags:
        cls = getTableClass(tag)
        knows = hasattr(cls, "mergeMap") or cls.merge is not DefaultTable.merge
        if knows and tag not in _MERGE_DROPS:
            kept.append(tag)
    return kept


def build_face(blobs: list[bytes]) -> TTFont:
    if len(blobs) == 1:
        font = TTFont(io.BytesIO(blobs[0]), recalcTimestamp=False)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            paths = []
            for i, blob in enumerate(blobs):
                part = TTFont(io.BytesIO(blob), recalcTimestamp=False)
                keep = set(_merged_tags(part.keys()))
                for tag in [t for t in part.keys() if t != "GlyphOrder" and t not in keep]:
                    del part[tag]
                part.flavor = None
                path = Path(tmp) / f"{i:04d}.ttf"
                part.save(str(path))
                paths.append(str(path))
                del part
            font = Merger(options=Options(drop_tables=list(_MERGE_DROPS))).merge(paths)
        # fontTools' merger stamps `head` with the current time: keep the sources' dates.
        first = TTFont(io.BytesIO(blobs[0]))["head"]
        font["head"].created, font["head"].modified = first.created, first.modified
        font.recalcTimestamp = False
        _settle_metrics(font)
    font.flavor = None
    return font


def _settle_metrics(font: TTFont) -> None:
    """Recompute the merged face's extremes without re-encoding its glyphs.

    The slices carry the whole font's `head`/`hhea`/`maxp`/`vhea` extremes, so they must be
    recomputed over the glyphs actually merged. A plain save does that by unpacking and
    re-encoding all 14,000 glyphs (the slowest third of the merge), though each glyph's bytes
    are already what fontTools encodes (each slice was encoded by it): only the padding a
    slice's short `loca` added must go. So: trim the padding, keep each glyph's bytes, let
    fontTools recompute the tables' figures (which unpacks the glyphs), then put the kept bytes
    back and save without recomputing. The manifest's sha256 checks the result is the same.
    """
    glyf = font["glyf"]
    kept = {}
    for name, glyph in glyf.glyphs.items():
        glyph.trim(extended=glyf.extended)
        # a glyph the merger unpacked (composites, for their components' names) is kept as it is
        kept[name] = glyph.data if hasattr(glyph, "data") else glyph
    font["maxp"].recalc(font)     # also the `head` bounding box and flags bit 1
    for tag in ("hhea", "vhea"):
        if tag in font:
            font[tag].recalc(font)
    glyf.glyphs = {name: Glyph(data) if isinstance(data, (bytes, bytearray)) else data
                   for name, data in kept.items()}
    font.recalcBBoxes = False


#: The first four bytes of a plain (not web-wrapped) TrueType or OpenType font file.
PLAIN_SFNT = (b"\x00\x01\x00\x00", b"OTTO", b"true")


def face_bytes(blobs: list[bytes]) -> bytes:
    """The installed file's bytes: a single plain `.ttf`/`.otf` member as published (re-saving
    it through fontTools took ~1.6 s a face and only reordered its tables); a web font or
    several slices through fontTools (`build_face`)."""
    if len(blobs) == 1 and blobs[0][:4] in PLAIN_SFNT:
        return blobs[0]
    out = io.BytesIO()
    build_face(blobs).save(out)
    return out.getvalue()


def install(fonts_dir: Path, *, force: bool = False, report=print) -> list[Path]:
    """Make every face of the manifest present and verified in `fonts_dir`."""
    cache = fonts_dir / ".cache"
    done = []
    for face in read_manifest(fonts_dir):
        target = fonts_dir / face.file
        if target.exists() and not force and (face.sha256 is None or sha256_of(target) == face.sha256):
            done.append(target)
            continue
        report(f"building {face.file} from {face.package}@{face.version}")
        tarball = npm_tarball(face.package, face.version, cache)
        data = face_bytes(extract_members(tarball, face.members))
        digest = hashlib.sha256(data).hexdigest()
        if face.sha256 and digest != face.sha256:
            raise FontError(Message("install.sha", file=str(face.file), digest=digest, want=face.sha256))
        tmp = target.with_suffix(".part")
        tmp.write_bytes(data)
        tmp.replace(target)
        done.append(target)
    return done
