// sw.js — keeps the app's files for offline use (version @HTK_VERSION@, filled in by
// web/tools/assemble_site.py). Network first: a rebuilt or updated app is picked up
// whenever the server answers; the cached copy when it does not (offline). The
// cache is named after the version; older ones are dropped on activation.
const CACHE = 'huitoukan-@HTK_VERSION@';
const FILES = ['./', 'index.html', 'start.js', 'app.js', 'app.wasm', 'db_check.js', 'fonts/ui.ttf', 'fonts/extra.ttf.gz', 'manifest.webmanifest', 'icon.svg'];

self.addEventListener('install', (e) => {
  e.waitUntil(caches.open(CACHE).then((c) => c.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (e) => {
  e.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (e) => {
  const req = e.request;
  if (req.method !== 'GET' || new URL(req.url).origin !== location.origin) return;
  const key = req.mode === 'navigate' ? 'index.html' : req;
  e.respondWith(fetch(req).then((resp) => {
    if (resp.ok) {
      const copy = resp.clone();
      caches.open(CACHE).then((c) => c.put(key, copy));
    }
    return resp;
  }).catch(() => caches.match(key, { ignoreSearch: true }).then((hit) => hit || Response.error())));
});
