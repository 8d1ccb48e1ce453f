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
import math
import re
import zlib
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .messages import Message

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
    warnings: tuple[Message, ...] = ()     # what was done that the editor should know

    def effective_ppi(self, placed_width: float, placed_height: float) -> float:
        """Pixels per inch at the placed size (pt), the lower of the two directions."""
        return min(self.width / (placed_width / 72.0), self.height / (placed_height / 72.0))


#: The most bytes a picture may take once decoded (after a JPEG's reduced decoding): with the
#: conversions to print samples a build stays within 300 MiB (issue 21). A 3,600-pixel square
#: colour photo fits; a 9,400-pixel square RGBA PNG (353 MB decoded from 270 KB) does not.
MAX_DECODED_BYTES = 40 * 2**20
#: Pictures are decoded to no more than this resolution at the largest size they can be printed
#: (the measure's width, a page's height): 300 ppi is what print asks for, more is not seen.
DECODE_PPI = 300
_BANDS = {"1": 1, "L": 1, "P": 1, "I;16": 2, "I;16B": 2, "I;16L": 2, "I;16N": 2, "I": 4, "F": 4, "LA": 2, "La": 2,
          "PA": 2, "RGB": 3, "YCbCr": 3, "LAB": 3, "HSV": 3, "RGBA": 4, "RGBa": 4, "RGBX": 4, "CMYK": 4}


