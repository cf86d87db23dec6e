// storage.js — the database image in IndexedDB (an Emscripten --pre-js).
//
// The app keeps SQLite in memory. Before main() runs, what is stored is read
// here; after every committed write the app hands over the parts of the image
// that changed. The image is kept in chunks of 256 KB (keys 'c<seq>-<index>',
// written once and never changed) listed by a manifest; there are two
// manifests, 'gen-0' and 'gen-1', two generations of the whole database. A
// save writes the changed chunks and a new manifest into the slot that does
// not hold the last good generation, in one transaction, then drops the
// chunks nothing refers to any more. So a write torn by a crash or refused by
// a full disk never touches the last good generation, and an edit to a
// district's 90 MB database writes a few chunks, not 90 MB. At start the app
// checks the generations newest first against their chunk hashes.
//
// A manifest: {format: 3, seq, savedAt, size, chunkSize, seqs: Uint32Array (the
// generation each chunk was written by: its key is 'c<seqs[i]>-<i>'), hashes:
// Uint32Array (two words per chunk, the app's 64-bit hashes)}. Numbers, not
// key strings, keep it small: Chromium stores a value over 64 KB as a file of
// its own. A generation cut with another chunk size (another build) shares no
// chunks with the next save, which writes them all.
// Older builds' data is read as it is and replaced by the next save: format 2
// (`keys`: the chunk key per index), and before the chunks
// {bytes, seq, crc, savedAt} under the same slot names (and earlier one image
// under 'main'). Under file:// every local page shares one origin, so the
// names are the app's own.

