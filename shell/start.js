// start.js — the first script of the served page (not of the offline .html,
// which has the wasm inline). It starts downloading and compiling app.wasm,
// and downloading the font, at once, while app.js (~160 KB) still downloads
// and runs: in a cold start both were otherwise asked for only when app.js
// ran, ~350 ms later. loader.js takes them from here (HTK.earlyWasm,
// HTK.earlyFont) and shows the download progress.
var HTK = (typeof HTK !== 'undefined') ? HTK : {};
HTK.progress = { wasm: [0, 0], font: [0, 0], stage: '正在加载程序…' };
if (typeof WebAssembly === 'object' && WebAssembly.compileStreaming && typeof TransformStream === 'function') {
  HTK.earlyWasm = fetch('app.wasm').then(function (resp) {
    if (!resp.ok) throw new Error('app.wasm: HTTP ' + resp.status);
    var total = +resp.headers.get('Content-Length') || 0, got = 0;
    HTK.progress.wasm = [0, total];
    var counted = resp.body.pipeThrough(new TransformStream({
      transform: function (chunk, out) {
        got += chunk.length;
        HTK.progress.wasm = [got, Math.max(total, got)];
        if (HTK.showProgress) HTK.showProgress();
        out.enqueue(chunk);
      },
    }));
    return WebAssembly.compileStreaming(new Response(counted, { headers: { 'Content-Type': 'application/wasm' } }));
  });
  HTK.earlyWasm.catch(function () {});  // reported when loader.js uses it
}
HTK.earlyFont = fetch('fonts/ui.ttf');
HTK.earlyFont.catch(function () {});
