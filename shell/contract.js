// contract.js — the names and settings the page's scripts and the C++ app
// share, defined once. The served site's start.js begins with it
// (web/tools/assemble_site.py); app.js carries it as its first --pre-js (the
// offline .html has no start.js).
// C++ reads WEBGL through htk_webgl_attribute_flags (app/web_main/main.cpp).
var HTK_CONTRACT = (typeof HTK_CONTRACT !== 'undefined') ? HTK_CONTRACT : {
  DB_NAME: 'huitoukan-zhenggai-taizhang',      // IndexedDB database (file:// pages share an origin)
  DB_VERSION: 1,
  STORE: 'db',                                 // its one object store
  LOCK: 'huitoukan-zhenggai-taizhang-writer',  // the Web Lock / BroadcastChannel of the writing tab
  // The WebGL context's attributes, asked for by start.js while the wasm
  // downloads and by the app when it starts: the browser hands the app the
  // context start.js made only when they are the same.
  WEBGL: { alpha: false, depth: false, stencil: false, antialias: false, premultipliedAlpha: false,
           preserveDrawingBuffer: false, powerPreference: 'default', failIfMajorPerformanceCaveat: false }
};
