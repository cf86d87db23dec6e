// files.js — files into the app (an Emscripten --pre-js): the file chooser
// (Ctrl+O or a button) and files dropped anywhere on the page. Each file's
// bytes go to htk_on_file(name, data, size); the app shows what it found.

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
        Module['_htk_on_file'](np, p, bytes.length);
        _free(np);
        _free(p);
      });
    });
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