HTK.storage = {
  DB_NAME: HTK_CONTRACT.DB_NAME,
  DB_VERSION: HTK_CONTRACT.DB_VERSION,
  STORE: HTK_CONTRACT.STORE,
  LEGACY_KEY: 'main', // the single image of builds before the two generations
  candidates: [],     // generations read at start, newest first (see load)
  chunks: null,       // key -> Uint8Array while the candidates are being checked
  manifests: {},      // slot -> {chunkSize, keys: chunk key per index}, as stored (for saves)
  orphans: [],        // chunk keys no manifest refers to (dropped by the next save)
  seq: 0,             // the highest generation number seen or written
  goodKey: '',        // the slot holding the last good generation (never written over)
  loadError: '',      // why the stored data could not be read (then nothing is saved)
  persisted: -1,      // navigator.storage.persist(): 1 granted, 0 refused, -1 unknown
  loaded: false,      // the first load() is over (read, or loadError says why not)

  // Opens the database once (again after another page's upgrade closed it).
  // start.js may have asked already (HTK.earlyIdb): that connection is used.
  opening: null,      // the connection's promise
  open: function () {
    var self = this;
    if (self.opening) return self.opening;
    var early = HTK.earlyIdb;
    HTK.earlyIdb = null;
    var opened = early || new Promise(function (resolve, reject) {
      if (!window.indexedDB) { reject(new Error('此浏览器不支持 IndexedDB')); return; }
      var req = indexedDB.open(self.DB_NAME, self.DB_VERSION);
      req.onupgradeneeded = function () { req.result.createObjectStore(self.STORE); };
      req.onsuccess = function () { resolve(req.result); };
      req.onerror = function () { reject(req.error || new Error('IndexedDB open failed')); };
      req.onblocked = function () { reject(new Error('IndexedDB is blocked by another tab')); };
    });
    self.opening = opened.then(function (idb) {
      idb.onversionchange = function () { idb.close(); self.opening = null; };
      return idb;
    }, function (e) { self.opening = null; throw e; });
    return self.opening;
  },

  isSlot: function (key) { return key === this.LEGACY_KEY || /^gen-[01]$/.test(key); },

  // The chunk keys of a chunked manifest (format 3 or 2), null otherwise.
  chunkKeys: function (v) {
    if (v.format === 2 && Array.isArray(v.keys)) return v.keys;
    if (v.format !== 3 || !v.seqs) return null;
    var keys = new Array(v.seqs.length);
    for (var i = 0; i < keys.length; i++) keys[i] = 'c' + v.seqs[i] + '-' + i;
    return keys;
  },

  // Reads every generation into `candidates`, newest first: {key, seq,
  // savedAt, size, and either bytes + crc (an older build's whole image) or
  // chunkSize + keys + hashes (chunks, assembled by copy())}. The keys first,
  // then the chunks a batch per getAll, all asked at once in one transaction
  // (one request per chunk or a cursor was several times slower); `progress`
  // counts the chunks read, for the app's start-up screen.
  BATCH: 32,
  progress: [0, 0],
  load: function () {
    var self = this;
    var ready = self.open();
    return ready.then(function (idb) {
      return new Promise(function (resolve, reject) {
        var store = idb.transaction(self.STORE, 'readonly').objectStore(self.STORE);
        var fail = function (e) { reject(e.target.error); };
        var allKeys = store.getAllKeys();
        allKeys.onerror = fail;
        allKeys.onsuccess = function () {
          var slots = [], chunkKeys = [];
          allKeys.result.forEach(function (key) {
            if (typeof key === 'string' && key.charAt(0) === 'c') chunkKeys.push(key);
            else if (self.isSlot(key)) slots.push(key);
          });
          self.progress = [0, chunkKeys.length];
          var values = new Map(), waiting = 0;
          var done = function () { if (--waiting === 0) resolve(self.sort(slots, values)); };
          slots.forEach(function (key) {
            waiting++;
            var req = store.get(key);
            req.onerror = fail;
            req.onsuccess = function () { values.set(key, req.result); done(); };
          });
          // The keys come sorted, and every key from the first of a batch to
          // its last is a chunk key: a bound range returns exactly that batch.
          for (var first = 0; first < chunkKeys.length; first += self.BATCH) {
            waiting++;
            var last = Math.min(chunkKeys.length, first + self.BATCH) - 1;
            (function (first, last) {
              var req = store.getAll(IDBKeyRange.bound(chunkKeys[first], chunkKeys[last]));
              req.onerror = fail;
              req.onsuccess = function () {
                req.result.forEach(function (v, n) { values.set(chunkKeys[first + n], v); });
                self.progress = [self.progress[0] + req.result.length, chunkKeys.length];
                done();
              };
            })(first, last);
          }
          if (waiting === 0) { waiting = 1; done(); }
        };
      });
    });
  },

  // The generations among what load() read, the chunks kept for copy().
  sort: function (slots, values) {
    var self = this, found = [], chunks = new Map();
    values.forEach(function (v, key) {
      var keys;
      if (typeof key === 'string' && key.charAt(0) === 'c') {
        if (v instanceof ArrayBuffer) chunks.set(key, new Uint8Array(v));
      } else if (v && (keys = self.chunkKeys(v))) {
        found.push({ key: key, seq: v.seq, savedAt: v.savedAt || 0, size: v.size, chunkSize: v.chunkSize,
                     keys: keys, hashes: v.hashes, crc: -1 });
      } else if (v && v.bytes) {
        var bytes = new Uint8Array(v.bytes);
        found.push({ key: key, bytes: bytes, size: bytes.length, seq: v.seq || 0,
                     crc: typeof v.crc === 'number' ? v.crc : -1, savedAt: v.savedAt || 0, keys: null });
      }
    });
    found.sort(function (a, b) { return b.seq - a.seq; });
    self.candidates = found;
    self.chunks = chunks;
    self.manifests = {};
    var used = new Set();
    found.forEach(function (f) {
      self.seq = Math.max(self.seq, f.seq);
      if (f.keys && f.key !== self.LEGACY_KEY) {
        self.manifests[f.key] = { chunkSize: f.chunkSize, keys: f.keys };
        f.keys.forEach(function (k) { used.add(k); });
      }
    });
    self.orphans = [];
    chunks.forEach(function (_, k) { if (!used.has(k)) self.orphans.push(k); });
  },

  // Copies candidate i into the wasm heap at ptr; false when a chunk is missing.
  copy: function (i, ptr) {
    var c = this.candidates[i];
    if (c.bytes) { HEAPU8.set(c.bytes, ptr); return true; }
    for (var k = 0; k < c.keys.length; k++) {
      var chunk = this.chunks.get(c.keys[k]);
      var want = Math.min(c.chunkSize, c.size - k * c.chunkSize);
      if (!chunk || chunk.length !== want) return false;
      HEAPU8.set(chunk, ptr + k * c.chunkSize);
    }
    return true;
  },

  // The generation the app restored (-1: none) is never written over; the
  // rest of what was read is let go.
  use: function (i) {
    var c = this.candidates;
    this.goodKey = i >= 0 && c[i].key !== this.LEGACY_KEY ? c[i].key : '';
    this.candidates = [];
    this.chunks = null;
  },

  // Writes a generation: `changed` maps chunk index -> bytes (copied out of the
  // heap already), `hashes` has two words per chunk. The chunks not changed
  // are shared with the last good generation, which the caller has checked
  // was cut with the same chunk size. Resolves when the transaction is
  // complete, rejects with a reason.
  // Chunks listed by index in `list` are written, each as take(i) gives it
  // (null: the image changed since it was hashed; the save is dropped and
  // rejects with SUPERSEDED). With `spread`, the puts are spread over tasks
  // of about STEP_MS each, all in one transaction, and token.abort drops it.
  save: function (size, chunkSize, hashes, list, take, spread, token) {
    var self = this;
    var ready = self.open();
    var seq = self.seq + 1, slot = self.goodKey === 'gen-0' ? 'gen-1' : 'gen-0';
    var goodManifest = self.manifests[self.goodKey], good = goodManifest ? goodManifest.keys : [];
    var count = hashes.length / 2, keys = new Array(count), seqs = new Uint32Array(count);
    var changed = new Set(list);
    return ready.then(function (idb) {
      if (token && token.dropped) throw self.SUPERSEDED;
      for (var i = 0; i < count; i++) {  // (a throw here rejects: the save fails, nothing is written)
        if (changed.has(i)) { keys[i] = 'c' + seq + '-' + i; seqs[i] = seq; continue; }
        if (goodManifest.chunkSize !== chunkSize) throw new Error('chunk ' + i + ' is not of this size');
        keys[i] = good[i];
        seqs[i] = parseInt(good[i].slice(1), 10);  // 'c<seq>-<i>'
      }
      return new Promise(function (resolve, reject) {
        var tx = idb.transaction(self.STORE, 'readwrite', { durability: 'strict' });
        var store = tx.objectStore(self.STORE);
        var superseded = false;
        if (token) token.abort = function () { superseded = true; try { tx.abort(); } catch (e) { /* finished */ } };
        tx.oncomplete = function () {
          self.seq = seq;
          self.goodKey = slot;
          self.manifests[slot] = { chunkSize: chunkSize, keys: keys };
          self.orphans = [];
          resolve();
        };
        tx.onerror = function () { reject(tx.error || new Error('IndexedDB write failed')); };
        tx.onabort = function () {
          reject(superseded ? self.SUPERSEDED : tx.error || new Error('IndexedDB write aborted'));
        };
        var finish = function () {
          store.put({ format: 3, seq: seq, savedAt: Date.now(), size: size, chunkSize: chunkSize, seqs: seqs,
                      hashes: hashes }, slot);
          // What the overwritten manifest held and neither generation needs now.
          var keep = new Set(keys.concat(good)), drop = self.orphans.slice();
          ((self.manifests[slot] || {}).keys || []).forEach(function (k) { if (!keep.has(k)) drop.push(k); });
          drop.forEach(function (k) { store.delete(k); });
          performance.mark('htk-save-written', { detail: { chunks: list.length, dropped: drop.length } });  // tests/bench
          store.delete(self.LEGACY_KEY);
          // Commit now, not when the requests' results are back: a page closed or
          // reloaded meanwhile would otherwise take the uncommitted save with it
          // (an edit typed just before a reload was lost that way).
          if (tx.commit) tx.commit();
        };
        var k = 0;
        var putSome = function () {
          var t0 = performance.now();
          // Cut short so that a step right after a drawn frame (and the first
          // one runs in the frame's own task, after the save began) keeps the
          // page within HOLD_MS of it; full steps where frames stopped coming.
          var held = t0 - (HTK.lastFrame || t0), step = self.STEP_MS;
          HTK.lastFrame = 0;  // (only the step right after a drawn frame)
          if (held < 500) step = Math.max(self.MIN_STEP_MS, Math.min(step, self.HOLD_MS - held));
          while (k < list.length) {
            var i = list[k++], bytes = take(i);
            if (!bytes) { superseded = true; tx.abort(); return; }
            var req = store.put(bytes.buffer, keys[i]);
            // The next slice when this put is done: the transaction stays
            // alive through its requests' callbacks, and the page draws between.
            if (spread && k < list.length && performance.now() - t0 > step) {
              req.onsuccess = putSome;
              return;
            }
          }
          finish();
        };
        putSome();
      });
    });
  },
  // Copying more than this (an import's chunks) is spread over tasks.
  copyNowBytes: 8 << 20,
  STEP_MS: 25,
  MIN_STEP_MS: 2,
  HOLD_MS: 60,  // as ui/task_runner.h kHoldLimit
  SUPERSEDED: { superseded: true },
};

