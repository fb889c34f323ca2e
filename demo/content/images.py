"""Stand-in pictures for the demo site, drawn with Pillow.

Each picture is a simple scene (a demonstration, a picket line, a train, a portrait...) made of
gradients and silhouettes, so the site looks illustrated without shipping or downloading photos.
Every scene is drawn from a seed, so the same spec always gives the same picture.
"""

import math
import random
import zlib
from io import BytesIO

from PIL import Image, ImageColor, ImageDraw, ImageFilter, ImageFont, ImageOps

WIDTH, HEIGHT = 1600, 1000

# Sky or wall colours (top, bottom), the colour of figures, and an accent for placards and signs.
PALETTES = {
    "dawn": ("#f3b27a", "#6d5a8c", "#231b2e", "#d7263d"),
    "grey": ("#c9ced6", "#7d8794", "#20242b", "#d7263d"),
    "dusk": ("#2b3a67", "#e08e6d", "#16141f", "#f2c14e"),
    "night": ("#0d1b2a", "#415a77", "#05080d", "#f2c14e"),
    "day": ("#9cc9e8", "#e6eef2", "#1f2a33", "#c1121f"),
    "storm": ("#4a5560", "#a3a9ad", "#161a1d", "#e63946"),
    "green": ("#a7c4a0", "#e8efe0", "#1d2b22", "#2a9d8f"),
    "red": ("#8d0801", "#e85d04", "#1a0a05", "#ffba08"),
}


def font(size):
    # Pillow's own font needs no system fonts, so the pictures look the same on every machine.
    return ImageFont.load_default(size=size)


def gradient(size, top, bottom):
    ramp = Image.linear_gradient("L").resize(size)
    return ImageOps.colorize(ramp, top, bottom).convert("RGB")


def person(draw, x, ground, height, colour):
    """A standing figure: head, shoulders and a coat, its feet on the ground line."""
    head = height * 0.13
    top = ground - height
    draw.ellipse([x - head / 2, top, x + head / 2, top + head * 1.15], fill=colour)
    shoulders = height * 0.28
    body_top = top + head * 1.1
    draw.rounded_rectangle(
        [x - shoulders / 2, body_top, x + shoulders / 2, ground - height * 0.38],
        radius=int(height * 0.07),
        fill=colour,
    )
    draw.polygon(
        [
            (x - shoulders * 0.42, ground - height * 0.42),
            (x + shoulders * 0.42, ground - height * 0.42),
            (x + shoulders * 0.3, ground),
            (x - shoulders * 0.3, ground),
        ],
        fill=colour,
    )


def placard(draw, x, top, width, text, colour, accent):
    height = width * 0.62
    draw.line([x, top + height, x, top + height * 2.4], fill=colour, width=max(3, int(width / 22)))
    box = [x - width / 2, top, x + width / 2, top + height]
    draw.rectangle(box, fill="#f4f1ea", outline=colour, width=2)
    # Hand-lettered in the accent colour, unless it is too pale to read on white card.
    label(draw, box, text, "#8d0801" if light(accent) else accent)


def label(draw, box, text, colour):
    """Text centred in a box, as large as fits."""
    left, top, right, bottom = box
    size = int((bottom - top) * 0.45)
    lines = text.split("\n")
    while size > 8:
        face = font(size)
        widest = max(draw.textlength(line, font=face) for line in lines)
        if widest < (right - left) * 0.86 and size * 1.15 * len(lines) < (bottom - top) * 0.9:
            break
        size -= 2
    draw.multiline_text(
        ((left + right) / 2, (top + bottom) / 2),
        text,
        font=font(size),
        fill=colour,
        anchor="mm",
        align="center",
        spacing=size // 5,
    )


def skyline(draw, rng, horizon, colour, lit=None):
    x = -20
    while x < WIDTH:
        width = rng.randint(60, 180)
        height = rng.randint(80, 330)
        draw.rectangle([x, horizon - height, x + width, horizon], fill=colour)
        if lit:
            for wy in range(horizon - height + 20, horizon - 20, 34):
                for wx in range(x + 12, x + width - 20, 28):
                    if rng.random() < 0.35:
                        draw.rectangle([wx, wy, wx + 12, wy + 16], fill=lit)
        x += width + rng.randint(-10, 20)


