"""Draws the pictures that belong to some example posts (memes, story screenshots, flyers, photo-like scenes).

Every picture is made here from simple shapes and the DejaVu fonts, so the project owns it: no photo of a real
person or event, no third-party image. Output is deterministic (no randomness, no timestamps, no metadata) and
goes to cms/content/images/<key>.png, each a palette PNG well under 80 KB.

    .venv/bin/python scripts/make_post_images.py            # all pictures
    .venv/bin/python scripts/make_post_images.py dr-22      # only these keys

The words in a picture must also be in the post's `image_alt` (cms/content/scenarios_*.yaml): the alt text carries
every word a sighted reader sees. Change both together. Fonts: Debian's fonts-dejavu-core
(`apt-get install -y fonts-dejavu-core` if /usr/share/fonts/truetype/dejavu is missing).
"""

import math
import sys
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "cms" / "content" / "images"
FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu")]
MAX_BYTES = 80 * 1024
W = 640

# ---------------------------------------------------------------------------------------------------- helpers


def font(size: int, style: str = "Sans-Bold") -> ImageFont.FreeTypeFont:
    for folder in FONT_DIRS:
        path = folder / f"DejaVu{style}.ttf"
        if path.exists():
            return ImageFont.truetype(str(path), size)
    sys.exit("DejaVu fonts not found: run `apt-get install -y fonts-dejavu-core`.")


def wrap(draw: ImageDraw.ImageDraw, text: str, face: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if draw.textlength(trial, font=face) <= width or not line:
            line = trial
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def centred(
    draw,
    y: int,
    text: str,
    face,
    fill,
    width: int = W - 80,
    x0: int = 0,
    x1: int = W,
    gap: int = 8,
    stroke: int = 0,
    stroke_fill=None,
) -> int:
    """Draws wrapped, centred text from y; returns the y below it."""
    for line in wrap(draw, text, face, width):
        box = draw.textbbox((0, 0), line, font=face, stroke_width=stroke)
        x = x0 + (x1 - x0 - (box[2] - box[0])) // 2
        draw.text((x, y), line, font=face, fill=fill, stroke_width=stroke, stroke_fill=stroke_fill)
        y += box[3] - box[1] + gap
    return y


def vertical_gradient(img: Image.Image, top: tuple, bottom: tuple, y0: int = 0, y1: int | None = None) -> None:
    draw = ImageDraw.Draw(img)
    y1 = img.height if y1 is None else y1
    for y in range(y0, y1):
        t = (y - y0) / max(1, y1 - y0 - 1)
        colour = tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (img.width, y)], fill=colour)


def story_frame(img: Image.Image, segments: int = 3, active: int = 1) -> None:
    """The progress bars and round avatar of a short-video app's story."""
    draw = ImageDraw.Draw(img)
    seg = (W - 40 - (segments - 1) * 6) // segments
    for i in range(segments):
        x = 20 + i * (seg + 6)
        draw.rounded_rectangle([x, 14, x + seg, 18], 2, fill=(255, 255, 255) if i < active else (150, 150, 150))
    draw.ellipse([20, 30, 52, 62], fill=(200, 200, 200), outline=(255, 255, 255), width=2)
    draw.rounded_rectangle([62, 40, 170, 52], 6, fill=(220, 220, 220))


def label(draw, xy: tuple[int, int], text: str, face, fg, bg, pad: int = 8) -> None:
    box = draw.textbbox(xy, text, font=face)
    draw.rounded_rectangle([box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad], 8, fill=bg)
    draw.text(xy, text, font=face, fill=fg)


