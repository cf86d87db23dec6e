// Start-up benchmark: download sizes and time to first frame, printed as a
// table and a final JSON line per build. Not a test: it asserts nothing.
//   node tests/bench/first_frame.mjs [runs] [build-dir ...]
// With several build folders (e.g. build/ of two checkouts) each run times
// every build in turn, in alternating order, so that a machine getting busier
// or quieter does not favour one of them.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

import { BUILD, launch, startServer, waitReady } from '../e2e/helpers.mjs';
import { waitForIdleCpu } from './idle.mjs';

const args = process.argv.slice(2);
const runs = +(args.find((a) => /^\d+$/.test(a)) || 5);
const dirs = args.filter((a) => !/^\d+$/.test(a));
if (!dirs.length) dirs.push(BUILD);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const mb = (n) => (n / 1048576).toFixed(2);

function size(path) {
  if (!existsSync(path)) return { raw: 0, gz: 0 };
  const raw = statSync(path).size;
  return { raw, gz: gzipSync(readFileSync(path), { level: 9 }).length };
}

async function firstFrame(page, stages) {
  await waitReady(page);
  const marks = await page.evaluate(() => Object.fromEntries(
    performance.getEntriesByType('mark').map((m) => [m.name.replace('htk-', ''), m.startTime])));
  if (stages) for (const [k, v] of Object.entries(marks)) (stages[k] ||= []).push(v);
  return +(await page.evaluate(() => document.body.dataset.firstFrameMs));
}

const builds = [];
for (const dir of dirs) {
  const site = join(dir, 'wasm/site'), offline = join(dir, 'wasm/offline/回头看整改台账.html');
  builds.push({ dir, site, offline, offlineUrl: pathToFileURL(offline).href, server: await startServer(site),
                stages: {}, cold: [], coldAtLaunch: [], warm: [], offlineMs: [], ready: [], settle: [] });
}

async function timeOnce(t) {
  // Cold: a fresh profile (nothing cached, nothing stored) in a browser that
  // is running already, as when an official opens the URL (idle.mjs).
  let b = await launch();
  t.settle.push(await waitForIdleCpu());
  await b.page.goto(t.server.url);
  t.cold.push(await firstFrame(b.page, t.stages));
  t.ready.push(t.stages.ready[t.stages.ready.length - 1]);
  await b.page.reload();
  t.warm.push(await firstFrame(b.page));
  await b.page.goto(t.offlineUrl);
  t.offlineMs.push(await firstFrame(b.page));
  await b.close();
  // And opened the moment the browser has started, beside its own start-up.
  b = await launch();
  await b.page.goto(t.server.url);
  t.coldAtLaunch.push(await firstFrame(b.page));
  await b.close();
}

for (let i = 0; i < runs; i++) {
  const order = i % 2 ? [...builds].reverse() : builds;
  for (const t of order) await timeOnce(t);
}

for (const t of builds) {
  t.server.stop();
  const files = {
    'app.wasm': size(join(t.site, 'app.wasm')),
    'app.js': size(join(t.site, 'app.js')),
    'fonts/ui.ttf': size(join(t.site, 'fonts/ui.ttf')),
    'fonts/extra.ttf.gz (after the first frame)': size(join(t.site, 'fonts/extra.ttf.gz')),
    'offline .html': size(t.offline),
  };
  console.log(`\n## ${t.dir}\n`);
  console.log('| file | size MB | gzipped MB |');
  console.log('|---|---:|---:|');
  for (const [name, s] of Object.entries(files)) if (s.raw) console.log(`| ${name} | ${mb(s.raw)} | ${mb(s.gz)} |`);
  console.log();
  console.log(`| first frame (median of ${runs}, headless Chromium, SwiftShader) | ms |`);
  console.log('|---|---:|');
  console.log(`| served, cold (fresh profile, browser running) | ${median(t.cold)} |`);
  console.log(`| served, cold, opened as the browser starts | ${median(t.coldAtLaunch)} |`);
  console.log(`| served, warm (reload) | ${median(t.warm)} |`);
  console.log(`| offline .html from file:// | ${median(t.offlineMs)} |`);
  console.log();
  console.log('| start-up stage, cold runs (ms since navigation) | median |');
  console.log('|---|---:|');
  for (const [k, v] of Object.entries(t.stages).sort((a, b) => median(a[1]) - median(b[1])))
    console.log(`| ${k} | ${Math.round(median(v))} |`);
  console.log(JSON.stringify({
    build: t.dir,
    wasm_mb: +mb(files['app.wasm'].raw), wasm_gz_mb: +mb(files['app.wasm'].gz),
    js_mb: +mb(files['app.js'].raw), js_gz_mb: +mb(files['app.js'].gz),
    font_mb: +mb(files['fonts/ui.ttf'].raw), font_gz_mb: +mb(files['fonts/ui.ttf'].gz),
    extra_font_mb: +mb(files['fonts/extra.ttf.gz (after the first frame)'].raw),
    extra_font_gz_mb: +mb(files['fonts/extra.ttf.gz (after the first frame)'].gz),
    offline_html_mb: +mb(files['offline .html'].raw), offline_html_gz_mb: +mb(files['offline .html'].gz),
    first_frame_cold_ms: median(t.cold), first_frame_cold_at_launch_ms: median(t.coldAtLaunch),
    first_frame_warm_ms: median(t.warm), first_frame_offline_ms: median(t.offlineMs),
    ready_cold_ms: Math.round(median(t.ready)), idle_wait_ms: median(t.settle),
    runs: { cold: t.cold, warm: t.warm, offline: t.offlineMs, cold_at_launch: t.coldAtLaunch },
  }));
}