def crowd(draw, rng, ground, colour, accent, words, rows=4, placards=6, haze=None):
    """Rows of figures, further rows smaller, higher and hazier, with placards held above them."""
    front = 330
    for row in range(rows):
        depth = 1 - row / max(rows - 1, 1)
        height = front * (1 - 0.45 * depth)
        row_ground = ground - depth * 70 * (rows - 1)
        shade = blend(colour, haze, 0.4 * depth) if haze else colour
        x = rng.randint(-40, 20)
        while x < WIDTH + 40:
            person(draw, x, row_ground + rng.randint(-8, 8), height * rng.uniform(0.9, 1.08), shade)
            x += int(height * rng.uniform(0.24, 0.36))
    # Placards go up last, over the heads of the crowd.
    for i in range(placards if words else 0):
        px = int((i + 0.5) * WIDTH / placards + rng.randint(-50, 50))
        width = rng.randint(220, 280)
        top = ground - front * 1.15 - width * 0.62 - rng.randint(0, 90)
        placard(draw, px, top, width, words[i % len(words)], colour, accent)


def banner(draw, box, text, accent, pole_colour):
    """A banner carried on two poles."""
    left, top, right, bottom = box
    for x in (left + 10, right - 10):
        draw.line([x, top - 30, x, HEIGHT], fill=pole_colour, width=10)
    draw.rectangle(box, fill=accent)
    label(draw, box, text, ink_for(accent))


def light(colour):
    r, g, b = rgb(colour)
    return 0.299 * r + 0.587 * g + 0.114 * b > 150


def ink_for(background):
    """Black or white text, whichever reads better on the background."""
    return "#111111" if light(background) else "#f4f1ea"


def scene_crowd(img, draw, rng, spec, palette):
    _, _, figure, accent = palette
    skyline(draw, rng, 620, blend(figure, palette[1], 0.55))
    crowd(
        draw,
        rng,
        1000,
        figure,
        accent,
        spec.get("words"),
        placards=spec.get("placards", 5),
        haze=palette[1],
    )
    if spec.get("banner"):
        banner(draw, [260, 760, 1340, 900], spec["banner"], accent, figure)


def scene_picket(img, draw, rng, spec, palette):
    _, _, figure, accent = palette
    wall = blend(figure, palette[1], 0.35)
    draw.rectangle([0, 260, WIDTH, 860], fill=wall)
    for wx in range(60, WIDTH, 170):
        for wy in (320, 480):
            draw.rectangle([wx, wy, wx + 110, wy + 100], fill=blend(wall, palette[0], 0.4))
    # Depot gates, shut.
    draw.rectangle([560, 520, 1040, 860], fill=blend(figure, wall, 0.3))
    for gx in range(570, 1040, 28):
        draw.line([gx, 520, gx, 860], fill=blend(figure, palette[0], 0.25), width=6)
    # The brazier's glow.
    glow = Image.new("L", img.size, 0)
    ImageDraw.Draw(glow).ellipse([180, 640, 560, 980], fill=170)
    glow = glow.filter(ImageFilter.GaussianBlur(70))
    img.paste(Image.new("RGB", img.size, "#ff9a3c"), mask=glow)
    draw.rectangle([320, 820, 420, 930], fill=figure)
    for i in range(rng.randint(5, 8)):
        person(draw, 150 + i * rng.randint(170, 200), 1000, rng.randint(420, 500), figure)
    if spec.get("banner"):
        box = [640, 600, 1500, 760]
        draw.rectangle(box, fill="#f4f1ea", outline=figure, width=4)
        label(draw, box, spec["banner"], accent)


