#!/usr/bin/python3
"""Subset the Debian CJK font to the characters the app can show.

The subset holds: printable ASCII, every GB2312 character (7,445), every
character of the campaign document (web/font/seed-chars.txt), and every
non-ASCII character found in the app's sources and data (UI strings).
Usage: subset_font.py <font.ttc> <app-dir> <seed-chars.txt> <out.ttf> <out-charset.txt>
"""
import os
import sys

from fontTools import subset
from fontTools.ttLib import TTFont

# Typographic marks officials type that GB2312 lacks or that are easy to miss.
EXTRA = "\u00b7\u2014\u2026\u2018\u2019\u201c\u201d\u3001\u3002\u300a\u300b\u3010\u3011\uff08\uff09" \
        "\uff0c\uff1a\uff1b\uff01\uff1f\uff05\u00d7\u2713\u2714\u25cf\u25cb\u25b2\u25bc\u2190\u2191\u2192\u2193" \
        "\u2460\u2461\u2462\u2463\u2464\u2465\u2466\u2467\u2468\u2469\u2264\u2265\u00b1\u2103\u00a5"


def gb2312_chars():
    out = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                out.add(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return out


def source_chars(app_dir):
    out = set()
    for root, _dirs, files in os.walk(app_dir):
        for name in files:
            if name.endswith((".cpp", ".h", ".json", ".txt", ".sql")):
                with open(os.path.join(root, name), encoding="utf-8") as f:
                    out.update(c for c in f.read() if ord(c) > 0x7F)
    return out


def seed_chars(path):
    out = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.startswith("#"):
                out.update(c for c in line.strip() if ord(c) > 0x7F)
    return out


def main():
    font_path, app_dir, seed_path, out_path, charset_path = sys.argv[1:6]
    chars = {chr(c) for c in range(0x20, 0x7F)}
    chars |= gb2312_chars() | source_chars(app_dir) | seed_chars(seed_path) | set(EXTRA)
    chars -= {"\ufeff"}

    opts = subset.Options()
    opts.font_number = 0
    opts.hinting = False
    opts.desubroutinize = True
    opts.layout_features = []
    opts.name_IDs = [0, 1, 2, 3, 4, 5, 6]
    opts.notdef_outline = True
    font = subset.load_font(font_path, opts)
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=[ord(c) for c in chars])
    sub.subset(font)
    cmap = font.getBestCmap()
    missing = sorted(c for c in chars if ord(c) not in cmap)
    subset.save_font(font, out_path, opts)
    with open(charset_path, "w", encoding="utf-8") as f:
        f.write("".join(sorted(chars)))
    if missing:
        print("subset_font: %d characters are not in %s: %s" % (len(missing), font_path, "".join(missing)),
              file=sys.stderr)
    print("subset_font: %d characters, %d bytes -> %s" % (len(cmap), os.path.getsize(out_path), out_path))


if __name__ == "__main__":
    main()
