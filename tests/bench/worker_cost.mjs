// What running the 50,000-row export in a Web Worker would cost before the
// worker wrote a byte, measured beside the app's own export in one page:
// the worker has no access to the page's SQLite (it lives in the main wasm
// instance's memory), so the rows would have to leave the heap (here: the
// page's read-only query as JSON), be copied to the worker (structured clone,
// as postMessage does), and a second instance of app.wasm be started there.
// Not a test: prints a table and one JSON line.   node tests/bench/worker_cost.mjs [rows]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startServer } from '../e2e/helpers.mjs';
import { ledgerRows } from './district_data.mjs';
import { ledgerCsv, openLedgerPage } from './ledger_page.mjs';

const N = +(process.argv[2] || 50000);
const work = mkdtempSync(join(tmpdir(), 'htk-worker-cost-'));
writeFileSync(join(work, 'ledger.csv'), ledgerCsv(ledgerRows(N).rows));
const server = await startServer();
const b = await openLedgerPage(server);
const page = b.page;
const timeout = { timeout: 600000 };
const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Control+O')]);
await chooser.setFiles(join(work, 'ledger.csv'));
await page.waitForFunction(() => window.app.rect('import.summary'), null, timeout);
// The import itself runs as tasks (app/core/task.h): its read and its write, each over frames.
const readTask = await page.evaluate(() => window.app.status().task);
await page.keyboard.press('Enter');
await page.waitForFunction((n) => window.app.query('SELECT count(*) AS n FROM problem WHERE deleted = 0')[0].n === n, N, timeout);
await page.waitForFunction(() => !window.app.status().task.running, null, timeout);
const writeTask = await page.evaluate(() => window.app.status().task);

const runs = [];
for (let k = 0; k < 3; k++) {
  runs.push(await page.evaluate(async () => {
    let t = performance.now();
    const rows = window.app.query('SELECT * FROM problem WHERE deleted = 0');
    const query = performance.now() - t;
    t = performance.now();
    const copy = structuredClone(rows);
    const clone = performance.now() - t;
    // A worker with a second instance of the app's module (compiled once, as a cached module would be).
    const bytes = await (await fetch('app.wasm')).arrayBuffer();
    const module = await WebAssembly.compile(bytes);
    t = performance.now();
    const w = new Worker(URL.createObjectURL(new Blob([
      'onmessage = async (e) => { const m = e.data; try { await WebAssembly.instantiate(m, new Proxy({}, { get: () => new Proxy({}, { get: () => () => 0 }) })); } catch (x) {} postMessage(1); };',
    ], { type: 'text/javascript' })));
    await new Promise((ok) => { w.onmessage = ok; w.postMessage(module); });
    const worker = performance.now() - t;
    w.terminate();
    return { rows: copy.length, query, clone, worker };
  }));
}
const med = (k) => runs.map((r) => r[k]).sort((a, b) => a - b)[1];
const result = {
  worker_rows_out_of_sqlite_ms: Math.round(med('query')),
  worker_rows_cloned_ms: Math.round(med('clone')),
  worker_start_with_module_ms: Math.round(med('worker')),
  import_read_steps: readTask.steps,
  import_read_longest_step_ms: Math.round(readTask.longest_ms),
  import_write_steps: writeTask.steps,
  import_write_longest_step_ms: Math.round(writeTask.longest_ms),
};
console.log(`| ${N} rows to a worker (median of 3) | ms |\n|---|---:|`);
console.log(`| rows out of SQLite as JSON (on the page's thread) | ${result.worker_rows_out_of_sqlite_ms} |`);
console.log(`| structured clone (postMessage's copy, page's thread) | ${result.worker_rows_cloned_ms} |`);
console.log(`| a worker started with the app's module | ${result.worker_start_with_module_ms} |`);
console.log(`\n| ${N}-row CSV import as tasks | frames | longest step, ms |\n|---|---:|---:|`);
console.log(`| read (a row at a time) | ${readTask.steps} | ${result.import_read_longest_step_ms} |`);
console.log(`| write (256 rows per batch, one transaction) | ${writeTask.steps} | ${result.import_write_longest_step_ms} |`);
console.log(JSON.stringify(result));
await b.close();
server.stop();
rmSync(work, { recursive: true, force: true });
