// Graphics fallbacks: WebGL 1 when WebGL 2 is unavailable, and a clear
// Chinese message (not a blank page) when there is no WebGL at all.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { OFFLINE_URL, ROOT, click, launch, pngStats, rect, startServer, waitReady } from './helpers.mjs';

let server;
before(async () => { server = await startServer(); });
after(() => server.stop());

test('falls back to WebGL 1 when the browser has no WebGL 2', async () => {
  const b = await launch({ extraArgs: ['--disable-webgl2'] });
  try {
    await b.page.goto(server.url);
    await waitReady(b.page);
    assert.equal(await b.page.evaluate(() => window.app.status().webgl), 'WebGL 1');
    await click(b.page, 'nav.settings');
    await b.page.waitForFunction(() => window.app.rect('settings.unit_name'));
    const s = pngStats(await b.page.screenshot({ path: join(ROOT, 'build/e2e-webgl1.png') }));
    assert.ok(s.distinctColors > 20 && s.nonBackground > 20000, 'drawn with WebGL 1');
    assert.deepEqual(b.errors, []);
  } finally { await b.close(); }
});

test('?webgl=1 forces WebGL 1 in a browser that has WebGL 2', async () => {
  const b = await launch();
  try {
    await b.page.goto(server.url + '?webgl=1');
    await waitReady(b.page);
    assert.equal(await b.page.evaluate(() => window.app.status().webgl), 'WebGL 1');
    assert.ok(await rect(b.page, 'nav.home'));
  } finally { await b.close(); }
});

test('without WebGL the page explains what to do, in Chinese', async () => {
  const b = await launch({ extraArgs: ['--disable-webgl', '--disable-3d-apis'] });
  try {
    await b.page.goto(server.url);
    await b.page.waitForFunction(() => document.body.dataset.fatal);
    assert.equal(await b.page.locator('#fatal').isVisible(), true);
    assert.equal(await b.page.locator('#loading').isVisible(), false);
    const text = await b.page.locator('#fatal').innerText();
    assert.match(text, /WebGL/);
    assert.match(text, /图形加速/);
    assert.match(text, /数据仍在本机浏览器中/);
    await b.page.screenshot({ path: join(ROOT, 'build/e2e-nowebgl.png') });
    assert.notEqual(await b.page.evaluate(() => document.body.dataset.ready), '1');
  } finally { await b.close(); }
});

// The context's attributes are named once (shell/contract.js): the served page's
// start.js asks for the context with them before the app starts (and the app
// is handed that context), the offline page's app asks itself. Both must end
// up with exactly the contract's attributes.
test('both pages draw with the WebGL attributes shell/contract.js names', async () => {
  const b = await launch();
  try {
    for (const url of [server.url, OFFLINE_URL]) {
      await b.page.goto(url);
      await waitReady(b.page);
      const { want, got } = await b.page.evaluate(() => {
        const canvas = document.getElementById('canvas');
        const gl = canvas.getContext(window.app.status().webgl === 'WebGL 2' ? 'webgl2' : 'webgl');
        return { want: HTK_CONTRACT.WEBGL, got: gl && gl.getContextAttributes() };
      });
      assert.ok(got, url + ': the canvas has the context the app draws with');
      for (const k of ['alpha', 'depth', 'stencil', 'antialias', 'premultipliedAlpha', 'preserveDrawingBuffer',
                       'powerPreference', 'failIfMajorPerformanceCaveat'])
        assert.equal(got[k], want[k], `${url}: ${k}`);
    }
  } finally { await b.close(); }
});
