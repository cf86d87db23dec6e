// writer.js — one tab writes, the others read (an Emscripten --pre-js).
//
// Every tab of the app keeps its own copy of the database in memory and the
// writer saves it to IndexedDB; two writers would overwrite each other's
// changes. So the first tab takes the Web Lock LOCK and keeps it; a tab that
// finds it taken opens read-only and follows the writer's saves. "在此页编辑"
// (takeOver) asks the writer to hand over: it writes what is being typed,
// waits until its last save is in IndexedDB, becomes read-only and lets the
// lock go; the new writer then reads the stored data afresh. A writer whose
// saves are failing (storage full) refuses, since its changes exist nowhere
// else. Without Web Locks (an http:// page on another machine's address is
// not a secure context) the tabs agree over a BroadcastChannel instead.
//
// Messages on the channel: {type: 'who'} / {type: 'here'} (fallback only),
// 'release-request', 'released', 'release-refused' {why}, 'saved'.

HTK.writer = {
  LOCK: HTK_CONTRACT.LOCK,
  method: '',          // 'locks', 'broadcast' or 'none' (always the writer)
  isWriter: true,
  channel: null,
  releaseLock: null,   // resolves the held lock's promise (locks)
  waiting: null,       // a take-over in progress: {abort: AbortController|null, timer}
  releasing: false,
  refused: '',         // why the writer refused the last take-over (shown by the app)
  stale: false,        // a reader missed a save while hidden: read again when shown
  reloading: false,

  // Decides at start whether this tab writes; resolves when it knows.
  start: function () {
    var self = this;
    if (typeof BroadcastChannel === 'function') {
      self.channel = new BroadcastChannel(self.LOCK);
      self.channel.onmessage = function (e) { self.onMessage(e.data || {}); };
    }
    if (navigator.locks && navigator.locks.request) {
      self.method = 'locks';
      // start.js may have asked already (HTK.earlyLock, the same request).
      var asked = HTK.earlyLock || self.tryLock();
      HTK.earlyLock = null;
      return new Promise(function (resolve) {
        asked.then(function (release) {
          if (!release) { self.waitForLock(resolve); return; }
          self.isWriter = true;
          self.releaseLock = release;
          resolve();
        }, function () { self.isWriter = true; self.method = 'none'; resolve(); });
      });
    }
    if (!self.channel) { self.method = 'none'; return Promise.resolve(); }
    self.method = 'broadcast';
    return new Promise(function (resolve) {
      self.isWriter = false;
      self.onHere = function () { self.onHere = null; clearTimeout(t); resolve(); };
      var t = setTimeout(function () { self.onHere = null; self.isWriter = true; resolve(); }, 300);
      self.channel.postMessage({ type: 'who' });
    });
  },

  // Asks for the lock if it is free. Resolves with the function that lets it
  // go, or null when another page holds it. (start.js has a copy: it runs
  // before this file.)
  tryLock: function () {
    var self = this;
    return new Promise(function (resolve, reject) {
      navigator.locks.request(self.LOCK, { ifAvailable: true }, function (lock) {
        if (!lock) { resolve(null); return undefined; }
        return new Promise(function (release) { resolve(release); });
      }).catch(reject);
    });
  },

  // The lock is taken. By a live tab, which answers 'who' at once: then this
  // one reads. Or by this very tab's previous page, still unloading after a
  // reload: then the lock comes free in a moment and this page writes.
  waitForLock: function (resolve) {
    var self = this, abort = typeof AbortController === 'function' ? new AbortController() : null;
    var decided = false;
    var decide = function (writer) {
      if (decided) return;
      decided = true;
      clearTimeout(timer);
      self.onHere = null;
      self.isWriter = writer;
      if (!writer && abort) abort.abort();
      resolve();
    };
    var timer = setTimeout(function () { decide(false); }, 2000);
    self.onHere = function () { decide(false); };
    navigator.locks.request(self.LOCK, abort ? { signal: abort.signal } : {}, function () {
      if (decided) return undefined;  // decided already (this page reads): let it go
      decide(true);
      return self.hold();
    }).catch(function () {});
    if (self.channel) self.channel.postMessage({ type: 'who' });
  },

  // The promise a granted lock callback returns: the lock is held until it resolves.
  hold: function () {
    var self = this;
    return new Promise(function (release) { self.releaseLock = release; });
  },

  onMessage: function (m) {
    var self = this;
    if (m.type === 'who' && self.isWriter) self.channel.postMessage({ type: 'here' });
    else if (m.type === 'here' && self.onHere) self.onHere();
    else if (m.type === 'release-request' && self.isWriter && !self.releasing) self.release();
    else if (m.type === 'released' && self.waiting && self.method === 'broadcast') self.becomeWriter();
    else if (m.type === 'release-refused' && self.waiting) {
      if (self.waiting.abort) self.waiting.abort.abort();
      clearTimeout(self.waiting.timer);
      self.waiting = null;
      self.refused = m.why || '另一个标签页没有交出编辑';
      self.notify();
    } else if (m.type === 'saved' && !self.isWriter) {
      if (document.visibilityState === 'hidden') self.stale = true;
      else self.followSave();
    }
  },

  // Reader: read the writer's latest save (one reload at a time; a save that
  // arrives meanwhile is read after it).
  followSave: function () {
    var self = this;
    if (self.reloading) { self.stale = true; return; }
    self.reloading = true;
    self.stale = false;
    HTK.storage.load().then(function () {
      self.reloading = false;
      if (!self.isWriter && !self.waiting) Module['_htk_storage_reload'](0);
      if (self.stale && !self.waiting) self.followSave();
    }, function () { self.reloading = false; });
  },

  // Reader: "在此页编辑".
  takeOver: function () {
    var self = this;
    if (self.isWriter || self.waiting) return;
    self.refused = '';
    self.waiting = { abort: null, timer: 0 };
    if (self.method === 'locks') {
      var abort = typeof AbortController === 'function' ? new AbortController() : null;
      self.waiting.abort = abort;
      navigator.locks.request(self.LOCK, abort ? { signal: abort.signal } : {}, function () {
        self.becomeWriter();
        return self.hold();
      }).catch(function () {});  // aborted: the writer refused
    } else {
      // No answer from a writer: it has gone (closed or crashed).
      self.waiting.timer = setTimeout(function () { if (self.waiting) self.becomeWriter(); }, 1500);
    }
    if (self.channel) self.channel.postMessage({ type: 'release-request' });
    self.notify();
  },

  becomeWriter: function () {
    var self = this;
    if (self.waiting) clearTimeout(self.waiting.timer);
    HTK.storage.load().then(function () {
      self.isWriter = true;
      self.waiting = null;
      Module['_htk_storage_reload'](1);
    }, function (e) {
      HTK.storage.loadError = (e && (e.name + ': ' + e.message)) || String(e);
      self.isWriter = true;
      self.waiting = null;
      Module['_htk_storage_reload'](1);
    });
  },

  // Writer, asked to hand over: the app writes what is being typed and stops
  // editing at once; the lock goes when the last save is stored.
  release: function () {
    var self = this;
    self.releasing = true;
    Module['_htk_writer_release_begin']();
    (function poll() {
      var state = Module['_htk_saves_pending']();  // 0 stored, 1 saving, 2 failing
      if (state === 1) { setTimeout(poll, 30); return; }
      self.releasing = false;
      if (state === 2) {
        Module['_htk_writer_release_end'](0);
        self.channel.postMessage({ type: 'release-refused',
          why: '另一个标签页中有修改未能保存（浏览器存储出错），为免丢失没有交出编辑。请先到那个标签页下载备份或处理存储问题。' });
        return;
      }
      self.isWriter = false;
      Module['_htk_writer_release_end'](1);
      if (self.releaseLock) { self.releaseLock(); self.releaseLock = null; }
      if (self.channel) self.channel.postMessage({ type: 'released' });
    })();
  },

  // Writer: a save is in IndexedDB; readers read it.
  saved: function () {
    if (this.isWriter && this.channel) this.channel.postMessage({ type: 'saved' });
  },

  // The app draws its next frame (a hidden tab gets none until shown).
  notify: function () { if (HTK.running) Module['_htk_wake'](); },
};

document.addEventListener('visibilitychange', function () {
  var w = HTK.writer;
  if (document.visibilityState === 'visible' && !w.isWriter && w.stale && HTK.running) w.followSave();
});
