// storage.js — the database image in IndexedDB (an Emscripten --pre-js).
//
// The app keeps SQLite in memory. Before main() runs, the last saved image is
// read here; after every committed write the app hands a fresh image to
// HTK.storage.save(). One object store, one key: the whole database.
// Under file:// every local page shares one origin, so the names are the app's own.

HTK.storage = {
  DB_NAME: 'huitoukan-zhenggai-taizhang',
  STORE: 'db',
  KEY: 'main',
  idb: null,
  initial: null,      // Uint8Array read at start, or null when nothing is stored
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
    return self.open().then(function (idb) {
      return new Promise(function (resolve, reject) {
        var req = idb.transaction(self.STORE, 'readonly').objectStore(self.STORE).get(self.KEY);
        req.onsuccess = function () {
          var v = req.result;
          self.initial = v && v.bytes ? new Uint8Array(v.bytes) : null;
          resolve();
        };
        req.onerror = function () { reject(req.error); };
      });
    });
  },

  // Writes bytes; resolves when the transaction is durable, rejects with a reason.
  save: function (bytes) {
    var self = this;
    var ready = self.idb ? Promise.resolve(self.idb) : self.open();
    return ready.then(function (idb) {
      return new Promise(function (resolve, reject) {
        var tx = idb.transaction(self.STORE, 'readwrite', { durability: 'strict' });
        tx.objectStore(self.STORE).put({ bytes: bytes.buffer, savedAt: Date.now(), size: bytes.length }, self.KEY);
        tx.oncomplete = function () { resolve(); };
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
    HTK.storage.load().then(function () {
      performance.mark('htk-storage-loaded');
      removeRunDependency('htk-storage');
    }, function (e) {
      HTK.storage.loadError = (e && (e.name + ': ' + e.message)) || String(e);
      removeRunDependency('htk-storage');
    });
  });
})();
