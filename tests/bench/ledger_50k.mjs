// Ledger benchmark: a realistic 50,000-row ledger through the real UI in one
// headless Chromium run — CSV import, official xlsx export, xlsx import, CSV
// export — beside SheetJS (npm "xlsx") doing the same on the same rows in the
// same page; frame times while scrolling and filtering; memory. Not a test:
// prints a table and, last, one JSON line.   node tests/bench/ledger_50k.mjs [rows]
import { mkdtempSync, rmSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { click, rect, startServer } from '../e2e/helpers.mjs';
import { ledgerRows } from './district_data.mjs';
import { LEDGER_HEADER, ledgerCsv, openLedgerPage } from './ledger_page.mjs';

const N = +(process.argv[2] || 50000);
const require = createRequire(new URL('../../web/package.json', import.meta.url));
const sheetjsPath = require.resolve('xlsx/dist/xlsx.full.min.js');

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

// 2. Official xlsx export (Ctrl+E), 3. CSV export (Ctrl+Shift+E). Each three
// times, like SheetJS below: the first run includes the browser's compiling of
// the hot wasm code; the table shows the first and the median.
await click(page, 'ledger.count');
const xlsxPath = join(work, 'export.xlsx');
const xlsxExports = [], csvExports = [];
for (let k = 0; k < 3; k++) {
  await clearMarks();
  let [download] = await Promise.all([page.waitForEvent('download', timeout), page.keyboard.press('Control+E')]);
  if (k === 0) await download.saveAs(xlsxPath);
  xlsxExports.push(await between('htk-export-xlsx-start', 'htk-export-xlsx-end'));
  [download] = await Promise.all([page.waitForEvent('download', timeout), page.keyboard.press('Control+Shift+E')]);
  csvExports.push(await between('htk-export-csv-start', 'htk-export-csv-end'));
}

const memAfterExport = await memory();
const heapAfterExport = memAfterExport.wasm;

// 4. xlsx import of our own 50k-row file (read + match every row: all unchanged), three times.
const xlsxImports = [];
let importSummary = '';
for (let k = 0; k < 3; k++) {
  await clearMarks();
  await drop(xlsxPath, 'export.xlsx');
  await page.waitForFunction(() => window.app.rect('import.summary'), null, timeout);
  xlsxImports.push(await between('htk-import-read-start', 'htk-import-plan-end'));
  importSummary = (await rect(page, 'import.summary')).text;
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !window.app.rect('import.summary'), null, timeout);
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

// 6. SheetJS on the same rows, in the same page.
await page.addScriptTag({ content: readFileSync(sheetjsPath, 'utf8') });
const xlsxB64 = readFileSync(xlsxPath).toString('base64');
const sheetjs = await page.evaluate(({ rows, header, xlsxB64 }) => {
  const aoa = [header, ...rows.map((r, i) => [i + 1, ...r])];
  const w = [];
  for (let k = 0; k < 3; k++) {
    const t0 = performance.now();
    const ws = XLSX.utils.aoa_to_sheet(aoa);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, '整改台账');
    XLSX.write(wb, { type: 'array', bookType: 'xlsx', compression: true });
    w.push(performance.now() - t0);
  }
  const bytes = Uint8Array.from(atob(xlsxB64), (c) => c.charCodeAt(0));
  const r = [];
  for (let k = 0; k < 3; k++) {
    const t0 = performance.now();
    const wb = XLSX.read(bytes, { type: 'array', cellDates: true });
    XLSX.utils.sheet_to_json(wb.Sheets[wb.SheetNames[0]], { header: 1 });
    r.push(performance.now() - t0);
  }
  return { write: w, read: r };
}, { rows, header: LEDGER_HEADER, xlsxB64 });
await b.close();
server.stop();

