// loader.js — page start-up (an Emscripten --pre-js; runs before the module).
//
// Shows progress while the wasm and the font download, puts the font into the
// virtual file system, and reports fatal start-up problems in Chinese. In the
// single offline .html everything is inline: no download, same steps.

var HTK = (typeof HTK !== 'undefined') ? HTK : {};

HTK.showFatal = function (title, html, detail) {
  document.getElementById('loading').style.display = 'none';
  document.getElementById('fatal-title').textContent = title;
  document.getElementById('fatal-body').innerHTML = html;
  document.getElementById('fatal-detail').textContent = detail || '';
  document.getElementById('fatal').style.display = 'flex';
  document.body.dataset.fatal = title;
};

// Served over http(s): a service worker keeps the app's files, so that the
// URL opens again without a network (sw.js, made by web/tools/assemble_site.py).
// Registered once the first frame is drawn (library_htk.js), since it fetches
// every file again. The offline .html (file://) needs none.
HTK.registerServiceWorker = function () {
  if (!('serviceWorker' in navigator) || !/^https?:$/.test(location.protocol)) return;
  navigator.serviceWorker.register('sw.js').catch(function (e) { console.warn('service worker:', e); });
};

// start.js (served page) has set it already and is counting the wasm and the font.
HTK.progress = HTK.progress || { wasm: [0, 0], font: [0, 0], stage: '正在加载程序…' };
HTK.showProgress = function () {
  var p = HTK.progress, done = p.wasm[0] + p.font[0], total = p.wasm[1] + p.font[1];
  var pct = total > 0 ? Math.min(100, Math.round(done * 100 / total)) : 0;
  document.getElementById('load-bar').style.width = (HTK.single ? 100 : pct) + '%';
  document.getElementById('load-text').textContent = p.stage + (HTK.single || !total ? '' : ' ' + pct + '%');
};
HTK.stage = function (text) { HTK.progress.stage = text; HTK.showProgress(); };

// The second font file: every CJK character the first one (the first frame's,
// GB2312 and the app's own text) lacks, merged into the UI font by the app.
// Fetched (served page; the service worker keeps it) or decoded from the page
// (offline .html) once the first frame is on the screen, so that it never
// delays it. The app gets it, or (0, 0) if it could not be had, and then sets
// body[data-ready]; HTK.fontsReady resolves at the same time.
HTK.fontsReady = new Promise(function (resolve) { HTK.resolveFontsReady = resolve; });
HTK.loadExtraFont = function () {
  var give = function (bytes) {
    var n = bytes ? bytes.length : 0, p = n ? Module._htk_extra_font_buffer(n) : 0;
    if (p) HEAPU8.set(bytes, p);
    Module._htk_extra_font_loaded(p, p ? n : 0);
  };
  var tag = document.getElementById('htk-font-extra');
  var bytes = tag
    ? new Promise(function (resolve) {
      // After the first frame's paint, not in the same task.
      setTimeout(function () { resolve(HTK.base64ToBytes(tag.textContent)); tag.remove(); }, 0);
    })
    : fetch('fonts/extra.ttf.gz').then(function (resp) {
      if (!resp.ok) throw new Error(resp.url + ': HTTP ' + resp.status);
      return resp.arrayBuffer();
    }).then(function (b) { return new Uint8Array(b); });
  bytes.then(function (b) { performance.mark('htk-font-extra-loaded'); give(b); }, function (e) {
    console.warn('extra font:', e);
    give(null);
  });
};

HTK.base64ToBytes = function (b64) {
  var bin = atob(b64.replace(/\s+/g, '')), out = new Uint8Array(bin.length);
  for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
};

(function () {
  var fontTag = document.getElementById('htk-font');
  HTK.single = !!fontTag;
  HTK.fontPromise = HTK.single ? Promise.resolve(HTK.base64ToBytes(fontTag.textContent)) : HTK.earlyFont;
  HTK.showProgress();

  Module.canvas = document.getElementById('canvas');
  // While the GPU context is lost (driver reset, too many tabs) say so; the
  // app re-creates its renderer when the browser restores the context.
  Module.canvas.addEventListener('webglcontextlost', function () {
    document.getElementById('gl-lost').style.display = 'block';
  });
  Module.canvas.addEventListener('webglcontextrestored', function () {
    document.getElementById('gl-lost').style.display = 'none';
  });
  Module.print = function (t) { console.log(t); };
  Module.printErr = function (t) { console.warn(t); };
  Module.onAbort = function (what) {
    HTK.showFatal('程序出错，已停止', '<p>请刷新页面重试。已确认的修改都已保存在本机浏览器中。</p>', String(what));
  };

  if (!HTK.single) {
    // start.js is downloading and compiling it (with the progress shown).
    Module.instantiateWasm = function (imports, done) {
      HTK.earlyWasm.then(function (module) {
        return WebAssembly.instantiate(module, imports).then(function (instance) {
          return { instance: instance, module: module };
        });
      }).then(function (r) { performance.mark('htk-wasm-compiled'); done(r.instance, r.module); }, function (e) {
        HTK.showFatal('程序下载失败', '<p>请检查网络后刷新页面；离线使用请打开单文件版 .html。</p>', String(e));
      });
      return {};
    };
  }

  Module.preRun = Module.preRun || [];
  Module.preRun.push(function () {
    addRunDependency('htk-font');
    HTK.fontPromise.then(function (bytes) {
      FS.mkdir('/fonts');
      FS.writeFile('/fonts/ui.ttf', bytes);
      performance.mark('htk-font-downloaded');
      HTK.stage('正在读取本机数据…');
      removeRunDependency('htk-font');
    }, function (e) {
      HTK.showFatal('字体下载失败', '<p>请检查网络后刷新页面；离线使用请打开单文件版 .html。</p>', String(e));
    });
  });
})();