// Test hooks: ?failsave=N makes the next N saves fail as a full disk would;
// ?loaddelay=MS holds the start-up's reading back that long (a slow disk).
HTK.storage.failNext = +(new URLSearchParams(location.search).get('failsave') || 0);
HTK.storage.loadDelay = +(new URLSearchParams(location.search).get('loaddelay') || 0);

(function () {
  if (navigator.storage && navigator.storage.persist) {
    navigator.storage.persist().then(function (ok) { HTK.storage.persisted = ok ? 1 : 0; },
                                     function () { HTK.storage.persisted = 0; });
  }
  // Read at once, while the wasm still downloads and compiles: preRun comes
  // only after that, and in a fresh profile opening IndexedDB and taking the
  // writer lock take 100-200 ms each. The database opens beside the writer
  // decision; it is read once this tab knows whether it writes (a new writer
  // must read what the previous one saved last).
  HTK.storage.open().catch(function () {});  // (load reports the failure)
  // The app does not wait for it: it draws its start-up screen meanwhile and
  // polls `loaded` (htk_storage_state) every frame.
  HTK.writer.start().then(function () { return HTK.storage.load(); }).then(function () {
    return new Promise(function (resolve) { setTimeout(resolve, HTK.storage.loadDelay); });
  }).then(function () {
    performance.mark('htk-storage-loaded');
  }, function (e) {
    HTK.storage.loadError = (e && (e.name + ': ' + e.message)) || String(e);
  }).then(function () {
    HTK.storage.loaded = true;
    if (Module.calledRun) Module['_htk_wake']();
  });
})();
