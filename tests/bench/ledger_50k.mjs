// Ledger benchmark: a realistic 50,000-row ledger through the real UI in one
// headless Chromium run (CSV import, official xlsx export, xlsx import, CSV
// export) beside the in-browser xlsx libraries (devDependencies of web/:
// wasm-xlsxwriter = rust_xlsxwriter in wasm, ExcelJS, SheetJS) writing the
// same rows in the same styled layout (SheetJS CE: no styles) and reading the
// app's file, interleaved round by round in the same page; frame times while
// scrolling and filtering; memory; the core's export choices (strings, level).
// Not a test: prints tables and, last, one JSON line.
//   node tests/bench/ledger_50k.mjs [rows]   (HTK_BENCH_KEEP=dir keeps the files)
import { mkdtempSync, rmSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { click, rect, startServer } from '../e2e/helpers.mjs';
import { ledgerRows } from './district_data.mjs';
import { LEDGER_HEADER, ledgerCsv, openLedgerPage } from './ledger_page.mjs';

const N = +(process.argv[2] || 50000);
const require = createRequire(new URL('../../web/package.json', import.meta.url));
const sheetjsPath = require.resolve('xlsx/dist/xlsx.full.min.js');
const exceljsPath = require.resolve('exceljs/dist/exceljs.min.js');
const modules = new URL('../../web/node_modules/', import.meta.url).pathname;
const wasmXlsxDir = join(modules, 'wasm-xlsxwriter', 'web');
const version = (name) => JSON.parse(readFileSync(join(modules, name, 'package.json'), 'utf8')).version;

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const work = mkdtempSync(join(tmpdir(), 'htk-bench-'));
const { rows } = ledgerRows(N);
writeFileSync(join(work, 'ledger.csv'), ledgerCsv(rows));

const server = await startServer();
// --expose-gc: memory is read after a collection, so the JS heap is what the
// page holds, not garbage not yet collected.
// bypassCSP: SheetJS is added to the page as an inline script, which the
// page's policy rightly refuses.
const b = await openLedgerPage(server, { extraArgs: ['--js-flags=--expose-gc'], bypassCSP: true });
const memory = () => page.evaluate(() => { window.gc(); return window.app.memory(); });
const page = b.page;

const between = (a, z) => page.evaluate(([a, z]) => {
  const s = performance.getEntriesByName(a).pop(), e = performance.getEntriesByName(z).pop();
  return s && e ? e.startTime - s.startTime : NaN;
}, [a, z]);
const clearMarks = () => page.evaluate(() => performance.clearMarks());
// Files come in as a user's would: Ctrl+O and the browser's file chooser
// (no copy of the bytes passes through this script's JS in the page).
const drop = async (path) => {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Control+O')]);
  await chooser.setFiles(path);
};
const count = () => page.evaluate(() => window.app.query('SELECT count(*) AS n FROM problem WHERE deleted = 0')[0].n);
const timeout = { timeout: 600000 };

// 1. CSV import (read + plan, then apply).
await clearMarks();
await drop(join(work, 'ledger.csv'), 'ledger.csv');
await page.waitForFunction(() => window.app.rect('import.summary'), null, timeout);
const csvRead = await between('htk-import-read-start', 'htk-import-plan-end');
await page.keyboard.press('Enter');
await page.waitForFunction((n) => window.app.query('SELECT count(*) AS n FROM problem WHERE deleted = 0')[0].n === n, N, timeout);
const csvApply = await between('htk-import-apply-start', 'htk-import-apply-end');
await page.waitForFunction(() => window.app.status().save === 'saved', null, timeout);

const memAfterCsv = await memory();
const heapAfterCsv = memAfterCsv.wasm;

// The peers, loaded into the same page (bypassCSP: inline scripts).
await page.addScriptTag({ content: readFileSync(sheetjsPath, 'utf8') });
await page.addScriptTag({ content: readFileSync(exceljsPath, 'utf8') });
await page.addScriptTag({ type: 'module', content: readFileSync(join(wasmXlsxDir, 'wasm_xlsxwriter.js'), 'utf8') +
  '\nwindow.__wx = { init: __wbg_init, Workbook, Format, FormatAlign, FormatBorder, ExcelDateTime, Color };' });
await page.waitForFunction(() => window.__wx);
await page.evaluate(async (b64) => {
  await window.__wx.init({ module_or_path: Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)) });
}, readFileSync(join(wasmXlsxDir, 'wasm_xlsxwriter_bg.wasm')).toString('base64'));
// The rows as the peers get them (序号 + the six columns), a UUID each like the app's hidden column.
await page.evaluate(({ rows, header }) => {
  window.__rows = rows.map((r, i) => [i + 1, ...r, crypto.randomUUID()]);
  window.__header = header;
  const widths = [6, 14.5, 10, 40, 40, 17, 16];
  const title = '“回头看”排查问题整改台账';
  // The official layout: merged title, unit line, bordered bold header on grey,
  // bordered wrapped 宋体 cells, 完成时限 a real date, row heights, hidden UUID
  // column, frozen header, A4 landscape with the header repeated.
  window.__peers = {
    wasmxlsxwriter() {
      const { Workbook, Format, FormatAlign, FormatBorder, ExcelDateTime, Color } = window.__wx;
      const font = () => new Format().setFontName('宋体').setFontSize(11);
      const t = new Format().setFontName('黑体').setFontSize(16).setAlign(FormatAlign.Center).setAlign(FormatAlign.VerticalCenter);
      const h = font().setBold().setBorder(FormatBorder.Thin).setAlign(FormatAlign.Center).setTextWrap().setBackgroundColor(Color.rgb(0xF2F2F2));
      const cell = font().setBorder(FormatBorder.Thin).setTextWrap().setAlign(FormatAlign.VerticalCenter);
      const center = font().setBorder(FormatBorder.Thin).setTextWrap().setAlign(FormatAlign.Center).setAlign(FormatAlign.VerticalCenter);
      const date = font().setBorder(FormatBorder.Thin).setAlign(FormatAlign.Center).setNumFormat('yyyy"年"m"月"d"日"');
      const wb = new Workbook();
      const ws = wb.addWorksheet().setName('整改台账');
      widths.forEach((w, c) => ws.setColumnWidth(c, w));
      ws.setColumnWidth(7, 38);
      ws.mergeRange(0, 0, 0, 6, title, t);
      ws.mergeRange(1, 0, 1, 3, '单位（盖章）：椹涧乡', font());
      window.__header.forEach((x, c) => ws.writeStringWithFormat(2, c, x, h));
      ws.writeString(2, 7, '唯一编号（请勿修改）');
      window.__rows.forEach((r, i) => {
        const row = i + 3;
        ws.writeNumberWithFormat(row, 0, r[0], center);
        ws.writeStringWithFormat(row, 1, r[1], center);
        ws.writeStringWithFormat(row, 2, r[2], center);
        ws.writeStringWithFormat(row, 3, r[3], cell);
        ws.writeStringWithFormat(row, 4, r[4], cell);
        const [y, m, d] = r[5].split('-').map(Number);
        ws.writeDateWithFormat(row, 5, ExcelDateTime.fromYMD(y, m, d), date);
        ws.writeStringWithFormat(row, 6, r[6], cell);
        ws.writeString(row, 7, r[7]);
        ws.setRowHeight(row, 34.6);
      });
      ws.setFreezePanes(3, 0);
      ws.setLandscape();
      ws.setRepeatRows(2, 2);
      return wb.saveToBufferSync();
    },
    async exceljs() {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('整改台账', { pageSetup: { paperSize: 9, orientation: 'landscape' },
        views: [{ state: 'frozen', ySplit: 3 }] });
      ws.columns = [...widths.map((width) => ({ width })), { width: 38, hidden: true }];
      const border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
      const font = { name: '宋体', size: 11 };
      ws.mergeCells(1, 1, 1, 7);
      ws.getCell(1, 1).value = title;
      ws.getCell(1, 1).font = { name: '黑体', size: 16 };
      ws.getCell(2, 1).value = '单位（盖章）：椹涧乡';
      const hr = ws.getRow(3);
      hr.values = [...window.__header, '唯一编号（请勿修改）'];
      for (let c = 1; c <= 7; c++) Object.assign(hr.getCell(c), { font: { ...font, bold: true }, border,
        alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
        fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } } });
      const wrap = { vertical: 'middle', wrapText: true }, mid = { horizontal: 'center', vertical: 'middle', wrapText: true };
      window.__rows.forEach((r) => {
        const [y, m, d] = r[5].split('-').map(Number);
        const row = ws.addRow([r[0], r[1], r[2], r[3], r[4], new Date(Date.UTC(y, m - 1, d)), r[6], r[7]]);
        row.height = 34.6;
        for (let c = 1; c <= 7; c++) {
          const x = row.getCell(c);
          x.font = font; x.border = border; x.alignment = c === 4 || c === 5 || c === 7 ? wrap : mid;
        }
        row.getCell(6).numFmt = 'yyyy"年"m"月"d"日"';
      });
      ws.pageSetup.printTitlesRow = '3:3';
      return new Uint8Array(await wb.xlsx.writeBuffer());
    },
    sheetjs() {  // SheetJS CE writes no cell styles: the same cells, widths and merge only
      const ws = XLSX.utils.aoa_to_sheet([[title], ['单位（盖章）：椹涧乡'], [...window.__header, '唯一编号（请勿修改）'],
        ...window.__rows.map((r) => { const [y, m, d] = r[5].split('-').map(Number); return [r[0], r[1], r[2], r[3], r[4], new Date(y, m - 1, d), r[6], r[7]]; })]);
      ws['!merges'] = [{ s: { r: 0, c: 0 }, e: { r: 0, c: 6 } }];
      ws['!cols'] = [...widths.map((wch) => ({ wch })), { wch: 38, hidden: true }];
      const wb = XLSX.utils.book_new();
      XLSX.utils.book_append_sheet(wb, ws, '整改台账');
      return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx', compression: true }));
    },
    async exceljsRead(bytes) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes);
      let n = 0;
      wb.worksheets[0].eachRow(() => { n++; });
      return n;
    },
    sheetjsRead(bytes) {
      const wb = XLSX.read(bytes, { type: 'array', cellDates: true });
      return XLSX.utils.sheet_to_json(wb.Sheets[wb.SheetNames[0]], { header: 1 }).length;
    },
  };
}, { rows, header: LEDGER_HEADER });
// Runs one peer in the page: its time, and the bytes it wrote or the rows it read.
const peer = (name) => page.evaluate(async (name) => {
  const t0 = performance.now();
  const out = await window.__peers[name](window.__appFile);
  const ms = performance.now() - t0;
  window[`__${name}File`] = out;
  return { ms, bytes: typeof out === 'number' ? 0 : out.length, rows: typeof out === 'number' ? out : 0 };
}, name);

