#!/usr/bin/python3
"""Assemble the served site and the single-file offline page from shell/index.html.

Site:    index.html loads start.js, which at once downloads and compiles app.wasm, reads
         fonts/ui.ttf and asks for the stored data, the writer lock and the WebGL context,
         and app.js, which takes them and starts the app; fonts/extra.ttf.gz (the rest of the
         CJK characters) is fetched after the first frame (loader.js);
         sw.js (a service worker) keeps them so that a visited URL opens offline,
         manifest.webmanifest and icon.svg let the browser install it as an app.
         db_check.js is the Web Worker that checks a backup (app/web_worker), fetched when one is restored.
Offline: one .html with the SINGLE_FILE script (wasm inside) and both fonts inline, gzip-compressed
         (the page's text is parsed before start-up: each MB cost ~130 ms of first frame); the
         second after the script, decoded after the first frame; the worker's script after it,
         gzip-compressed, made into a blob: URL when a backup is checked.
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
        # The backup check's worker: served as db_check.js, made from the page offline.
        "worker-src 'self'" + ("" if scripts_self else " blob:"),
        "manifest-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
        "object-src 'none'",
    ]
    meta = '<meta http-equiv="Content-Security-Policy" content="' + "; ".join(policy) + '">'
    return page.replace("@HTK_CSP@", meta)


# The served site's other files, kept in shell/ beside the page: the service
# worker, the web app manifest and its icon. @HTK_VERSION@ is filled in.
SITE_FILES = ("sw.js", "manifest.webmanifest", "icon.svg")


def main():
    ap = argparse.ArgumentParser()
    for name in ("version", "shell", "app-js", "single-js", "font", "extra-font", "db-check", "site", "offline"):
        ap.add_argument("--" + name, required=True)
    a = ap.parse_args()

    with open(a.shell, encoding="utf-8") as f:
        shell = f.read().replace("@HTK_VERSION@", a.version)

    os.makedirs(a.site, exist_ok=True)
    shutil.copyfile(a.app_js, os.path.join(a.site, "app.js"))
    shutil.copyfile(os.path.splitext(a.app_js)[0] + ".wasm", os.path.join(a.site, "app.wasm"))
    shutil.copyfile(a.db_check, os.path.join(a.site, "db_check.js"))
    # The site's start.js begins with contract.js (the names and WebGL
    # attributes the scripts share; app.js carries it too): one request.
    with open(os.path.join(a.site, "start.js"), "w", encoding="utf-8") as out:
        for name in ("contract.js", "start.js"):
            with open(os.path.join(os.path.dirname(a.shell), name), encoding="utf-8") as f:
                out.write(f.read())
    site_html = shell.replace("@HTK_FONT@", "").replace("@HTK_FONT_EXTRA@", "").replace("@HTK_SCRIPTS@", '<script src="app.js"></script>')
    # start.js first of all: what start-up waits on is asked for while the rest loads.
    site_html = site_html.replace("<style>", '<script src="start.js"></script>\n<style>', 1)
    site_html = csp(site_html, scripts_self=True)
    site_html = site_html.replace("</title>", '</title>\n<link rel="manifest" href="manifest.webmanifest">', 1)
    for name in SITE_FILES:
        with open(os.path.join(os.path.dirname(a.shell), name), encoding="utf-8") as f:
            text = f.read()
        with open(os.path.join(a.site, name), "w", encoding="utf-8") as f:
            f.write(text.replace("@HTK_VERSION@", a.version))
    with open(os.path.join(a.site, "index.html"), "w", encoding="utf-8") as f:
        f.write(site_html)

    with open(a.font, "rb") as f:
        font_b64 = base64.b64encode(gzip.compress(f.read(), 9, mtime=0)).decode("ascii")
    with open(a.extra_font, "rb") as f:
        extra_b64 = base64.b64encode(f.read()).decode("ascii")
    with open(a.single_js, encoding="utf-8") as f:
        single_js = f.read()
    with open(a.db_check, "rb") as f:
        db_check_b64 = base64.b64encode(gzip.compress(f.read(), 9, mtime=0)).decode("ascii")
    offline = shell.replace(
        "@HTK_FONT@", '<script id="htk-font" type="application/octet-stream">' + font_b64 + "</script>"
    ).replace("@HTK_SCRIPTS@", inline_script(single_js)).replace(
        "@HTK_FONT_EXTRA@", '<script id="htk-font-extra" type="application/octet-stream">' + extra_b64 + "</script>"
        + '\n<script id="htk-db-check" type="application/octet-stream">' + db_check_b64 + "</script>")
    offline = csp(offline, scripts_self=False)
    os.makedirs(os.path.dirname(a.offline), exist_ok=True)
    tmp = a.offline + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(offline)
    os.replace(tmp, a.offline)


if __name__ == "__main__":
    main()
