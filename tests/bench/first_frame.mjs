// Start-up benchmark: download sizes and time to first frame, printed as a
// table and a final JSON line. Not a test: it asserts nothing.
//   node tests/bench/first_frame.mjs [runs]
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

import { OFFLINE_HTML, OFFLINE_URL, SITE, launch, startServer, waitReady } from '../e2e/helpers.mjs';
import { waitForIdleCpu } from './idle.mjs';

const runs = +(process.argv[2] || 5);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const mb = (n) => (n / 1048576).toFixed(2);

function size(path) {
  const raw = statSync(path).size;
  return { raw, gz: gzipSync(readFileSync(path), { level: 9 }).length };
}

const stages = {};
async function firstFrame(page, record = false) {
  await waitReady(page);
  const marks = await page.evaluate(() => Object.fromEntries(
    performance.getEntriesByType('mark').map((m) => [m.name.replace('htk-', ''), m.startTime])));
  if (record) for (const [k, v] of Object.entries(marks)) (stages[k] ||= []).push(v);
  return +(await page.evaluate(() => document.body.dataset.firstFrameMs));
}

const server = await startServer();
const cold = [], coldAtLaunch = [], warm = [], offline = [], settle = [];
for (let i = 0; i < runs; i++) {
  // Cold: a fresh profile (nothing cached, nothing stored) in a browser that
  // is running already, as when an official opens the URL (idle.mjs).
  let b = await launch();
  settle.push(await waitForIdleCpu());
  await b.page.goto(server.url);
  cold.push(await firstFrame(b.page, true));
  await b.page.reload();
  warm.push(await firstFrame(b.page));
  await b.page.goto(OFFLINE_URL);
  offline.push(await firstFrame(b.page));
  await b.close();
  // And opened the moment the browser has started, beside its own start-up.
  b = await launch();
  await b.page.goto(server.url);
  coldAtLaunch.push(await firstFrame(b.page));
  await b.close();
}
server.stop();

const files = {
  'app.wasm': size(join(SITE, 'app.wasm')),
  'app.js': size(join(SITE, 'app.js')),
  'fonts/ui.ttf': size(join(SITE, 'fonts/ui.ttf')),
  'offline .html': size(OFFLINE_HTML),
};
console.log('| file | size MB | gzipped MB |');
console.log('|---|---:|---:|');
for (const [name, s] of Object.entries(files)) console.log(`| ${name} | ${mb(s.raw)} | ${mb(s.gz)} |`);
console.log();
console.log(`| first frame (median of ${runs}, headless Chromium, SwiftShader) | ms |`);
console.log('|---|---:|');
console.log(`| served, cold (fresh profile, browser running) | ${median(cold)} |`);
console.log(`| served, cold, opened as the browser starts | ${median(coldAtLaunch)} |`);
console.log(`| served, warm (reload) | ${median(warm)} |`);
console.log(`| offline .html from file:// | ${median(offline)} |`);
console.log();
console.log('| start-up stage, cold runs (ms since navigation) | median |');
console.log('|---|---:|');
for (const [k, v] of Object.entries(stages).sort((a, b) => median(a[1]) - median(b[1])))
  console.log(`| ${k} | ${Math.round(median(v))} |`);
console.log(JSON.stringify({
  wasm_mb: +mb(files['app.wasm'].raw), wasm_gz_mb: +mb(files['app.wasm'].gz),
  js_mb: +mb(files['app.js'].raw), js_gz_mb: +mb(files['app.js'].gz),
  font_mb: +mb(files['fonts/ui.ttf'].raw), font_gz_mb: +mb(files['fonts/ui.ttf'].gz),
  offline_html_mb: +mb(files['offline .html'].raw), offline_html_gz_mb: +mb(files['offline .html'].gz),
  first_frame_cold_ms: median(cold), first_frame_cold_at_launch_ms: median(coldAtLaunch),
  first_frame_warm_ms: median(warm), first_frame_offline_ms: median(offline), idle_wait_ms: median(settle),
}));