def scene_train(img, draw, rng, spec, palette):
    _, bottom, figure, accent = palette
    # Overhead line masts receding along the track.
    for i in range(7):
        x = 120 + i * 80
        draw.line([x, 200 + i * 40, x, 720], fill=figure, width=max(4, 16 - i * 2))
    draw.line([0, 230, 800, 430], fill=figure, width=3)
    # Platform in perspective.
    draw.polygon(
        [(900, 720), (1600, 640), (1600, 1000), (700, 1000)], fill=blend(bottom, "#777", 0.5)
    )
    draw.polygon([(880, 722), (1600, 640), (1600, 660), (860, 745)], fill="#f2c14e")
    draw.rectangle([0, 720, 900, 1000], fill=blend(figure, bottom, 0.2))
    # The train, nose towards us.
    livery = spec.get("livery", accent)
    draw.rounded_rectangle([300, 380, 860, 900], radius=80, fill=livery)
    draw.rounded_rectangle([360, 430, 800, 620], radius=40, fill=blend(figure, palette[0], 0.3))
    draw.rectangle([300, 700, 860, 760], fill="#f4f1ea")
    for hx in (380, 780):
        draw.ellipse([hx - 30, 790, hx + 30, 850], fill="#fff7d6")
    if spec.get("sign"):
        box = [1080, 300, 1540, 420]
        draw.rectangle(box, fill="#16324f")
        label(draw, box, spec["sign"], "#f4f1ea")
        draw.line([1310, 420, 1310, 660], fill=figure, width=10)
    for i in range(rng.randint(2, 4)):
        person(draw, 1000 + i * 150, 980 - i * 20, 380 - i * 30, figure)


def scene_tube(img, draw, rng, spec, palette):
    _, _, figure, accent = palette
    draw.rectangle([0, 0, WIDTH, HEIGHT], fill="#1c1b22")
    # Tunnel rings.
    for i, r in enumerate(range(720, 300, -60)):
        shade = blend("#3b3942", "#15141a", i / 8)
        draw.ellipse([800 - r, 620 - r, 800 + r, 620 + r], fill=shade)
    draw.ellipse([500, 320, 1100, 920], fill="#0b0a0e")
    # Train front: red and white.
    draw.rounded_rectangle([580, 420, 1020, 900], radius=60, fill="#e9e6e0")
    draw.rectangle([580, 720, 1020, 900], fill=spec.get("livery", "#c1121f"))
    draw.rounded_rectangle([630, 470, 970, 640], radius=24, fill="#22303c")
    for hx in (650, 950):
        draw.ellipse([hx - 24, 760, hx + 24, 808], fill="#fff7d6")
    # Platform edge and its yellow line.
    draw.polygon([(0, 860), (560, 900), (560, 1000), (0, 1000)], fill="#5a5650")
    draw.polygon([(1040, 900), (1600, 860), (1600, 1000), (1040, 1000)], fill="#5a5650")
    draw.line([0, 880, 560, 915], fill="#f2c14e", width=14)
    draw.line([1040, 915, 1600, 880], fill="#f2c14e", width=14)
    if spec.get("sign"):
        box = [80, 120, 460, 230]
        draw.rectangle(box, fill="#16324f")
        label(draw, box, spec["sign"], "#f4f1ea")
    for i in range(rng.randint(1, 3)):
        person(draw, 1200 + i * 130, 990, 430, "#0e0d12")


def scene_hospital(img, draw, rng, spec, palette):
    _, _, figure, accent = palette
    draw.rectangle([140, 180, 1460, 800], fill="#d9d4c7")
    for wx in range(190, 1420, 120):
        for wy in range(230, 700, 110):
            draw.rectangle([wx, wy, wx + 70, wy + 70], fill="#6f8aa3")
    box = [520, 120, 1080, 230]
    draw.rectangle(box, fill="#005eb8")
    label(draw, box, spec.get("sign", "HOSPITAL"), "#ffffff")
    crowd(draw, rng, 1000, figure, accent, spec.get("words"), rows=2, placards=4, haze="#d9d4c7")


