#!/usr/bin/python3
"""Assemble the served site and the single-file offline page from shell/index.html.

Site:    index.html loads start.js, which at once downloads and compiles app.wasm, reads
         fonts/ui.ttf and asks for the stored data, the writer lock and the WebGL context,
         and app.js, which takes them and starts the app; fonts/extra.ttf.gz (the rest of the
         CJK characters) is fetched after the first frame (loader.js);
         sw.js (a service worker) keeps them so that a visited URL opens offline,
         manifest.webmanifest and icon.svg let the browser install it as an app.
Offline: one .html with the SINGLE_FILE script (wasm inside) and both fonts inline, gzip-compressed
         (the page's text is parsed before start-up: each MB cost ~130 ms of first frame); the
         second after the script, decoded after the first frame.
"""
import argparse
import base64
import gzip
import hashlib
import os
import re
import shutil


def inline_script(js):
    # A literal "</script" inside the code would end the element early.
    return "<script>\n" + js.replace("</script", "<\\/script") + "\n</script>"


def sha256(text):
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def csp(page, scripts_self):
    """The page's Content-Security-Policy: nothing from elsewhere, no inline
    code but the page's own (by hash), and WebAssembly compilation allowed
    ('wasm-unsafe-eval', Chromium 97+) without allowing eval() itself."""
    styles = [sha256(m) for m in re.findall(r"<style>(.*?)</style>", page, re.S)]
    scripts = [sha256(m) for m in re.findall(r"<script>(.*?)</script>", page, re.S)]
    script_src = (["'self'"] if scripts_self else []) + scripts + ["'wasm-unsafe-eval'"]
    policy = [
        "default-src 'none'",
        "script-src " + " ".join(script_src),
        "style-src " + " ".join(styles),
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "worker-src 'self'",
        "manifest-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
        "object-src 'none'",
    ]
    meta = '<meta http-equiv="Content-Security-Policy" content="' + "; ".join(policy) + '">'
    return page.replace("@HTK_CSP@", meta)


# The service worker: network first (a rebuilt or updated app is picked up
# whenever the server answers), the cached copy when it does not (offline).
# The cache is named after the version; older ones are dropped on activation.
SERVICE_WORKER = """// sw.js — keeps the app's files for offline use (generated; version @V@).
const CACHE = 'huitoukan-@V@';
const FILES = ['./', 'index.html', 'start.js', 'app.js', 'app.wasm', 'fonts/ui.ttf', 'fonts/extra.ttf.gz', 'manifest.webmanifest', 'icon.svg'];

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
"""

MANIFEST = """{
  "name": "回头看整改台账",
  "short_name": "整改台账",
  "description": "巩固拓展脱贫攻坚成果行业政策落实“回头看”：入户排查、整改台账、周报和区级汇总（版本 @V@）",
  "lang": "zh-CN",
  "start_url": "./",
  "scope": "./",
  "display": "standalone",
  "background_color": "#f3f4f6",
  "theme_color": "#b91c1c",
  "icons": [{"src": "icon.svg", "sizes": "any", "type": "image/svg+xml"}]
}
"""

ICON = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">
<rect width="64" height="64" rx="12" fill="#b91c1c"/>
<path d="M16 18h32v28H16z" fill="none" stroke="#fff" stroke-width="4"/>
<path d="M22 28h20M22 36h14" stroke="#fff" stroke-width="4"/>
</svg>
"""


def main():
    ap = argparse.ArgumentParser()
    for name in ("version", "shell", "app-js", "single-js", "font", "extra-font", "site", "offline"):
        ap.add_argument("--" + name, required=True)
    a = ap.parse_args()

    with open(a.shell, encoding="utf-8") as f:
        shell = f.read().replace("@HTK_VERSION@", a.version)

    os.makedirs(a.site, exist_ok=True)
    shutil.copyfile(a.app_js, os.path.join(a.site, "app.js"))
    shutil.copyfile(os.path.splitext(a.app_js)[0] + ".wasm", os.path.join(a.site, "app.wasm"))
    shutil.copyfile(os.path.join(os.path.dirname(a.shell), "start.js"), os.path.join(a.site, "start.js"))
    site_html = shell.replace("@HTK_FONT@", "").replace("@HTK_FONT_EXTRA@", "").replace("@HTK_SCRIPTS@", '<script src="app.js"></script>')
    # start.js first of all: what start-up waits on is asked for while the rest loads.
    site_html = site_html.replace("<style>", '<script src="start.js"></script>\n<style>', 1)
    site_html = csp(site_html, scripts_self=True)
    site_html = site_html.replace("</title>", '</title>\n<link rel="manifest" href="manifest.webmanifest">', 1)
    for name, text in (("sw.js", SERVICE_WORKER), ("manifest.webmanifest", MANIFEST), ("icon.svg", ICON)):
        with open(os.path.join(a.site, name), "w", encoding="utf-8") as f:
            f.write(text.replace("@V@", a.version))
    with open(os.path.join(a.site, "index.html"), "w", encoding="utf-8") as f:
        f.write(site_html)

    with open(a.font, "rb") as f:
        font_b64 = base64.b64encode(gzip.compress(f.read(), 9, mtime=0)).decode("ascii")
    with open(a.extra_font, "rb") as f:
        extra_b64 = base64.b64encode(f.read()).decode("ascii")
    with open(a.single_js, encoding="utf-8") as f:
        single_js = f.read()
    offline = shell.replace(
        "@HTK_FONT@", '<script id="htk-font" type="application/octet-stream">' + font_b64 + "</script>"
    ).replace("@HTK_SCRIPTS@", inline_script(single_js)).replace(
        "@HTK_FONT_EXTRA@", '<script id="htk-font-extra" type="application/octet-stream">' + extra_b64 + "</script>")
    offline = csp(offline, scripts_self=False)
    os.makedirs(os.path.dirname(a.offline), exist_ok=True)
    tmp = a.offline + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(offline)
    os.replace(tmp, a.offline)


if __name__ == "__main__":
    main()
