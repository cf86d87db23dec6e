// storage.js — the database image in IndexedDB (an Emscripten --pre-js).
//
// The app keeps SQLite in memory. Before main() runs, the saved images are
// read here; after every committed write the app hands a fresh image (and its
// CRC-32) to HTK.storage.save(). Two generations, keys 'gen-0' and 'gen-1':
// a save goes to the slot that does not hold the last good image, so a write
// torn by a crash or a full disk never takes the previous one with it. At
// start the app tries them newest first (checksum, then SQLite's own check).
// Under file:// every local page shares one origin, so the names are the app's own.

HTK.storage = {
  DB_NAME: 'huitoukan-zhenggai-taizhang',
  STORE: 'db',
  LEGACY_KEY: 'main', // the single image of builds before the two generations
  idb: null,
  candidates: [],     // images read at start, newest first: {bytes, seq, crc (-1 unknown), savedAt, key}
  seq: 0,             // the highest generation number seen or written
  goodKey: '',        // the slot holding the last good image (never written over)
  loadError: '',      // why the stored data could not be read (then nothing is saved)
  persisted: -1,      // navigator.storage.persist(): 1 granted, 0 refused, -1 unknown

  open: function () {
    var self = this;
    return new Promise(function (resolve, reject) {
      if (!window.indexedDB) { reject(new Error('此浏览器不支持 IndexedDB')); return; }
      var req = indexedDB.open(self.DB_NAME, 1);
      req.onupgradeneeded = function () { req.result.createObjectStore(self.STORE); };
      req.onsuccess = function () {
        self.idb = req.result;
        self.idb.onversionchange = function () { self.idb.close(); self.idb = null; };
        resolve(self.idb);
      };
      req.onerror = function () { reject(req.error || new Error('IndexedDB open failed')); };
      req.onblocked = function () { reject(new Error('IndexedDB is blocked by another tab')); };
    });
  },

  load: function () {
    var self = this;
    var ready = self.idb ? Promise.resolve(self.idb) : self.open();
    return ready.then(function (idb) {
      return new Promise(function (resolve, reject) {
        var store = idb.transaction(self.STORE, 'readonly').objectStore(self.STORE), found = [];
        var req = store.openCursor();
        req.onsuccess = function () {
          var c = req.result;
          if (c) {
            var v = c.value;
            if (v && v.bytes && (c.key === self.LEGACY_KEY || /^gen-[01]$/.test(c.key)))
              found.push({ key: c.key, bytes: new Uint8Array(v.bytes), seq: v.seq || 0,
                           crc: typeof v.crc === 'number' ? v.crc : -1, savedAt: v.savedAt || 0 });
            c.continue();
            return;
          }
          found.sort(function (a, b) { return b.seq - a.seq; });
          self.candidates = found;
          found.forEach(function (f) { self.seq = Math.max(self.seq, f.seq); });
          resolve();
        };
        req.onerror = function () { reject(req.error); };
      });
    });
  },

  // Writes bytes into the slot that does not hold the last good image;
  // resolves when the transaction is durable, rejects with a reason.
  save: function (bytes, crc) {
    var self = this;
    var ready = self.idb ? Promise.resolve(self.idb) : self.open();
    var seq = self.seq + 1, key = self.goodKey === 'gen-0' ? 'gen-1' : 'gen-0';
    return ready.then(function (idb) {
      return new Promise(function (resolve, reject) {
        var tx = idb.transaction(self.STORE, 'readwrite', { durability: 'strict' });
        var store = tx.objectStore(self.STORE);
        store.put({ bytes: bytes.buffer, seq: seq, crc: crc, savedAt: Date.now(), size: bytes.length }, key);
        store.delete(self.LEGACY_KEY);
        tx.oncomplete = function () { self.seq = seq; self.goodKey = key; resolve(); };
        tx.onerror = function () { reject(tx.error || new Error('IndexedDB write failed')); };
        tx.onabort = function () { reject(tx.error || new Error('IndexedDB write aborted')); };
      });
    });
  },
};

// Test hook: ?failsave=N makes the next N saves fail as a full disk would.
HTK.storage.failNext = +(new URLSearchParams(location.search).get('failsave') || 0);

(function () {
  if (navigator.storage && navigator.storage.persist) {
    navigator.storage.persist().then(function (ok) { HTK.storage.persisted = ok ? 1 : 0; },
                                     function () { HTK.storage.persisted = 0; });
  }
  Module.preRun.push(function () {
    addRunDependency('htk-storage');
    // Whether this tab writes is known before the data is read: a new writer
    // must read what the previous one saved last.
    HTK.writer.start().then(function () { return HTK.storage.load(); }).then(function () {
      performance.mark('htk-storage-loaded');
      removeRunDependency('htk-storage');
    }, function (e) {
      HTK.storage.loadError = (e && (e.name + ': ' + e.message)) || String(e);
      removeRunDependency('htk-storage');
    });
  });
})();
