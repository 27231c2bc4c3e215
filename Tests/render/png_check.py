#!/usr/bin/env python3
"""Checks a PNG screenshot as a person would glance at it: the expected size, and not blank.

usage: png_check.py FILE WIDTH HEIGHT [MIN_INK]
Prints the size and the share of pixels that are not (nearly) white; exits 1 when the size differs or the
inked share is below MIN_INK (default 0.5%). A pure-Python PNG reader (8-bit RGB/RGBA/grey, no interlace),
so the check needs nothing beyond Python itself.
"""
import struct
import sys
import zlib


def read_png(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path}: not a PNG file")
    pos, idat, header = 8, [], None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        pos += 12 + length
    width, height, depth, color, _, _, interlace = header
    if depth != 8 or interlace != 0 or color not in (0, 2, 4, 6):
        raise ValueError(f"{path}: unsupported PNG (depth {depth}, colour type {color}, interlace {interlace})")
    channels = {0: 1, 2: 3, 4: 2, 6: 4}[color]
    raw = zlib.decompress(b"".join(idat))
    stride = width * channels
    rows, previous, pos = [], bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[pos], bytearray(raw[pos + 1:pos + 1 + stride])
        pos += 1 + stride
        if kind == 1:
            for i in range(channels, stride):
                line[i] = (line[i] + line[i - channels]) & 255
        elif kind == 2:
            line = bytearray((a + b) & 255 for a, b in zip(line, previous))
        elif kind == 3:
            for i in range(stride):
                left = line[i - channels] if i >= channels else 0
                line[i] = (line[i] + ((left + previous[i]) >> 1)) & 255
        elif kind == 4:
            for i in range(stride):
                a = line[i - channels] if i >= channels else 0
                b = previous[i]
                c = previous[i - channels] if i >= channels else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        previous = line
    return width, height, channels, rows


def inked_share(width, height, channels, rows):
    colour = min(channels, 3)
    inked = 0
    for line in rows:
        for x in range(0, width * channels, channels):
            if min(line[x:x + colour]) < 235:
                inked += 1
    return inked / (width * height)


def main():
    path, want_w, want_h = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    min_ink = float(sys.argv[4]) if len(sys.argv) > 4 else 0.005
    width, height, channels, rows = read_png(path)
    share = inked_share(width, height, channels, rows)
    print(f"{path}: {width}x{height}, {share * 100:.1f}% inked")
    if (width, height) != (want_w, want_h):
        print(f"  expected {want_w}x{want_h}")
        sys.exit(1)
    if share < min_ink:
        print(f"  blank: less than {min_ink * 100:.1f}% of the pixels are inked")
        sys.exit(1)


if __name__ == "__main__":
    main()