def scene_city(img, draw, rng, spec, palette):
    _, _, figure, accent = palette
    if spec.get("smoke"):
        smoke = Image.new("L", img.size, 0)
        sd = ImageDraw.Draw(smoke)
        for i in range(14):
            x, y = 1100 - i * 30 + rng.randint(-40, 40), 600 - i * 45
            sd.ellipse([x - 90 - i * 10, y - 70, x + 90 + i * 10, y + 70], fill=150)
        smoke = smoke.filter(ImageFilter.GaussianBlur(30))
        img.paste(Image.new("RGB", img.size, "#3a3a3a"), mask=smoke)
    skyline(draw, rng, 760, blend(figure, palette[1], 0.4))
    skyline(draw, rng, 880, figure, lit=spec.get("lit"))
    draw.rectangle([0, 880, WIDTH, HEIGHT], fill=figure)
    if spec.get("words"):
        crowd(draw, rng, 1000, "#0a0a0a", accent, spec["words"], rows=2, placards=3)


def scene_turbines(img, draw, rng, spec, palette):
    _, bottom, figure, accent = palette
    draw.polygon(
        [(0, 700), (400, 620), (900, 690), (1300, 610), (1600, 660), (1600, 1000), (0, 1000)],
        fill=blend(figure, bottom, 0.45),
    )
    for i in range(5):
        x, top = 200 + i * 300 + rng.randint(-40, 40), rng.randint(180, 360)
        scale = 1 - i * 0.08
        draw.polygon([(x - 10, top), (x + 10, top), (x + 18, 900), (x - 18, 900)], fill="#eef1f3")
        angle = rng.uniform(0, 120)
        for blade in range(3):
            end = rotate(x, top, 260 * scale, angle + blade * 120)
            draw.line([x, top, *end], fill="#eef1f3", width=14)
        draw.ellipse([x - 16, top - 16, x + 16, top + 16], fill="#dfe4e8")
    draw.rectangle([0, 880, WIDTH, HEIGHT], fill=blend(figure, "#2d6a4f", 0.5))
    if spec.get("words"):
        crowd(draw, rng, 1000, figure, accent, spec["words"], rows=2, placards=4, haze=bottom)


def scene_factory(img, draw, rng, spec, palette):
    _, _, figure, accent = palette
    for cx in (260, 420, 1180):
        draw.rectangle([cx, 180, cx + 70, 700], fill=blend(figure, palette[1], 0.25))
        plume = Image.new("L", img.size, 0)
        ImageDraw.Draw(plume).ellipse([cx - 120, 40, cx + 260, 220], fill=120)
        plume = plume.filter(ImageFilter.GaussianBlur(40))
        img.paste(Image.new("RGB", img.size, "#b9b9b9"), mask=plume)
    draw.rectangle([100, 520, 1500, 860], fill=blend(figure, palette[1], 0.3))
    for x in range(100, 1500, 140):
        draw.polygon(
            [(x, 520), (x + 140, 520), (x + 140, 440)], fill=blend(figure, palette[1], 0.3)
        )
    if spec.get("banner"):
        box = [420, 540, 1180, 650]
        draw.rectangle(box, fill=accent)
        label(draw, box, spec["banner"], ink_for(accent))
    crowd(draw, rng, 1000, figure, accent, None, rows=2, haze=palette[1])


def scene_books(img, draw, rng, spec, palette):
    _, _, figure, accent = palette
    draw.rectangle([0, 760, WIDTH, HEIGHT], fill="#5b3a29")
    colours = ["#8d0801", "#2b3a67", "#f2c14e", "#264653", "#e9e6e0", "#6a994e", "#bc4749"]
    x = 80
    while x < WIDTH - 120:
        width, height = rng.randint(50, 110), rng.randint(420, 600)
        colour = rng.choice(colours)
        draw.rectangle([x, 760 - height, x + width, 760], fill=colour)
        draw.rectangle([x + 8, 760 - height + 40, x + width - 8, 760 - height + 60], fill=accent)
        x += width + rng.randint(2, 10)
    if spec.get("title"):
        box = [420, 300, 1180, 700]
        draw.rectangle(box, fill="#f4f1ea", outline=figure, width=6)
        label(draw, [440, 340, 1160, 660], spec["title"], figure)


