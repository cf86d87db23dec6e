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
    cur.onsuccess = () => {
      const c = cur.result;
      if (!c) { req.result.close(); ok(out); return; }
      if (/^gen-/.test(c.key)) out[c.key] = c.value.seq;  // not the chunks ('c<seq>-<i>')
      c.continue();
    };
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
    // Change a byte of a chunk only the newest generation has, keeping its hash
    // in the manifest: a page torn by a crash, or bits gone bad on disk.
    await b.page.evaluate(([damaged, good]) => new Promise((ok, fail) => {
      const req = indexedDB.open('huitoukan-zhenggai-taizhang');
      req.onsuccess = () => {
        const store = req.result.transaction('db', 'readwrite').objectStore('db');
        const newest = store.get(damaged), older = store.get(good);
        older.onsuccess = () => {
          const key = newest.result.keys.find((k) => !older.result.keys.includes(k));
          const chunk = store.get(key);
          chunk.onsuccess = () => {
            const bytes = new Uint8Array(chunk.result);
            bytes[bytes.length >> 1] ^= 0x40;
            store.put(bytes.buffer, key).onsuccess = () => { req.result.close(); ok(); };
          };
        };
      };
      req.onerror = () => fail(req.error);
    }), [damaged, good]);
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

test("an older build's whole-image generation is read, then replaced by chunks", async () => {
  const b = await launch();
  try {
    await open(b);
    await role(b.page, 'district');
    // Rewrite the store as the builds before the chunks left it: one image
    // with its CRC-32 under 'gen-1'.
    await b.page.evaluate(() => new Promise((ok, fail) => {
      const crcTable = Array.from({ length: 256 }, (_, n) => {
        let c = n;
        for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
        return c >>> 0;
      });
      const crc32 = (bytes) => {
        let c = 0xffffffff;
        for (const x of bytes) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8);
        return (c ^ 0xffffffff) >>> 0;
      };
      const req = indexedDB.open('huitoukan-zhenggai-taizhang');
      req.onsuccess = () => {
        const store = req.result.transaction('db', 'readwrite').objectStore('db');
        const all = store.getAll(), keys = store.getAllKeys();
        keys.onsuccess = () => {
          const values = Object.fromEntries(keys.result.map((k, i) => [k, all.result[i]]));
          const newest = ['gen-0', 'gen-1'].map((k) => values[k]).filter(Boolean).sort((x, y) => y.seq - x.seq)[0];
          const image = new Uint8Array(newest.size);
          newest.keys.forEach((k, i) => image.set(new Uint8Array(values[k]), i * newest.chunkSize));
          store.clear();
          store.put({ bytes: image.buffer, seq: 7, crc: crc32(image), savedAt: Date.now() }, 'gen-1');
          store.transaction.oncomplete = () => { req.result.close(); ok(); };
        };
      };
      req.onerror = () => fail(req.error);
    }));
    await b.page.reload();
    await waitReady(b.page);
    assert.equal(await b.page.evaluate(() => window.app.rect('startup.error')), null);
    assert.equal(await setting(b.page, 'role'), 'district');
    await role(b.page, 'department');
    await role(b.page, 'township');
    const slots = await b.page.evaluate(() => new Promise((ok) => {
      const req = indexedDB.open('huitoukan-zhenggai-taizhang');
      req.onsuccess = () => {
        const store = req.result.transaction('db').objectStore('db');
        const g0 = store.get('gen-0'), g1 = store.get('gen-1');
        g1.onsuccess = () => ok([g0.result, g1.result].map((v) => (v.bytes ? 'image' : `chunks ${v.seq}`)));
      };
    }));
    assert.deepEqual(slots.map((s) => s.split(' ')[0]), ['chunks', 'chunks'], 'both generations are chunked now');
    await b.page.reload();
    await waitReady(b.page);
    assert.equal(await setting(b.page, 'role'), 'township');
  } finally {
    await b.close();
  }
});
