// Two tabs on the same data: only one writes (the Web Lock, or a
// BroadcastChannel where there is none); the other is read-only, follows the
// writer's saves, and can take over — the writer first stores what it holds,
// so no edit is lost whichever tab made it. A writer whose saves fail does
// not hand over.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { OFFLINE_URL, click, launch, rect, setting, shownText, startServer, typeUnitName, waitReady, waitSaved }
  from './helpers.mjs';

let server;
before(async () => { server = await startServer(); });
after(() => server.stop());

const frames = (page, n) => page.evaluate((k) => new Promise((ok) => {
  const step = () => (k-- <= 0 ? ok() : requestAnimationFrame(step));
  step();
}), n);

const readOnly = (page) => page.evaluate(() => window.app.status().readOnly);
const waitRole = (page, ro) => page.waitForFunction((r) => window.app.status().readOnly === r, ro);
const waitUnit = (page, name) => page.waitForFunction(
  (n) => window.app.query("SELECT value FROM settings WHERE key = 'unit_name'")[0]?.value === n, name);

async function openTab(context, url) {
  const page = await context.newPage();
  await page.goto(url);
  await waitReady(page);
  return page;
}

// The whole exchange, on any URL and with or without Web Locks.
async function twoTabs(b, url) {
  const A = b.page;
  await A.goto(url);
  await waitReady(A);
  await typeUnitName(A, '甲镇');
  await waitSaved(A);
  assert.equal(await readOnly(A), false, 'the first tab writes');

  const B = await openTab(b.context, url);
  assert.equal(await readOnly(B), true, 'the second tab reads');
  await rect(B, 'readonly.notice');
  assert.equal(await shownText(B, 'status.save'), '只读');
  assert.equal(await setting(B, 'unit_name'), '甲镇', 'it shows the stored data');

  // Typing in the read-only tab changes nothing.
  const commits = await B.evaluate(() => window.app.status().commits);
  await click(B, 'nav.settings');
  await click(B, 'settings.unit_name');
  await B.keyboard.insertText('乙');
  await frames(B, 4);
  assert.equal(await B.evaluate(() => window.app.status().input.text), false, 'no field takes the keyboard');
  assert.equal(await B.evaluate(() => window.app.status().commits), commits);
  assert.equal(await setting(B, 'unit_name'), '甲镇');

  // It follows the writer's saves.
  await typeUnitName(A, '丙镇');
  await waitUnit(B, '丙镇');
  assert.equal(await shownText(B, 'status.unit'), '丙镇');

  // Take over while the writer's last edit may not be stored yet: it is kept.
  await typeUnitName(A, '丁镇');
  await click(B, 'readonly.take_over');
  await waitRole(B, false);
  await waitRole(A, true);
  assert.equal(await setting(B, 'unit_name'), '丁镇', "the old writer's last edit came over");
  await rect(A, 'readonly.take_over');

  // And back the other way.
  await typeUnitName(B, '戊镇');
  await waitUnit(A, '戊镇');
  await click(A, 'readonly.take_over');
  await waitRole(A, false);
  await waitRole(B, true);
  assert.equal(await setting(A, 'unit_name'), '戊镇');
  await typeUnitName(A, '己镇');
  await waitSaved(A);

  // A third tab reads; once the writer is closed, taking over is immediate.
  const C = await openTab(b.context, url);
  assert.equal(await readOnly(C), true);
  await A.close();
  await click(C, 'readonly.take_over');
  await waitRole(C, false);
  assert.equal(await setting(C, 'unit_name'), '己镇');
  await typeUnitName(C, '庚镇');
  await waitSaved(C);
  await waitUnit(B, '庚镇');
  await C.close();
  await B.reload();
  await waitReady(B);
  assert.equal(await readOnly(B), false, 'alone again, it writes');
  assert.equal(await setting(B, 'unit_name'), '庚镇');
}

test('served: one tab writes, the other reads, follows and takes over (Web Locks)', async () => {
  const b = await launch();
  try {
    await twoTabs(b, server.url);
    assert.deepEqual(b.errors, []);
  } finally { await b.close(); }
});

test('offline .html from disk: the same (Web Locks under file://)', async () => {
  const b = await launch();
  try {
    await twoTabs(b, OFFLINE_URL);
  } finally { await b.close(); }
});

test('without Web Locks the tabs agree over a BroadcastChannel', async () => {
  const b = await launch();
  try {
    await b.context.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'locks', { get: () => undefined, configurable: true });
    });
    await twoTabs(b, server.url);
  } finally { await b.close(); }
});

test('a writer whose saves fail does not hand over; it does once they succeed', async () => {
  const b = await launch();
  try {
    const A = b.page;
    // A real full disk: the origin's quota below what one save needs
    // (Chromium applies it to connections opened after it is set).
    const cdp = await b.context.newCDPSession(A);
    const origin = new URL(server.url).origin;
    await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 1 });
    await A.goto(server.url);
    await waitReady(A);
    await typeUnitName(A, '辛镇');
    await A.waitForFunction(() => window.app.status().save === 'failed');
    const B = await openTab(b.context, server.url);
    assert.equal(await readOnly(B), true);

    // A busy or background tab may draw no frame for a while after it
    // refuses: what it reports must not wait for one. From the start of the
    // hand-over A draws no new frame (the one already asked for still comes,
    // while it tries to save) until the assertions are made.
    await A.evaluate(() => {
      const begin = Module._htk_writer_release_begin;
      window.heldFrames = [];
      window.realRaf = window.requestAnimationFrame;
      Module._htk_writer_release_begin = () => {
        begin();
        window.requestAnimationFrame = (f) => window.heldFrames.push(f);
      };
    });
    await A.bringToFront();  // A draws while it tries to save for the hand-over
    await click(B, 'readonly.take_over');
    const refused = await B.waitForFunction(() => window.app.rect('readonly.refused')?.text);
    assert.match(await refused.jsonValue(), /未能保存/);
    assert.equal(await readOnly(B), true);
    assert.ok(await A.evaluate(() => window.heldFrames.length > 0), 'A has drawn no frame since the hand-over began');
    assert.equal(await readOnly(A), false, 'A still writes: its edit exists nowhere else');
    await A.evaluate(() => {
      window.requestAnimationFrame = window.realRaf;
      for (const f of window.heldFrames.splice(0)) window.requestAnimationFrame(f);
    });
    assert.equal(await setting(A, 'unit_name'), '辛镇');

    await cdp.send('Storage.overrideQuotaForOrigin', { origin });  // space again
    await click(A, 'savefail.retry');
    await waitSaved(A);
    await waitUnit(B, '辛镇');
    await click(B, 'readonly.take_over');
    await waitRole(B, false);
    await waitRole(A, true);
    assert.equal(await setting(B, 'unit_name'), '辛镇');
  } finally { await b.close(); }
});