class PictureProblem(Exception):
    """A picture file that cannot be used, said in the editor's words (`message`, `hint`)."""

    def __init__(self, message: Message, hint: Message | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def check_file(path: Path) -> None:
    """Refuse what is not a readable regular file, naming what it is (a folder, a FIFO, a
    device, a socket; a name too long for the file system; a file without read permission).
    A missing file is FileNotFoundError (the caller suggests a near name)."""
    import errno
    import os
    import stat

    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            raise PictureProblem(Message("picture.name_too_long", n=len(path.name)), Message("hint.picture_rename")) from None
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            raise FileNotFoundError(path) from None
        raise PictureProblem(Message("picture.unreadable", why=exc.strerror or type(exc).__name__),
                             Message("hint.picture_permission")) from None
    kind = ("folder" if stat.S_ISDIR(mode) else "fifo" if stat.S_ISFIFO(mode) else
            "device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "socket" if stat.S_ISSOCK(mode) else None)
    if kind:
        raise PictureProblem(Message(f"picture.{kind}"), Message("hint.picture_file"))
    if not os.access(path, os.R_OK):
        raise PictureProblem(Message("picture.unreadable", why="permission denied"), Message("hint.picture_permission"))


@contextmanager
def opened(path, need: tuple[int, int] | None = None):
    """The picture opened lazily (only its header read), its size checked against the decoding
    budget before a pixel is decoded; a JPEG set to decode reduced (by 1/2, 1/4 or 1/8, libjpeg's
    scaled DCT) to no less than `need` pixels, or as reduced as it goes when `need` is None (a
    first check before the layout is known). Pillow's own bomb warning is never printed: the
    budget here is the stricter one, said with the picture's size."""
    import warnings

    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            im = Image.open(path)
    except Image.DecompressionBombError as exc:
        pixels = re.search(r"\((\d+) pixels\)", str(exc))
        raise PictureProblem(Message("picture.too_many_pixels", pixels=f"{int(pixels.group(1)):,}" if pixels else "?"),
                             Message("hint.picture_smaller")) from None
    with im:
        width, height = im.size
        if im.format in ("JPEG", "MPO") and _length(path) * 8 < width * height // 64:
            # JPEG codes each 8×8 block of pixels in at least one bit: a file shorter than that
            # is cut off or its header lies; libjpeg would print the missing part as gray
            raise PictureProblem(Message("picture.cut_short", width=width, height=height, size=f"{_length(path):,}"),
                                 Message("hint.picture_again"))
        if im.format in ("JPEG", "MPO"):
            w, h = need if need else (1, 1)
            scale = max(1.0, width / max(w, 1), height / max(h, 1))     # printed at most w × h pixels
            im.draft(im.mode, (math.ceil(width / scale), math.ceil(height / scale)))
        decoded = im.size[0] * im.size[1] * _BANDS.get(im.mode, 4)
        if decoded > MAX_DECODED_BYTES:
            raise PictureProblem(Message("picture.too_large", width=width, height=height,
                                         mb=decoded // 2**20, most=MAX_DECODED_BYTES // 2**20),
                                 Message("hint.picture_smaller"))
        yield im


def _length(path) -> int:
    """Bytes in the picture file (a path, or a file object such as a Word part's BytesIO)."""
    if hasattr(path, "seek"):
        at = path.tell()
        size = path.seek(0, io.SEEK_END)
        path.seek(at)
        return size
    import os
    return os.path.getsize(path)


def need_for(width_pt: float, height_pt: float) -> tuple[int, int]:
    """Pixels a picture needs to print at DECODE_PPI at most `width_pt` × `height_pt`."""
    return math.ceil(width_pt / 72 * DECODE_PPI), math.ceil(height_pt / 72 * DECODE_PPI)


@functools.lru_cache(maxsize=64)
def print_image(path: str, need: tuple[int, int] | None = None) -> PrintImage:
    """The file as print samples (see the module's rules), decoded within the budget and
    reduced to what printing at most `need` pixels uses. Cached: a picture used twice, or
    composed twice for contents page numbers, is converted once."""
    from PIL import Image, ImageChops, ImageCms, ImageOps

    notes: list[Message] = []
    with opened(path, need) as im:
        im.load()
        icc = im.info.get("icc_profile")
        keyed = "transparency" in im.info
        if im.getexif().get(0x0112, 1) != 1:          # a phone's portrait photo stands upright (EXIF Orientation)
            im = ImageOps.exif_transpose(im)
        if need:
            factor = max(im.width / need[0], im.height / need[1])
            if factor > 1.25:                 # more pixels than printing at DECODE_PPI uses
                im = (im if im.mode not in ("P", "1") and not keyed else im.convert("RGBA"))
                im = im.resize((max(1, round(im.width / factor)), max(1, round(im.height / factor))),
                               Image.Resampling.LANCZOS, reducing_gap=2.0)
        if im.mode in ("P", "PA", "LA", "RGBA", "La", "RGBa") or keyed:
            im = _on_white(im.convert("RGBA"))
        if im.mode in ("1", "L", "I", "I;16", "I;16B", "I;16L", "I;16N", "F"):
            return _pack(path, _eight_bit(im), ImageColour.GRAY)
        if im.mode == "CMYK":
            return _pack(path, im, ImageColour.CMYK)
        im = im.convert("RGB")
        r, g, b = im.split()
        if ImageChops.difference(r, g).getbbox() is None and ImageChops.difference(g, b).getbbox() is None:
            return _pack(path, r, ImageColour.GRAY)          # neutral pixels only: black plate
        source = None
        if icc:
            try:
                source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            except (OSError, ValueError, TypeError, ImageCms.PyCMSError):
                notes.append(Message("picture.broken_icc"))
        source = source or ImageCms.createProfile("sRGB")
        target = ImageCms.ImageCmsProfile(str(OUTPUT_PROFILE))
        try:
            cmyk = ImageCms.profileToProfile(im, source, target, renderingIntent=ImageCms.Intent.PERCEPTUAL,
                                             outputMode="CMYK")
        except ImageCms.PyCMSError:      # a profile that reads but cannot transform (not an RGB one)
            notes.append(Message("picture.broken_icc"))
            cmyk = ImageCms.profileToProfile(im, ImageCms.createProfile("sRGB"), target,
                                             renderingIntent=ImageCms.Intent.PERCEPTUAL, outputMode="CMYK")
        return _pack(path, cmyk, ImageColour.CMYK, tuple(notes))


def _eight_bit(im):
    """One 8-bit gray channel. A 16-bit sample (PNG and TIFF store 0–65535) is scaled by
    255/65535, not clipped at 255 (which printed every light 16-bit picture white); a 32-bit
    integer or float one by its own range."""
    if im.mode in ("1", "L"):
        return im.convert("L")
    if im.mode.startswith("I;16"):
        top = 65535
    else:
        lo, hi = im.getextrema()
        top = 1.0 if im.mode == "F" and hi <= 1.0 else 65535 if hi > 255 else 255
    return im.convert("F").point(lambda v: v * (255.0 / top)).convert("L")


def _on_white(im):
    from PIL import Image

    white = Image.new("RGB", im.size, (255, 255, 255))
    white.paste(im, mask=im.getchannel("A"))
    return white


def _pack(path: str, im, colour: ImageColour, notes: tuple[Message, ...] = ()) -> PrintImage:
    return PrintImage(str(path), im.width, im.height, colour, zlib.compress(im.tobytes(), 6), notes)
