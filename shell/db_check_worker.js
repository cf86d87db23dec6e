// db_check_worker.js — the worker's side of a whole-file check (the --pre-js
// of app/web_worker/db_check). The page posts {bytes: ArrayBuffer}, once; the
// answer is {result: "ok" or SQLite's complaint}. The page then ends the worker.
var Module = typeof Module !== 'undefined' ? Module : {};
var htkPosted = null, htkReady = false;
function htkCheck() {
  if (!htkPosted || !htkReady) return;
  var bytes = new Uint8Array(htkPosted), size = bytes.length;
  htkPosted = null;
  var p = Module['_malloc'](size || 1);
  if (!p) { postMessage({ result: 'out of memory' }); return; }
  HEAPU8.set(bytes, p);  // (after malloc: growing the memory renews HEAPU8)
  bytes = null;
  var result = UTF8ToString(Module['_htk_check_image'](p, size));
  Module['_free'](p);
  postMessage({ result: result });
}
Module['onRuntimeInitialized'] = function () { htkReady = true; htkCheck(); };
self.onmessage = function (e) { htkPosted = e.data.bytes; htkCheck(); };
