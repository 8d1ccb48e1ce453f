"""Hostile input, second round (issue 21): pictures. Each picture is made here with Pillow, put
in an issue as a figure and built by the real CLI (5 s of CPU, 300 MiB peak): a picture too big
to decode is refused by its header, before decoding; a JPEG is decoded reduced; what is not a
picture file is named for what it is; 16-bit, EXIF-rotated, palette and damaged-profile pictures
print as they look."""

from __future__ import annotations

import io
import os
import struct

import pikepdf
import pytest
from PIL import Image

from .fuzzing import BASE_ISSUE, run_cli
from .test_hostile import BUILD, LIMIT_MIB, line_of, refused, work  # noqa: F401  (work is a fixture)
from .test_hostile_blocks import BODY_LINE, built


def figure(work, name: str) -> int:
    """The base issue with a figure of `name`; returns the line of `image:`."""
    text = BASE_ISSUE.replace(BODY_LINE, BODY_LINE + f"          - figure:\n              image: {name}\n")
    (work / "issue.yaml").write_text(text, encoding="utf-8")
    return line_of(text, "image: ")


def placed_images(work) -> list[pikepdf.PdfImage]:
    with pikepdf.open(work / "out.pdf") as pdf:
        out = []
        for page in pdf.pages:
            for _name, raw in page.images.items():
                out.append((int(raw.Width), int(raw.Height), str(raw.ColorSpace),
                            pikepdf.PdfImage(raw).as_pil_image().copy()))
        return out


def jpeg_claiming(width: int, height: int) -> bytes:
    """A tiny real JPEG whose frame header (SOF0) claims `width`×`height`: the data stops long before."""
    buf = io.BytesIO()
    Image.new("RGB", (16, 16), (200, 30, 30)).save(buf, "JPEG", quality=50)
    data = bytearray(buf.getvalue())
    sof = data.index(b"\xff\xc0")
    data[sof + 5:sof + 9] = struct.pack(">HH", height, width)
    return bytes(data)


# ----------------------------------------------------------------------------- too big to decode

def test_a_9400_pixel_square_rgba_png_is_refused_by_its_header(work):
    Image.new("RGBA", (9400, 9400), (0, 0, 0, 0)).save(work / "huge.png", optimize=False, compress_level=9)
    assert (work / "huge.png").stat().st_size < 2_000_000
    line = figure(work, "huge.png")
    err = refused(work, BUILD, "issue.yaml", line, None, "9400×9400 pixels")
    assert "DecompressionBomb" not in err


def test_a_661_byte_jpeg_claiming_13000_pixels_square(work):
    (work / "claim.jpg").write_bytes(jpeg_claiming(13000, 13000))
    line = figure(work, "claim.jpg")
    code, _out, err, rss = run_cli(BUILD, work)
    assert "DecompressionBomb" not in err and "Traceback" not in err, err
    assert rss <= LIMIT_MIB, f"peak {rss:.0f} MiB"
    assert code == 2, err
    assert err.startswith(f"error: issue.yaml:{line}:"), err


def test_a_jpeg_claiming_60000_pixels_square(work):
    (work / "claim.jpg").write_bytes(jpeg_claiming(60000, 60000))
    line = figure(work, "claim.jpg")
    err = refused(work, BUILD, "issue.yaml", line, None, "pixels")
    assert "DecompressionBomb" not in err


def test_a_big_jpeg_is_decoded_reduced(work):
    """A 6000×4500 photo (27 Mpx, 81 MB as RGB) needs no more than 300 ppi at the 156 mm measure:
    ~1,850 pixels wide. Decoded by libjpeg at 1/2 or 1/4 it builds within the cap."""
    import random
    rnd = random.Random(4)
    small = Image.new("RGB", (60, 45))
    small.putdata([(rnd.randrange(256), rnd.randrange(256), rnd.randrange(256)) for _ in range(60 * 45)])
    small.resize((6000, 4500)).save(work / "photo.jpg", quality=80)
    figure(work, "photo.jpg")
    built(work)
    (width, height, _cs, _im), = placed_images(work)
    assert 1800 <= width <= 3000 and width / height == pytest.approx(6000 / 4500, rel=0.01)


# ----------------------------------------------------------------------------- what the file is