// 2. Exports, interleaved round by round: the official xlsx (Ctrl+E), CSV
// (Ctrl+Shift+E), then each peer writing the same rows in the same page. The
// first round includes the browser's compiling of hot code; tables show medians.
await click(page, 'ledger.count');
const xlsxPath = join(work, 'export.xlsx');
const xlsxExports = [], csvExports = [], peerWrites = { wasmxlsxwriter: [], exceljs: [], sheetjs: [] };
let xlsxBytes = 0, uiTask = null;
const peerBytes = {};
for (let k = 0; k < 3; k++) {
  await page.bringToFront();
  await clearMarks();
  let [download] = await Promise.all([page.waitForEvent('download', timeout), page.keyboard.press('Control+E')]);
  if (k === 0) {
    await download.saveAs(xlsxPath);
    xlsxBytes = statSync(xlsxPath).size;
    uiTask = await page.evaluate(() => window.app.status().task);  // Ctrl+E ran as a task: its frames
  }
  xlsxExports.push(await between('htk-export-xlsx-start', 'htk-export-xlsx-end'));
  [download] = await Promise.all([page.waitForEvent('download', timeout), page.keyboard.press('Control+Shift+E')]);
  csvExports.push(await between('htk-export-csv-start', 'htk-export-csv-end'));
  for (const name of Object.keys(peerWrites)) {
    await page.bringToFront();
    const r = await peer(name);
    peerWrites[name].push(r.ms);
    peerBytes[name] = r.bytes;
  }
}
// The peers' files, kept beside the app's (HTK_BENCH_KEEP=dir keeps them all).
for (const name of Object.keys(peerWrites)) {
  const b64 = await page.evaluate((n) => {
    const u = window[`__${n}File`]; let s = '';
    for (let i = 0; i < u.length; i += 32768) s += String.fromCharCode(...u.subarray(i, i + 32768));
    return btoa(s);
  }, name);
  writeFileSync(join(work, `${name}.xlsx`), Buffer.from(b64, 'base64'));
}

