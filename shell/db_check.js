// db_check.js — the page's side of the whole-file check of a backup (an
// Emscripten --pre-js): a Web Worker per check (app/web_worker/db_check), so
// that the page draws while SQLite reads every page of the file. The app asks
// through htk_check_start / _poll / _drop (library_htk.js); a worker that
// cannot start or fails says so, and the app then checks on the page itself.
HTK.dbCheck = {
  jobs: new Map(),  // id -> {result: null while running, string when answered; failed: true}
  next: 1,
  url: null,        // the worker's script: the served file, or a blob: URL made once from the page

  // The offline .html carries the script gzip'd in base64 (web/tools/assemble_site.py).
  script: function () {
    var self = this;
    if (self.url) return self.url;
    var tag = document.getElementById('htk-db-check');
    if (!tag) return (self.url = Promise.resolve('db_check.js'));
    var gz = new Blob([HTK.base64ToBytes(tag.textContent)]);
    self.url = new Response(gz.stream().pipeThrough(new DecompressionStream('gzip'))).blob().then(function (b) {
      return URL.createObjectURL(new Blob([b], { type: 'text/javascript' }));
    });
    self.url.catch(function () { self.url = null; });
    return self.url;
  },

  // Takes the bytes (a copy of the heap's); -1 when workers are not available.
  start: function (bytes) {
    if (typeof Worker !== 'function' || typeof DecompressionStream !== 'function') return -1;
    var self = this, id = self.next++, job = { result: null, failed: false, worker: null };
    self.jobs.set(id, job);
    var wake = function () { if (Module['_htk_wake']) Module['_htk_wake'](); };
    var fail = function (why) {
      console.warn('db_check worker:', why);
      if (job.worker) job.worker.terminate();
      job.failed = true;
      wake();
    };
    self.script().then(function (url) {
      if (!self.jobs.has(id)) return;
      var w = job.worker = new Worker(url);
      w.onmessage = function (e) {
        job.result = String(e.data.result);
        w.terminate();
        performance.mark('htk-db-check-done');
        wake();
      };
      w.onerror = function (e) { e.preventDefault(); fail(e.message || 'error'); };
      w.postMessage({ bytes: bytes.buffer }, [bytes.buffer]);
      bytes = null;
    }).catch(function (e) { fail(String(e)); });
    return id;
  },

  // 0 running, 1 answered (the result copied out), 2 failed.
  poll: function (id) {
    var job = this.jobs.get(id);
    if (!job || job.failed) return 2;
    return job.result === null ? 0 : 1;
  },
  result: function (id) { return this.jobs.get(id).result; },
  drop: function (id) {
    var job = this.jobs.get(id);
    if (job && job.worker) job.worker.terminate();
    this.jobs.delete(id);
  },
};
