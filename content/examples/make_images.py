"""Makes the two photographs of `report.yaml` (images/ beside it), deterministically with Pillow:
a colour view of a lakeside district and a grayscale view of a meeting hall. Run it again
with `.venv/bin/python content/examples/make_images.py`; the pictures are the project's own,
free to use with the project."""

from __future__ import annotations

import math
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

HERE = Path(__file__).resolve().parent / "images"


def lakeside(width: int = 1100, height: int = 700) -> Image.Image:
    """Sky, hills, a row of buildings and their reflection in a lake: RGB."""
    rnd = random.Random(2025)
    im = Image.new("RGB", (width, height))
    px = ImageDraw.Draw(im)
    horizon = int(height * 0.58)
    for y in range(horizon):                      # sky: blue to warm haze
        t = y / horizon
        px.line([(0, y), (width, y)], fill=(int(70 + 150 * t), int(130 + 90 * t), int(210 + 20 * t)))
    px.ellipse([width * 0.75, 60, width * 0.75 + 90, 150], fill=(255, 226, 150))
    for layer, (colour, base, amp) in enumerate([((92, 128, 110), 0.42, 50), ((58, 102, 72), 0.50, 35)]):
        pts = [(0, height)]
        for x in range(0, width + 10, 10):
            y = height * base + amp * math.sin(x / (120 + 40 * layer) + layer) + rnd.uniform(-4, 4)
            pts.append((x, y))
        pts.append((width, height))
        px.polygon(pts, fill=colour)
    x = 40
    while x < width - 60:                        # buildings with lit windows
        w, h = rnd.randint(50, 110), rnd.randint(90, 230)
        shade = rnd.randint(150, 215)
        px.rectangle([x, horizon - h, x + w, horizon], fill=(shade, shade - 12, shade - 30))
        for wy in range(horizon - h + 10, horizon - 12, 18):
            for wx in range(x + 8, x + w - 10, 16):
                lit = rnd.random() < 0.4
                px.rectangle([wx, wy, wx + 7, wy + 9], fill=(250, 220, 120) if lit else (90, 110, 140))
        x += w + rnd.randint(6, 20)
    sky = im.crop((0, 0, width, horizon))
    water = sky.transpose(Image.Transpose.FLIP_TOP_BOTTOM).resize((width, height - horizon))
    tint = Image.new("RGB", water.size, (40, 90, 120))
    im.paste(Image.blend(water, tint, 0.45), (0, horizon))
    return im.filter(ImageFilter.GaussianBlur(0.6))


def meeting_hall(width: int = 900, height: int = 560) -> Image.Image:
    """Rows of seats before a rostrum under a lit ceiling: grayscale (mode L)."""
    rnd = random.Random(716)
    im = Image.new("L", (width, height), 200)
    px = ImageDraw.Draw(im)
    for y in range(height // 3):                  # ceiling light falling off
        px.line([(0, y), (width, y)], fill=int(235 - 60 * y / (height / 3)))
    px.rectangle([width * 0.3, height * 0.22, width * 0.7, height * 0.42], fill=120)       # rostrum backdrop
    px.rectangle([width * 0.38, height * 0.40, width * 0.62, height * 0.50], fill=70)      # desk
    for row in range(7):                          # seats in perspective
        y = int(height * 0.55 + row * row * 4 + row * 22)
        size = 14 + row * 3
        for k in range(-12, 13):
            x = int(width / 2 + k * (size + 8 + row * 2))
            if 0 < x < width:
                tone = rnd.randint(40, 90)
                px.rounded_rectangle([x - size // 2, y, x + size // 2, y + size], radius=4, fill=tone)
    return im.filter(ImageFilter.GaussianBlur(0.8))


def main() -> None:
    HERE.mkdir(exist_ok=True)
    lakeside().save(HERE / "lakeside.jpg", quality=82, optimize=True, dpi=(300, 300))
    meeting_hall().save(HERE / "meeting-hall.png", optimize=True, dpi=(300, 300))


if __name__ == "__main__":
    main()
