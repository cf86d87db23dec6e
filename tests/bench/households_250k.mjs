// Household benchmark: a district's registry (250,000 households over 18
// townships and ~400 villages) as the monitoring system exports it — one row
// per PERSON, ~800,000 rows (district_data.mjs: persons) — through the real UI
// in one headless Chromium run: import (read + check + group + merge, then
// write) and the longest frame while it runs, the list shown, search per
// keystroke, frames while scrolling, the screening progress table, saving,
// memory. Not a test: prints a table and, last, one JSON line.
//   node tests/bench/households_250k.mjs [households]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { click, launch, rect, startServer, waitReady } from '../e2e/helpers.mjs';
import { persons, toCsv } from './district_data.mjs';

const N = +(process.argv[2] || 250000);
const work = mkdtempSync(join(tmpdir(), 'htk-bench-households-'));
// N households, each at least one person: the list must show 共 N 户.
const personRows = (() => {  // scoped: the rows (hundreds of MB in node) are garbage once written
  const { header, rows, households } = persons(N);
  if (households !== N) throw new Error(`persons() made ${households} households, not ${N}`);
  writeFileSync(join(work, 'households.csv'), toCsv(header, rows));
  return rows.length;
})();

const server = await startServer();
// --expose-gc: memory is read after a collection, so the JS heap is what the
// page holds, not garbage not yet collected.
const b = await launch({ viewport: { width: 1366, height: 768 }, extraArgs: ['--js-flags=--expose-gc'] });
const memory = () => page.evaluate(() => { window.gc(); return window.app.memory(); });
const page = b.page;
page.on('filechooser', () => {});  // intercepted from the start (see tests/e2e/ledger.test.mjs)
await page.goto(server.url + '?today=2022-06-15');
await waitReady(page);
await click(page, 'nav.screening');
await rect(page, 'households.count');

const timeout = { timeout: 900000 };
const between = (a, z) => page.evaluate(([a, z]) => {
  const s = performance.getEntriesByName(a).pop(), e = performance.getEntriesByName(z).pop();
  return s && e ? e.startTime - s.startTime : NaN;
}, [a, z]);
const nextFrames = () => page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));