def school(draw, x: int, y: int, w: int, h: int, name: str | None = None) -> None:
    """A flat-roofed school building with a grid of windows and a door."""
    draw.rectangle([x, y, x + w, y + h], fill=(176, 120, 92), outline=(110, 70, 52), width=3)
    draw.rectangle([x - 8, y - 12, x + w + 8, y], fill=(90, 90, 96))
    cols, rows = max(3, w // 70), max(2, h // 70)
    for r in range(rows):
        for c in range(cols):
            wx = x + 18 + c * ((w - 36) // cols)
            wy = y + 28 + r * ((h - 70) // rows)
            draw.rectangle([wx, wy, wx + 34, wy + 26], fill=(190, 215, 230), outline=(70, 60, 55), width=2)
    dx = x + w // 2 - 24
    draw.rectangle([dx, y + h - 60, dx + 48, y + h], fill=(70, 80, 100))
    if name:
        face = font(20)
        box = draw.textbbox((0, 0), name, font=face)
        bw = box[2] - box[0] + 24
        bx = x + (w - bw) // 2
        draw.rectangle([bx, y + h - 96, bx + bw, y + h - 66], fill=(245, 245, 240), outline=(60, 60, 60), width=2)
        draw.text((bx + 12, y + h - 93), name, font=face, fill=(30, 30, 30))


def car(draw, x: int, y: int, body: tuple, scale: float = 1.0, roof_light: bool = False, stripes: bool = False):
    def s(v: float) -> int:
        return round(v * scale)

    draw.rounded_rectangle([x, y + s(34), x + s(230), y + s(84)], s(16), fill=body)
    draw.polygon([(x + s(42), y + s(36)), (x + s(76), y), (x + s(160), y), (x + s(196), y + s(36))], fill=body)
    draw.polygon(
        [(x + s(58), y + s(34)), (x + s(82), y + s(8)), (x + s(114), y + s(8)), (x + s(114), y + s(34))],
        fill=(170, 200, 220),
    )
    draw.polygon(
        [(x + s(122), y + s(34)), (x + s(122), y + s(8)), (x + s(154), y + s(8)), (x + s(180), y + s(34))],
        fill=(170, 200, 220),
    )
    if stripes:
        draw.rectangle([x + s(8), y + s(52), x + s(222), y + s(60)], fill=(30, 60, 160))
        draw.rectangle([x + s(8), y + s(62), x + s(222), y + s(66)], fill=(240, 130, 30))
    if roof_light:
        draw.rounded_rectangle([x + s(104), y - s(10), x + s(134), y], s(3), fill=(40, 90, 230))
    for wx in (x + s(52), x + s(178)):
        draw.ellipse([wx - s(22), y + s(66), wx + s(22), y + s(110)], fill=(25, 25, 28))
        draw.ellipse([wx - s(9), y + s(79), wx + s(9), y + s(97)], fill=(150, 150, 155))


def finish(img: Image.Image, colours: int = 64) -> Image.Image:
    return img.convert("RGB").quantize(colors=colours, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)


def text_card(
    bg_top: tuple, bg_bottom: tuple, lines: list[tuple[str, int, tuple]], height: int = 480, story: bool = True
) -> Image.Image:
    """A story or flyer: a coloured background with big centred lines of (text, size, colour)."""
    img = Image.new("RGB", (W, height))
    vertical_gradient(img, bg_top, bg_bottom)
    if story:
        story_frame(img)
    draw = ImageDraw.Draw(img)
    faces = [(t, font(size), colour) for t, size, colour in lines]
    total = sum(sum(draw.textbbox((0, 0), ln, font=f)[3] + 14 for ln in wrap(draw, t, f, W - 80)) for t, f, _ in faces)
    y = max(80 if story else 30, (height - total) // 2)
    for text, face, colour in faces:
        y = centred(draw, y, text, face, colour, gap=14)
    return img


# ---------------------------------------------------------------------------------------------------- pictures


def dr_21() -> Image.Image:
    img = Image.new("RGB", (W, 480), (12, 12, 14))
    story_frame(img, active=2)
    draw = ImageDraw.Draw(img)
    y = centred(draw, 150, "schietpartij op het Lindewaard College morgen 10.15 uur??", font(34), (255, 255, 255))
    centred(draw, y + 30, "blijf maar thuis", font(26, "Sans"), (235, 235, 235))
    return img


def dr_22() -> Image.Image:
    img = Image.new("RGB", (W, 420))
    vertical_gradient(img, (60, 30, 40), (230, 120, 60), 0, 300)
    draw = ImageDraw.Draw(img)
    draw.rectangle([0, 300, W, 420], fill=(70, 90, 60))
    for cx, cy, r in [(210, 110, 60), (300, 70, 80), (410, 100, 66), (500, 140, 50), (150, 150, 44)]:
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=(85, 80, 88))
    school(draw, 120, 170, 400, 180, "Haverdam Lyceum")
    for base, height in [(150, 150), (230, 190), (320, 220), (400, 180), (480, 140)]:
        draw.polygon([(base - 46, 200), (base, 200 - height), (base + 46, 200)], fill=(235, 80, 30))
        draw.polygon([(base - 26, 200), (base, 200 - height * 0.6), (base + 26, 200)], fill=(255, 200, 60))
    label(draw, (W - 150, 380), "AI-gemaakt", font(18), (255, 255, 255), (20, 20, 20))
    return img


def dr_24() -> Image.Image:
    """A screenshot of a group chat on a phone: header, one incoming bubble with sender and time."""
    img = Image.new("RGB", (W, 440), (236, 229, 221))
    draw = ImageDraw.Draw(img)
    draw.rectangle([0, 0, W, 64], fill=(50, 90, 160))
    draw.text((20, 14), "<", font=font(28), fill=(255, 255, 255))
    draw.ellipse([52, 12, 92, 52], fill=(200, 220, 215))
    draw.text((106, 18), "Klas 1B", font=font(24), fill=(255, 255, 255))
    face = font(24, "Sans")
    lines = wrap(
        draw,
        "morgen 2e uur knal ik iedereen neer op het Haverdam Lyceum. ik heb het pistool van mn oom. "
        "niet komen als je wil leven",
        face,
        470,
    )
    height = 44 + 32 * len(lines) + 30
    draw.rounded_rectangle([24, 96, 530, 96 + height], 14, fill=(255, 255, 255))
    draw.text((42, 108), "Onbekend nummer", font=font(20), fill=(190, 60, 60))
    for n, line in enumerate(lines):
        draw.text((42, 142 + 32 * n), line, font=face, fill=(20, 20, 20))
    draw.text((462, 96 + height - 28), "21:52", font=font(16, "Sans"), fill=(120, 120, 120))
    draw.rounded_rectangle([16, 380, W - 80, 428], 24, fill=(255, 255, 255))
    draw.ellipse([W - 68, 380, W - 20, 428], fill=(50, 90, 160))
    return img


def dr_27() -> Image.Image:
    img = Image.new("RGB", (W, 420))
    vertical_gradient(img, (10, 14, 40), (40, 46, 80), 0, 260)
    draw = ImageDraw.Draw(img)
    draw.rectangle([0, 260, W, 420], fill=(45, 45, 50))
    draw.rectangle([0, 250, W, 262], fill=(80, 80, 86))
    for hx, hw, hh in [(0, 150, 150), (150, 180, 190), (330, 160, 160), (490, 150, 175)]:
        draw.rectangle([hx, 250 - hh, hx + hw, 250], fill=(58, 52, 60), outline=(30, 28, 34))
        draw.polygon([(hx, 250 - hh), (hx + hw // 2, 250 - hh - 50), (hx + hw, 250 - hh)], fill=(48, 40, 48))
        draw.rectangle([hx + 24, 250 - hh + 40, hx + 64, 250 - hh + 80], fill=(230, 200, 110))
    draw.rectangle([200, 180, 240, 250], fill=(30, 30, 40))
    label(draw, (254, 196), "12", font(22), (20, 20, 20), (225, 225, 215), pad=5)
    draw.line([(580, 250), (580, 120)], fill=(90, 90, 95), width=6)
    draw.ellipse([555, 100, 605, 130], fill=(255, 240, 180))
    car(draw, 250, 270, (40, 90, 190), scale=1.1)
    draw.rectangle([0, 372, W, 420], fill=(0, 0, 0))
    centred(draw, 380, "we zien je", font(28), (255, 255, 255))
    return img


def dr_37() -> Image.Image:
    img = Image.new("RGB", (W, 520), (255, 255, 255))
    draw = ImageDraw.Draw(img)
    impact = font(44)
    centred(draw, 16, "TYGO. MORGEN NA SCHOOL.", impact, (255, 255, 255), stroke=4, stroke_fill=(0, 0, 0))
    cx, cy = W // 2, 270
    draw.ellipse([cx - 120, cy - 120, cx + 120, cy + 120], fill=(250, 205, 60), outline=(0, 0, 0), width=5)
    draw.line([(cx - 80, cy - 60), (cx - 20, cy - 30)], fill=(0, 0, 0), width=12)
    draw.line([(cx + 80, cy - 60), (cx + 20, cy - 30)], fill=(0, 0, 0), width=12)
    draw.ellipse([cx - 62, cy - 24, cx - 30, cy + 8], fill=(0, 0, 0))
    draw.ellipse([cx + 30, cy - 24, cx + 62, cy + 8], fill=(0, 0, 0))
    draw.arc([cx - 60, cy + 40, cx + 60, cy + 110], 200, 340, fill=(0, 0, 0), width=10)
    centred(draw, 410, "BIJ HET HEK. JIJ BENT DOOD.", impact, (255, 255, 255), stroke=4, stroke_fill=(0, 0, 0))
    return img


def or_20() -> Image.Image:
    img = Image.new("RGB", (W, 440), (226, 238, 214))
    draw = ImageDraw.Draw(img)
    y = centred(draw, 24, "MORGEN 05.30 UUR", font(46), (20, 60, 20))
    centred(draw, y + 4, "DC HAVENWEG", font(38), (20, 60, 20))
    tx, ty = 200, 180
    draw.rectangle([tx, ty + 40, tx + 150, ty + 120], fill=(40, 130, 50), outline=(0, 0, 0), width=3)
    draw.rectangle([tx + 90, ty, tx + 150, ty + 60], fill=(190, 220, 230), outline=(0, 0, 0), width=3)
    draw.rectangle([tx + 150, ty + 70, tx + 240, ty + 120], fill=(40, 130, 50), outline=(0, 0, 0), width=3)
    draw.ellipse([tx + 10, ty + 70, tx + 110, ty + 170], fill=(30, 30, 30))
    draw.ellipse([tx + 40, ty + 100, tx + 80, ty + 140], fill=(220, 180, 40))
    draw.ellipse([tx + 180, ty + 110, tx + 240, ty + 170], fill=(30, 30, 30))
    draw.ellipse([tx + 198, ty + 128, tx + 222, ty + 152], fill=(220, 180, 40))
    centred(draw, 370, "NIEMAND ERIN, NIEMAND ERUIT.", font(32), (160, 20, 20))
    return img


def or_24() -> Image.Image:
    img = Image.new("RGB", (W, 520), (250, 250, 250))
    draw = ImageDraw.Draw(img)
    draw.rectangle([0, 0, W, 70], fill=(22, 52, 140))
    draw.text((28, 12), "POLITIE", font=font(40), fill=(255, 255, 255))
    centred(draw, 86, "GEZOCHT", font(58), (200, 20, 20))
    cx = W // 2 + 6  # a little off-centre, as a home-made poster often is
    draw.rectangle([cx - 130, 170, cx + 130, 430], fill=(225, 225, 225), outline=(120, 120, 120), width=2)
    draw.ellipse([cx - 55, 200, cx + 55, 310], fill=(110, 110, 115))
    draw.pieslice([cx - 110, 300, cx + 110, 520], 180, 360, fill=(110, 110, 115))
    draw.rectangle([cx - 131, 430, cx + 131, 440], fill=(250, 250, 250))
    centred(draw, 456, "Daniël - Haverdam Lyceum", font(30, "Sans"), (20, 20, 20))
    return img


def or_25() -> Image.Image:
    img = Image.new("RGB", (W, 460), (255, 222, 0))
    draw = ImageDraw.Draw(img)
    draw.rectangle([0, 0, W, 40], fill=(30, 30, 30))
    draw.text((16, 9), "Betaalde samenwerking met FrisBoost", font=font(18, "Sans"), fill=(255, 255, 255))
    y = centred(draw, 62, "GIVEAWAY", font(72), (20, 20, 20))
    y = centred(draw, y + 4, "ZATERDAG 14.00 UUR", font(34), (20, 20, 20))
    centred(draw, y + 2, "WINKELCENTRUM HAVERHOF", font(30), (20, 20, 20))
    for i, x in enumerate((60, 130, 470, 540)):
        top = 300 + (i % 2) * 16
        draw.rounded_rectangle([x, top, x + 48, top + 96], 10, fill=(30, 160, 220), outline=(20, 20, 20), width=3)
        draw.rectangle([x + 6, top + 36, x + 42, top + 56], fill=(255, 255, 255))
    label(draw, (196, 380), "500 EURO CASH", font(34), (255, 255, 255), (200, 30, 60), pad=12)
    return img


def or_26() -> Image.Image:
    red = (225, 30, 40)
    return text_card(
        (0, 0, 0),
        (25, 0, 0),
        [
            ("OOST VS WEST", 64, red),
            ("VRIJDAG 16.00", 44, red),
            ("SKATEPARK NOORD", 44, red),
            ("MASKERS OP.", 44, (255, 255, 255)),
        ],
        height=440,
        story=False,
    )


def or_36() -> Image.Image:
    img = Image.new("RGB", (W, 520))
    vertical_gradient(img, (70, 40, 120), (200, 70, 120))
    story_frame(img)
    draw = ImageDraw.Draw(img)
    centred(draw, 80, "niet van mij hoor, maar wie gaat??", font(28), (255, 255, 255))
    draw.rounded_rectangle([70, 150, W - 70, 490], 18, fill=(245, 245, 245))
    draw.ellipse([92, 168, 124, 200], fill=(170, 170, 170))
    draw.rounded_rectangle([134, 176, 300, 190], 6, fill=(200, 200, 200))
    y = 222
    for line in ["VRIJDAG 21.00 HAVERPLEIN", "NEEM VUURWERK MEE", "WE MAKEN ER EEN FEESTJE VAN", "DEEL DIT!"]:
        y = centred(draw, y, line, font(25), (20, 20, 20), width=W - 160, x0=70, x1=W - 70, gap=24)
    return img


def or_37() -> Image.Image:
    img = Image.new("RGB", (W, 460), (14, 14, 36))
    draw = ImageDraw.Draw(img)
    for cx, cy, r, colour in [
        (110, 120, 50, (255, 200, 40)),
        (520, 90, 60, (255, 80, 120)),
        (330, 116, 36, (120, 220, 255)),
    ]:
        for k in range(12):
            a = k * math.pi / 6
            draw.line([(cx, cy), (cx + r * math.cos(a), cy + r * math.sin(a))], fill=colour, width=4)
    bx, by = 170, 190
    draw.rounded_rectangle([bx, by, bx + 300, by + 130], 18, fill=(235, 235, 240))
    draw.rectangle([bx, by + 80, bx + 300, by + 96], fill=(30, 60, 160))
    for wx in range(bx + 20, bx + 260, 60):
        draw.rectangle([wx, by + 18, wx + 44, by + 60], fill=(120, 150, 170))
    for wx in (bx + 60, bx + 240):
        draw.ellipse([wx - 26, by + 110, wx + 26, by + 162], fill=(20, 20, 20))
    draw.rounded_rectangle([bx + 130, by - 16, bx + 170, by], 4, fill=(40, 90, 230))
    impact = font(38)
    centred(draw, 8, "OUDJAAR 00.30", impact, (255, 255, 255), stroke=3, stroke_fill=(0, 0, 0))
    y = centred(draw, 350, "PLEIN OOST.", impact, (255, 255, 255), stroke=3, stroke_fill=(0, 0, 0), gap=6)
    centred(draw, y, "RICHTEN OP DE BUS.", impact, (255, 220, 60), stroke=3, stroke_fill=(0, 0, 0))
    return img


def ta_04() -> Image.Image:
    img = Image.new("RGB", (W, 400), (250, 247, 238))
    draw = ImageDraw.Draw(img)
    label(draw, (30, 26), "SATIRE", font(22), (255, 255, 255), (200, 30, 30))
    y = 80
    for line in wrap(draw, "Burgemeester: kom zaterdag massaal het stadhuis bestormen", font(38, "Serif-Bold"), W - 60):
        draw.text((30, y), line, font=font(38, "Serif-Bold"), fill=(20, 20, 20))
        y += 50
    for i in range(3):
        draw.rectangle([30, y + 20 + i * 22, W - 30 - i * 90, y + 30 + i * 22], fill=(200, 196, 186))
    draw.line([(30, 340), (W - 30, 340)], fill=(60, 60, 60), width=2)
    draw.text((30, 350), "Haverdamse Hooivork", font=font(26, "Serif-Bold"), fill=(60, 60, 60))
    return img


def ta_10() -> Image.Image:
    white = (255, 255, 255)
    return text_card(
        (90, 40, 150),
        (150, 60, 190),
        [
            ("VERBODEN? BOEIT NIET.", 44, white),
            ("ZATERDAG 14.00.", 40, white),
            ("STADHUISPLEIN.", 40, white),
            ("WIJ BLIJVEN STAAN.", 44, white),
        ],
    )


def tb_04() -> Image.Image:
    img = Image.new("RGB", (W, 400), (252, 252, 250))
    draw = ImageDraw.Draw(img)
    draw.rectangle([0, 0, W, 56], fill=(150, 20, 30))
    draw.text((24, 12), "Lindewaards Dagblad", font=font(28, "Serif-Bold"), fill=(255, 255, 255))
    label(draw, (32, 90), "COLUMN", font(22), (255, 255, 255), (30, 70, 160))
    draw.text((32, 140), "Houd de school open", font=font(46, "Serif-Bold"), fill=(20, 20, 20))
    draw.ellipse([32, 230, 112, 310], fill=(200, 200, 205))
    draw.ellipse([56, 244, 88, 276], fill=(150, 150, 158))
    draw.pieslice([42, 274, 102, 334], 180, 360, fill=(150, 150, 158))
    for i in range(4):
        draw.rectangle([136, 240 + i * 22, W - 40 - (i % 2) * 120, 250 + i * 22], fill=(205, 205, 200))
    return img


def tb_10() -> Image.Image:
    dark = (15, 30, 15)
    return text_card(
        (60, 190, 90),
        (30, 140, 70),
        [("DONDERDAG 19.00.", 48, dark), ("HAVERHOF.", 52, dark), ("PAK WAT JE KAN.", 48, dark)],
    )


def tc_04() -> Image.Image:
    img = Image.new("RGB", (W, 380), (255, 190, 215))
    draw = ImageDraw.Draw(img)
    draw.rectangle([0, 0, W, 40], fill=(30, 30, 30))
    draw.text((16, 9), "Betaalde samenwerking met Haverpop Festival", font=font(18, "Sans"), fill=(255, 255, 255))
    y = centred(draw, 66, "RED HAVERPOP", font(62), (120, 0, 60))
    y = centred(draw, y + 6, "TEKEN DE PETITIE", font(36), (40, 20, 30))
    y = centred(draw, y + 2, "ZATERDAG 13.00", font(32), (40, 20, 30))
    centred(draw, y + 2, "STADHUISPLEIN", font(32), (40, 20, 30))
    for x, top in ((90, 260), (500, 250)):
        draw.ellipse([x, top + 60, x + 44, top + 96], fill=(120, 0, 60))
        draw.rectangle([x + 36, top, x + 44, top + 78], fill=(120, 0, 60))
        draw.polygon([(x + 44, top), (x + 76, top + 18), (x + 44, top + 30)], fill=(120, 0, 60))
    return img


def tc_10() -> Image.Image:
    dark = (30, 15, 5)
    return text_card(
        (255, 150, 40),
        (240, 100, 30),
        [
            ("HUIS VRIJ.", 56, dark),
            ("ZATERDAG 21.00.", 44, dark),
            ("LIJSTERLAAN 22.", 44, dark),
            ("WE SLOPEN DIE TENT.", 44, dark),
        ],
    )


PICTURES: dict[str, Callable[[], Image.Image]] = {
    "dr-21": dr_21,
    "dr-22": dr_22,
    "dr-24": dr_24,
    "dr-27": dr_27,
    "dr-37": dr_37,
    "or-20": or_20,
    "or-24": or_24,
    "or-25": or_25,
    "or-26": or_26,
    "or-36": or_36,
    "or-37": or_37,
    "ta-04": ta_04,
    "ta-10": ta_10,
    "tb-04": tb_04,
    "tb-10": tb_10,
    "tc-04": tc_04,
    "tc-10": tc_10,
}


def main(keys: list[str]) -> None:
    unknown = [key for key in keys if key not in PICTURES]
    if unknown:
        sys.exit(f"No picture for {', '.join(unknown)}; known: {', '.join(PICTURES)}")
    OUT.mkdir(parents=True, exist_ok=True)
    for key in keys or PICTURES:
        path = OUT / f"{key}.png"
        finish(PICTURES[key]()).save(path, "PNG", optimize=True)
        size = path.stat().st_size
        print(f"{path.relative_to(ROOT)}  {size // 1024} KB")
        if size > MAX_BYTES:
            sys.exit(f"{path.name} is {size} bytes, over the {MAX_BYTES}-byte budget")


if __name__ == "__main__":
    main(sys.argv[1:])
