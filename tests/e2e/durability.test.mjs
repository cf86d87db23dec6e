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
// Replaces everything stored by what `rewrite` writes — the source of a
// function (store, image) run in the page, given the newest generation's
// whole image: how an older build would have left the store.
const rewriteStored = (page, rewrite) => page.evaluate((src) => new Promise((ok, fail) => {
  const write = eval(src);  // eslint-disable-line no-eval
  const req = indexedDB.open('huitoukan-zhenggai-taizhang');
  req.onsuccess = () => {
    const store = req.result.transaction('db', 'readwrite').objectStore('db');
    const all = store.getAll(), keys = store.getAllKeys();
    keys.onsuccess = () => {
      const values = Object.fromEntries(keys.result.map((k, i) => [k, all.result[i]]));
      const newest = ['gen-0', 'gen-1'].map((k) => values[k]).filter(Boolean).sort((x, y) => y.seq - x.seq)[0];
      const image = new Uint8Array(newest.size);
      Array.from(newest.seqs, (seq, i) => `c${seq}-${i}`)
        .forEach((k, i) => image.set(new Uint8Array(values[k]), i * newest.chunkSize));
      store.clear();
      write(store, image);
      store.transaction.oncomplete = () => { req.result.close(); ok(); };
    };
  };
  req.onerror = () => fail(req.error);
}), rewrite);
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