const memAfterExport = await memory();
const heapAfterExport = memAfterExport.wasm;

// 4. Imports of the app's 50k-row file, interleaved: the app (Ctrl+O: read,
// then check and match every row: all unchanged), then ExcelJS and SheetJS
// reading the same file (read only: a workbook object and every row's values).
await page.evaluate((b64) => { window.__appFile = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)); },
  readFileSync(xlsxPath).toString('base64'));
const xlsxImports = [], xlsxReads = [], peerReads = { exceljsRead: [], sheetjsRead: [] };
let importSummary = '';
const peerRows = {};
for (let k = 0; k < 3; k++) {
  await page.bringToFront();
  await clearMarks();
  await drop(xlsxPath, 'export.xlsx');
  await page.waitForFunction(() => window.app.rect('import.summary'), null, timeout);
  xlsxImports.push(await between('htk-import-read-start', 'htk-import-plan-end'));
  xlsxReads.push(await between('htk-import-read-start', 'htk-import-read-end'));
  importSummary = (await rect(page, 'import.summary')).text;
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !window.app.rect('import.summary'), null, timeout);
  for (const name of Object.keys(peerReads)) {
    await page.bringToFront();
    const r = await peer(name);
    peerReads[name].push(r.ms);
    peerRows[name] = r.rows;
  }
}

