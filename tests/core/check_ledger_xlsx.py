#!/usr/bin/python3
"""Independent check of an exported ledger workbook with openpyxl.

Usage: check_ledger_xlsx.py <file.xlsx> <expected.json>
expected.json: {"title", "unit", "rows": [[area, nature, description, measures, "YYYY-MM-DD", units], ...],
                "note_starts", "extended": bool, "uuids": [...], "heights": [row height in points, ...]}
Exits non-zero with a message on the first difference.
"""
import datetime
import json
import sys

import openpyxl


def fail(msg):
    print("check_ledger_xlsx: " + msg)
    sys.exit(1)


def main():
    path, expected_path = sys.argv[1:3]
    exp = json.load(open(expected_path, encoding="utf-8"))
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    if ws.title != "整改台账":
        fail("sheet name %r" % ws.title)
    ncols = 12 if exp.get("extended") else 7
    last = openpyxl.utils.get_column_letter(ncols)
    merged = {str(r) for r in ws.merged_cells.ranges}
    if "A1:%s1" % last not in merged:
        fail("title not merged across A1:%s1: %s" % (last, merged))
    if ws["A1"].value != exp["title"]:
        fail("title %r" % ws["A1"].value)
    # Fonts a Chinese office PC has: 黑体 for the title, 宋体 for the table.
    if ws["A1"].font.name != "黑体":
        fail("title font %r" % ws["A1"].font.name)
    for ref in ("A2", "A3", "D4"):
        if ws[ref].font.name != "宋体":
            fail("%s font %r" % (ref, ws[ref].font.name))
    if ws["A2"].value != "单位（盖章）：" + exp["unit"]:
        fail("unit line %r" % ws["A2"].value)
    date_cells = [c.value for c in ws[2] if isinstance(c.value, str) and "年" in c.value]
    if not date_cells:
        fail("no date line in row 2")
    header = [c.value for c in ws[3]][:ncols]
    official = ["序号", "问题类型", "问题性质", "问题表述", "整改措施", "完成时限", "责任单位"]
    if header[:7] != official:
        fail("header %r" % header)
    if exp.get("extended") and header[7:] != ["责任领导", "原因分析", "整改进度", "落实效果", "整改状态"]:
        fail("extended header %r" % header[7:])
    for i, want in enumerate(exp["rows"]):
        row = [c.value for c in ws[4 + i]]
        if row[0] != i + 1:
            fail("row %d: 序号 %r" % (i + 4, row[0]))
        if row[1:5] != want[0:4]:
            fail("row %d: %r != %r" % (i + 4, row[1:5], want[0:4]))
        if not isinstance(row[5], datetime.datetime) or row[5].date().isoformat() != want[4]:
            fail("row %d: 完成时限 %r is not the date %s" % (i + 4, row[5], want[4]))
        if row[6] != want[5]:
            fail("row %d: 责任单位 %r" % (i + 4, row[6]))
        cell = ws.cell(row=4 + i, column=4)
        if not cell.alignment.wrap_text or cell.border.left.style != "thin":
            fail("row %d: not wrapped/bordered" % (i + 4))
        if "uuids" in exp and row[ncols] != exp["uuids"][i]:
            fail("row %d: uuid %r" % (i + 4, row[ncols]))
        if "heights" in exp and abs((ws.row_dimensions[4 + i].height or 0) - exp["heights"][i]) > 0.01:
            fail("row %d: height %r, expected %r" % (i + 4, ws.row_dimensions[4 + i].height, exp["heights"][i]))
    note_row = 4 + len(exp["rows"])
    note = ws.cell(row=note_row, column=1).value or ""
    if not note.startswith(exp["note_starts"]):
        fail("备注 row %d: %r" % (note_row, note))
    uuid_col = openpyxl.utils.get_column_letter(ncols + 1)
    if not ws.column_dimensions[uuid_col].hidden:
        fail("uuid column %s is not hidden" % uuid_col)
    ps = ws.page_setup
    if ps.orientation != "landscape" or str(ps.paperSize) != "9":
        fail("page setup %r %r" % (ps.orientation, ps.paperSize))
    # Our own scale, not "fit to page" (which makes Excel drop the page breaks).
    fit = ws.sheet_properties.pageSetUpPr.fitToPage if ws.sheet_properties.pageSetUpPr else False
    if fit or not ps.scale or not 50 <= int(ps.scale) <= 100:
        fail("scale %r fitToPage %r" % (ps.scale, fit))
    if ws.print_title_rows != "3:3" and ws.print_title_rows != "$3:$3":
        fail("repeated header rows %r" % ws.print_title_rows)
    if ws.freeze_panes != "A4":
        fail("freeze panes %r" % ws.freeze_panes)
    print("ok")


if __name__ == "__main__":
    main()
