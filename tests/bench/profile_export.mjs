// Where the official xlsx export of a 50,000-row ledger spends its time in
// the browser: a 50k CSV is imported through the UI, two exports warm the
// code up, the third (Ctrl+E) runs under Chromium's sampling profiler, and the
// functions with the most self time are printed. Needs a build with function
// names in the wasm:
//   emcmake cmake -S . -B build/prof/wasm -G Ninja -DHTK_PROFILING=ON \
//     -DHTK_DEPS=<the wasm deps prefix> -DHTK_HEADERS_INCLUDE=<cache>/include -DCMAKE_BUILD_TYPE=MinSizeRel
//   cmake --build build/prof/wasm && HTK_BUILD=build/prof node tests/bench/profile_export.mjs
// (the prefixes are the ones web/tools/lib.sh's build_app uses; see build/wasm/CMakeCache.txt).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { click, startServer } from '../e2e/helpers.mjs';
import { ledgerRows } from './district_data.mjs';
import { ledgerCsv, openLedgerPage } from './ledger_page.mjs';
const N = 50000;
const work = mkdtempSync(join(tmpdir(), 'htk-prof-'));
const { rows } = ledgerRows(N);
writeFileSync(join(work, 'ledger.csv'), ledgerCsv(rows));
const server = await startServer();
const b = await openLedgerPage(server);
const page = b.page;
const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Control+O')]);
await chooser.setFiles(join(work, 'ledger.csv'));
await page.waitForFunction(() => window.app.rect('import.summary'), null, { timeout: 600000 });
await page.keyboard.press('Enter');
await page.waitForFunction((n) => window.app.query('SELECT count(*) AS n FROM problem WHERE deleted = 0')[0].n === n, N, { timeout: 600000 });
await page.waitForFunction(() => window.app.status().save === 'saved', null, { timeout: 600000 });
await click(page, 'ledger.count');
for (let k = 0; k < 2; k++) await Promise.all([page.waitForEvent('download'), page.keyboard.press('Control+E')]);
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
await cdp.send('Profiler.start');
await Promise.all([page.waitForEvent('download'), page.keyboard.press('Control+E')]);
const { profile } = await cdp.send('Profiler.stop');
const self = new Map(); const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const dt = profile.timeDeltas; let total = 0;
profile.samples.forEach((id, i) => { const n = byId.get(id); const k = n.callFrame.functionName || '(' + n.callFrame.url.split('/').pop() + ')'; self.set(k, (self.get(k) || 0) + dt[i]); total += dt[i]; });
console.log(`sampled ${(total / 1000).toFixed(0)} ms (the export and the idle time around it); self time, ms:`);
[...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 30).forEach(([k, v]) => console.log((v / 1000).toFixed(1).padStart(8), k));
await b.close();
server.stop();
rmSync(work, { recursive: true, force: true });
