"""Pictures for print: an image file → samples a press can print (docs/typography.md, "Print output").

* colour pictures are converted to CMYK through the output-intent profile the PDF declares
  (`data/FOGRA39L_coated.icc`), by littleCMS through Pillow's ImageCms, from the file's own
  ICC profile or sRGB when it has none; the PDF never carries RGB;
* grayscale pictures (and colour files whose pixels are all neutral) stay one channel,
  DeviceGray, printed on the black plate only;
* transparency is flattened on white paper; CMYK files are kept as they are.

The resolution that matters is the effective one at the placed size (`effective_ppi`); the
compose stage warns and refuses by the layout's limits.
"""

from __future__ import annotations

import enum
import functools
import io
import zlib
from dataclasses import dataclass
from pathlib import Path

OUTPUT_PROFILE = Path(__file__).resolve().parent / "data" / "FOGRA39L_coated.icc"


class ImageColour(enum.Enum):
    """The colour space of a print image, as PDF names it."""

    CMYK = "DeviceCMYK"
    GRAY = "DeviceGray"

    @property
    def channels(self) -> int:
        return 4 if self is ImageColour.CMYK else 1


@dataclass(frozen=True, slots=True)
class PrintImage:
    """Samples ready for the page: 8 bits per channel, Flate-compressed, top row first."""

    file: str
    width: int                 # pixels
    height: int
    colour: ImageColour
    data: bytes                # zlib stream of the samples

    def effective_ppi(self, placed_width: float, placed_height: float) -> float:
        """Pixels per inch at the placed size (pt), the lower of the two directions."""
        return min(self.width / (placed_width / 72.0), self.height / (placed_height / 72.0))


@functools.lru_cache(maxsize=64)
def print_image(path: str) -> PrintImage:
    """The file as print samples (see the module's rules). Cached: a picture used twice, or
    composed twice for contents page numbers, is converted once."""
    from PIL import Image, ImageChops, ImageCms

    with Image.open(path) as im:
        im.load()
        icc = im.info.get("icc_profile")
        if im.mode in ("P", "PA", "LA", "RGBA", "La", "RGBa") or "transparency" in im.info:
            im = _on_white(im.convert("RGBA"))
        if im.mode in ("1", "L", "I", "I;16", "I;16B", "I;16L", "F"):
            return _pack(path, im.convert("L"), ImageColour.GRAY)
        if im.mode == "CMYK":
            return _pack(path, im, ImageColour.CMYK)
        im = im.convert("RGB")
        r, g, b = im.split()
        if ImageChops.difference(r, g).getbbox() is None and ImageChops.difference(g, b).getbbox() is None:
            return _pack(path, r, ImageColour.GRAY)          # neutral pixels only: black plate
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc)) if icc else ImageCms.createProfile("sRGB")
        target = ImageCms.ImageCmsProfile(str(OUTPUT_PROFILE))
        cmyk = ImageCms.profileToProfile(im, source, target, renderingIntent=ImageCms.Intent.PERCEPTUAL,
                                         outputMode="CMYK")
        return _pack(path, cmyk, ImageColour.CMYK)


def _on_white(im):
    from PIL import Image

    white = Image.new("RGBA", im.size, (255, 255, 255, 255))
    return Image.alpha_composite(white, im).convert("RGB")


def _pack(path: str, im, colour: ImageColour) -> PrintImage:
    return PrintImage(str(path), im.width, im.height, colour, zlib.compress(im.tobytes(), 6))
