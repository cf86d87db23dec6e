// The single self-contained .html opened from disk (file://) works like the
// served site: it starts, takes Chinese input, and keeps it across a reload
// and a browser restart.
import assert from 'node:assert/strict';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

import { OFFLINE_HTML, OFFLINE_URL, click, dropFile, launch, pngStats, rect, setUnitName, setting, shownText, startServer,
         waitReady, waitSaved, waitTextFocus } from './helpers.mjs';

test('offline .html from file:// starts, saves and restores', async () => {
  assert.ok(statSync(OFFLINE_HTML).size > 1_000_000, 'the single file embeds wasm and font');
  let b = await launch();
  const profile = b.dir;
  const requests = [];
  b.page.on('request', (r) => requests.push(r.url()));
  try {
    await b.page.goto(OFFLINE_URL);
    await waitReady(b.page);
    assert.ok(requests.every((u) => u.startsWith('file:') || u.startsWith('data:')),
              'loads nothing from a network: ' + requests.filter((u) => !u.startsWith('file:')).join(' '));
    const s = pngStats(await b.page.screenshot());
    assert.ok(s.distinctColors > 20 && s.nonBackground > 20000, 'drawn');

    await click(b.page, 'nav.settings');
    await click(b.page, 'settings.unit_name');
    await waitTextFocus(b.page);
    const cdp = await b.context.newCDPSession(b.page);
    await cdp.send('Input.imeSetComposition', { text: 'lingjing', selectionStart: 8, selectionEnd: 8 });
    await cdp.send('Input.insertText', { text: '灵井镇' });
    await b.page.waitForFunction(() => window.app.rect('settings.unit_name').text === '灵井镇');
    await waitSaved(b.page);

    await b.page.reload();
    await waitReady(b.page);
    assert.equal(await setting(b.page, 'unit_name'), '灵井镇');
    assert.equal(await shownText(b.page, 'status.unit'), '灵井镇');

    await b.close({ keepProfile: true });
    b = await launch({ profile });
    await b.page.goto(OFFLINE_URL);
    await waitReady(b.page);
    assert.equal(await setting(b.page, 'unit_name'), '灵井镇');
    await click(b.page, 'nav.settings');
    assert.equal(await shownText(b.page, 'settings.unit_name'), '灵井镇');
  } finally {
    await b.close();
  }
});

// A backup is checked in a Web Worker made from the page itself (a blob: URL
// the page's Content-Security-Policy allows), then restored.
test('offline .html checks a backup in its own worker and restores it', async () => {
  const b = await launch();
  const work = mkdtempSync(join(tmpdir(), 'htk-offline-'));
  try {
    await b.page.goto(OFFLINE_URL);
    await waitReady(b.page);
    await setUnitName(b.page, '椹涧乡');
    await click(b.page, 'nav.settings');
    await click(b.page, 'settings.tab.storage');
    const [download] = await Promise.all([b.page.waitForEvent('download'), click(b.page, 'backup.download')]);
    const path = join(work, 'backup.db');
    await download.saveAs(path);
    await click(b.page, 'settings.tab.unit');
    await click(b.page, 'settings.unit_name');
    await waitTextFocus(b.page);
    await b.page.keyboard.press('Control+A');
    await b.page.keyboard.insertText('灵井镇');
    await b.page.keyboard.press('Enter');
    await b.page.waitForFunction(() => window.app.query("SELECT value FROM settings WHERE key = 'unit_name'")[0]?.value === '灵井镇');
    await dropFile(b.page, path, 'backup.db');
    assert.match((await rect(b.page, 'restore.summary')).text, /^单位：椹涧乡/);
    assert.equal(await b.page.evaluate(() => performance.getEntriesByName('htk-db-check-done').length), 1,
                 'the worker answered');
    await b.page.keyboard.press('Enter');
    await b.page.waitForFunction(() => window.app.query("SELECT value FROM settings WHERE key = 'unit_name'")[0]?.value === '椹涧乡');
    // The screens read the restored data again on the next frame.
    await b.page.waitForFunction(() => window.app.rect('status.unit')?.text === '椹涧乡');
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test('the served URL, once visited, opens again with the network gone; both pages show the version', async () => {
  const server = await startServer();
  const b = await launch();
  try {
    await b.page.goto(server.url + '?today=2022-06-07');
    await waitReady(b.page);
    const version = await b.page.evaluate(() => document.querySelector('meta[name="htk-version"]').content);
    assert.match(version, /^\d+\.\d+\.\d+/);
    assert.equal(await shownText(b.page, 'status.version'), version);
    assert.equal(await b.page.evaluate(() => document.querySelector('link[rel="manifest"]').href),
                 server.url + 'manifest.webmanifest');
    // The service worker has the app's files once it is in control.
    await b.page.evaluate(() => navigator.serviceWorker.ready);
    await b.page.reload();
    await waitReady(b.page);
    await b.page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await click(b.page, 'nav.settings');
    await click(b.page, 'settings.unit_name');
    await waitTextFocus(b.page);
    await b.page.keyboard.insertText('灵井镇');
    await b.page.waitForFunction(() => window.app.rect('settings.unit_name').text === '灵井镇');
    await waitSaved(b.page);

    await b.context.setOffline(true);
    server.stop();
    await b.page.reload();
    await waitReady(b.page);
    assert.equal(await setting(b.page, 'unit_name'), '灵井镇');
    assert.equal(await shownText(b.page, 'status.version'), version);
    const s = pngStats(await b.page.screenshot());
    assert.ok(s.distinctColors > 20 && s.nonBackground > 20000, 'drawn');

    const b2 = await launch();
    try {
      await b2.page.goto(OFFLINE_URL);
      await waitReady(b2.page);
      assert.equal(await shownText(b2.page, 'status.version'), version);
    } finally {
      await b2.close();
    }
  } finally {
    await b.close();
    server.stop();
  }
});