const ms = (x) => Math.round(x);
const result = {
  rows: N,
  csv_import_50k_ms: ms(csvRead), csv_import_apply_50k_ms: ms(csvApply),
  xlsx_export_50k_ms: ms(median(xlsxExports)), sheetjs_xlsx_export_50k_ms: ms(median(sheetjs.write)),
  xlsx_import_50k_ms: ms(median(xlsxImports)), sheetjs_xlsx_import_50k_ms: ms(median(sheetjs.read)),
  csv_export_50k_ms: ms(median(csvExports)),
  xlsx_export_first_50k_ms: ms(xlsxExports[0]), sheetjs_xlsx_export_first_50k_ms: ms(sheetjs.write[0]),
  xlsx_import_first_50k_ms: ms(xlsxImports[0]), sheetjs_xlsx_import_first_50k_ms: ms(sheetjs.read[0]),
  frame_ms_p95_50k: +scroll.p95.toFixed(1), frame_ms_p95_filter_50k: +filter.p95.toFixed(1),
  memory_mb_50k: +((mem.wasm + mem.js) / 1048576).toFixed(0),
};
const ratio = (a, b) => `${(a / b).toFixed(1)}×`;
console.log(`| ${N.toLocaleString('en')} rows, headless Chromium (SwiftShader), 2 cores | ours ms | SheetJS 0.18.5 ms | ratio |`);
console.log('|---|---:|---:|---:|');
console.log(`| xlsx export (official layout), median of 3 | ${result.xlsx_export_50k_ms} | ${result.sheetjs_xlsx_export_50k_ms} | ${ratio(result.sheetjs_xlsx_export_50k_ms, result.xlsx_export_50k_ms)} |`);
console.log(`| xlsx export, first run | ${result.xlsx_export_first_50k_ms} | ${result.sheetjs_xlsx_export_first_50k_ms} | ${ratio(result.sheetjs_xlsx_export_first_50k_ms, result.xlsx_export_first_50k_ms)} |`);
console.log(`| xlsx import (read + check every row), median of 3 | ${result.xlsx_import_50k_ms} | ${result.sheetjs_xlsx_import_50k_ms} | ${ratio(result.sheetjs_xlsx_import_50k_ms, result.xlsx_import_50k_ms)} |`);
console.log(`| xlsx import, first run | ${result.xlsx_import_first_50k_ms} | ${result.sheetjs_xlsx_import_first_50k_ms} | ${ratio(result.sheetjs_xlsx_import_first_50k_ms, result.xlsx_import_first_50k_ms)} |`);
console.log(`| CSV export | ${result.csv_export_50k_ms} | | |`);
console.log(`| CSV import: read + check / write to SQLite | ${result.csv_import_50k_ms} / ${result.csv_import_apply_50k_ms} | | |`);
console.log(`| frame CPU p95 while scrolling / while filtering | ${result.frame_ms_p95_50k} / ${result.frame_ms_p95_filter_50k} | | |`);
console.log(`| memory (wasm heap + JS heap), MB | ${result.memory_mb_50k} | | |`);
console.log(`(xlsx exports ${xlsxExports.map(ms).join(' / ')} ms, SheetJS ${sheetjs.write.map(ms).join(' / ')}; xlsx imports ${xlsxImports.map(ms).join(' / ')}, SheetJS ${sheetjs.read.map(ms).join(' / ')}; ${importSummary}; after filtering: ${filtered}; scroll frames ${scroll.count}, max ${scroll.max.toFixed(1)} ms; frames per keystroke: ${filter.perKey}; wasm heap ${(heapAfterCsv / 1048576).toFixed(0)} MB after the CSV import, ${(heapAfterExport / 1048576).toFixed(0)} after the exports, ${(mem.wasm / 1048576).toFixed(0)} MB at the end; JS heap ${(mem.js / 1048576).toFixed(0)} MB; malloc in use / most held: ${[memAfterCsv, memAfterExport, mem].map((m) => `${(m.malloc / 1048576).toFixed(0)}/${(m.malloc_peak / 1048576).toFixed(0)}`).join(', ')} MB after the CSV import, the exports, the end)`);
console.log(JSON.stringify(result));
rmSync(work, { recursive: true, force: true });  // the generated files are large