// 5. Frames while scrolling and while filtering the 50k-row table.
const table = await rect(page, 'ledger.row.0');
await page.mouse.move(table.x + 200, table.y + 100);
await page.evaluate(() => window.app.frameStats());
for (let i = 0; i < 80; i++) {
  await page.mouse.wheel(0, i < 40 ? 400 : -300);
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
}
const scroll = await page.evaluate(() => window.app.frameStats());
await click(page, 'ledger.search');
await page.evaluate(() => window.app.frameStats());
const perKey = [];
// A search as an official makes one: typed, taken back key by key, a term
// typed, cleared (every key filters the 50,000 rows afresh).
const keys = ['第', '1', '2', '村', '某', ...Array(5).fill('Backspace'), '饮', '水', 'Backspace', 'Backspace'];
for (const ch of keys) {
  if (ch === 'Backspace') await page.keyboard.press(ch);
  else await page.keyboard.insertText(ch);
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  await page.waitForFunction(() => !window.app.rect('ledger.count').text.includes('正在筛选'));
  perKey.push(await page.evaluate(() => window.app.frameStats()));
}
const filterFrames = perKey.flatMap((s) => s.frames).sort((a, b) => a - b);
const filter = {
  count: filterFrames.length, max: filterFrames[filterFrames.length - 1],
  p95: filterFrames[Math.min(filterFrames.length - 1, Math.floor(0.95 * filterFrames.length))],
  perKey: perKey.map((s) => `${s.count}×max ${s.max.toFixed(1)} (build ${s.build_max.toFixed(1)})`).join(', '),
};
const filtered = (await rect(page, 'ledger.count')).text;
const mem = await memory();

