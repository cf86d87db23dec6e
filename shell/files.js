// files.js — files into the app (an Emscripten --pre-js): the file chooser
// (Ctrl+O or a button) and files dropped anywhere on the page. Each file's
// bytes go to htk_on_file(name, data, size, modified); the app shows what it
// found. `modified` is the file's own local time (the district office dates
// a unit's report by it when the sheet carries no date).

HTK.files = {
  input: null,

  deliver: function (fileList) {
    Array.prototype.forEach.call(fileList || [], function (file) {
      file.arrayBuffer().then(function (buf) {
        var bytes = new Uint8Array(buf);
        var p = _malloc(Math.max(1, bytes.length));
        HEAPU8.set(bytes, p);
        var n = lengthBytesUTF8(file.name) + 1, np = _malloc(n);
        stringToUTF8(file.name, np, n);
        var mp = _malloc(32);
        stringToUTF8(HTK.files.localTime(file.lastModified), mp, 32);
        Module['_htk_on_file'](np, p, bytes.length, mp);
        performance.mark('htk-file-arrived');  // for tests/bench
        _free(mp);
        _free(np);
        _free(p);
      });
    });
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
