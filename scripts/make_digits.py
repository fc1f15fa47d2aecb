#!/usr/bin/env python3
"""Writes assets/digits/: MNIST test images as PNG, and a few digits drawn
here with a round pen in other sizes, colours and PNG colour types.

    scripts/make_digits.py [MNIST_DIR]     (default ../shared/data/mnist)

Only the Python standard library: PNG chunks are written by hand (PNG
specification, ISO/IEC 15948), compressed with zlib.
"""
import gzip
import math
import os
import struct
import sys
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "assets", "digits")


def chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def write_png(path, width, height, color_type, bit_depth, rows, palette=None, trns=None):
    """rows: one bytes object per row, already packed for the colour type."""
    raw = b"".join(b"\x00" + r for r in rows)   # filter type 0 (None) on every row
    png = b"\x89PNG\r\n\x1a\n"
    png += chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, bit_depth, color_type, 0, 0, 0))
    if palette:
        png += chunk(b"PLTE", b"".join(bytes(c) for c in palette))
    if trns is not None:
        png += chunk(b"tRNS", trns)
    png += chunk(b"IDAT", zlib.compress(raw, 9))
    png += chunk(b"IEND", b"")
    with open(path, "wb") as f:
        f.write(png)


def mnist_test(dirname):
    with gzip.open(os.path.join(dirname, "t10k-images-idx3-ubyte.gz")) as f:
        data = f.read()
    with gzip.open(os.path.join(dirname, "t10k-labels-idx1-ubyte.gz")) as f:
        labels = f.read()[8:]
    return data[16:], labels


def ink_map(width, height, strokes, pen):
    """Coverage 0..1 of a round pen of radius pen (pixels) along polylines
    given in units of the image (0..1), anti-aliased by 4×4 supersampling."""
    segs = []
    for line in strokes:
        pts = [(x * width, y * height) for x, y in line]
        segs += list(zip(pts, pts[1:]))
    cover = [0.0] * (width * height)
    for py in range(height):
        for px in range(width):
            hits = 0
            for sy in range(4):
                for sx in range(4):
                    x, y = px + (sx + 0.5) / 4, py + (sy + 0.5) / 4
                    for (ax, ay), (bx, by) in segs:
                        dx, dy = bx - ax, by - ay
                        t = ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy or 1)
                        t = max(0.0, min(1.0, t))
                        cx, cy = ax + t * dx - x, ay + t * dy - y
                        if cx * cx + cy * cy <= pen * pen:
                            hits += 1
                            break
            cover[py * width + px] = hits / 16
    return cover


def arc(cx, cy, rx, ry, a0, a1, n=24):
    return [(cx + rx * math.cos(math.radians(a0 + (a1 - a0) * i / n)),
             cy + ry * math.sin(math.radians(a0 + (a1 - a0) * i / n))) for i in range(n + 1)]


# Digit shapes as polylines in the unit square (y down).
SHAPES = {
    0: [arc(0.5, 0.5, 0.28, 0.38, 0, 360, 40)],
    1: [[(0.38, 0.25), (0.55, 0.12), (0.55, 0.88)]],
    2: [arc(0.5, 0.32, 0.26, 0.2, 190, 360) + [(0.7, 0.5), (0.25, 0.88), (0.78, 0.88)]],
    3: [arc(0.48, 0.3, 0.24, 0.18, 200, 450) + arc(0.48, 0.68, 0.27, 0.2, 270, 520)],
    4: [[(0.6, 0.88), (0.6, 0.12), (0.22, 0.62), (0.8, 0.62)]],
    5: [[(0.72, 0.12), (0.32, 0.12), (0.28, 0.46)] + arc(0.48, 0.64, 0.26, 0.24, 230, 500)],
    7: [[(0.22, 0.14), (0.78, 0.14), (0.42, 0.88)]],
}


# Test image 18, a 3 with a closed upper loop, is one of the 80 test images
# the shipped model gets wrong (it reads an 8); the bundled digits are meant
# to be right, so it is left out and the next 3 is taken.
SKIP = {18}


def mix(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))


def drawn(digit, width, height, kind, ink_rgb, paper_rgb, pen_frac, box=(0.0, 0.0, 1.0, 1.0)):
    x0, y0, x1, y1 = box
    strokes = [[(x0 + (x1 - x0) * x, y0 + (y1 - y0) * y) for x, y in s] for s in SHAPES[digit]]
    cover = ink_map(width, height, strokes, pen_frac * height)
    name = "drawn_%d_%s_%dx%d.png" % (digit, kind, width, height)
    path = os.path.join(OUT, name)
    if kind == "rgb":
        rows = [b"".join(bytes(mix(paper_rgb, ink_rgb, cover[y * width + x])) for x in range(width))
                for y in range(height)]
        write_png(path, width, height, 2, 8, rows)
    elif kind == "rgba":   # ink colour, alpha = coverage, transparent paper
        rows = [b"".join(bytes(ink_rgb) + bytes([round(255 * cover[y * width + x])])
                         for x in range(width)) for y in range(height)]
        write_png(path, width, height, 6, 8, rows)
    elif kind == "palette":   # 16 shades between paper and ink
        pal = [mix(paper_rgb, ink_rgb, i / 15) for i in range(16)]
        rows = [bytes(round(15 * cover[y * width + x]) for x in range(width)) for y in range(height)]
        write_png(path, width, height, 3, 8, rows, palette=pal)
    elif kind == "gray16":
        lo, hi = paper_rgb[0] * 257, ink_rgb[0] * 257
        rows = [b"".join(struct.pack(">H", round(lo + (hi - lo) * cover[y * width + x]))
                         for x in range(width)) for y in range(height)]
        write_png(path, width, height, 0, 16, rows)
    elif kind == "graya":
        rows = [b"".join(bytes([ink_rgb[0], round(255 * cover[y * width + x])])
                         for x in range(width)) for y in range(height)]
        write_png(path, width, height, 4, 8, rows)
    return name


def main():
    mnist = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "shared", "data", "mnist")
    os.makedirs(OUT, exist_ok=True)
    images, labels = mnist_test(mnist)
    seen = {d: 0 for d in range(10)}
    names = []
    for i, label in enumerate(labels):
        if seen[label] == 2 or i in SKIP:
            continue
        seen[label] += 1
        pix = images[i * 784:(i + 1) * 784]
        name = "%d_%04d.png" % (label, i)
        write_png(os.path.join(OUT, name), 28, 28, 0, 8, [pix[r * 28:(r + 1) * 28] for r in range(28)])
        names.append(name)
        if all(v == 2 for v in seen.values()):
            break
    names.append(drawn(3, 120, 150, "rgb", (20, 20, 30), (250, 248, 240), 0.06))
    names.append(drawn(7, 90, 120, "palette", (30, 40, 160), (250, 230, 90), 0.07))
    names.append(drawn(1, 64, 64, "rgba", (20, 110, 40), (0, 0, 0), 0.07, (0.1, 0.05, 0.9, 0.95)))
    names.append(drawn(0, 200, 200, "gray16", (235, 0, 0), (40, 0, 0), 0.05))
    names.append(drawn(4, 48, 64, "graya", (0, 0, 0), (0, 0, 0), 0.07))
    names.append(drawn(2, 100, 80, "rgb", (200, 30, 30), (255, 255, 255), 0.07, (0.25, 0.05, 0.75, 0.95)))
    names.append(drawn(5, 36, 44, "palette", (255, 255, 255), (10, 10, 10), 0.08))
    for n in names:
        print(n)


if __name__ == "__main__":
    main()
