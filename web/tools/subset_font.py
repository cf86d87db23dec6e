#!/usr/bin/python3
"""Subset the Debian CJK font into the app's two font files.

ui.ttf, read before the first frame: printable ASCII, every GB2312 character
(7,445), every character of the campaign document (web/font/seed-chars.txt),
every non-ASCII character found in the app's sources and data (UI strings)
and the marks below.
extra.ttf.gz (gzip: half the bytes to fetch, or to parse in the offline
.html), merged into the UI font after the first frame: every other
character wqy-microhei has in the blocks below — all 20,902 of U+4E00–U+9FA5
(the GBK set) and the rest of the CJK Unified Ideographs block, its 2 of
Extension A, CJK compatibility ideographs, and the punctuation, symbols,
fullwidth forms, Latin, Greek and Cyrillic that GBK text may hold. (Hangul is
left out.)
Usage: subset_font.py <font.ttc> <app-dir> <seed-chars.txt> <out-ui.ttf> <out-extra.ttf.gz> <out-charset.txt>
"""
import gzip
import os
import sys

from fontTools import subset as fsubset
from fontTools.ttLib import TTFont

# Typographic marks officials type that GB2312 lacks or that are easy to miss.
EXTRA = "\u00b7\u2014\u2026\u2018\u2019\u201c\u201d\u3001\u3002\u300a\u300b\u3010\u3011\uff08\uff09" \
        "\uff0c\uff1a\uff1b\uff01\uff1f\uff05\u00d7\u2713\u2714\u25cf\u25cb\u25b2\u25bc\u2190\u2191\u2192\u2193" \
        "\u2460\u2461\u2462\u2463\u2464\u2465\u2466\u2467\u2468\u2469\u2264\u2265\u00b1\u2103\u00a5"


# Blocks of the second file (inclusive code point ranges).
EXTRA_BLOCKS = [
    (0x00A0, 0x024F),  # Latin-1 Supplement, Latin Extended-A/B
    (0x02B0, 0x02FF),  # spacing modifier letters
    (0x0370, 0x04FF),  # Greek, Cyrillic
    (0x2000, 0x2BFF),  # punctuation, letterlike symbols, arrows, maths, box drawing, shapes …
    (0x2E80, 0x2FDF),  # CJK radicals
    (0x3000, 0x33FF),  # CJK symbols and punctuation, kana, bopomofo, enclosed CJK, compatibility
    (0x3400, 0x4DBF),  # CJK Extension A
    (0x4E00, 0x9FFF),  # CJK Unified Ideographs
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFE10, 0xFE1F),  # vertical forms
    (0xFE30, 0xFE6F),  # CJK compatibility forms, small forms
    (0xFF00, 0xFFEF),  # halfwidth and fullwidth forms
]


def subset(font_path, chars, out_path):
    """Writes the font reduced to `chars`; returns the code points it has."""
    opts = subset_options()
    font = fsubset.load_font(font_path, opts)
    sub = fsubset.Subsetter(opts)
    sub.populate(unicodes=[ord(c) for c in chars])
    sub.subset(font)
    fsubset.save_font(font, out_path, opts)
    return set(font.getBestCmap())


def subset_options():
    opts = fsubset.Options()
    opts.font_number = 0
    opts.hinting = False
    opts.desubroutinize = True
    opts.layout_features = []
    opts.name_IDs = [0, 1, 2, 3, 4, 5, 6]
    opts.notdef_outline = True
    return opts


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
    font_path, app_dir, seed_path, ui_path, extra_path, charset_path = sys.argv[1:7]
    chars = {chr(c) for c in range(0x20, 0x7F)}
    chars |= gb2312_chars() | source_chars(app_dir) | seed_chars(seed_path) | set(EXTRA)
    chars -= {"\ufeff"}

    available = set(TTFont(font_path, fontNumber=0).getBestCmap())
    ui = subset(font_path, chars, ui_path)
    extra_chars = {chr(c) for a, b in EXTRA_BLOCKS for c in range(a, b + 1) if c in available and c not in ui}
    extra = subset(font_path, extra_chars, extra_path + ".tmp")
    with open(extra_path + ".tmp", "rb") as f:
        raw = f.read()
    os.remove(extra_path + ".tmp")
    with open(extra_path, "wb") as f:
        f.write(gzip.compress(raw, 9, mtime=0))
    missing = sorted(c for c in chars if ord(c) not in ui)
    with open(charset_path, "w", encoding="utf-8") as f:
        f.write("".join(sorted(chr(c) for c in ui | extra)))
    if missing:
        print("subset_font: %d characters are not in %s: %s" % (len(missing), font_path, "".join(missing)),
              file=sys.stderr)
    for path, cmap in ((ui_path, ui), (extra_path, extra)):
        print("subset_font: %d characters, %d bytes -> %s" % (len(cmap), os.path.getsize(path), path))


if __name__ == "__main__":
    main()
