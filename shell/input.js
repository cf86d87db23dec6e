// input.js — keyboard, mouse, IME, clipboard and page life cycle (an Emscripten --pre-js).
//
// The canvas cannot receive composed text, so a hidden <textarea id="ime">
// takes the keyboard whenever ImGui wants text (the app focuses it through
// htk_text_input). Text reaches the app only from that textarea's value,
// after a composition ends or a plain insert happens, and the textarea is
// emptied each time: whatever order the browser fires compositionend and
// input in, every character arrives exactly once. Keys go to the app as DOM
// keyCodes (mapped to ImGuiKey in app/ui/keys.cpp).

HTK.input = {
  ta: null,
  composing: false,

  call: function (name, args) {
    if (!HTK.running) return;
    Module['_' + name].apply(null, args);
  },
  // Passes a JS string to a C function taking (const char*), through the heap.
  callText: function (name, text) {
    if (!HTK.running || !text) return;
    var n = lengthBytesUTF8(text) + 1, p = _malloc(n);
    stringToUTF8(text, p, n);
    Module['_' + name](p);
    _free(p);
  },
  mods: function (e) {
    return (e.ctrlKey ? 1 : 0) | (e.shiftKey ? 2 : 0) | (e.altKey ? 4 : 0) | (e.metaKey ? 8 : 0);
  },

  flushText: function () {
    var v = this.ta.value;
    if (!v) return;
    this.ta.value = '';
    this.callText('htk_on_text', v);
  },

  // Keys whose browser default must not run while the app has the keyboard:
  // editing/navigation keys (the textarea would act on them, Tab would move
  // focus, Space would scroll) and the Ctrl shortcuts the app uses.
  preventKey: function (e) {
    var k = e.keyCode, ctrl = e.ctrlKey || e.metaKey;
    if (ctrl) return /^[ABDEFGHKOPSUYZ1-6]$/.test(String.fromCharCode(k));  // Ctrl+1…6: the sections
    if (k >= 112 && k <= 123) return k === 112;  // F1 is help; other F-keys stay the browser's
    return [8, 9, 13, 27, 32, 33, 34, 35, 36, 37, 38, 39, 40, 45, 46].indexOf(k) >= 0 &&
           !(k === 32 && document.activeElement === this.ta);
  },

  install: function () {
    var self = this, canvas = Module.canvas, ta = document.getElementById('ime');
    self.ta = ta;

    // Keyboard. Registered in the capture phase on window so that nothing else sees keys first.
    window.addEventListener('keydown', function (e) {
      if (e.isComposing || e.keyCode === 229 || self.composing) return;  // the IME owns this key
      var ctrl = e.ctrlKey || e.metaKey;
      // Ctrl+V is delivered by the 'paste' event with the clipboard's text.
      if (!(ctrl && e.keyCode === 86)) self.call('htk_on_key', [e.keyCode, 1, self.mods(e)]);
      if (HTK.onShortcut && HTK.onShortcut(e)) { e.preventDefault(); return; }
      if (self.preventKey(e)) e.preventDefault();
    }, true);
    window.addEventListener('keyup', function (e) {
      if (e.keyCode === 229) return;
      self.call('htk_on_key', [e.keyCode, 0, self.mods(e)]);
    }, true);
    window.addEventListener('blur', function () { self.call('htk_on_focus', [0]); });
    window.addEventListener('focus', function () { self.call('htk_on_focus', [1]); });

    // Text through the textarea.
    ta.addEventListener('compositionstart', function () { self.composing = true; });
    ta.addEventListener('compositionend', function () { self.composing = false; self.flushText(); });
    ta.addEventListener('input', function (e) {
      if (e.isComposing || self.composing) return;
      self.flushText();
    });

    // Clipboard: paste anywhere (a field or the page) hands the text to the app.
    document.addEventListener('paste', function (e) {
      var text = e.clipboardData ? e.clipboardData.getData('text/plain') : '';
      e.preventDefault();
      self.callText('htk_on_paste', text);
    });

    // Mouse.
    function pos(e) {
      var r = canvas.getBoundingClientRect();
      self.call('htk_on_mouse_pos', [e.clientX - r.left, e.clientY - r.top]);
    }
    canvas.addEventListener('contextmenu', function (e) { e.preventDefault(); });  // no browser menu over the app
    canvas.addEventListener('mousedown', function (e) {
      e.preventDefault();  // keep focus where the app put it (the IME textarea or nothing)
      pos(e);
      self.call('htk_on_mouse_button', [e.button === 2 ? 1 : e.button === 1 ? 2 : 0, 1]);
    });
    window.addEventListener('mouseup', function (e) {
      pos(e);
      self.call('htk_on_mouse_button', [e.button === 2 ? 1 : e.button === 1 ? 2 : 0, 0]);
    });
    window.addEventListener('mousemove', pos);
    canvas.addEventListener('mouseleave', function () { self.call('htk_on_mouse_pos', [-1e9, -1e9]); });
    canvas.addEventListener('wheel', function (e) {
      e.preventDefault();
      var unit = e.deltaMode === 1 ? 3 : e.deltaMode === 2 ? 0.5 : 100;
      self.call('htk_on_wheel', [-e.deltaX / unit, -e.deltaY / unit]);
    }, { passive: false });

    // Page life cycle: write pending changes before the page goes away.
    document.addEventListener('visibilitychange', function () {
      if (document.visibilityState === 'hidden') self.call('htk_page_hidden', []);
    });
    window.addEventListener('pagehide', function () { self.call('htk_page_hidden', []); });
  },
};
