// Data typed into 设置 is in SQLite, saved to IndexedDB, and still there after
// a reload and after the browser is closed and opened again on the same profile.
// Saving failures are shown and retried; window.app.query refuses writes.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { click, launch, rect, setting, shownText, startServer, typeUnitName, waitReady, waitSaved }
  from './helpers.mjs';

let server;
before(async () => { server = await startServer(); });
after(() => server.stop());

async function expectUnitName(page, text) {
  await click(page, 'nav.settings');
  assert.equal(await shownText(page, 'settings.unit_name'), text, 'on screen');
  assert.equal(await setting(page, 'unit_name'), text, 'in SQLite');
  assert.equal(await shownText(page, 'status.unit'), text, 'in the status bar');
}

test('unit name and role survive a reload and a browser restart', async () => {
  let b = await launch();
  const profile = b.dir;
  try {
    await b.page.goto(server.url);
    await waitReady(b.page);
    await typeUnitName(b.page, '蒋李集镇');
    await click(b.page, 'settings.role.district');
    await b.page.waitForFunction(() => window.app.rect('settings.role.district').text === 'selected');
    await waitSaved(b.page);

    await b.page.reload();
    await waitReady(b.page);
    await expectUnitName(b.page, '蒋李集镇');
    assert.equal(await setting(b.page, 'role'), 'district');
    assert.equal((await rect(b.page, 'settings.role.district')).text, 'selected');

    await b.close({ keepProfile: true });
    b = await launch({ profile });
    await b.page.goto(server.url);
    await waitReady(b.page);
    await expectUnitName(b.page, '蒋李集镇');
    assert.equal(await setting(b.page, 'role'), 'district');
  } finally {
    await b.close();
  }
});

test('an edit made just before reload is not lost', async () => {
  const b = await launch();
  try {
    await b.page.goto(server.url);
    await waitReady(b.page);
    await typeUnitName(b.page, '五女店镇');
    // No wait for the save: the page flushes on pagehide, and a save already
    // running completes in the background.
    await b.page.reload();
    await waitReady(b.page);
    // The page before the reload held the writer lock while unloading: the
    // new one waits for it rather than opening read-only.
    assert.equal(await b.page.evaluate(() => window.app.status().readOnly), false);
    await expectUnitName(b.page, '五女店镇');
  } finally { await b.close(); }
});

test('a failed save is shown with its reason, retried, and then succeeds', async () => {
  const b = await launch();
  try {
    await b.page.goto(server.url);
    await waitReady(b.page);
    await waitSaved(b.page);  // the new database is stored; opening it again writes nothing
    // ?failsave=2: the next two IndexedDB writes fail as on a full disk.
    await b.page.goto(server.url + '?failsave=2');
    await waitReady(b.page);
    await typeUnitName(b.page, '小召乡');
    await b.page.waitForFunction(() => window.app.status().save === 'failed');
    const st = await b.page.evaluate(() => window.app.status());
    assert.match(st.error, /存储空间已满/);
    assert.match(await shownText(b.page, 'status.save'), /保存失败：浏览器存储空间已满/);
    await b.page.waitForFunction(() => window.app.status().save === 'saved', null, { timeout: 20000 });
    assert.match(await shownText(b.page, 'status.save'), /已保存/);
    await b.page.goto(server.url);
    await waitReady(b.page);
    await expectUnitName(b.page, '小召乡');
  } finally { await b.close(); }
});

test('window.app.query runs one read-only SELECT and refuses anything else', async () => {
  const b = await launch();
  try {
    await b.page.goto(server.url);
    await waitReady(b.page);
    const rows = await b.page.evaluate(() => window.app.query('SELECT 1 AS a, \'乡\' AS b'));
    assert.deepEqual(rows, [{ a: 1, b: '乡' }]);
    for (const sql of ["DELETE FROM settings", "UPDATE settings SET value = 'x'", "DROP TABLE settings",
                       "PRAGMA user_version = 0", "SELECT 1; DELETE FROM settings"]) {
      const err = await b.page.evaluate((s) => {
        try { window.app.query(s); return null; } catch (e) { return e.message; }
      }, sql);
      assert.ok(err, 'refused: ' + sql);
    }
    const v = await b.page.evaluate(() => window.app.query('SELECT count(*) AS n FROM sqlite_schema')[0].n);
    assert.ok(v >= 1);
  } finally { await b.close(); }
});

// An import's save is copied a slice per task while it is written. Here every
// save is spread that way (one chunk per task) and held before its first copy.
async function holdNextSave(page) {
  await page.evaluate(() => {
    HTK.storage.copyNowBytes = 0;
    HTK.storage.STEP_MS = -1;
    const open = HTK.storage.open;
    HTK.storage.open = function () {
      HTK.storage.open = open;
      const opened = open.call(this);
      return new Promise((resolve) => { window.releaseSave = () => resolve(opened); });
    };
  });
}

test('a spread save under which the data changes is dropped, and the change is saved', async () => {
  const b = await launch();
  try {
    await b.page.goto(server.url);
    await waitReady(b.page);
    await waitSaved(b.page);
    await holdNextSave(b.page);
    await typeUnitName(b.page, '长店镇');
    await b.page.waitForFunction(() => typeof window.releaseSave === 'function');
    await typeUnitName(b.page, '长店镇人民政府');  // commits while the first save holds
    await b.page.evaluate(() => window.releaseSave());
    await b.page.waitForFunction(() => performance.getEntriesByName('htk-save-superseded').length > 0);
    await waitSaved(b.page);
    assert.equal((await b.page.evaluate(() => window.app.status())).error, '', 'not a failure');
    await b.page.reload();
    await waitReady(b.page);
    await expectUnitName(b.page, '长店镇人民政府');
  } finally { await b.close(); }
});

test('a spread save still running when the page goes gives way to one written at once', async () => {
  const b = await launch();
  try {
    await b.page.goto(server.url);
    await waitReady(b.page);
    await waitSaved(b.page);
    await holdNextSave(b.page);
    await typeUnitName(b.page, '张潘镇');
    await b.page.waitForFunction(() => typeof window.releaseSave === 'function');
    await b.page.reload();  // pagehide: the held save is dropped, an urgent one written
    await waitReady(b.page);
    await expectUnitName(b.page, '张潘镇');
  } finally { await b.close(); }
});