// 6. The core's export choices (shared strings or inline, deflate level) and
// the longest step of the export run as a Task with 16 ms slices.
const core = await page.evaluate(() => window.app.coreTimings(1));
const choices = Object.entries(core).filter(([name]) => name.startsWith('ledger_export_xlsx'))
  .map(([name, v]) => ({ name, ms: v.ms, result: v.result }));
await b.close();
server.stop();

const ms = (x) => Math.round(x);
const med = (xs) => ms(median(xs));
const result = {
  rows: N,
  csv_import_50k_ms: ms(csvRead), csv_import_apply_50k_ms: ms(csvApply),
  xlsx_export_50k_ms: med(xlsxExports), xlsx_export_50k_bytes: xlsxBytes,
  wasmxlsxwriter_xlsx_export_50k_ms: med(peerWrites.wasmxlsxwriter), wasmxlsxwriter_xlsx_export_50k_bytes: peerBytes.wasmxlsxwriter,
  exceljs_xlsx_export_50k_ms: med(peerWrites.exceljs), exceljs_xlsx_export_50k_bytes: peerBytes.exceljs,
  sheetjs_xlsx_export_50k_ms: med(peerWrites.sheetjs), sheetjs_xlsx_export_50k_bytes: peerBytes.sheetjs,
  xlsx_read_only_50k_ms: med(xlsxReads), xlsx_import_50k_ms: med(xlsxImports),
  exceljs_xlsx_import_50k_ms: med(peerReads.exceljsRead), sheetjs_xlsx_import_50k_ms: med(peerReads.sheetjsRead),
  csv_export_50k_ms: med(csvExports),
  xlsx_export_first_50k_ms: ms(xlsxExports[0]), xlsx_import_first_50k_ms: ms(xlsxImports[0]),
  xlsx_task_longest_step_ms: +(choices.find((t) => t.name === 'ledger_export_xlsx_task_longest_step')?.ms ?? NaN).toFixed(1),
  xlsx_task_steps: choices.find((t) => t.name === 'ledger_export_xlsx_task_longest_step')?.result,
  xlsx_export_ui_frames: uiTask?.steps,
  xlsx_export_ui_longest_step_ms: uiTask ? Math.round(uiTask.longest_ms) : NaN,
  frame_ms_p95_50k: +scroll.p95.toFixed(1), frame_ms_p95_filter_50k: +filter.p95.toFixed(1),
  memory_mb_50k: +((mem.wasm + mem.js) / 1048576).toFixed(0),
  load: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
};
const ratio = (a, b) => `${(a / b).toFixed(1)}×`;
const MB = (b) => (b / 1e6).toFixed(2);
console.log(`| ${N.toLocaleString('en')} rows, headless Chromium (SwiftShader), median of 3 interleaved rounds | ms | file MB | app's lead |`);
console.log('|---|---:|---:|---:|');
console.log(`| app: xlsx export (official layout, styles) | ${result.xlsx_export_50k_ms} | ${MB(xlsxBytes)} | |`);
console.log(`| wasm-xlsxwriter ${version('wasm-xlsxwriter')}: same layout | ${result.wasmxlsxwriter_xlsx_export_50k_ms} | ${MB(peerBytes.wasmxlsxwriter)} | ${ratio(result.wasmxlsxwriter_xlsx_export_50k_ms, result.xlsx_export_50k_ms)} |`);
console.log(`| ExcelJS ${version('exceljs')}: same layout | ${result.exceljs_xlsx_export_50k_ms} | ${MB(peerBytes.exceljs)} | ${ratio(result.exceljs_xlsx_export_50k_ms, result.xlsx_export_50k_ms)} |`);
console.log(`| SheetJS ${version('xlsx')}: same cells, no styles | ${result.sheetjs_xlsx_export_50k_ms} | ${MB(peerBytes.sheetjs)} | ${ratio(result.sheetjs_xlsx_export_50k_ms, result.xlsx_export_50k_ms)} |`);
console.log(`| app: read the xlsx (read only) | ${result.xlsx_read_only_50k_ms} | | |`);
console.log(`| app: import (read + check and match every row) | ${result.xlsx_import_50k_ms} | | |`);
console.log(`| ExcelJS: read the app's file | ${result.exceljs_xlsx_import_50k_ms} | | ${ratio(result.exceljs_xlsx_import_50k_ms, result.xlsx_read_only_50k_ms)} (read only) |`);
console.log(`| SheetJS: read the app's file | ${result.sheetjs_xlsx_import_50k_ms} | | ${ratio(result.sheetjs_xlsx_import_50k_ms, result.xlsx_read_only_50k_ms)} (read only) |`);
console.log(`| CSV export / CSV import: read + check / write to SQLite | ${result.csv_export_50k_ms} / ${result.csv_import_50k_ms} / ${result.csv_import_apply_50k_ms} | | |`);
console.log(`| frame CPU p95 while scrolling / while filtering | ${result.frame_ms_p95_50k} / ${result.frame_ms_p95_filter_50k} | | |`);
console.log(`| export as a Task in 16 ms slices (core): steps, longest step ms | ${result.xlsx_task_steps}, ${result.xlsx_task_longest_step_ms} | | |`);
console.log(`| Ctrl+E in the page (40 ms per frame): frames, longest step ms | ${result.xlsx_export_ui_frames}, ${result.xlsx_export_ui_longest_step_ms} | | |`);
console.log(`| memory (wasm heap + JS heap), MB | ${result.memory_mb_50k} | | |`);
console.log(`(load ${result.load}; app exports ${xlsxExports.map(ms).join(' / ')} ms; ${Object.entries(peerWrites).map(([k, v]) => `${k} ${v.map(ms).join(' / ')}`).join('; ')}; app reads ${xlsxReads.map(ms).join(' / ')}, imports ${xlsxImports.map(ms).join(' / ')}; ${Object.entries(peerReads).map(([k, v]) => `${k} ${v.map(ms).join(' / ')} (${peerRows[k]} rows)`).join('; ')}; ${importSummary}; after filtering: ${filtered}; scroll frames ${scroll.count}, max ${scroll.max.toFixed(1)} ms; frames per keystroke: ${filter.perKey}; wasm heap ${(heapAfterCsv / 1048576).toFixed(0)} MB after the CSV import, ${(heapAfterExport / 1048576).toFixed(0)} after the exports, ${(mem.wasm / 1048576).toFixed(0)} MB at the end; JS heap ${(mem.js / 1048576).toFixed(0)} MB)`);
console.log('\n| the core\'s export of the same rows (coreTimings, one run each) | ms | file MB |');
console.log('|---|---:|---:|');
for (const t of choices) if (!t.name.includes('task')) console.log(`| ${t.name.replace('ledger_export_xlsx_', '')} | ${ms(t.ms)} | ${t.result ? MB(t.result) : ''} |`);
if (process.env.HTK_BENCH_KEEP) for (const f of ['export', 'wasmxlsxwriter', 'exceljs', 'sheetjs'])
  writeFileSync(join(process.env.HTK_BENCH_KEEP, `${f}.xlsx`), readFileSync(join(work, `${f}.xlsx`)));
console.log(JSON.stringify(result));
rmSync(work, { recursive: true, force: true });  // the generated files are large
