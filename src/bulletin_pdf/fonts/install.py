"""Install the default faces listed in `fonts/manifest.yaml`.

Each face comes from a package of the npm registry, fetched by name with `npm pack` (the
ordinary client; no download address is written here), then built with fontTools:

* a single member is used as it is (re-saved without the web-font wrapping);
* several members (web-font slices) are merged back into one TrueType face.

Nothing is baked in: the Simplified-Chinese forms (`locl`, e.g. the full-width 破折号 of
GB/T 15834-2011 §4.1.9) come from shaping the text with language zh-Hans (`faces`).

The result is saved without a new timestamp, so the same sources always give the same bytes,
and checked against the manifest's sha256.
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
from fontTools.ttLib import TTFont

from ..errors import FontError


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
        raise FontError("npm is needed to fetch the default fonts (install Node.js), "
                        "or name installed fonts in the layout")
    done = subprocess.run([npm, "pack", f"{package}@{version}", "--silent", "--pack-destination", str(cache)],
                          capture_output=True, text=True)
    if done.returncode != 0 or not target.exists():
        raise FontError(f"npm pack {package}@{version} failed: {done.stderr.strip()[-400:]}")
    return target


def extract_members(tarball: Path, patterns: tuple[str, ...]) -> list[bytes]:
    with tarfile.open(tarball) as tar:
        names = sorted((m.name for m in tar.getmembers() if m.isfile()
                        and any(fnmatch.fnmatch(m.name, p) for p in patterns)), key=_natural)
        if not names:
            raise FontError(f"{tarball.name} has no member matching {', '.join(patterns)}")
        return [tar.extractfile(n).read() for n in names]


def _natural(name: str) -> tuple:
    digits = "".join(c for c in name if c.isdigit())
    return (len(digits), digits, name)


def build_face(blobs: list[bytes]) -> TTFont:
    if len(blobs) == 1:
        font = TTFont(io.BytesIO(blobs[0]), recalcTimestamp=False)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            paths = []
            for i, blob in enumerate(blobs):
                part = TTFont(io.BytesIO(blob), recalcTimestamp=False)
                part.flavor = None
                path = Path(tmp) / f"{i:04d}.ttf"
                part.save(str(path))
                paths.append(str(path))
            font = Merger(options=Options(drop_tables=["GSUB", "GPOS", "GDEF"])).merge(paths)
        # fontTools' merger stamps `head` with the current time: keep the sources' dates.
        first = TTFont(io.BytesIO(blobs[0]))["head"]
        font["head"].created, font["head"].modified = first.created, first.modified
        font.recalcTimestamp = False
    font.flavor = None
    return font


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
        font = build_face(extract_members(tarball, face.members))
        tmp = target.with_suffix(".part")
        font.save(str(tmp))
        digest = sha256_of(tmp)
        if face.sha256 and digest != face.sha256:
            tmp.unlink()
            raise FontError(f"{face.file}: sha256 {digest} differs from the manifest's {face.sha256}")
        tmp.replace(target)
        done.append(target)
    return done