// 1. Import: read + check + merge (preview), then write; the list shown again.
// The longest frame from just before Ctrl+O until the count shows (the app's
// own CPU time per drawn frame), and, in the page, the longest wait between
// two animation frames (wall clock: also what runs outside a drawn frame, as
// copying the file into the wasm heap).
await page.evaluate(() => performance.clearMarks());
await page.evaluate(() => {
  const g = window.htkBenchGap = { last: performance.now(), max: 0, on: true, long: [] };
  // Waits over 200 ms, with what the import showed just after (which step it was).
  const tick = (t) => {
    if (!g.on) return;
    if (t - g.last > 200) {
      const marks = performance.getEntriesByType('mark').filter((m) => m.startTime > g.last && m.startTime <= t);
      const shown = window.app.rect('households.import.progress')?.text ?? window.app.rect('status.file_arriving')?.text ??
        window.app.rect('households.count')?.text;
      g.long.push(`${Math.round(t - g.last)} ms before “${shown}”${marks.length ? ` (marks: ${[...new Set(marks.map((m) => m.name))].join(' ')})` : ''}`);
    }
    g.max = Math.max(g.max, t - g.last); g.last = t; requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
});
await page.evaluate(() => window.app.frameStats());  // start a new sample
// As a user would: Ctrl+O and the browser's file chooser.
const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Control+O')]);
await chooser.setFiles(join(work, 'households.csv'));
await page.waitForFunction(() => window.app.rect('households.import.summary'), null, timeout);
const plan = await between('htk-import-read-start', 'htk-households-plan-end');
const readOnly = await between('htk-import-read-start', 'htk-import-read-end');
const summary = (await rect(page, 'households.import.summary')).text;
const heapAtPreview = await page.evaluate(() => window.app.memory().wasm);
await page.keyboard.press('Enter');
await page.waitForFunction((n) => window.app.rect('households.count')?.text === `共 ${n} 户`, N, timeout);
const importFrames = await page.evaluate(() => window.app.frameStats());
const [importGap, longGaps] = await page.evaluate(() => { const g = window.htkBenchGap; g.on = false; return [g.max, g.long]; });
const apply = await between('htk-households-apply-start', 'htk-households-apply-end');
// The frame that ends the import (the last write step with its commit, taking the households from the plan,
// starting the save; the plan itself is freed between frames after), and the next one's joining of the
// households to the list.
const lastStep = await page.evaluate(() => {
  const at = (n) => performance.getEntriesByName(n).pop()?.startTime;
  const s = performance.getEntriesByName('htk-task-step-start').pop().startTime;
  return { step: at('htk-task-step-end') - s, take: at('htk-task-end') - at('htk-task-step-end'),
    save_sync: at('htk-save-sent') - at('htk-save-start'),
    list_next_frame: at('htk-households-upsert-end') - at('htk-households-upsert-start') };
});
const heapAfterImport = await page.evaluate(() => window.app.memory().wasm);
const load = await between('htk-households-load-start', 'htk-households-load-end');
const t0 = Date.now();
await page.waitForFunction(() => window.app.status().save === 'saved', null, timeout);
const saveMs = Date.now() - t0;
const dbBytes = await page.evaluate(() => window.app.query('SELECT page_count * page_size AS n FROM pragma_page_count(), pragma_page_size()')[0].n);

// 2. Search, keystroke by keystroke: frames until the list settles.
await click(page, 'households.search');
await page.evaluate(() => window.app.frameStats());
const perKey = [];
for (const ch of ['江', '明', '华']) {
  const k0 = Date.now();
  await page.keyboard.insertText(ch);
  await nextFrames();
  await page.waitForFunction(() => !window.app.rect('households.count').text.includes('正在搜索'), null, timeout);
  perKey.push({ ms: Date.now() - k0, stats: await page.evaluate(() => window.app.frameStats()) });
}
const found = (await rect(page, 'households.count')).text;
const searchFrames = perKey.flatMap((k) => k.stats.frames).sort((a, b) => a - b);
const p95 = (xs) => xs[Math.min(xs.length - 1, Math.floor(0.95 * xs.length))];
for (let i = 0; i < 3; i++) await page.keyboard.press('Backspace');
await page.waitForFunction((n) => window.app.rect('households.count')?.text === `共 ${n} 户`, N, timeout);

// 3. Frames while scrolling the whole registry.
const row = await rect(page, 'households.row.0');
await page.mouse.move(row.x + 100, row.y + 60);
await page.evaluate(() => window.app.frameStats());
for (let i = 0; i < 80; i++) {
  await page.mouse.wheel(0, i < 40 ? 2000 : -1500);
  await nextFrames();
}
const scroll = await page.evaluate(() => window.app.frameStats());

// 4. The progress table (every village: households, screened, problems).
await page.evaluate(() => performance.clearMarks());
const p0 = Date.now();
await click(page, 'screening.tab.progress');
await page.waitForFunction(() => window.app.rect('progress.total'), null, timeout);
const progressMs = Date.now() - p0;
const progressTotal = (await rect(page, 'progress.total')).text;
const mem = await memory();
await b.close();
server.stop();

const ms = (x) => Math.round(x);
const result = {
  households: N,
  registry_person_rows: personRows,
  registry_import_longest_frame_ms: +importFrames.max.toFixed(1),
  households_import_plan_ms: ms(plan), households_import_read_ms: ms(readOnly), households_import_apply_ms: ms(apply),
  households_list_load_ms: ms(load), households_save_ms: saveMs,
  households_search_key_ms_max: Math.max(...perKey.map((k) => k.ms)),
  households_search_frame_p95_ms: +p95(searchFrames).toFixed(1),
  households_scroll_frame_p95_ms: +scroll.p95.toFixed(1),
  households_progress_ms: progressMs,
  db_mb_households: +(dbBytes / 1048576).toFixed(1),
  memory_mb_households: +((mem.wasm + mem.js) / 1048576).toFixed(0),
};
console.log(`| ${N.toLocaleString('en')} households (${personRows.toLocaleString('en')} person rows), headless Chromium (SwiftShader), 2 cores | value |`);
console.log('|---|---:|');
console.log(`| import: read the CSV, ms | ${result.households_import_read_ms} |`);
console.log(`| import: read + check + merge (preview shown), ms | ${result.households_import_plan_ms} |`);
console.log(`| import: write to SQLite, ms | ${result.households_import_apply_ms} |`);
console.log(`| import: longest frame, Ctrl+O to the list shown, ms | ${result.registry_import_longest_frame_ms} |`);
console.log(`| list loaded again after the import, ms | ${result.households_list_load_ms} |`);
console.log(`| saved to IndexedDB after the import, ms | ${result.households_save_ms} |`);
console.log(`| search: keystroke to settled list, worst of 3, ms | ${result.households_search_key_ms_max} |`);
console.log(`| frame CPU p95 while searching / scrolling, ms | ${result.households_search_frame_p95_ms} / ${result.households_scroll_frame_p95_ms} |`);
console.log(`| progress table (every village), ms | ${result.households_progress_ms} |`);
console.log(`| database size, MB | ${result.db_mb_households} |`);
console.log(`| memory (wasm heap + JS heap), MB | ${result.memory_mb_households} |`);
console.log(`(${summary}; import ${importFrames.count} frames, p95 ${importFrames.p95.toFixed(1)} ms, longest wait between animation frames ${importGap.toFixed(0)} ms (waits over 200 ms: ${longGaps.join(", ") || "none"}; the last frame, ms: ${JSON.stringify(lastStep)}); search: ${found}; per key ${perKey.map((k) => `${k.ms} ms, ${k.stats.count} frames max ${k.stats.max.toFixed(1)}`).join(' / ')}; scroll ${scroll.count} frames max ${scroll.max.toFixed(1)}; ${progressTotal}; wasm heap ${(heapAtPreview / 1048576).toFixed(0)} MB at the preview, ${(heapAfterImport / 1048576).toFixed(0)} after the import, ${(mem.wasm / 1048576).toFixed(0)} at the end; JS heap ${(mem.js / 1048576).toFixed(0)} MB; malloc in use ${(mem.malloc / 1048576).toFixed(0)} MB, most held ${(mem.malloc_peak / 1048576).toFixed(0)} MB)`);
console.log(JSON.stringify(result));
rmSync(work, { recursive: true, force: true });  // the generated files are large
