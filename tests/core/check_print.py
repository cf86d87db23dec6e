#!/usr/bin/python3
"""Prints exported workbooks to PDF with LibreOffice and checks the pages.

Usage: check_print.py <dir>
<dir>/expected.json: [{"file": "x.xlsx", "texts": [...], "together": [[a, b], ...], "pages": n}, ...]

The fonts are those of a Chinese office PC, mapped for this machine by a fontconfig file of our own
(FONTCONFIG_FILE, nothing system-wide): 宋体/SimSun, 仿宋/FangSong, 黑体/SimHei -> AR PL UMing CN (the
same metrics: ASCII half an em, everything else one em), Calibri -> Carlito (Calibri's metrics).

Checks, per file: every text is found whole (whitespace ignored); no "###"; nothing outside the
printable area (0.4 in left/right, 0.6 in at the bottom, where only the page number may stand); as many
pages as the workbook's own page breaks plan (LibreOffice added none: our rows fit our pages, our
columns fit across) and `pages` when given; every page holds more than a repeated header row; each
pair of `together` shares a page; the PDF uses only the mapped fonts.
With HTK_PRINT_PNG=<dir>, the pages are also rendered there (pdftoppm -r 60) to be looked at.
"""
import html
import json
import os
import re
import subprocess
import sys

import openpyxl

FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <cachedir>{cache}</cachedir>
{matches}
</fontconfig>
"""
MATCH = """  <match target="pattern">
    <test name="family"><string>{name}</string></test>
    <edit name="family" mode="assign" binding="strong"><string>{font}</string></edit>
  </match>"""
CJK_FONT = "AR PL UMing CN"
MAPPED = {"宋体": CJK_FONT, "SimSun": CJK_FONT, "新宋体": CJK_FONT, "NSimSun": CJK_FONT, "仿宋": CJK_FONT,
          "FangSong": CJK_FONT, "仿宋_GB2312": CJK_FONT, "黑体": CJK_FONT, "SimHei": CJK_FONT, "Calibri": "Carlito"}
ALLOWED_PDF_FONTS = ("UMingCN", "Carlito")

INCH = 72.0
SIDE_MARGIN = 0.4 * INCH
BOTTOM_MARGIN = 0.6 * INCH
SLACK = 1.5  # points

errors = []


def fail(file, msg):
    errors.append("%s: %s" % (file, msg))


def squash(s):
    return re.sub(r"\s+", "", s)


def run(cmd, env=None, timeout=110):
    return subprocess.run(cmd, env=env, timeout=timeout, check=True, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT).stdout.decode("utf-8", "replace")


def planned_pages(path):
    """Pages the workbook's own breaks make, and the repeated header rows' texts."""
    wb = openpyxl.load_workbook(path)
    pages, headers, scales = 0, [], []
    for ws in wb.worksheets:
        if ws.max_row <= 1 and ws.max_column <= 1 and ws["A1"].value is None:
            continue
        pages += len(ws.row_breaks.brk) + 1
        scales.append(ws.page_setup.scale)
        if ws.print_title_rows:
            first = int(re.sub(r"[^0-9:]", "", ws.print_title_rows).split(":")[0])
            headers.append([str(c.value) for c in ws[first] if c.value is not None and c.column <= ws.max_column])
    return pages, headers, scales


def words(pdf):
    """(page width, page height, [(xMin, yMin, xMax, yMax, word)]) per page."""
    out = run(["pdftotext", "-bbox", pdf, "-"])
    pages = []
    for page in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', out, re.S):
        ws = [(float(a), float(b), float(c), float(d), html.unescape(w)) for a, b, c, d, w in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', page.group(3))]
        pages.append((float(page.group(1)), float(page.group(2)), ws))
    return pages


def check(directory, spec, png_dir):
    name = spec["file"]
    stem = os.path.splitext(name)[0]
    path = os.path.join(directory, name)
    pdf = os.path.join(directory, "pdf", stem + ".pdf")
    if not os.path.exists(pdf):
        fail(name, "LibreOffice made no PDF")
        return
    planned, headers, scales = planned_pages(path)
    info = run(["pdfinfo", pdf])
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    if pages != planned:
        fail(name, "%d pages printed, the workbook's page breaks plan %d" % (pages, planned))
    if spec.get("pages") and pages != spec["pages"]:
        fail(name, "%d pages printed, expected %d" % (pages, spec["pages"]))

    fonts = run(["pdffonts", pdf]).splitlines()[2:]
    for line in fonts:
        font = line.split()[0].split("+")[-1]
        if not font.startswith(ALLOWED_PDF_FONTS):
            fail(name, "printed with %s, not a font mapped from the file's fonts" % font)

    text = run(["pdftotext", "-raw", "-enc", "UTF-8", pdf, "-"])
    page_texts = [squash(p) for p in text.split("\f")][:pages]
    whole = "".join(page_texts)
    if "###" in whole:
        fail(name, "### printed (a value wider than its column)")
    if "'=" in whole or "'+" in whole or "'-" in whole or "'@" in whole:
        fail(name, "an apostrophe guard printed")
    for t in spec["texts"]:
        if squash(t) and squash(t) not in whole:
            fail(name, "not printed whole: %r" % t)
    for a, b in spec.get("together", []):
        if not any(squash(a) in p and squash(b) in p for p in page_texts):
            fail(name, "%r and %r are not on one page" % (a, b))
    footer = re.compile(r"第\d+页，共\d+页")
    for i, p in enumerate(page_texts):
        rest = footer.sub("", p)
        for header in headers:
            for cell in header:
                rest = rest.replace(squash(cell), "", 1)
        if not rest:
            fail(name, "page %d holds only a repeated header" % (i + 1))

    for i, (w, h, ws) in enumerate(words(pdf)):
        for x0, y0, x1, y1, word in ws:
            if x0 < SIDE_MARGIN - SLACK or x1 > w - SIDE_MARGIN + SLACK:
                fail(name, "page %d: %r at x %.1f–%.1f, outside the side margins" % (i + 1, word, x0, x1))
                break
            if y1 > h - BOTTOM_MARGIN + SLACK and not footer.fullmatch(squash(word)) and \
                    not re.fullmatch(r"第|\d+|页，共|页，|共|页", word):
                fail(name, "page %d: %r at y %.1f, in the bottom margin" % (i + 1, word, y1))
                break
    print("check_print: %s: %d pages (scale %s)" % (name, pages, "/".join(str(s) for s in scales)))
    if png_dir:
        os.makedirs(png_dir, exist_ok=True)
        run(["pdftoppm", "-r", "60", "-png", pdf, os.path.join(png_dir, stem)])


def main():
    directory = sys.argv[1]
    expected = json.load(open(os.path.join(directory, "expected.json"), encoding="utf-8"))
    home = os.path.join(directory, "home")
    os.makedirs(home, exist_ok=True)
    conf = os.path.join(directory, "fonts.conf")
    with open(conf, "w", encoding="utf-8") as f:
        f.write(FONTS_CONF.format(cache=os.path.join(directory, "fccache"), matches="\n".join(
            MATCH.format(name=n, font=font) for n, font in MAPPED.items())))
    env = dict(os.environ, HOME=home, FONTCONFIG_FILE=conf)
    # The mapping must hold before anything is printed with it.
    for n, font in MAPPED.items():
        got = run(["fc-match", "-f", "%{family[0]}", n], env=env)
        if got != font:
            print("check_print: fontconfig maps %s to %r, not %r (is the font installed?)" % (n, got, font))
            sys.exit(1)
    files = [os.path.join(directory, e["file"]) for e in expected]
    run(["soffice", "--headless", "--norestore", "--convert-to", "pdf", "--outdir",
         os.path.join(directory, "pdf")] + files, env=env, timeout=300)
    png_dir = os.environ.get("HTK_PRINT_PNG")
    for spec in expected:
        check(directory, spec, png_dir)
    if errors:
        for e in errors:
            print("check_print: " + e)
        sys.exit(1)
    print("check_print: ok")


if __name__ == "__main__":
    main()
