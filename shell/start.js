// start.js — the first script of the served page (not of the offline .html,
// which has everything inline). It asks at once for all that start-up waits
// on, while app.js (~160 KB) still downloads: app.wasm (compiled as it
// downloads), the font, the stored data, the writer lock and the WebGL
// context. In a cold start these otherwise came ~350 ms later, when app.js
// ran. loader.js, storage.js and writer.js take them from here (HTK.earlyWasm,
// HTK.earlyFont, HTK.earlyIdb, HTK.earlyLock); loader.js shows the progress
// counted here.
var HTK = (typeof HTK !== 'undefined') ? HTK : {};
HTK.progress = { wasm: [0, 0], font: [0, 0], stage: '正在加载程序…' };

// The response with its bytes counted into HTK.progress[slot] as they arrive.
HTK.countBytes = function (resp, slot, type) {
  if (!resp.ok) throw new Error(resp.url + ': HTTP ' + resp.status);
  var total = +resp.headers.get('Content-Length') || 0, got = 0;
  HTK.progress[slot] = [0, total];
  if (!resp.body || typeof TransformStream !== 'function') return resp;
  var counted = resp.body.pipeThrough(new TransformStream({
    transform: function (chunk, out) {
      got += chunk.length;
      HTK.progress[slot] = [got, Math.max(total, got)];
      if (HTK.showProgress) HTK.showProgress();
      out.enqueue(chunk);
    },
  }));
  return new Response(counted, { headers: { 'Content-Type': type } });
};

// The compiled module. Streaming: V8 compiles the functions as the bytes
// arrive, instead of each one at its first call during start-up.
HTK.earlyWasm = fetch('app.wasm').then(function (resp) {
  var counted = HTK.countBytes(resp, 'wasm', 'application/wasm');
  return WebAssembly.compileStreaming ? WebAssembly.compileStreaming(counted)
                                      : counted.arrayBuffer().then(function (b) { return WebAssembly.compile(b); });
});
HTK.earlyWasm.catch(function () {});  // reported when loader.js uses it

// The font's bytes, read as they come: a body left unread stops downloading
// once the browser's buffer is full (it cost ~100 ms after the wasm was ready).
HTK.earlyFont = fetch('fonts/ui.ttf').then(function (resp) {
  return HTK.countBytes(resp, 'font', 'font/ttf').arrayBuffer();
}).then(function (b) { return new Uint8Array(b); });
HTK.earlyFont.catch(function () {});

// The stored data and the writer lock are asked for now too: in a fresh
// profile creating the IndexedDB store and granting the lock take 100-200 ms
// each, which otherwise came after app.js had downloaded. storage.js and
// writer.js take them from here (HTK.earlyIdb, HTK.earlyLock) and ask
// themselves when they are missing (the offline .html has no start.js); the
// names are HTK_CONTRACT's (contract.js), the requests theirs, copied.
if (window.indexedDB) {
  HTK.earlyIdb = new Promise(function (resolve, reject) {
    var req = indexedDB.open(HTK_CONTRACT.DB_NAME, HTK_CONTRACT.DB_VERSION);
    req.onupgradeneeded = function () { req.result.createObjectStore(HTK_CONTRACT.STORE); };
    req.onsuccess = function () { resolve(req.result); };
    req.onerror = function () { reject(req.error || new Error('IndexedDB open failed')); };
    req.onblocked = function () { reject(new Error('IndexedDB is blocked by another tab')); };
  });
  HTK.earlyIdb.catch(function () {});
}
if (navigator.locks && navigator.locks.request) {
  // The function that lets the lock go, or null when another page holds it.
  HTK.earlyLock = new Promise(function (resolve, reject) {
    navigator.locks.request(HTK_CONTRACT.LOCK, { ifAvailable: true }, function (lock) {
      if (!lock) { resolve(null); return undefined; }
      return new Promise(function (release) { resolve(release); });
    }).catch(reject);
  });
  HTK.earlyLock.catch(function () {});
}

// The WebGL context too (40-60 ms in a cold start without a GPU), as soon as
// the parser has made the canvas: the app's own request later (CreateContext
// in app/web_main/main.cpp) gets this same context back, so the version
// (?webgl=1 forces WebGL 1, ?webgl=0 none) and the attributes are the app's.
(function warmWebGl() {
  var canvas = document.getElementById('canvas');
  if (!canvas) {
    if (document.readyState === 'loading') setTimeout(warmWebGl, 0);
    return;
  }
  var forced = new URLSearchParams(location.search).get('webgl');
  if (forced === '0') return;
  var attrs = HTK_CONTRACT.WEBGL;
  if (forced === '1' || !canvas.getContext('webgl2', attrs)) canvas.getContext('webgl', attrs);
})();
