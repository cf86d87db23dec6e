// files.js — files into the app (an Emscripten --pre-js): the file chooser
// (Ctrl+O or a button) and files dropped anywhere on the page. Each file's
// bytes go, a slice at a time, into a buffer the app gives
// (htk_file_begin/_data/_received/_end); the app shows what it found. The
// file's own local time goes with it (the district office dates a unit's
// report by it when the sheet carries no date).

HTK.files = {
  input: null,
  // A file is copied in slices of this size, one per task, straight into the
  // buffer the app keeps: the page draws (and shows the progress) between
  // slices, where reading a 135 MB registry whole held it for 1.5 s.
  SLICE: 4 << 20,

  deliver: function (fileList) {
    Array.prototype.forEach.call(fileList || [], function (file) { HTK.files.read(file); });
  },

  read: function (file) {
    var str = function (s, cap) {
      var n = cap || lengthBytesUTF8(s) + 1, p = _malloc(n);
      stringToUTF8(s, p, n);
      return p;
    };
    var np = str(file.name), mp = str(HTK.files.localTime(file.lastModified), 32);
    var id = Module['_htk_file_begin'](np, file.size, mp);
    _free(mp);
    _free(np);
    var end = function (ok, why) {
      var wp = str(why || '');
      Module['_htk_file_end'](id, ok, wp);
      _free(wp);
      performance.mark('htk-file-arrived');  // for tests/bench
    };
    var at = 0;
    var next = function () {
      // Asked again each time: the heap may have grown meanwhile (the
      // address stays, HEAPU8 is a new view).
      var p = Module['_htk_file_data'](id, 0);
      if (!p) return end(0, '');  // refused (too large): the app says why
      if (at >= file.size) return end(1, '');
      var to = Math.min(file.size, at + HTK.files.SLICE);
      file.slice(at, to).arrayBuffer().then(function (buf) {
        HEAPU8.set(new Uint8Array(buf, 0, Math.min(buf.byteLength, to - at)), Module['_htk_file_data'](id, to) + at);
        at = to;
        Module['_htk_file_received'](id, at);
        next();
      }, function (e) { end(0, (e && e.message) || String(e)); });
    };
    next();
  },

  // "2022-06-15 12:00:00" in local time; "" when the browser gives no time.
  localTime: function (ms) {
    if (!ms) return '';
    var d = new Date(ms), two = function (n) { return (n < 10 ? '0' : '') + n; };
    return d.getFullYear() + '-' + two(d.getMonth() + 1) + '-' + two(d.getDate()) + ' ' +
      two(d.getHours()) + ':' + two(d.getMinutes()) + ':' + two(d.getSeconds());
  },

  // Must run inside a user gesture (a key or click handler) for the browser to open the chooser.
  pick: function () {
    if (!this.input) {
      var input = this.input = document.createElement('input');
      input.type = 'file';
      input.multiple = true;
      input.accept = '.xlsx,.csv,.txt,.db,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';
      input.style.display = 'none';
      input.addEventListener('change', function () {
        HTK.files.deliver(input.files);
        input.value = '';
      });
      document.body.appendChild(input);
    }
    this.input.click();
  },

  install: function () {
    window.addEventListener('dragover', function (e) { e.preventDefault(); });
    window.addEventListener('drop', function (e) {
      e.preventDefault();
      if (e.dataTransfer) HTK.files.deliver(e.dataTransfer.files);
    });
  },
};

// Shortcuts that need the browser's user gesture right in the key handler.
HTK.onShortcut = function (e) {
  var ctrl = e.ctrlKey || e.metaKey;
  if (ctrl && !e.shiftKey && !e.altKey && e.keyCode === 79) {  // Ctrl+O: open
    HTK.files.pick();
    return true;
  }
  return false;
};
