// The page itself: it starts, draws, follows the window, stays sharp at DPR 2,
// has every character it may show, and survives a lost WebGL context.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { ROOT, click, launch, pngStats, rect, startServer, waitReady } from './helpers.mjs';

let server;
before(async () => { server = await startServer(); });
after(() => server.stop());

test('page becomes ready and draws the main window', async () => {
  const b = await launch();
  try {
    await b.page.goto(server.url);
    await waitReady(b.page);
    assert.equal(await b.page.locator('#loading').isVisible(), false, 'loading screen hidden');
    const png = await b.page.screenshot({ path: join(ROOT, 'build/e2e-home.png') });
    const s = pngStats(png);
    assert.ok(s.distinctColors > 20, `drawn, not blank (${s.distinctColors} colours)`);
    assert.ok(s.nonBackground > 20000, `enough drawn pixels (${s.nonBackground})`);
    for (const id of ['nav.home', 'nav.ledger', 'nav.screening', 'nav.weekly', 'nav.district', 'nav.settings'])
      assert.ok(await rect(b.page, id), id + ' is drawn');
    assert.match((await rect(b.page, 'status.save')).text, /已保存/);
    assert.deepEqual(b.errors, []);
  } finally { await b.close(); }
});

test('every section opens and says what it holds', async () => {
  const b = await launch();
  try {
    await b.page.goto(server.url);
    await waitReady(b.page);
    for (const id of ['nav.ledger', 'nav.screening', 'nav.weekly', 'nav.district', 'nav.settings', 'nav.home']) {
      const before = pngStats(await b.page.screenshot());
      await click(b.page, id);
      await b.page.waitForFunction(() => true);
      const shot = await b.page.screenshot();
      assert.notDeepEqual(pngStats(shot), before, id + ' changes the screen');
    }
  } finally { await b.close(); }
});

test('canvas follows window resizes', async () => {
  const b = await launch({ viewport: { width: 1000, height: 700 } });
  try {
    await b.page.goto(server.url);
    await waitReady(b.page);
    await b.page.waitForFunction(() => document.getElementById('canvas').width === 1000);
    await b.page.setViewportSize({ width: 1400, height: 900 });
    await b.page.waitForFunction(() => {
      const c = document.getElementById('canvas');
      return c.width === 1400 && c.height === 900;
    });
    // The status bar moved to the new bottom edge.
    await b.page.waitForFunction(() => window.app.rect('status.save').y > 850);
  } finally { await b.close(); }
});

test('sharp at devicePixelRatio 2: backing store is CSS size x 2', async () => {
  const b = await launch({ viewport: { width: 900, height: 600 }, deviceScaleFactor: 2 });
  try {
    await b.page.goto(server.url);
    await waitReady(b.page);
    await b.page.waitForFunction(() => document.getElementById('canvas').width === 1800);
    assert.equal(await b.page.evaluate(() => document.getElementById('canvas').height), 1200);
    const png = await b.page.screenshot({ path: join(ROOT, 'build/e2e-dpr2.png') });
    const s = pngStats(png);
    assert.equal(s.width, 1800);
    assert.ok(s.distinctColors > 20 && s.nonBackground > 40000, 'drawn at DPR 2');
    // Widgets are laid out in CSS pixels.
    const r = await rect(b.page, 'status.save');
    assert.ok(r.y > 500 && r.y < 600, 'status bar at the bottom in CSS px: ' + r.y);
  } finally { await b.close(); }
});

// Every character the app may have to show: GB2312 (from Debian's Python codec,
// independent of our build), the campaign document's characters, and every
// non-ASCII character in the app's sources (the UI strings).
function expectedCharacters() {
  const py = spawnSync('/usr/bin/python3', ['-c', `
import sys
out = []
for hi in range(0xA1, 0xF8):
    for lo in range(0xA1, 0xFF):
        try: out.append(bytes([hi, lo]).decode('gb2312'))
        except UnicodeDecodeError: pass
sys.stdout.write(''.join(out))`], { encoding: 'utf8' });
  assert.equal(py.status, 0, py.stderr);
  const gb2312 = py.stdout;
  assert.equal([...gb2312].length, 7445);
  const seed = readFileSync(join(ROOT, 'web/font/seed-chars.txt'), 'utf8').split('\n')
    .filter((l) => !l.startsWith('#')).join('');
  let ui = '';
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(cpp|h|json)$/.test(name)) ui += readFileSync(p, 'utf8').replace(/[\x00-\x7f]/g, '');
    }
  };
  walk(join(ROOT, 'app'));
  return { gb2312, seed, ui };
}

test('every GB2312, campaign-document and UI character has a glyph', async () => {
  const { gb2312, seed, ui } = expectedCharacters();
  assert.ok(ui.length > 200, 'UI strings found');
  const b = await launch();
  try {
    await b.page.goto(server.url);
    await waitReady(b.page);
    for (const [name, text] of Object.entries({ gb2312, seed, ui })) {
      const missing = await b.page.evaluate((t) => window.app.missingGlyphs(t), text);
      assert.equal(missing, '', `${name}: missing glyphs`);
    }
    // The check can fail: a character outside the subset is reported.
    assert.equal(await b.page.evaluate(() => window.app.missingGlyphs('中𠀀')), '𠀀');
  } finally { await b.close(); }
});

test('a lost WebGL context is survived and drawing resumes', async () => {
  const b = await launch();
  try {
    await b.page.goto(server.url);
    await waitReady(b.page);
    await b.page.evaluate(() => {
      const c = document.getElementById('canvas');
      const gl = c.getContext('webgl2') || c.getContext('webgl');
      window.__lose = gl.getExtension('WEBGL_lose_context');
      window.__lost = new Promise((ok) => c.addEventListener('webglcontextlost', ok, { once: true }));
      window.__lose.loseContext();
      return window.__lost;
    });
    await b.page.waitForFunction(() => getComputedStyle(document.getElementById('gl-lost')).display !== 'none');
    assert.match(await b.page.locator('#gl-lost').innerText(), /正在恢复/);
    await b.page.evaluate(() => {
      const c = document.getElementById('canvas');
      const restored = new Promise((ok) => c.addEventListener('webglcontextrestored', ok, { once: true }));
      window.__lose.restoreContext();
      return restored;
    });
    assert.equal(await b.page.locator('#gl-lost').isVisible(), false);
    // Drawing resumes: a click still switches sections, and the screen is not blank.
    await click(b.page, 'nav.settings');
    await b.page.waitForFunction(() => window.app.rect('settings.unit_name'));
    const s = pngStats(await b.page.screenshot());
    assert.ok(s.distinctColors > 20 && s.nonBackground > 20000);
    assert.deepEqual(b.errors, []);
  } finally { await b.close(); }
});
