// api.js — window.app, the page's contract with tests and acceptance checks
// (an Emscripten --pre-js). Read-only: nothing here changes data.
//
//   app.query(sql)        one read-only SELECT -> array of row objects; throws otherwise
//   app.status()          {save: 'saved'|'saving'|'failed'|'disabled', error, webgl, persisted, readOnly,
//                          input: {mouse, ctrl, shift, alt, text, nav_visible}} (what ImGui believes is
//                          held; nav_visible: a keyboard focus is shown)
//   app.rect(id)          where a marked widget was drawn last frame, CSS px {x, y, w, h}, what it showed
//                         (text) and whether it has the keyboard focus (focused); or null
//   app.missingGlyphs(s)  Promise of the characters of s (a string, '' when none) that the app cannot
//                         draw, asked once every font file is loaded (body[data-ready])
//   app.fallbackGlyphs(s) Promise of the characters of s a frame would draw as the '?' fallback, at the
//                         UI's size and pixel density, rasterising them if needed ('' when none; tests)
//   app.frameStats()      CPU ms per drawn frame since the last call (bench)
//   app.memory()          wasm heap and JS heap bytes (bench)
//   app.coreTimings(n)    the core's heavy operations timed n times each on the open data (bench)
//   app.version           the build's version

HTK.callJson = function (name, text) {
  var n = lengthBytesUTF8(text) + 1, p = _malloc(n);
  stringToUTF8(text, p, n);
  var out = UTF8ToString(Module['_' + name](p));
  _free(p);
  return JSON.parse(out);
};

Module.onRuntimeInitialized = function () {
  HTK.running = true;
  HTK.input.install();
  HTK.files.install();
  window.app = {
    version: document.querySelector('meta[name=htk-version]').content,
    query: function (sql) {
      var r = HTK.callJson('htk_query', String(sql));
      if (r.error !== undefined) throw new Error(r.error);
      return r.rows;
    },
    status: function () { return HTK.callJson('htk_status', ''); },
    rect: function (id) { return HTK.callJson('htk_item_rect', String(id)); },
    missingGlyphs: function (text) {
      return HTK.fontsReady.then(function () { return HTK.callJson('htk_missing_glyphs', String(text)).missing; });
    },
    fallbackGlyphs: function (text) {
      return HTK.fontsReady.then(function () { return HTK.callJson('htk_fallback_glyphs', String(text)).missing; });
    },
    // CPU ms per drawn frame since the last call: {count, p50, p95, max}.
    frameStats: function () { return HTK.callJson('htk_frame_stats', ''); },
    // Bytes: the wasm heap's size, what malloc holds in it now and at most,
    // and, where Chromium reports it, the JS heap in use.
    coreTimings: function (repeats) { return HTK.callJson('htk_core_timings', String(repeats || 3)); },
    memory: function () {
      const heap = HTK.callJson('htk_heap_stats', '');
      return { wasm: HEAP8.length, malloc: heap.in_use, malloc_peak: heap.peak,
               js: performance.memory ? performance.memory.usedJSHeapSize : 0 };
    },
  };
};