def scene_meeting(img, draw, rng, spec, palette):
    _, _, figure, accent = palette
    box = [200, 140, 1400, 330]
    draw.rectangle(box, fill=accent)
    label(draw, box, spec.get("banner", "MEETING"), ink_for(accent))
    draw.rectangle([360, 520, 1240, 600], fill=blend(figure, palette[1], 0.4))
    for i in range(4):
        person(draw, 470 + i * 220, 560, 300, blend(figure, palette[1], 0.2))
    # Backs of heads in the audience.
    for row in range(3):
        for x in range(40 + row * 60, WIDTH, 150):
            r = 50 + row * 14
            y = 740 + row * 70
            draw.ellipse([x - r, y - r, x + r, y + r * 1.2], fill=figure)
            draw.rectangle([x - r * 1.4, y + r * 0.8, x + r * 1.4, HEIGHT], fill=figure)


def scene_portrait(img, draw, rng, spec, palette):
    figure = palette[2]
    glow = Image.new("L", img.size, 0)
    ImageDraw.Draw(glow).ellipse([300, 60, 1300, 900], fill=110)
    glow = glow.filter(ImageFilter.GaussianBlur(120))
    img.paste(Image.new("RGB", img.size, "#ffffff"), mask=glow)
    x = 800 + rng.randint(-80, 80)
    if spec.get("hair"):
        # Long hair: behind the head, falling to the shoulders.
        hair = blend(figure, "#000000", 0.45)
        draw.rounded_rectangle([x - 215, 150, x + 215, 760], radius=200, fill=hair)
    draw.ellipse([x - 170, 180, x + 170, 600], fill=figure)
    draw.rectangle([x - 80, 540, x + 80, 700], fill=figure)
    draw.rounded_rectangle([x - 420, 660, x + 420, 1200], radius=200, fill=figure)


def scene_logo(img, draw, rng, spec, palette):
    draw.rectangle([0, 0, img.width, img.height], fill=spec["colour"])
    draw.rectangle([0, img.height - 40, img.width, img.height], fill="#111111")
    label(draw, [40, 30, img.width - 40, img.height - 60], spec["text"], "#ffffff")


SCENES = {
    "crowd": scene_crowd,
    "picket": scene_picket,
    "train": scene_train,
    "tube": scene_tube,
    "hospital": scene_hospital,
    "city": scene_city,
    "turbines": scene_turbines,
    "factory": scene_factory,
    "books": scene_books,
    "meeting": scene_meeting,
    "portrait": scene_portrait,
    "logo": scene_logo,
}


def render(key, spec):
    """JPEG bytes of the picture described by spec (see content.IMAGES)."""
    rng = random.Random(zlib.crc32(key.encode()))
    palette = PALETTES[spec.get("palette", "grey")]
    size = tuple(spec.get("size", (WIDTH, HEIGHT)))
    img = gradient(size, palette[0], palette[1])
    draw = ImageDraw.Draw(img)
    SCENES[spec["kind"]](img, draw, rng, spec, palette)
    if spec["kind"] != "logo":
        img = finish(img, rng, old=spec.get("old", False))
    out = BytesIO()
    img.save(out, "JPEG", quality=82, optimize=True)
    return out.getvalue()


def finish(img, rng, old=False):
    """Soften, add grain and a vignette so the drawing reads as a photograph; sepia if old."""
    img = img.filter(ImageFilter.GaussianBlur(1.2))
    # Grain from the seeded generator (Pillow's own noise is not reproducible).
    noise = rng.randbytes(img.width * img.height)
    grain = Image.frombytes("L", img.size, noise).convert("RGB")
    img = Image.blend(img, grain, 0.08 if old else 0.04)
    vignette = ImageOps.invert(Image.radial_gradient("L").resize(img.size))
    dark = Image.new("RGB", img.size, "#000000")
    img = Image.composite(img, dark, vignette.point(lambda v: min(255, 150 + v // 2)))
    if old:
        img = ImageOps.colorize(ImageOps.grayscale(img), "#2b1d0e", "#efe0c0")
    return img


def blend(a, b, t):
    """The colour t of the way from a to b."""
    return tuple(round(x + (y - x) * t) for x, y in zip(rgb(a), rgb(b), strict=True))


def rgb(colour):
    return colour if isinstance(colour, tuple) else ImageColor.getrgb(colour)


def rotate(x, y, length, degrees):
    rad = math.radians(degrees)
    return x + length * math.sin(rad), y - length * math.cos(rad)
