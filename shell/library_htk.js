// library_htk.js — the functions the C++ platform layer imports from the page
// (an Emscripten --js-library). Declared in app/platform/web/js_imports.h.

mergeInto(LibraryManager.library, {
  // --- start-up -------------------------------------------------------------
  // The stored generations, newest first (storage.js); the app checks them in turn.
  htk_storage_state: function () { return HTK.storage.loaded ? 1 : 0; },
  htk_storage_progress: function (done, total) {
    HEAP32[done >> 2] = HTK.storage.progress[0];
    HEAP32[total >> 2] = HTK.storage.progress[1];
  },
  htk_storage_follow: function () { HTK.writer.followSave(); },
  htk_storage_candidate_count: function () {
    return HTK.storage.loadError ? -1 : HTK.storage.candidates.length;
  },
  htk_storage_candidate_size: function (i) { return HTK.storage.candidates[i].size; },
  htk_storage_candidate_crc: function (i) { return HTK.storage.candidates[i].crc; },  // -1: none stored
  htk_storage_candidate_saved_at: function (i) { return HTK.storage.candidates[i].savedAt; },
  htk_storage_candidate_copy: function (i, ptr) { return HTK.storage.copy(i, ptr) ? 1 : 0; },
  htk_storage_candidate_hash_count: function (i) {
    var c = HTK.storage.candidates[i];
    return c.keys ? c.hashes.length / 2 : -1;
  },
  htk_storage_candidate_hashes: function (i, ptr) { HEAPU32.set(HTK.storage.candidates[i].hashes, ptr >> 2); },
  htk_storage_candidate_chunk_size: function (i) { return HTK.storage.candidates[i].chunkSize || 0; },
  htk_storage_candidate_use: function (i) { HTK.storage.use(i); },
  htk_storage_load_error: function (buf, cap) {
    stringToUTF8(HTK.storage.loadError || '', buf, cap);
  },
  htk_storage_persisted: function () { return HTK.storage.persisted; },

  // --- the whole-file check of a backup in a Web Worker (db_check.js) ------
  htk_check_start: function (ptr, size) { return HTK.dbCheck.start(HEAPU8.slice(ptr, ptr + size)); },
  htk_check_poll: function (id) { return HTK.dbCheck.poll(id); },
  htk_check_result: function (id, buf, cap) { stringToUTF8(HTK.dbCheck.result(id), buf, cap); },
  htk_check_drop: function (id) { HTK.dbCheck.drop(id); },

  // --- the writer lock (writer.js) ------------------------------------------
  htk_writer_is_writer: function () { return HTK.writer.isWriter ? 1 : 0; },
  htk_writer_waiting: function () { return HTK.writer.waiting ? 1 : 0; },
  htk_writer_refused: function (buf, cap) { stringToUTF8(HTK.writer.refused, buf, cap); },
  htk_writer_take_over: function () { HTK.writer.takeOver(); },

  htk_first_frame: function () {
    performance.mark('htk-first-frame');
    document.getElementById('loading').style.display = 'none';
    document.body.dataset.firstFrameMs = Math.round(performance.now());  // since navigation start
    HTK.loadExtraFont();
  },
  // The second font is merged and a frame drawn with it: tests start here.
  htk_ready: function () {
    performance.mark('htk-ready');
    document.body.dataset.ready = '1';
    HTK.resolveFontsReady();
    HTK.registerServiceWorker();  // after the first frames: its downloads must not delay them
  },
  // Heavy work between frames (platform::WorkBetweenFrames): each piece is a
  // message task of its own, so the browser draws the page and takes input
  // between pieces, and the pieces do not wait for animation frames.
  // Started again while a message is still due (the task runner's watchdog,
  // ui/task_runner.h kPumpStalled), it posts another unless the last one is
  // recent; an exception in a piece stops the pump so that it can start again.
  htk_between_frames_start: function () {
    var b = HTK.betweenFrames;
    if (!b) {
      b = HTK.betweenFrames = { channel: new MessageChannel(), running: false, posted: 0 };
      var post = b.post = function () { b.posted = performance.now(); b.channel.port2.postMessage(0); };
      b.channel.port1.onmessage = function () {
        var more = 0;
        try {
          more = Module._htk_between_frames();
        } finally {
          if (more) post();
          else b.running = false;
        }
      };
    }
    if (b.running && performance.now() - b.posted < 500) return;
    b.running = true;
    b.post();
  },
  htk_mark: function (name) { performance.mark(UTF8ToString(name)); },
  // A frame that draws began (0: it drew nothing after all): a spread save's
  // steps keep the page from being held much longer after one (storage.js, HOLD_MS).
  htk_animation_frame: function (drawing) { HTK.lastFrame = drawing ? performance.now() : 0; },
  htk_stage: function (text) { performance.mark('htk-main'); HTK.stage(UTF8ToString(text)); },
  htk_fatal: function (kind, detail) {
    kind = UTF8ToString(kind);
    detail = UTF8ToString(detail);
    if (kind === 'nowebgl') {
      HTK.showFatal('无法显示：此浏览器不能使用 WebGL 图形功能',
        '<p>本工具用 WebGL 绘制界面，当前浏览器或电脑没有提供。可以这样解决：</p><ol>' +
        '<li>换用新版 Chrome、Edge 或 360 安全浏览器（极速模式）打开本页面。</li>' +
        '<li>在浏览器“设置 → 系统”中打开“使用图形加速功能（如果可用）”，然后重启浏览器。</li>' +
        '<li>更新显卡驱动，或换一台电脑使用。</li></ol>' +
        '<p>已保存的数据仍在本机浏览器中，不会丢失。</p>', detail);
    } else {
      HTK.showFatal('无法启动', '<p>请刷新页面重试。</p>', detail);
    }
  },

  // --- saving ---------------------------------------------------------------
  // Copies the changed chunks out of the heap at once (the app may write
  // again), then stores them; calls back htk_on_save_done(ok, reason) when the
  // write is over. `hashes`: two words per chunk; `changed`: chunk indexes.
  htk_storage_save: function (data, size, chunkSize, hashes, count, changed, changedCount, urgent) {
    var words = HEAPU32.slice(hashes >> 2, (hashes >> 2) + 2 * count);
    // The good generation's chunks are shared only when cut the same way (a
    // build with another chunk size stored it: this save writes every chunk).
    var manifest = HTK.storage.manifests[HTK.storage.goodKey];
    var good = manifest && manifest.chunkSize === chunkSize ? manifest.keys : [];
    var list = Array.prototype.slice.call(HEAPU32.subarray(changed >> 2, (changed >> 2) + changedCount));
    var listed = new Set(list);
    // A chunk the good generation does not hold is written whatever the app thinks.
    for (var i = 0; i < count; i++) if (!listed.has(i) && !good[i]) list.push(i);
    var copy = function (base, i) {
      var at = base + i * chunkSize;
      return HEAPU8.slice(at, Math.min(base + size, at + chunkSize));
    };
    // A few chunks (an edit) are copied now. Many (an import's hundred
    // megabytes) are copied a slice per task while they are written, the
    // page drawing between; each copy first asks the app whether the image
    // is still the one hashed (no commit, no transaction open since): if not,
    // the save is dropped and the next one starts from the new image.
    var take, spread = !urgent && list.length * chunkSize > HTK.storage.copyNowBytes;
    if (!spread) {
      var copied = new Map();
      list.forEach(function (i) { copied.set(i, copy(data, i)); });
      take = function (i) { return copied.get(i); };
    } else {
      take = function (i) {
        var base = Module['_htk_save_image']();
        return base ? copy(base, i) : null;
      };
    }
    // htk_storage_hurry drops a spread save (the page is going away): the
    // app then starts one that copies everything at once.
    var token = HTK.storage.current = { spread: spread, abort: null, dropped: false };
    var done = function (ok, why) {
      var n = lengthBytesUTF8(why) + 1, p = _malloc(n);
      stringToUTF8(why, p, n);
      Module['_htk_on_save_done'](ok, p);
      _free(p);
    };
    var p = HTK.storage.failNext > 0
      ? (HTK.storage.failNext--, Promise.reject(new DOMException('模拟的存储已满', 'QuotaExceededError')))
      : HTK.storage.save(size, chunkSize, words, list, take, spread, token);
    p.then(function () {
      if (HTK.storage.current === token) HTK.storage.current = null;
      performance.mark('htk-save-done');
      done(1, '');
      HTK.writer.saved();
    }, function (e) {
      if (HTK.storage.current === token) HTK.storage.current = null;
      if (token.dropped) return;  // the app was told at once (htk_storage_hurry)
      if (e === HTK.storage.SUPERSEDED) {
        performance.mark('htk-save-superseded');  // tests
        return done(-1, '');
      }
      var name = e && e.name, why;
      var detail = e && e.message ? '（' + e.message + '）' : '';
      if (name === 'QuotaExceededError') why = '浏览器存储空间已满' + detail;
      else if (name === 'InvalidStateError') why = '浏览器存储不可用' + detail;
      else why = (e && (name + ': ' + e.message)) || String(e);
      done(0, why);
    });
  },

  // 1 when a save spread over tasks was running and is now dropped (nothing
  // of it is written; the last good generation stays).
  htk_storage_hurry: function () {
    var token = HTK.storage.current;
    if (!token || !token.spread) return 0;
    token.dropped = true;
    HTK.storage.current = null;
    if (token.abort) token.abort();  // (not begun yet: storage.save sees `dropped`)
    return 1;
  },

  // --- files ------------------------------------------------------------------
  htk_download: function (name, data, size, mime) {
    // (the Blob copies the bytes: no copy of its own first)
    var blob = new Blob([HEAPU8.subarray(data, data + size)], { type: UTF8ToString(mime) });
    var a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = UTF8ToString(name);
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 10000);
  },
  htk_open_file_picker: function () { HTK.files.pick(); },
  htk_today_override: function (buf, cap) {
    var v = new URLSearchParams(location.search).get('today') || '';
    stringToUTF8(/^\d{4}-\d{2}-\d{2}$/.test(v) ? v : '', buf, cap);
  },

  // --- keyboard, IME, clipboard, cursor ---------------------------------------
  htk_text_input: function (active, x, y, h) {
    var ta = HTK.input.ta;
    if (!ta) return;
    if (active) {
      ta.style.left = x + 'px';
      ta.style.top = y + 'px';
      ta.style.height = h + 'px';
      if (document.activeElement !== ta) ta.focus({ preventScroll: true });
    } else if (document.activeElement === ta) {
      ta.value = '';
      ta.blur();
    }
  },
  htk_clipboard_set: function (text) {
    text = UTF8ToString(text);
    var fallback = function () {
      var ta = HTK.input.ta, had = document.activeElement === ta;
      ta.value = text; ta.select();
      try { document.execCommand('copy'); } catch (e) {}
      ta.value = '';
      if (!had) ta.blur();
    };
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).catch(fallback);
    else fallback();
  },
  htk_set_cursor: function (name) {
    Module.canvas.style.cursor = UTF8ToString(name);
  },
});