@pytest.mark.parametrize("kind, message", [("folder", "folder"), ("fifo", "pipe (FIFO)"), ("device", "device")])
def test_what_is_not_a_picture_file_is_named(work, kind, message):
    if kind == "folder":
        (work / "fig.png").mkdir()
        name = "fig.png"
    elif kind == "fifo":
        os.mkfifo(work / "fig.png")
        name = "fig.png"
    else:
        name = "/dev/zero"
    refused(work, BUILD, "issue.yaml", figure(work, name), None, message)


def test_an_unreadable_picture_is_named_unreadable(tmp_path, monkeypatch):
    """(The suite runs as root, whom permissions do not stop: the refusal is simulated at os.stat.)"""
    import errno

    from bulletin_pdf import images

    def denied(path, *a, **k):
        raise PermissionError(errno.EACCES, "Permission denied", str(path))
    monkeypatch.setattr(images.os if hasattr(images, "os") else os, "stat", denied)
    with pytest.raises(images.PictureProblem) as problem:
        images.check_file(tmp_path / "x.png")
    assert "cannot be opened (Permission denied)" in problem.value.message


# ----------------------------------------------------------------------------- printed as it looks

def test_a_16_bit_grayscale_png_prints_gray_not_white(work):
    im = Image.new("I;16", (1400, 1000))
    im.putdata([30000] * (1400 * 1000))
    im.save(work / "gray16.png")
    assert Image.open(work / "gray16.png").mode.startswith("I")
    figure(work, "gray16.png")
    built(work)
    (_w, _h, colour, pixels), = placed_images(work)
    assert colour == "/DeviceGray"
    # 30000 of 65535 is 46 % of white: 117 of 255 (clipping at 255 printed it 255, white)
    assert abs(pixels.getpixel((10, 10)) - 30000 * 255 / 65535) <= 1


def test_a_portrait_phone_photo_stands_upright(work):
    """EXIF orientation 6: the sensor's landscape pixels are shown turned 90° clockwise."""
    stored = Image.new("RGB", (1800, 1200), (255, 255, 255))
    stored.paste((0, 0, 0), (0, 0, 900, 1200))        # left half black as stored…
    exif = Image.Exif()
    exif[0x0112] = 6
    stored.save(work / "phone.jpg", exif=exif, quality=90)
    figure(work, "phone.jpg")
    built(work)
    (width, height, _cs, pixels), = placed_images(work)
    assert width < height                              # portrait, as the phone showed it
    gray = pixels.convert("L")
    assert gray.getpixel((width // 2, height // 4)) < 60      # …is the top half when turned clockwise
    assert gray.getpixel((width // 2, 3 * height // 4)) > 200


def test_a_palette_picture_with_transparency_is_flattened_on_white(work):
    im = Image.new("P", (1400, 1000), 1)
    im.putpalette([0, 0, 0, 200, 0, 0] + [0] * 762)
    im.paste(0, (0, 0, 700, 1000))
    im.info["transparency"] = 0
    im.save(work / "pal.png", transparency=0)
    figure(work, "pal.png")
    built(work)
    (_w, _h, colour, pixels), = placed_images(work)
    assert colour == "/DeviceCMYK"
    assert pixels.getpixel((10, 10)) == (0, 0, 0, 0)          # transparent: the paper's white, no ink
    c, m, y, k = pixels.getpixel((1390, 500))
    assert m > 150 and c < 60                                  # the red half: magenta and yellow


def test_a_cmyk_picture_is_kept_cmyk(work):
    Image.new("CMYK", (1400, 1000), (10, 200, 30, 5)).save(work / "cmyk.jpg", quality=95)
    figure(work, "cmyk.jpg")
    built(work)
    (_w, _h, colour, pixels), = placed_images(work)
    assert colour == "/DeviceCMYK"
    assert all(abs(a - b) <= 6 for a, b in zip(pixels.getpixel((700, 500)), (10, 200, 30, 5)))


def test_a_broken_icc_profile_falls_back_to_srgb_with_a_warning(work):
    Image.new("RGB", (800, 600), (200, 30, 30)).save(work / "icc.png", icc_profile=b"not a profile at all" * 10)
    line = figure(work, "icc.png")
    err = built(work)
    assert f"issue.yaml:{line}" in err and "colour profile (ICC) is damaged" in err, err
    (_w, _h, colour, _pixels), = placed_images(work)
    assert colour == "/DeviceCMYK"