// Start-up draws at once and reads the stored data meanwhile (here held back
// 2.5 s, a slow disk): the start-up screen says so and takes no input, and a
// page hidden or closed then (which saves at once) writes nothing over what is
// stored.
test('while the stored data is read the page shows it and saves nothing over it', async () => {
  const b = await launch();
  try {
    await open(b);
    await role(b.page, 'district');
    await b.page.goto(server.url + '?today=2022-06-07&loaddelay=2500');
    await b.page.waitForFunction(() => document.body.dataset.firstFrameMs && window.app.rect('startup.stage'));
    assert.match((await rect(b.page, 'startup.stage')).text, /^正在读取本机保存的数据/);
    await b.page.mouse.click(60, 300);
    await b.page.keyboard.press('Control+S');
    await b.page.evaluate(() => window.dispatchEvent(new Event('pagehide')));
    assert.equal(await b.page.evaluate(() => document.body.dataset.ready), undefined, 'still reading');
    await waitReady(b.page);
    assert.equal(await setting(b.page, 'role'), 'district');
    assert.equal(await b.page.evaluate(() => performance.getEntriesByName('htk-save-start').length), 0);
    await b.page.reload();
    await waitReady(b.page);
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
          const keysOf = (v) => v.keys || Array.from(v.seqs, (seq, i) => `c${seq}-${i}`);
          const key = keysOf(newest.result).find((k) => !keysOf(older.result).includes(k));
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
    await rewriteStored(b.page, `(store, image) => {
      const crcTable = Array.from({ length: 256 }, (_, n) => {
        let c = n;
        for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
        return c >>> 0;
      });
      let c = 0xffffffff;
      for (const x of image) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8);
      store.put({ bytes: image.buffer, seq: 7, crc: (c ^ 0xffffffff) >>> 0, savedAt: Date.now() }, 'gen-1');
    }`);
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

// XXH64 (seed 0) of bytes, as two 32-bit words low first — how the app stores
// a chunk's hash. Source for page.evaluate.
const XXH64_SOURCE = String.raw`(bytes) => {
  const M = (1n << 64n) - 1n, P1 = 11400714785074694791n, P2 = 14029467366897019727n,
        P3 = 1609587929392839161n, P4 = 9650029242287828579n, P5 = 2870177450012600261n;
  const rotl = (x, r) => ((x << r) | (x >> (64n - r))) & M;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const u64 = (at) => view.getBigUint64(at, true);
  const round = (acc, v) => (rotl((acc + v * P2) & M, 31n) * P1) & M;
  const merge = (h, v) => (((h ^ round(0n, v)) * P1) + P4) & M;
  let at = 0, h;
  if (bytes.length >= 32) {
    let v1 = (P1 + P2) & M, v2 = P2, v3 = 0n, v4 = (M + 1n - P1) & M;
    for (; at + 32 <= bytes.length; at += 32) {
      v1 = round(v1, u64(at)); v2 = round(v2, u64(at + 8)); v3 = round(v3, u64(at + 16)); v4 = round(v4, u64(at + 24));
    }
    h = (rotl(v1, 1n) + rotl(v2, 7n) + rotl(v3, 12n) + rotl(v4, 18n)) & M;
    h = merge(merge(merge(merge(h, v1), v2), v3), v4);
  } else {
    h = P5;
  }
  h = (h + BigInt(bytes.length)) & M;
  for (; at + 8 <= bytes.length; at += 8) h = ((rotl(h ^ round(0n, u64(at)), 27n) * P1) + P4) & M;
  if (at + 4 <= bytes.length) { h = ((rotl(h ^ ((BigInt(view.getUint32(at, true)) * P1) & M), 23n) * P2) + P3) & M; at += 4; }
  for (; at < bytes.length; at++) h = (rotl(h ^ ((BigInt(bytes[at]) * P5) & M), 11n) * P1) & M;
  h ^= h >> 33n; h = (h * P2) & M; h ^= h >> 29n; h = (h * P3) & M; h ^= h >> 32n;
  return [Number(h & 0xffffffffn), Number(h >> 32n)];
}`;

test('XXH64 in the test matches the reference values', async () => {
  const xxh64 = eval(XXH64_SOURCE);
  const hex = ([lo, hi]) => hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
  assert.equal(hex(xxh64(new Uint8Array(0))), 'ef46db3751d8e999');
  assert.equal(hex(xxh64(new TextEncoder().encode('abc'))), '44bc2cf5ad770999');
});

test("a generation cut into other chunks (format 2, 64 KB) is read; the next save writes its own and leaves it as the good copy", async () => {
  const b = await launch();
  try {
    await open(b);
    await role(b.page, 'district');
    // Rewrite the store as a build with 64 KB chunks and chunk keys in the
    // manifest (format 2) would have left it, under 'gen-1'.
    await rewriteStored(b.page, `(store, image) => {
      const xxh64 = ${XXH64_SOURCE};
      const size = 64 * 1024, chunkKeys = [], hashes = [];
      for (let at = 0, i = 0; at < image.length; at += size, i++) {
        const chunk = image.slice(at, at + size);
        chunkKeys.push(\`c7-\${i}\`);
        hashes.push(...xxh64(chunk));
        store.put(chunk.buffer, \`c7-\${i}\`);
      }
      store.put({ format: 2, seq: 7, savedAt: Date.now(), size: image.length, chunkSize: size, keys: chunkKeys,
                  hashes: new Uint32Array(hashes) }, 'gen-1');
    }`);
    await b.page.reload();
    await waitReady(b.page);
    assert.equal(await b.page.evaluate(() => window.app.rect('startup.error')), null);
    assert.equal(await setting(b.page, 'role'), 'district');

    await role(b.page, 'department');
    const stored = () => b.page.evaluate(() => new Promise((ok) => {
      const req = indexedDB.open('huitoukan-zhenggai-taizhang');
      req.onsuccess = () => {
        const store = req.result.transaction('db').objectStore('db');
        const all = store.getAll(), keys = store.getAllKeys();
        keys.onsuccess = () => {
          const have = new Set(keys.result);
          const out = {};
          keys.result.forEach((k, i) => {
            const v = all.result[i];
            if (!/^gen-/.test(k)) return;
            const chunkKeys = v.keys || Array.from(v.seqs, (seq, n) => `c${seq}-${n}`);
            out[k] = { format: v.format, seq: v.seq, chunkSize: v.chunkSize, chunks: chunkKeys.length,
                       complete: chunkKeys.every((c) => have.has(c)) };
          });
          req.result.close();
          ok(out);
        };
      };
    }));
    let slots = await stored();
    assert.deepEqual(slots['gen-1'], { format: 2, seq: 7, chunkSize: 65536, chunks: slots['gen-1'].chunks, complete: true },
                     'the older copy is kept whole');
    assert.equal(slots['gen-0'].format, 3);
    assert.equal(slots['gen-0'].chunkSize, 256 * 1024);
    assert.ok(slots['gen-0'].complete);
    assert.ok(slots['gen-1'].chunks > 1, 'the test image spans several of the old chunks');

    // Damage the new copy: the older build's copy comes back.
    await b.page.evaluate(() => new Promise((ok, fail) => {
      const req = indexedDB.open('huitoukan-zhenggai-taizhang');
      req.onsuccess = () => {
        const store = req.result.transaction('db', 'readwrite').objectStore('db');
        const g0 = store.get('gen-0');
        g0.onsuccess = () => {
          const key = `c${g0.result.seqs[0]}-0`;
          const chunk = store.get(key);
          chunk.onsuccess = () => {
            const bytes = new Uint8Array(chunk.result);
            bytes[100] ^= 0x10;
            store.put(bytes.buffer, key).onsuccess = () => { req.result.close(); ok(); };
          };
        };
      };
      req.onerror = () => fail(req.error);
    }));
    await b.page.reload();
    await waitReady(b.page);
    assert.match((await rect(b.page, 'startup.error')).text, /^最近一次保存的数据已损坏（校验和不符），已恢复到 .* 保存的数据/);
    assert.equal(await setting(b.page, 'role'), 'district');

    // The next save writes every chunk again (no good chunk of this size) over the damaged copy.
    await role(b.page, 'township');
    slots = await stored();
    assert.equal(slots['gen-1'].seq, 7, 'the restored copy is kept');
    assert.ok(slots['gen-0'].seq > 8 && slots['gen-0'].complete);
    await b.page.reload();
    await waitReady(b.page);
    assert.equal(await b.page.evaluate(() => window.app.rect('startup.error')), null);
    assert.equal(await setting(b.page, 'role'), 'township');
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});
