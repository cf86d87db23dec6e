// Nothing shown as saved is lost: not when Chromium is killed right after the
// save, and not when the newest stored copy is damaged (then the one before it
// comes back, the user is told, and the next save does not write over it).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, test } from 'node:test';

import { click, launch, rect, setting, startServer, waitReady, waitSaved } from './helpers.mjs';

let server;
before(async () => { server = await startServer(); });
after(() => server.stop());

const open = async (b) => {
  await b.page.goto(server.url + '?today=2022-06-07');
  await waitReady(b.page);
};
const role = async (page, which) => {
  await click(page, 'nav.settings');
  await click(page, `settings.role.${which}`);
  await page.waitForFunction((w) => window.app.rect(`settings.role.${w}`)?.text === 'selected', which);
  await waitSaved(page);
};
// The stored generations as {key: seq}.
const generations = (page) => page.evaluate(() => new Promise((ok, fail) => {
  const req = indexedDB.open('huitoukan-zhenggai-taizhang');
  req.onsuccess = () => {
    const out = {}, cur = req.result.transaction('db').objectStore('db').openCursor();
    cur.onsuccess = () => { const c = cur.result; if (!c) { req.result.close(); ok(out); return; } out[c.key] = c.value.seq; c.continue(); };
    cur.onerror = () => fail(cur.error);
  };
  req.onerror = () => fail(req.error);
}));

test('an edit shown as saved survives killing the browser right after', async () => {
  let b = await launch();
  const profile = b.dir;
  await open(b);
  await role(b.page, 'district');
  // Kill every Chromium process of this profile at once, as a crash or a power cut would.
  const kill = spawnSync('pkill', ['-KILL', '-f', `user-data-dir=${profile}`]);
  assert.equal(kill.status, 0, 'chromium was running');
  await b.close({ keepProfile: true }).catch(() => {});
  b = await launch({ profile });
  try {
    await open(b);
    assert.equal(await setting(b.page, 'role'), 'district');
  } finally {
    await b.close();
  }
});

test('a damaged newest copy: the one before comes back, the user is told, and it is not written over', async () => {
  const b = await launch();
  try {
    await open(b);
    await role(b.page, 'district');
    await role(b.page, 'department');
    const gens = await generations(b.page);
    assert.deepEqual(Object.keys(gens).sort(), ['gen-0', 'gen-1']);
    const [damaged, good] = gens['gen-0'] > gens['gen-1'] ? ['gen-0', 'gen-1'] : ['gen-1', 'gen-0'];
    // Cut the newest copy in half, keeping its checksum: a write torn by a crash.
    await b.page.evaluate(() => new Promise((ok, fail) => {
      const req = indexedDB.open('huitoukan-zhenggai-taizhang');
      req.onsuccess = () => {
        const store = req.result.transaction('db', 'readwrite').objectStore('db');
        const all = store.getAll(), keys = store.getAllKeys();
        keys.onsuccess = () => {
          const i = all.result[0].seq > all.result[1].seq ? 0 : 1, v = all.result[i];
          v.bytes = v.bytes.slice(0, v.bytes.byteLength >> 1);
          store.put(v, keys.result[i]).onsuccess = () => { req.result.close(); ok(); };
        };
      };
      req.onerror = () => fail(req.error);
    }));
    await b.page.reload();
    await waitReady(b.page);
    assert.match((await rect(b.page, 'startup.error')).text, /^最近一次保存的数据已损坏（校验和不符），已恢复到 .* 保存的数据/);
    assert.equal(await setting(b.page, 'role'), 'district');
    assert.deepEqual(b.errors, []);

    // The next save goes over the damaged copy; the good one stays.
    await role(b.page, 'township');
    const after = await generations(b.page);
    assert.equal(after[good], gens[good], 'the restored copy is kept');
    assert.ok(after[damaged] > gens[damaged], 'the damaged copy was replaced');
    await b.page.reload();
    await waitReady(b.page);
    assert.equal(await b.page.evaluate(() => window.app.rect('startup.error')), null);
    assert.equal(await setting(b.page, 'role'), 'township');
  } finally {
    await b.close();
  }
});
